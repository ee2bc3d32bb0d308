package io.serverlessstack.fake.internal.apigateway.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.apigateway.model.EndpointConfiguration;
import software.amazon.awssdk.services.apigateway.model.EndpointType;
import software.amazon.awssdk.services.apigateway.model.Resource;
import software.amazon.awssdk.services.apigateway.model.RestApi;

class OpenApiExportTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String API_ID = "abc123";
  private static final Instant DEPLOYED = Instant.parse("2025-05-06T18:20:26.123Z");

  /** What the engine would hold after importing the document and deploying it to "local". */
  static ExportSource deployed(ImportedApi api) {
    List<Resource> resources = new ArrayList<>();
    int next = 0;
    for (Map.Entry<String, Map<String, software.amazon.awssdk.services.apigateway.model.Method>>
        entry : api.resources().entrySet()) {
      resources.add(
          Resource.builder()
              .id("r" + next++)
              .path(entry.getKey())
              .resourceMethods(entry.getValue())
              .build());
    }
    RestApi restApi =
        RestApi.builder()
            .id(API_ID)
            .name(api.name())
            .description(api.description())
            .version(api.version())
            .binaryMediaTypes(api.binaryMediaTypes())
            .apiKeySource(api.apiKeySource() == null ? "HEADER" : api.apiKeySource())
            .endpointConfiguration(
                api.endpointConfiguration() == null
                    ? EndpointConfiguration.builder().types(EndpointType.EDGE).build()
                    : api.endpointConfiguration())
            .minimumCompressionSize(api.minimumCompressionSize())
            .policy(api.policy())
            .build();
    return new ExportSource(
        restApi,
        "local",
        DEPLOYED,
        API_ID + ".execute-api.us-east-1.amazonaws.com",
        resources,
        new ArrayList<>(api.models().values()),
        api.requestValidators(),
        api.authorizers(),
        api.gatewayResponses());
  }

  private static ExportSource petStore() {
    return deployed(
        OpenApiImport.read(
            API_ID, OpenApiDocuments.petStore(), Map.of(), true, OpenApiDocuments.ids()));
  }

  /** AWS's recorded export with its placeholders filled in as this test's API has them. */
  private static JsonNode recorded(String name) throws Exception {
    return JSON.readTree(
        OpenApiDocuments.read(name)
            .replace("<api-id:1>", API_ID)
            .replace("<region>", "us-east-1")
            .replace("\"version\": \"date\"", "\"version\": \"2025-05-06T18:20:26Z\""));
  }

  private static JsonNode exported(ExportSource source, String type, String extensions)
      throws Exception {
    Map<String, String> parameters =
        extensions == null ? Map.of() : Map.of("extensions", extensions);
    return JSON.readTree(OpenApiExport.export(source, type, "application/json", parameters).body());
  }

  @ParameterizedTest
  @CsvSource({
    "swagger, petstore-export-swagger.json",
    "oas30, petstore-export-oas30.json",
  })
  void petStoreExportsAsAwsExportedIt(String type, String recording) throws Exception {
    assertThat(exported(petStore(), type, null)).isEqualTo(recorded(recording));
  }

  @ParameterizedTest
  @CsvSource({
    "swagger, petstore-export-swagger-apigateway.json",
    "oas30, petstore-export-oas30-apigateway.json",
  })
  void petStoreExportsWithApiGatewayExtensionsAsAwsExportedIt(String type, String recording)
      throws Exception {
    assertThat(exported(petStore(), type, "apigateway")).isEqualTo(recorded(recording));
  }

  @Test
  void exportIsAnAttachmentNamedAfterTypeAndDeploymentDate() {
    ExportedDocument json = OpenApiExport.export(petStore(), "oas30", "application/json", Map.of());
    ExportedDocument yaml =
        OpenApiExport.export(petStore(), "swagger", "application/yaml", Map.of());

    assertThat(json.contentType()).isEqualTo("application/octet-stream");
    assertThat(json.contentDisposition())
        .isEqualTo("attachment; filename=\"oas30_2025-05-06T18:20:26Z.json\"");
    assertThat(yaml.contentDisposition())
        .isEqualTo("attachment; filename=\"swagger_2025-05-06T18:20:26Z.yaml\"");
  }

  @Test
  void yamlExportHoldsTheSameDocumentAsJson() throws Exception {
    ExportedDocument yaml = OpenApiExport.export(petStore(), "oas30", "application/yaml", Map.of());

    String text = new String(yaml.body(), StandardCharsets.UTF_8);
    assertThat(text).startsWith("openapi: 3.0.1");
    assertThat(new ObjectMapper(new YAMLFactory()).readTree(text))
        .isEqualTo(exported(petStore(), "oas30", null));
  }

  @Test
  void unknownExportTypeIsRefused() {
    assertThatThrownBy(() -> OpenApiExport.export(petStore(), "raml", "application/json", Map.of()))
        .isInstanceOf(InvalidApiDefinitionException.class)
        .hasMessage("Invalid export type specified: raml");
  }

  @Test
  void integrationsExtensionAddsOnlyTheIntegrations() throws Exception {
    JsonNode document = exported(petStore(), "oas30", "integrations");

    assertThat(document.at("/paths/~1pets/get/x-amazon-apigateway-integration/type").asText())
        .isEqualTo("http");
    ImportedApi shop =
        OpenApiImport.read(
            API_ID,
            OpenApiDocuments.read("shop-openapi3.yaml"),
            Map.of(),
            true,
            OpenApiDocuments.ids());
    JsonNode shopDocument = exported(deployed(shop), "oas30", "integrations");
    assertThat(shopDocument.has("x-amazon-apigateway-request-validators")).isFalse();
    assertThat(
            shopDocument
                .at("/components/securitySchemes/shop-token")
                .has("x-amazon-apigateway-authorizer"))
        .isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"oas30", "swagger"})
  void shopRoundTripsThroughExportAndImport(String type) throws Exception {
    ImportedApi original =
        OpenApiImport.read(
            API_ID,
            OpenApiDocuments.read("shop-openapi3.yaml"),
            Map.of(),
            true,
            OpenApiDocuments.ids());
    String export =
        new String(
            OpenApiExport.export(
                    deployed(original),
                    type,
                    "application/json",
                    Map.of("extensions", "apigateway"))
                .body(),
            StandardCharsets.UTF_8);

    ImportedApi again = OpenApiImport.read(API_ID, export, Map.of(), true, OpenApiDocuments.ids());

    assertThat(again.warnings()).isEmpty();
    assertThat(again.name()).isEqualTo(original.name());
    assertThat(again.description()).isEqualTo(original.description());
    assertThat(again.version()).isEqualTo(original.version());
    assertThat(again.binaryMediaTypes()).isEqualTo(original.binaryMediaTypes());
    assertThat(again.minimumCompressionSize()).isEqualTo(original.minimumCompressionSize());
    assertThat(again.policy()).isEqualTo(original.policy());
    assertThat(again.endpointConfiguration()).isEqualTo(original.endpointConfiguration());
    assertThat(again.models()).isEqualTo(original.models());
    assertThat(again.requestValidators()).isEqualTo(original.requestValidators());
    assertThat(again.authorizers()).isEqualTo(original.authorizers());
    assertThat(again.gatewayResponses()).isEqualTo(original.gatewayResponses());
    assertThat(again.resources()).isEqualTo(original.resources());
  }
}
