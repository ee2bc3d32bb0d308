package io.serverlessstack.fake.internal.apigateway.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.serverlessstack.fake.internal.apigateway.ApiCall;
import io.serverlessstack.fake.internal.apigateway.openapi.ImportedApi;
import io.serverlessstack.fake.internal.apigateway.openapi.OpenApiImport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.apigateway.model.Method;
import software.amazon.awssdk.services.apigateway.model.Model;
import software.amazon.awssdk.services.apigateway.model.RequestValidator;

/**
 * The cases of AWS's recorded request-validation tests (LocalStack's
 * test_api_gateway_request_validator, test_api_gateway_request_validator_with_ref_models and
 * test_api_gateway_request_validator_with_ref_one_ofmodels) with AWS's answers.
 */
class RequestValidationTest {

  private static final String API = "api1";
  private static final RequestValidator BOTH =
      RequestValidator.builder()
          .id("v1")
          .name("both")
          .validateRequestBody(true)
          .validateRequestParameters(true)
          .build();
  private static final RequestValidator PARAMETERS_ONLY =
      RequestValidator.builder()
          .id("v2")
          .name("params")
          .validateRequestBody(false)
          .validateRequestParameters(true)
          .build();
  private static final RequestValidator BODY_ONLY =
      RequestValidator.builder()
          .id("v3")
          .name("body")
          .validateRequestBody(true)
          .validateRequestParameters(false)
          .build();

  private static final String TEST_SCHEMA =
      "{\"$schema\": \"http://json-schema.org/draft-04/schema#\", \"title\": \"testSchema\","
          + " \"type\": \"object\", \"properties\": {\"a\": {\"type\": \"number\"}, \"b\": {\"type\":"
          + " \"number\"}}, \"required\": [\"a\", \"b\"]}";
  private static final Map<String, String> MODELS = new HashMap<>();

  static {
    MODELS.put("testSchema", TEST_SCHEMA);
    MODELS.put(
        "testSchemaList",
        "{\"type\": \"array\", \"items\": {\"$ref\":"
            + " \"https://apigateway.amazonaws.com/restapis/api1/models/testSchema\"}}");
    MODELS.put(
        "StatusModel",
        "{\"type\": \"object\", \"properties\": {\"Status\": {\"type\": \"string\"}, \"Order\":"
            + " {\"type\": \"integer\"}}, \"required\": [\"Status\", \"Order\"]}");
    MODELS.put(
        "TestModel",
        "{\"type\": \"object\", \"properties\": {\"status\": {\"oneOf\": [{\"type\": \"null\"},"
            + " {\"$ref\": \"https://apigateway.amazonaws.com/restapis/api1/models/StatusModel\"}]}},"
            + " \"required\": [\"status\"]}");
  }

  private static final Method NESTED_TEST =
      Method.builder()
          .httpMethod("POST")
          .requestValidatorId("v1")
          .requestParameters(
              Map.of(
                  "method.request.path.issuer", true,
                  "method.request.querystring.qs1", true,
                  "method.request.header.x-header-param", true,
                  "method.request.querystring.optional", false))
          .requestModels(Map.of("application/json", "testSchema"))
          .build();

  private static Method bodyModel(String model) {
    return Method.builder()
        .httpMethod("POST")
        .requestModels(Map.of("application/json", model))
        .build();
  }

  private static ApiCall call(
      String query, Map<String, String> pathParameters, String body, String... headers) {
    List<Map.Entry<String, String>> headerList = new ArrayList<>();
    for (int i = 0; i < headers.length; i += 2) {
      headerList.add(Map.entry(headers[i], headers[i + 1]));
    }
    return new ApiCall(
        "POST",
        "/nested/value",
        query,
        headerList,
        body == null ? null : body.getBytes(StandardCharsets.UTF_8),
        API,
        "local",
        "d1",
        "r1",
        "/nested/{test}",
        pathParameters,
        Map.of(),
        "000000000000",
        "us-east-1",
        "req-1",
        Instant.EPOCH,
        "127.0.0.1",
        "HTTP/1.1",
        "localhost",
        null,
        null);
  }

  private static Optional<RequestValidation.Failure> check(
      ApiCall call, Method method, RequestValidator validator) {
    return RequestValidation.check(call, method, validator, MODELS::get);
  }

  private static RequestValidation.Failure missing(String message) {
    return new RequestValidation.Failure("BAD_REQUEST_PARAMETERS", message);
  }

  private static final RequestValidation.Failure INVALID_BODY =
      new RequestValidation.Failure("BAD_REQUEST_BODY", "Invalid request body");

  @Test
  void callWithEveryRequiredParameterAndAValidBodyPasses() {
    ApiCall call =
        call(
            "qs1=test",
            Map.of("issuer", "value"),
            "{\"a\": 1, \"b\": 2}",
            "x-header-param",
            "test");

    assertThat(check(call, NESTED_TEST, BOTH)).isEmpty();
  }

  @Test
  void missingParametersAreListedHeadersThenPathThenQueryString() {
    assertThat(check(call("", Map.of(), "{\"test\": \"test\"}"), NESTED_TEST, BOTH))
        .contains(missing("Missing required request parameters: [x-header-param, issuer, qs1]"));
    assertThat(check(call("qs1=test", Map.of("issuer", "v"), null), NESTED_TEST, BOTH))
        .contains(missing("Missing required request parameters: [x-header-param]"));
    assertThat(
            check(
                call("", Map.of("issuer", "v"), null, "x-header-param", "test"), NESTED_TEST, BOTH))
        .contains(missing("Missing required request parameters: [qs1]"));
  }

  @Test
  void headerNamesMatchRegardlessOfCaseAndAnEmptyQueryValueCounts() {
    ApiCall call =
        call("qs1", Map.of("issuer", "v"), "{\"a\": 1, \"b\": 2}", "X-Header-Param", "t");

    assertThat(check(call, NESTED_TEST, BOTH)).isEmpty();
  }

  @Test
  void bodyThatBreaksTheModelIsAnInvalidRequestBody() {
    ApiCall call =
        call("qs1=test", Map.of("issuer", "v"), "{\"test\": \"test\"}", "x-header-param", "test");

    assertThat(check(call, NESTED_TEST, BOTH)).contains(INVALID_BODY);
  }

  @Test
  void callWithoutBodyIsHeldAgainstTheJsonModelWithOrWithoutContentType() {
    assertThat(
            check(
                call("qs1=test", Map.of("issuer", "v"), null, "x-header-param", "t"),
                NESTED_TEST,
                BOTH))
        .contains(INVALID_BODY);
    assertThat(
            check(
                call(
                    "qs1=test",
                    Map.of("issuer", "v"),
                    "",
                    "x-header-param",
                    "t",
                    "Content-Type",
                    "application/json"),
                NESTED_TEST,
                BOTH))
        .contains(INVALID_BODY);
  }

  @Test
  void bodyThatIsNoJsonIsAnInvalidRequestBody() {
    assertThat(check(call("", Map.of(), "{not json"), bodyModel("testSchema"), BODY_ONLY))
        .contains(INVALID_BODY);
  }

  @Test
  void contentTypeParametersDoNotHideTheModel() {
    ApiCall call =
        call("", Map.of(), "{\"a\": \"x\"}", "Content-Type", "application/json; charset=utf-8");

    assertThat(check(call, bodyModel("testSchema"), BODY_ONLY)).contains(INVALID_BODY);
  }

  @Test
  void contentTypeWithoutModelIsNotValidatedUnlessThereIsADefaultModel() {
    ApiCall text = call("", Map.of(), "plain words", "Content-Type", "text/plain");

    assertThat(check(text, bodyModel("testSchema"), BODY_ONLY)).isEmpty();
    Method withDefault =
        Method.builder().httpMethod("POST").requestModels(Map.of("$default", "testSchema")).build();
    assertThat(check(text, withDefault, BODY_ONLY)).contains(INVALID_BODY);
  }

  @Test
  void eachValidatorChecksOnlyWhatItIsFor() {
    ApiCall noParametersValidBody = call("", Map.of(), "{\"a\": 1, \"b\": 2}");
    ApiCall allParametersBadBody =
        call("qs1=1", Map.of("issuer", "v"), "{\"a\": true}", "x-header-param", "t");

    assertThat(check(noParametersValidBody, NESTED_TEST, BODY_ONLY)).isEmpty();
    assertThat(check(allParametersBadBody, NESTED_TEST, PARAMETERS_ONLY)).isEmpty();
    assertThat(check(allParametersBadBody, NESTED_TEST, BODY_ONLY)).contains(INVALID_BODY);
    assertThat(check(allParametersBadBody, NESTED_TEST, null)).isEmpty();
  }

  @Test
  void modelsReferToOtherModelsByTheirApiGatewayUris() {
    Method list = bodyModel("testSchemaList");

    assertThat(check(call("", Map.of(), "[{\"a\": 1, \"b\": 2}]"), list, BOTH)).isEmpty();
    assertThat(check(call("", Map.of(), "[{\"a\": 1}]"), list, BOTH)).contains(INVALID_BODY);
    assertThat(check(call("", Map.of(), null), list, BOTH)).contains(INVALID_BODY);
  }

  @Test
  void oneOfWithNullAndAReferencedModel() {
    Method method = bodyModel("TestModel");

    assertThat(check(call("", Map.of(), "{\"status\": null}"), method, BOTH)).isEmpty();
    assertThat(
            check(
                call("", Map.of(), "{\"status\": {\"Status\": \"works\", \"Order\": 1}}"),
                method,
                BOTH))
        .isEmpty();
    assertThat(check(call("", Map.of(), null), method, BOTH)).contains(INVALID_BODY);
    assertThat(check(call("", Map.of(), "{\"badFormat\": \"bla\"}"), method, BOTH))
        .contains(INVALID_BODY);
  }

  @Test
  void unknownModelRefusesEveryBody() {
    assertThat(check(call("", Map.of(), "{}"), bodyModel("NoSuchModel"), BODY_ONLY))
        .contains(INVALID_BODY);
  }

  @Test
  void changedReferencedModelIsUsedOnTheNextCall() {
    Map<String, String> models = new HashMap<>(MODELS);
    Function<String, String> byName = models::get;
    ApiCall call = call("", Map.of(), "[{\"a\": 1, \"b\": 2}]");
    Method list = bodyModel("testSchemaList");
    assertThat(RequestValidation.check(call, list, BODY_ONLY, byName)).isEmpty();

    models.put("testSchema", "{\"type\": \"object\", \"required\": [\"c\"]}");

    assertThat(RequestValidation.check(call, list, BODY_ONLY, byName)).contains(INVALID_BODY);
  }

  @Test
  void importedApisValidatorAndModelsValidateItsCalls() throws IOException {
    String document;
    try (InputStream in =
        getClass().getResourceAsStream("/apigateway/openapi/shop-openapi3.yaml")) {
      document = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    AtomicInteger ids = new AtomicInteger();
    ImportedApi shop =
        OpenApiImport.read(API, document, Map.of(), true, () -> "v" + ids.incrementAndGet());
    Function<String, String> schemas =
        name -> Optional.ofNullable(shop.models().get(name)).map(Model::schema).orElse(null);
    Method createCustomer = shop.resources().get("/customers").get("POST");
    RequestValidator validator = shop.requestValidator("all");
    Method listOrders = shop.resources().get("/orders").get("GET");

    assertThat(
            RequestValidation.check(
                call(
                    "",
                    Map.of(),
                    "{\"name\": \"Ada\", \"email\": \"ada@example.com\", \"address\": {\"street\": \"Main 1\", \"city\": \"Zurich\", \"zip\": \"80001\"}}"),
                createCustomer,
                validator,
                schemas))
        .isEmpty();
    assertThat(
            RequestValidation.check(
                call(
                    "",
                    Map.of(),
                    "{\"name\": \"Ada\", \"email\": \"a@b.c\", \"address\": {\"street\": \"Main 1\", \"city\": \"Zurich\", \"zip\": \"8000\"}}"),
                createCustomer,
                validator,
                schemas))
        .contains(INVALID_BODY);
    assertThat(
            RequestValidation.check(
                call("", Map.of(), null),
                listOrders,
                shop.requestValidator("params-only"),
                schemas))
        .contains(missing("Missing required request parameters: [X-Correlation-Id]"));
  }
}
