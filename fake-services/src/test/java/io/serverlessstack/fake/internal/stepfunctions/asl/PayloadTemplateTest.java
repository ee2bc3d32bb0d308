package io.serverlessstack.fake.internal.stepfunctions.asl;

import static io.serverlessstack.fake.internal.stepfunctions.asl.JsonPathDataFlowTest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class PayloadTemplateTest {

  private static final JsonNode CONTEXT =
      json(
          "{'Execution':{'Id':'arn:aws:states:us-east-1:123456789012:execution:m:e','Input':{}},"
              + "'State':{'Name':'S'},'Task':{'Token':'tok'},'Map':{'Item':{'Index':2,'Value':'v'}}}");

  @Test
  void documentedParametersExample() {
    // AWS docs (Parameters): flagged copied, parts filled from paths, including a slice.
    JsonNode template =
        json("{'flagged':true,'parts':{'first.$':'$.vals[0]','last3.$':'$.vals[3:]'}}");
    JsonNode input = json("{'flagged':7,'vals':[0,10,20,30,40,50]}");
    assertThat(PayloadTemplate.of(template).apply(input, CONTEXT))
        .isEqualTo(json("{'flagged':true,'parts':{'first':0,'last3':[30,40,50]}}"));
  }

  @Test
  void contextPathsAndIntrinsicsFillFields() {
    JsonNode template =
        json(
            "{'token.$':'$$.Task.Token','index.$':'$$.Map.Item.Index','id.$':'States.Format("
                + "\\u0027{}-{}\\u0027, $.name, $$.State.Name)','all.$':'$'}");
    JsonNode input = json("{'name':'n'}");
    assertThat(PayloadTemplate.of(template).apply(input, CONTEXT))
        .isEqualTo(json("{'token':'tok','index':2,'id':'n-S','all':{'name':'n'}}"));
  }

  @Test
  void templatesInsideArraysAreEvaluatedAndConstantsShared() {
    JsonNode template = json("{'list':[{'x.$':'$.a'},'lit',[1,2]],'const':{'deep':[1]}}");
    JsonNode out = PayloadTemplate.of(template).apply(json("{'a':5}"), CONTEXT);
    assertThat(out).isEqualTo(json("{'list':[{'x':5},'lit',[1,2]],'const':{'deep':[1]}}"));
    assertThat(out.get("const")).isSameAs(template.get("const"));
  }

  @Test
  void missingPathNamesThePathTheFieldAndTheInput() {
    // AWS: The JSONPath '$.application.address' specified for the field 'address.$' could not
    // be found in the input '{"flagged":false}'
    PayloadTemplate template = PayloadTemplate.of(json("{'address.$':'$.application.address'}"));
    assertThatThrownBy(() -> template.apply(json("{'flagged':false}"), CONTEXT))
        .isInstanceOfSatisfying(
            StatesError.class,
            e -> {
              assertThat(e.error()).isEqualTo("States.Runtime");
              assertThat(e.prefixedWithState()).isTrue();
              assertThat(e.cause())
                  .isEqualTo(
                      "The JSONPath '$.application.address' specified for the field 'address.$'"
                          + " could not be found in the input '{\"flagged\":false}'");
            });
  }

  @Test
  void missingContextPathShowsTheContextObject() {
    PayloadTemplate template = PayloadTemplate.of(json("{'value.$':'$$.Execution.Input.nope'}"));
    assertThatThrownBy(() -> template.apply(json("{}"), json("{'Execution':{'Input':{}}}")))
        .isInstanceOfSatisfying(
            StatesError.class,
            e ->
                assertThat(e.cause())
                    .isEqualTo(
                        "The JSONPath '$$.Execution.Input.nope' specified for the field"
                            + " 'value.$' could not be found in the input"
                            + " '{\"Execution\":{\"Input\":{}}}'"));
  }

  @Test
  void invalidDollarFieldsAreDefinitionErrors() {
    assertThatThrownBy(() -> PayloadTemplate.of(json("{'out.$':'not a path'}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "The value for the field 'out.$' must be a valid JSONPath or a valid intrinsic"
                + " function call");
    assertThatThrownBy(() -> PayloadTemplate.of(json("{'out.$':'States.Nope()'}")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PayloadTemplate.of(json("{'out.$':3}")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void nullValuesArePassedThrough() {
    assertThat(PayloadTemplate.of(json("{'v.$':'$.n'}")).apply(json("{'n':null}"), CONTEXT))
        .isEqualTo(json("{'v':null}"));
  }
}
