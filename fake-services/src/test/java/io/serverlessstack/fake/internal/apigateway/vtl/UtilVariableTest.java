package io.serverlessstack.fake.internal.apigateway.vtl;

import static io.serverlessstack.fake.internal.apigateway.vtl.Calls.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** {@code $util} as AWS documents it. */
class UtilVariableTest {

  @Test
  void escapeJavaScriptEscapesSingleQuotesAsAwsDocuments() {
    assertThat(escaped("it's")).isEqualTo("it\\'s");
  }

  @Test
  void escapeJavaScriptFollowsJavaScriptStringRules() {
    assertThat(escaped("{\"foo\": 123}")).isEqualTo("{\\\"foo\\\": 123}");
    assertThat(escaped("a/b\\c")).isEqualTo("a\\/b\\\\c");
    assertThat(escaped("line\nnext\ttab")).isEqualTo("line\\nnext\\ttab");
    assertThat(escaped("café")).isEqualTo("caf\\u00E9");
    assertThat(escaped("0010")).isEqualTo("0010");
  }

  @Test
  void escapeJavaScriptOfJsonGivesAStringLiteralsContent() {
    String rendered =
        call()
            .body("{\"action\":\"$default\",\"message\":\"foobar\"}")
            .render("$util.escapeJavaScript($input.json('$.message'))");

    assertThat(rendered).isEqualTo("\\\"foobar\\\"");
  }

  @Test
  void urlEncodeAndDecodeUseTheFormEncoding() {
    assertThat(call().render("$util.urlEncode('x=a+b c/é')")).isEqualTo("x%3Da%2Bb+c%2F%C3%A9");
    assertThat(call().render("$util.urlDecode('x=a+b%2Fc%C3%A9')")).isEqualTo("x=a b/cé");
  }

  @Test
  void base64EncodesAndDecodesUtf8Text() {
    assertThat(call().render("$util.base64Encode('hello wörld')")).isEqualTo("aGVsbG8gd8O2cmxk");
    assertThat(call().render("$util.base64Decode('aGVsbG8gd8O2cmxk')")).isEqualTo("hello wörld");
  }

  @Test
  void parseJsonGivesTemplateObjectsOfEveryJsonKind() {
    assertThat(call().render("$util.parseJson('[1,2,3]')[0]")).isEqualTo("1");
    assertThat(
            call()
                .render(
                    "$util.parseJson('{\"key1\":\"var1\",\"key2\":{\"arr\":[1,2,3]}}').key2.arr[2]"))
        .isEqualTo("3");
    assertThat(call().render("$util.parseJson('\"string\"')")).isEqualTo("string");
    assertThat(call().render("#if($util.parseJson('true'))yes#end")).isEqualTo("yes");
    assertThat(call().render("$util.parseJson('[]').size()")).isEqualTo("0");
    assertThat(call().render("$util.parseJson('{\"a\":[1,{\"b\":2}]}')"))
        .isEqualTo("{a=[1,{\"b\":2}]}");
  }

  @Test
  void parseJsonOfTextThatIsNoJsonFailsTheTemplate() {
    assertThatThrownBy(() -> call().render("$util.parseJson('{oops')"))
        .isInstanceOf(TemplateFailure.class);
  }

  @Test
  void base64DecodeOfTextThatIsNoBase64FailsTheTemplate() {
    assertThatThrownBy(() -> call().render("$util.base64Decode('%%%')"))
        .isInstanceOf(TemplateFailure.class);
  }

  private static String escaped(String text) {
    return call()
        .stageVariable("text", text)
        .render("$util.escapeJavaScript($stageVariables.text)");
  }
}
