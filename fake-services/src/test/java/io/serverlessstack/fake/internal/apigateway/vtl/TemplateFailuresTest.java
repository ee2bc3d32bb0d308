package io.serverlessstack.fake.internal.apigateway.vtl;

import static io.serverlessstack.fake.internal.apigateway.vtl.Calls.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Templates that fail, and what a template may not reach. */
class TemplateFailuresTest {

  @Test
  void templateThatDoesNotParseFails() {
    assertThatThrownBy(() -> call().render("#foreach($x in $input.path('$'))no end"))
        .isInstanceOf(TemplateFailure.class)
        .hasMessageStartingWith("The mapping template does not parse");
    assertThatThrownBy(() -> call().render("#if($input.body == )x#end"))
        .isInstanceOf(TemplateFailure.class);
  }

  @Test
  void templateWhoseMethodThrowsFails() {
    assertThatThrownBy(() -> call().render("{\"a\": $util.parseJson('{oops').a}"))
        .isInstanceOf(TemplateFailure.class)
        .hasMessageContaining("parseJson");
  }

  @Test
  void macroThatCallsItselfForeverFails() {
    assertThatThrownBy(() -> call().render("#macro(loop)#loop()#end#loop()"))
        .isInstanceOf(TemplateFailure.class);
  }

  @Test
  void failureAnswersAsAwsDoes() {
    assertThat(TemplateFailure.STATUS).isEqualTo(500);
    assertThat(TemplateFailure.CLIENT_MESSAGE).isEqualTo("Internal server error");
  }

  @Test
  void aFailedTemplateLeavesTheRendererWorking() {
    assertThatThrownBy(() -> call().render("#end")).isInstanceOf(TemplateFailure.class);

    assertThat(call().body("{\"a\": 1}").render("$input.path('$.a')")).isEqualTo("1");
  }

  @Test
  void templatesCannotReachClassesOrTheirLoaders() {
    String rendered =
        call()
            .render(
                "[$input.getClass().getName()]"
                    + "[$input.getClass().forName('java.lang.Runtime')]"
                    + "[$input.getClass().getClassLoader()]"
                    + "[$util.getClass().getProtectionDomain()]"
                    + "[$context.getClass().forName('java.lang.System').getProperty('user.home')]");

    assertThat(rendered).isEqualTo("[" + InputVariable.class.getName() + "][][][][]");
  }

  @Test
  void templatesCannotIncludeOrParseFiles() {
    String rendered = call().render("#include('/etc/hostname')#parse('/etc/hostname')");

    assertThat(rendered).isEqualTo("#include('/etc/hostname')#parse('/etc/hostname')");
  }

  @Test
  void foreachStopsAtAwsLimitOfAThousandIterations() {
    String rendered = call().render("#foreach($i in [1..5000])#set($last = $i)#end$last");

    assertThat(rendered).isEqualTo("1000");
  }

  @Test
  void macroOfOneTemplateIsNotSeenByAnother() {
    assertThat(call().render("#macro(greet)hello#end#greet()")).isEqualTo("hello");

    assertThat(call().render("#greet()")).isEqualTo("#greet()");
  }

  @Test
  void templatesKeepVelocity17Whitespace() {
    // Velocity 1.7 drops a directive-only line and the line break after an #end; AWS's photo
    // example carries a blank line inside its #foreach for that reason.
    String rendered =
        call()
            .body("{\"items\": [1, 2]}")
            .render(
                "[\n#foreach($i in $input.path('$.items'))\n  $i#if($foreach.hasNext),#end\n#end\n]");

    assertThat(rendered).isEqualTo("[\n  1,  2]");
  }

  @Test
  void conditionIsFalseOnlyForNullAndFalseAsInVelocity17() {
    assertThat(call().body("{\"flag\": false}").render("#if($input.path('$.flag'))y#{else}n#end"))
        .isEqualTo("n");
    assertThat(call().body("{\"list\": []}").render("#if($input.path('$.list'))y#{else}n#end"))
        .isEqualTo("y");
    assertThat(call().render("#if($input.params('absent') != \"\")y#{else}n#end")).isEqualTo("n");
  }
}
