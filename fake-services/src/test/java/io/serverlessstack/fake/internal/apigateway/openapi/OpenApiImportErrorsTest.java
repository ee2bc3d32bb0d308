package io.serverlessstack.fake.internal.apigateway.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Documents AWS refuses, and warnings. The texts are AWS's answers as LocalStack's validated
 * snapshot tests recorded them (test_apigateway_import.snapshot.json: test_import_api_bad_file,
 * test_import_rest_apis_with_base_path_swagger).
 */
class OpenApiImportErrorsTest {

  private static ImportedApi read(String body, boolean failOnWarnings) {
    return OpenApiImport.read("a", body, Map.of(), failOnWarnings, OpenApiDocuments.ids());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        // AWS's own bad inputs of the recorded test: broken YAML and broken JSON.
        "test:\n    value:\n        - \"value ... \\\"escaped\\\": $var, \\\"dt\\\": $(var +\"%a\")}\\\"\n        ",
        "{'key:value}",
        "",
        "just text",
        "[1, 2, 3]",
        "{\"info\": {\"title\": \"no version field\"}, \"paths\": {}}"
      })
  void unreadableOrNonOpenApiBodiesAreInvalidOpenApiInput(String body) {
    assertThatThrownBy(() -> read(body, false))
        .isInstanceOf(InvalidApiDefinitionException.class)
        .hasMessage("Invalid OpenAPI input.");
  }

  private static final String NON_STRING_PARAMETER =
      String.join(
          "\n",
          "swagger: '2.0'",
          "info: {title: Warned, version: '1'}",
          "paths:",
          "  /test:",
          "    get:",
          "      responses: {'200': {description: ok}}",
          "      x-amazon-apigateway-integration:",
          "        type: http",
          "        httpMethod: GET",
          "        uri: https://example.com/test",
          "        requestParameters:",
          "          integration.request.header.nothing: true",
          "          integration.request.header.something: method.request.header.something",
          "");

  @Test
  void nonStringIntegrationParameterIsDroppedWithAwssWarning() {
    ImportedApi api = read(NON_STRING_PARAMETER, false);

    assertThat(api.warnings())
        .containsExactly(
            "Invalid format for 'requestParameters'. Expected type string for property"
                + " 'integration.request.header.nothing' of resource '/test' and method 'GET' but"
                + " got 'true'");
    assertThat(api.resources().get("/test").get("GET").methodIntegration().requestParameters())
        .containsExactly(
            Map.entry("integration.request.header.something", "method.request.header.something"));
  }

  @Test
  void failOnWarningsTurnsTheWarningsIntoTheImportsError() {
    assertThatThrownBy(() -> read(NON_STRING_PARAMETER, true))
        .isInstanceOf(InvalidApiDefinitionException.class)
        .hasMessage(
            "Warnings found during import:\n"
                + "\tInvalid format for 'requestParameters'. Expected type string for property"
                + " 'integration.request.header.nothing' of resource '/test' and method 'GET' but"
                + " got 'true'");
  }

  @Test
  void parserFindingsAreWarningsInAwssParseIssueWords() {
    ImportedApi api =
        read(
            "openapi: 3.0.1\ninfo: {title: T, version: '1'}\npaths:\n  /x:\n    get:\n      operationId: X\n",
            false);

    assertThat(api.warnings())
        .containsExactly("Parse issue: attribute paths.'/x'(get).responses is missing");
    assertThat(api.resources().get("/x")).containsOnlyKeys("GET");
  }

  @Test
  void integerStatusCodesOfIntegrationResponsesAreAccepted() {
    ImportedApi api =
        read(
            String.join(
                "\n",
                "openapi: 3.0.1",
                "info: {title: T, version: '1'}",
                "paths:",
                "  /x:",
                "    get:",
                "      responses: {200: {description: ok}}",
                "      x-amazon-apigateway-integration:",
                "        type: mock",
                "        responses: {default: {statusCode: 200}}",
                ""),
            true);

    assertThat(
            api.resources()
                .get("/x")
                .get("GET")
                .methodIntegration()
                .integrationResponses()
                .get("200")
                .statusCode())
        .isEqualTo("200");
    assertThat(api.resources().get("/x").get("GET").methodResponses()).containsOnlyKeys("200");
  }
}
