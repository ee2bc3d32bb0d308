package io.serverlessstack.fake.internal.apigateway.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.apigateway.model.EndpointType;

/**
 * PutRestApi mode=merge, with the developer guide's example: B has GET and POST /a, A has GET /a.
 */
class ImportedApiMergeTest {

  private static final String B =
      String.join(
          "\n",
          "openapi: 3.0.1",
          "info: {title: B, version: '1'}",
          "x-amazon-apigateway-binary-media-types: [image/png]",
          "x-amazon-apigateway-endpoint-configuration: {types: [REGIONAL]}",
          "x-amazon-apigateway-request-validators:",
          "  all: {validateRequestBody: true, validateRequestParameters: true}",
          "paths:",
          "  /a:",
          "    get:",
          "      x-amazon-apigateway-request-validator: all",
          "      responses: {'200': {description: ok}, '206': {description: partial}}",
          "    post:",
          "      responses: {'200': {description: ok}, '206': {description: partial}}",
          "  /b:",
          "    get:",
          "      responses: {'200': {description: ok}}",
          "components:",
          "  schemas:",
          "    Kept: {type: object}",
          "    Changed: {type: string}",
          "");

  private static final String A =
      String.join(
          "\n",
          "openapi: 3.0.1",
          "info: {title: A, version: '2'}",
          "x-amazon-apigateway-binary-media-types: [application/pdf]",
          "x-amazon-apigateway-endpoint-configuration: {types: [EDGE]}",
          "x-amazon-apigateway-request-validators:",
          "  all: {validateRequestBody: false, validateRequestParameters: true}",
          "paths:",
          "  /a:",
          "    get:",
          "      x-amazon-apigateway-request-validator: all",
          "      responses: {'200': {description: ok}, '400': {description: bad}}",
          "components:",
          "  schemas:",
          "    Changed: {type: integer}",
          "");

  @Test
  void mergeKeepsWhatTheDocumentDoesNotDeclareAndReplacesTheMethodsItDoes() {
    ImportedApi b = OpenApiImport.read("api", B, Map.of(), true, () -> "existing");
    ImportedApi a = OpenApiImport.read("api", A, Map.of(), true, () -> "incoming");

    ImportedApi merged = b.mergedWith(a);

    assertThat(merged.name()).isEqualTo("A");
    assertThat(merged.version()).isEqualTo("2");
    assertThat(merged.resources().get("/a")).containsOnlyKeys("GET", "POST");
    assertThat(merged.resources().get("/a").get("GET").methodResponses())
        .containsOnlyKeys("200", "400");
    assertThat(merged.resources().get("/a").get("POST").methodResponses())
        .containsOnlyKeys("200", "206");
    assertThat(merged.resources()).containsKey("/b");
    assertThat(merged.models()).containsOnlyKeys("Kept", "Changed");
    assertThat(merged.models().get("Changed").schema()).isEqualTo("{\"type\":\"integer\"}");
    assertThat(merged.binaryMediaTypes()).containsExactly("image/png", "application/pdf");
    assertThat(merged.endpointConfiguration().types()).containsExactly(EndpointType.REGIONAL);
    assertThat(merged.requestValidators()).hasSize(1);
    assertThat(merged.requestValidator("all").id()).isEqualTo("existing");
    assertThat(merged.requestValidator("all").validateRequestBody()).isFalse();
    assertThat(merged.resources().get("/a").get("GET").requestValidatorId()).isEqualTo("existing");
  }
}
