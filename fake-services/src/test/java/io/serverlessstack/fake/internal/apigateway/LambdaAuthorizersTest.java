package io.serverlessstack.fake.internal.apigateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.serverlessstack.fake.SqsStack;
import io.serverlessstack.fake.handlers.AuthorizedEcho;
import io.serverlessstack.fake.handlers.RequestAuthorizer;
import io.serverlessstack.fake.handlers.TokenAuthorizer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.ApiKeySourceType;
import software.amazon.awssdk.services.apigateway.model.ApiStage;
import software.amazon.awssdk.services.apigateway.model.AuthorizerType;
import software.amazon.awssdk.services.apigateway.model.CreateApiKeyResponse;
import software.amazon.awssdk.services.apigateway.model.CreateRestApiResponse;
import software.amazon.awssdk.services.apigateway.model.GatewayResponseType;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;
import software.amazon.awssdk.services.apigateway.model.NotFoundException;
import software.amazon.awssdk.services.apigateway.model.TestInvokeAuthorizerResponse;
import software.amazon.awssdk.services.lambda.model.Runtime;

/**
 * Lambda authorizers of REST API methods, called with a plain {@link HttpClient}: TOKEN and REQUEST
 * authorizers backed by in-JVM functions, the policies they return (Allow, Deny, wildcards), their
 * context reaching MOCK templates and Lambda proxy events, their cache on the virtual clock, API
 * keys they name, and what the gateway answers when they refuse or fail.
 */
class LambdaAuthorizersTest {

  @RegisterExtension static final SqsStack stack = SqsStack.withVirtualClock();

  static final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  static final String FUNCTIONS = "arn:aws:lambda:us-east-1:000000000000:function:";

  static ApiGatewayClient api() {
    return stack.apiGateway();
  }

  @BeforeEach
  void functions() {
    TokenAuthorizer.EVENTS.clear();
    RequestAuthorizer.EVENTS.clear();
    function("token-authorizer", TokenAuthorizer.class);
    function("request-authorizer", RequestAuthorizer.class);
    function("authorized-echo", AuthorizedEcho.class);
  }

  static void function(String name, Class<?> handler) {
    stack
        .lambda()
        .createFunction(
            r ->
                r.functionName(name)
                    .runtime(Runtime.JAVA21)
                    .role("arn:aws:iam::000000000000:role/lambda-role")
                    .handler(handler.getName())
                    .code(c -> c.zipFile(SdkBytes.fromUtf8String("in the test JVM"))));
  }

  static String invocationUri(String function) {
    return "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
        + FUNCTIONS
        + function
        + "/invocations";
  }

  /** An API with {@code /pets/{petId}} whose GET and POST answer from a mock. */
  record Api(String id, String root, String pets, String pet) {

    String tokenAuthorizer(Integer ttl, String validation) {
      return api()
          .createAuthorizer(
              r ->
                  r.restApiId(id)
                      .name("token")
                      .type(AuthorizerType.TOKEN)
                      .authorizerUri(invocationUri("token-authorizer"))
                      .identitySource("method.request.header.Authorization")
                      .identityValidationExpression(validation)
                      .authorizerResultTtlInSeconds(ttl))
          .id();
    }

    /** A mock method behind {@code authorizerId} answering 200 with {@code template}. */
    void mock(String resourceId, String httpMethod, String authorizerId, String template) {
      api()
          .putMethod(
              r ->
                  r.restApiId(id)
                      .resourceId(resourceId)
                      .httpMethod(httpMethod)
                      .authorizationType("CUSTOM")
                      .authorizerId(authorizerId));
      api()
          .putIntegration(
              r ->
                  r.restApiId(id)
                      .resourceId(resourceId)
                      .httpMethod(httpMethod)
                      .type(IntegrationType.MOCK)
                      .requestTemplates(Map.of("application/json", "{\"statusCode\": 200}")));
      api()
          .putIntegrationResponse(
              r ->
                  r.restApiId(id)
                      .resourceId(resourceId)
                      .httpMethod(httpMethod)
                      .statusCode("200")
                      .responseTemplates(Map.of("application/json", template)));
    }

    void deploy() {
      api().createDeployment(r -> r.restApiId(id).stageName("prod"));
    }

    URI uri(String path) {
      return URI.create(
          stack.server().endpoint() + "/restapis/" + id + "/prod/_user_request_" + path);
    }

    String methodArn(String method, String path) {
      return "arn:aws:execute-api:us-east-1:000000000000:" + id + "/prod/" + method + path;
    }
  }

  static Api newApi() {
    CreateRestApiResponse created = api().createRestApi(r -> r.name("guarded"));
    String pets =
        api()
            .createResource(
                r -> r.restApiId(created.id()).parentId(created.rootResourceId()).pathPart("pets"))
            .id();
    String pet =
        api()
            .createResource(r -> r.restApiId(created.id()).parentId(pets).pathPart("{petId}"))
            .id();
    return new Api(created.id(), created.rootResourceId(), pets, pet);
  }

  /** An API whose GET and POST {@code /pets/{petId}} are behind the TOKEN authorizer. */
  static Api guardedByToken(Integer ttl) {
    Api api = newApi();
    String authorizer = api.tokenAuthorizer(ttl, null);
    api.mock(api.pet(), "GET", authorizer, "{\"pet\": \"$input.params('petId')\"}");
    api.mock(api.pet(), "POST", authorizer, "{\"created\": true}");
    api.deploy();
    return api;
  }

  static HttpResponse<String> call(String method, URI uri, String... headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(10))
            .method(method, HttpRequest.BodyPublishers.noBody());
    if (headers.length > 0) {
      request.headers(headers);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  // ---- TOKEN authorizers

  @Test
  void tokenAuthorizerGetsTheTokenAndMethodArnAndItsContextReachesTheMockTemplate()
      throws Exception {
    Api api = newApi();
    String authorizer = api.tokenAuthorizer(null, null);
    api.mock(
        api.pet(),
        "GET",
        authorizer,
        "{\"principal\": \"$context.authorizer.principalId\", \"user\":"
            + " \"$context.authorizer.user\", \"tier\": \"$context.authorizer.tier\", \"admin\":"
            + " \"$context.authorizer.admin\"}");
    api.deploy();

    HttpResponse<String> response = call("GET", api.uri("/pets/7"), "Authorization", "allow");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .isEqualTo(
            "{\"principal\": \"user-1\", \"user\": \"u-1\", \"tier\": \"3\", \"admin\": \"true\"}");
    assertThat(TokenAuthorizer.EVENTS).hasSize(1);
    assertThat(TokenAuthorizer.EVENTS.get(0).getType()).isEqualTo("TOKEN");
    assertThat(TokenAuthorizer.EVENTS.get(0).getAuthorizationToken()).isEqualTo("allow");
    assertThat(TokenAuthorizer.EVENTS.get(0).getMethodArn())
        .isEqualTo(api.methodArn("GET", "/pets/7"));
  }

  @Test
  void aMissingTokenIsUnauthorizedWithoutInvokingTheFunction() throws Exception {
    Api api = guardedByToken(null);

    HttpResponse<String> response = call("GET", api.uri("/pets/7"));

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).isEqualTo("{\"message\":\"Unauthorized\"}");
    assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("UnauthorizedException");
    assertThat(TokenAuthorizer.EVENTS).isEmpty();
  }

  @Test
  void aTokenFailingTheValidationExpressionIsUnauthorizedWithoutInvokingTheFunction()
      throws Exception {
    Api api = newApi();
    String authorizer = api.tokenAuthorizer(0, "^allow.*$");
    api.mock(api.pet(), "GET", authorizer, "{}");
    api.deploy();

    HttpResponse<String> refused = call("GET", api.uri("/pets/7"), "Authorization", "deny");
    HttpResponse<String> allowed = call("GET", api.uri("/pets/7"), "Authorization", "allow");

    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(refused.body()).isEqualTo("{\"message\":\"Unauthorized\"}");
    assertThat(allowed.statusCode()).isEqualTo(200);
    assertThat(TokenAuthorizer.EVENTS)
        .extracting(event -> event.getAuthorizationToken())
        .containsExactly("allow");
  }

  @Test
  void anExplicitDenyWinsOverAnAllowOfEverything() throws Exception {
    Api api = guardedByToken(null);

    HttpResponse<String> response = call("GET", api.uri("/pets/7"), "Authorization", "deny");

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body())
        .isEqualTo(
            "{\"Message\":\"User is not authorized to access this resource with an explicit"
                + " deny\"}");
    assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("AccessDeniedException");
  }

  @Test
  void aPolicyThatAllowsOnlyAnotherMethodDeniesImplicitly() throws Exception {
    Api api = guardedByToken(null);

    HttpResponse<String> response = call("GET", api.uri("/pets/7"), "Authorization", "elsewhere");

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body())
        .isEqualTo("{\"Message\":\"User is not authorized to access this resource\"}");
  }

  @Test
  void aCachedPolicyIsEvaluatedAgainForEachMethodItsWildcardsMayOrMayNotCover() throws Exception {
    Api api = guardedByToken(null);

    HttpResponse<String> get = call("GET", api.uri("/pets/7"), "Authorization", "allow-get");
    HttpResponse<String> otherGet = call("GET", api.uri("/pets/8"), "Authorization", "allow-get");
    HttpResponse<String> post = call("POST", api.uri("/pets/7"), "Authorization", "allow-get");

    assertThat(get.statusCode()).isEqualTo(200);
    assertThat(otherGet.body()).isEqualTo("{\"pet\": \"8\"}");
    assertThat(post.statusCode()).isEqualTo(403);
    assertThat(post.body())
        .isEqualTo("{\"Message\":\"User is not authorized to access this resource\"}");
    assertThat(TokenAuthorizer.EVENTS).hasSize(1);
  }

  @Test
  void aFunctionThatFailsIsAnAuthorizerConfigurationError() throws Exception {
    Api api = guardedByToken(0);

    HttpResponse<String> failed = call("GET", api.uri("/pets/7"), "Authorization", "boom");
    HttpResponse<String> garbage = call("GET", api.uri("/pets/7"), "Authorization", "garbage");
    HttpResponse<String> nested = call("GET", api.uri("/pets/7"), "Authorization", "nested");

    for (HttpResponse<String> response : java.util.List.of(failed, garbage, nested)) {
      assertThat(response.statusCode()).isEqualTo(500);
      assertThat(response.body()).isEqualTo("{\"message\":null}");
      assertThat(response.headers().firstValue("x-amzn-ErrorType"))
          .hasValue("AuthorizerConfigurationException");
    }
  }

  @Test
  void aFunctionThatFailsWithUnauthorizedIsUnauthorized() throws Exception {
    Api api = guardedByToken(null);

    HttpResponse<String> response = call("GET", api.uri("/pets/7"), "Authorization", "reject");

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).isEqualTo("{\"message\":\"Unauthorized\"}");
  }

  @Test
  void anApisGatewayResponseForUnauthorizedReplacesTheDefaultBody() throws Exception {
    Api api = guardedByToken(null);
    api()
        .putGatewayResponse(
            r ->
                r.restApiId(api.id())
                    .responseType(GatewayResponseType.UNAUTHORIZED)
                    .responseParameters(
                        Map.of("gatewayresponse.header.WWW-Authenticate", "'Bearer'"))
                    .responseTemplates(
                        Map.of("application/json", "{\"error\": $context.error.messageString}")));

    HttpResponse<String> response = call("GET", api.uri("/pets/7"));

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).isEqualTo("{\"error\": \"Unauthorized\"}");
    assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
  }

  // ---- caching

  @Test
  void answersAreCachedForTheTtlOnTheStacksClock() throws Exception {
    Api api = guardedByToken(null);

    call("GET", api.uri("/pets/7"), "Authorization", "allow-get");
    stack.advance(Duration.ofSeconds(299));
    HttpResponse<String> cached = call("GET", api.uri("/pets/7"), "Authorization", "allow-get");
    int whileCached = TokenAuthorizer.EVENTS.size();
    stack.advance(Duration.ofSeconds(2));
    HttpResponse<String> expired = call("GET", api.uri("/pets/7"), "Authorization", "allow-get");

    assertThat(cached.statusCode()).isEqualTo(200);
    assertThat(whileCached).isEqualTo(1);
    assertThat(expired.statusCode()).isEqualTo(200);
    assertThat(TokenAuthorizer.EVENTS).hasSize(2);
  }

  @Test
  void eachTokenHasItsOwnCacheEntry() throws Exception {
    Api api = guardedByToken(null);

    HttpResponse<String> allowed = call("GET", api.uri("/pets/7"), "Authorization", "allow-get");
    HttpResponse<String> denied = call("GET", api.uri("/pets/7"), "Authorization", "deny");

    assertThat(allowed.statusCode()).isEqualTo(200);
    assertThat(denied.statusCode()).isEqualTo(403);
    assertThat(TokenAuthorizer.EVENTS).hasSize(2);
  }

  @Test
  void aTtlOfZeroInvokesTheFunctionForEveryCall() throws Exception {
    Api api = guardedByToken(0);

    call("GET", api.uri("/pets/7"), "Authorization", "allow-get");
    call("GET", api.uri("/pets/7"), "Authorization", "allow-get");

    assertThat(TokenAuthorizer.EVENTS).hasSize(2);
  }

  @Test
  void flushingTheStagesAuthorizersCacheInvokesTheFunctionAgain() throws Exception {
    Api api = guardedByToken(3600);

    call("GET", api.uri("/pets/7"), "Authorization", "allow-get");
    call("GET", api.uri("/pets/7"), "Authorization", "allow-get");
    api().flushStageAuthorizersCache(r -> r.restApiId(api.id()).stageName("prod"));
    call("GET", api.uri("/pets/7"), "Authorization", "allow-get");

    assertThat(TokenAuthorizer.EVENTS).hasSize(2);
    assertThatThrownBy(
            () -> api().flushStageAuthorizersCache(r -> r.restApiId(api.id()).stageName("nope")))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("Invalid Stage identifier specified");
  }

  // ---- REQUEST authorizers

  /** {@code GET /pets/{petId}} through a Lambda proxy behind the REQUEST authorizer. */
  static Api guardedByRequest() {
    Api api = newApi();
    String authorizer =
        api()
            .createAuthorizer(
                r ->
                    r.restApiId(api.id())
                        .name("request")
                        .type(AuthorizerType.REQUEST)
                        .authorizerUri(invocationUri("request-authorizer"))
                        .identitySource(
                            "method.request.header.X-User, method.request.querystring.tenant,"
                                + " stageVariables.realm"))
            .id();
    api()
        .putMethod(
            r ->
                r.restApiId(api.id())
                    .resourceId(api.pet())
                    .httpMethod("GET")
                    .authorizationType("CUSTOM")
                    .authorizerId(authorizer));
    api()
        .putIntegration(
            r ->
                r.restApiId(api.id())
                    .resourceId(api.pet())
                    .httpMethod("GET")
                    .type(IntegrationType.AWS_PROXY)
                    .integrationHttpMethod("POST")
                    .uri(invocationUri("authorized-echo")));
    api()
        .createDeployment(
            r -> r.restApiId(api.id()).stageName("prod").variables(Map.of("realm", "pets")));
    return api;
  }

  @Test
  @SuppressWarnings("unchecked")
  void requestAuthorizerGetsTheRequestAndItsContextReachesTheProxyEvent() throws Exception {
    Api api = guardedByRequest();

    HttpResponse<String> response =
        call("GET", URI.create(api.uri("/pets/7") + "?tenant=acme"), "X-User", "alice");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .isEqualTo("{principalId=alice, tenant=acme, verified=true} with latency");
    assertThat(RequestAuthorizer.EVENTS).hasSize(1);
    Map<String, Object> event = RequestAuthorizer.EVENTS.get(0);
    assertThat(event)
        .containsEntry("type", "REQUEST")
        .containsEntry("methodArn", api.methodArn("GET", "/pets/7"))
        .containsEntry("resource", "/pets/{petId}")
        .containsEntry("path", "/pets/7")
        .containsEntry("httpMethod", "GET")
        .containsEntry("queryStringParameters", Map.of("tenant", "acme"))
        .containsEntry("pathParameters", Map.of("petId", "7"))
        .containsEntry("stageVariables", Map.of("realm", "pets"))
        .doesNotContainKey("body");
    assertThat((Map<String, Object>) event.get("headers")).containsEntry("X-User", "alice");
    assertThat((Map<String, Object>) event.get("requestContext"))
        .containsEntry("stage", "prod")
        .containsEntry("resourcePath", "/pets/{petId}");
  }

  @Test
  void aMissingRequestIdentitySourceIsUnauthorizedWithoutInvokingTheFunction() throws Exception {
    Api api = guardedByRequest();

    HttpResponse<String> noQuery = call("GET", api.uri("/pets/7"), "X-User", "alice");
    HttpResponse<String> noHeader = call("GET", URI.create(api.uri("/pets/7") + "?tenant=acme"));

    assertThat(noQuery.statusCode()).isEqualTo(401);
    assertThat(noQuery.body()).isEqualTo("{\"message\":\"Unauthorized\"}");
    assertThat(noHeader.statusCode()).isEqualTo(401);
    assertThat(RequestAuthorizer.EVENTS).isEmpty();
  }

  @Test
  void requestAnswersAreCachedByAllIdentitySourceValues() throws Exception {
    Api api = guardedByRequest();

    call("GET", URI.create(api.uri("/pets/7") + "?tenant=acme"), "X-User", "alice");
    call("GET", URI.create(api.uri("/pets/7") + "?tenant=acme"), "X-User", "alice");
    HttpResponse<String> otherTenant =
        call("GET", URI.create(api.uri("/pets/7") + "?tenant=zeta"), "X-User", "alice");

    assertThat(otherTenant.body())
        .isEqualTo("{principalId=alice, tenant=zeta, verified=true} with latency");
    assertThat(RequestAuthorizer.EVENTS).hasSize(2);
  }

  // ---- API keys from the authorizer

  @Test
  void theAuthorizersUsageIdentifierKeyIsTheApiKeyWhenTheKeySourceIsAuthorizer() throws Exception {
    Api api = newApi();
    api()
        .updateRestApi(
            r ->
                r.restApiId(api.id())
                    .patchOperations(
                        p ->
                            p.op("replace")
                                .path("/apiKeySource")
                                .value(ApiKeySourceType.AUTHORIZER.toString())));
    String authorizer = api.tokenAuthorizer(null, null);
    api.mock(api.pet(), "GET", authorizer, "{\"key\": \"$context.identity.apiKeyId\"}");
    api()
        .updateMethod(
            r ->
                r.restApiId(api.id())
                    .resourceId(api.pet())
                    .httpMethod("GET")
                    .patchOperations(p -> p.op("replace").path("/apiKeyRequired").value("true")));
    api.deploy();
    CreateApiKeyResponse key = api().createApiKey(r -> r.name("partner").enabled(true));
    String plan =
        api()
            .createUsagePlan(
                r ->
                    r.name("plan")
                        .apiStages(ApiStage.builder().apiId(api.id()).stage("prod").build()))
            .id();
    api().createUsagePlanKey(r -> r.usagePlanId(plan).keyId(key.id()).keyType("API_KEY"));

    HttpResponse<String> known =
        call("GET", api.uri("/pets/7"), "Authorization", "key:" + key.value());
    HttpResponse<String> unknown =
        call("GET", api.uri("/pets/7"), "Authorization", "key:not-a-key", "x-api-key", key.value());

    assertThat(known.statusCode()).isEqualTo(200);
    assertThat(known.body()).isEqualTo("{\"key\": \"" + key.id() + "\"}");
    assertThat(unknown.statusCode()).isEqualTo(403);
    assertThat(unknown.body()).isEqualTo("{\"message\":\"Forbidden\"}");
  }

  // ---- TestInvokeAuthorizer

  @Test
  void testInvokingATokenAuthorizerReturnsItsPrincipalAndPolicy() {
    Api api = newApi();
    String authorizer = api.tokenAuthorizer(null, null);

    TestInvokeAuthorizerResponse allowed =
        api()
            .testInvokeAuthorizer(
                r ->
                    r.restApiId(api.id())
                        .authorizerId(authorizer)
                        .headers(Map.of("Authorization", "allow"))
                        .pathWithQueryString("/pets/7"));
    TestInvokeAuthorizerResponse missing =
        api().testInvokeAuthorizer(r -> r.restApiId(api.id()).authorizerId(authorizer));
    TestInvokeAuthorizerResponse rejected =
        api()
            .testInvokeAuthorizer(
                r ->
                    r.restApiId(api.id())
                        .authorizerId(authorizer)
                        .headers(Map.of("Authorization", "boom")));

    assertThat(allowed.clientStatus()).isZero();
    assertThat(allowed.principalId()).isEqualTo("user-1");
    assertThat(allowed.policy())
        .contains("\"Effect\":\"Allow\"")
        .contains(
            "arn:aws:execute-api:us-east-1:000000000000:"
                + api.id()
                + "/ESTestInvoke-stage/GET/pets/7");
    assertThat(missing.clientStatus()).isEqualTo(401);
    assertThat(rejected.clientStatus()).isEqualTo(500);
    assertThat(TokenAuthorizer.EVENTS).hasSize(2);
    assertThatThrownBy(
            () -> api().testInvokeAuthorizer(r -> r.restApiId(api.id()).authorizerId("nope")))
        .isInstanceOf(NotFoundException.class);
  }
}
