package io.serverlessstack.fake.internal.apigateway.vtl;

import static io.serverlessstack.fake.internal.apigateway.vtl.Calls.call;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code $input} as AWS answers. The expected texts of the first tests are AWS's own, recorded by
 * LocalStack's AWS-validated snapshot tests ({@code test_input_path_template_formatting} and {@code
 * test_input_body_formatting} in tests/aws/services/apigateway/test_apigateway_common.py).
 */
class InputVariableTest {

  private static final String PATH = "#set($result = $input.path(\"$.json\"))$result";
  private static final String NESTED = "#set($result = $input.path(\"$.json\"))$result.nested";
  private static final String LIST = "#set($result = $input.path(\"$.json\"))$result[0]";
  private static final String TO_STRING =
      "#set($result = $input.path(\"$.json\"))$result.toString()";
  private static final String PROBE =
      "{\"body\": $result, \"nested\": $result.nested,"
          + " \"isNull\": #if( $result == $null )\"true\"#else\"false\"#end,"
          + " \"isEmptyString\": #if( $result == \"\" )\"true\"#else\"false\"#end}";

  @ParameterizedTest(name = "{0} of {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "PATH|{\"foo\":\"bar\"}|{foo=bar}",
        "PATH|[{\"foo\":\"bar\"}]|[{\"foo\":\"bar\"}]",
        "NESTED|{\"nested\":{\"foo\":\"bar\"}}|{foo=bar}",
        "NESTED|{\"nested\":[{\"foo\":\"bar\"}]}|[{\"foo\":\"bar\"}]",
        "LIST|[{\"foo\":\"bar\"}]|{foo=bar}",
        "LIST|[[{\"foo\":\"bar\"}]]|[{\"foo\":\"bar\"}]",
        "PATH|{\"foo\":[{\"nested\":\"bar\"}]}|{foo=[{\"nested\":\"bar\"}]}",
        "PATH|{\"bigger\":\"dict\",\"to\":\"test\",\"with\":\"separators\"}"
            + "|{bigger=dict, to=test, with=separators}",
        "TO_STRING|{\"foo\":\"bar\"}|{foo=bar}",
        "TO_STRING|{\"list\":[{\"foo\":\"bar\"}]}|{list=[{\"foo\":\"bar\"}]}"
      })
  void pathResultsRenderAsAwsRecordedThem(String template, String json, String expected) {
    String text =
        template.equals("PATH")
            ? PATH
            : template.equals("NESTED") ? NESTED : template.equals("LIST") ? LIST : TO_STRING;

    assertThat(response(text, "{\"json\": " + json + "}")).isEqualTo(expected);
  }

  @Test
  void missingPathRendersEmptyAndEqualsBothNullAndEmptyText() {
    String template = "#set($result = $input.path(\"$.nonExisting\"))" + PROBE;

    assertThat(response(template, ""))
        .isEqualTo("{\"body\": , \"nested\": , \"isNull\": \"true\", \"isEmptyString\": \"true\"}");
  }

  @Test
  void emptyListIsNeitherNullNorEmptyText() {
    String template = "#set($result = $input.path(\"$.json.listValue\"))" + PROBE;

    assertThat(response(template, "{\"json\": {\"listValue\": []}}"))
        .isEqualTo(
            "{\"body\": [], \"nested\": , \"isNull\": \"false\", \"isEmptyString\": \"false\"}");
  }

  @Test
  void jsonNullBehavesAsMissing() {
    String template = "#set($result = $input.path(\"$.json.listValue\"))" + PROBE;

    assertThat(response(template, "{\"json\": {\"listValue\": null}}"))
        .isEqualTo("{\"body\": , \"nested\": , \"isNull\": \"true\", \"isEmptyString\": \"true\"}");
  }

  @ParameterizedTest(name = "body [{0}]")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "``|{}",
        "{\"some\": \"value\"}|{\"some\": \"value\"}",
        "some raw data|some raw data"
      })
  void bodyIsTheRawPayloadAndAnEmptyObjectWhenEmpty(String body, String expected) {
    assertThat(call().body(body).render("#set($result = $input.body)$result")).isEqualTo(expected);
    assertThat(call().body(body).render("Action=SendMessage&MessageBody=$input.body"))
        .isEqualTo("Action=SendMessage&MessageBody=" + expected);
  }

  @ParameterizedTest(name = "body [{0}]")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "``|EncodedBody=%7B%7D&EncodedBodyAccess=",
        "{\"some\": \"value\"}|EncodedBody=%7B%22some%22%3A+%22value%22%7D&EncodedBodyAccess=",
        "some raw data|EncodedBody=some+raw+data&EncodedBodyAccess="
      })
  void propertyOfTheBodyTextIsEmpty(String body, String expected) {
    assertThat(call().body(body).render("#set($result = $input.body.testAccess)$result")).isEmpty();
    assertThat(
            call()
                .body(body)
                .render(
                    "EncodedBody=$util.urlEncode($input.body)"
                        + "&EncodedBodyAccess=$util.urlEncode($input.body.testAccess)"))
        .isEqualTo(expected);
  }

  @Test
  void jsonOfTheWholeEmptyBodyIsAnEmptyObject() {
    assertThat(call().body("").render("$input.json('$')")).isEqualTo("{}");
    assertThat(call().body("").render("$input.path('$').size()")).isEqualTo("0");
  }

  @Test
  void jsonIsCompactJsonOfTheSelection() {
    String body =
        "{\"pets\": [{\"id\": 1, \"type\": \"dog\", \"price\": 249.99}], \"name\": \"x\"}";

    assertThat(call().body(body).render("$input.json('$.pets')"))
        .isEqualTo("[{\"id\":1,\"type\":\"dog\",\"price\":249.99}]");
    assertThat(call().body(body).render("$input.json('$.name')")).isEqualTo("\"x\"");
    assertThat(call().body(body).render("$input.json('$.pets[*].type')")).isEqualTo("[\"dog\"]");
  }

  @Test
  void jsonOfAMissingPathIsAnEmptyJsonString() {
    assertThat(call().body("{\"a\": 1}").render("$input.json('$.message')")).isEqualTo("\"\"");
  }

  @Test
  void pathObjectsIterateCountAndExposeFields() {
    String body =
        "{\"pets\": [{\"id\": 1, \"type\": \"dog\", \"price\": 249.99},"
            + " {\"id\": 2, \"type\": \"cat\", \"price\": 124.99},"
            + " {\"id\": 3, \"type\": \"fish\", \"price\": 0.99}]}";
    String template =
        "$input.path('$.pets').size() $input.path('$.pets').count()"
            + "#foreach($pet in $input.path('$.pets')) $pet.id:$pet.type:$pet.price#end";

    assertThat(call().body(body).render(template))
        .isEqualTo("3 3 1:dog:249.99 2:cat:124.99 3:fish:0.99");
  }

  @Test
  void bodyThatIsNoJsonReadsAsOneString() {
    Calls raw = call().body("not json");

    assertThat(raw.render("$input.path('$.myVar')")).isEmpty();
    assertThat(raw.render("$input.json('$.message')")).isEqualTo("\"\"");
    assertThat(raw.render("$input.path('$')")).isEqualTo("not json");
    assertThat(raw.render("$input.json('$')")).isEqualTo("\"not json\"");
  }

  @Test
  void paramsAreSearchedInPathThenQueryThenHeaders() {
    Calls calls =
        call()
            .pathParameter("id", "from-path")
            .query("id=from-query&q=search&q=last")
            .header("id", "from-header")
            .header("X-Trace", "t-1");

    assertThat(calls.render("$input.params('id')|$input.params('q')|$input.params('x-trace')"))
        .isEqualTo("from-path|last|t-1");
    assertThat(calls.render("[$input.params('absent')]")).isEqualTo("[]");
  }

  @Test
  void allParamsArePathQuerystringAndHeaderMaps() {
    String rendered =
        call()
            .pathParameter("id", "abc")
            .query("a=1&b=two%20words")
            .header("Accept", "text/plain")
            .render("$input.params()");

    assertThat(rendered)
        .isEqualTo("{path={id=abc}, querystring={a=1, b=two words}, header={Accept=text/plain}}");
  }

  @Test
  void responseTemplatesReadTheIntegrationResponseButTheMethodRequestsParams() {
    String rendered =
        MappingTemplates.render(
                "$input.path('$.result') for $input.params('id')",
                TemplateInput.forResponse(
                    call().pathParameter("id", "abc").body("{\"result\": \"request\"}").build(),
                    "{\"result\": \"response\"}".getBytes(StandardCharsets.UTF_8),
                    Overrides.NONE))
            .body();

    assertThat(rendered).isEqualTo("response for abc");
  }

  private static String response(String template, String integrationResponseBody) {
    return MappingTemplates.render(
            template,
            TemplateInput.forResponse(
                call().build(),
                integrationResponseBody.getBytes(StandardCharsets.UTF_8),
                Overrides.NONE))
        .body();
  }
}
