package io.serverlessstack.fake.internal.apigateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.serverlessstack.fake.SqsStack;
import io.serverlessstack.fake.handlers.AuthorizedEcho;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.AuthorizerType;
import software.amazon.awssdk.services.apigateway.model.CreateRestApiResponse;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;
import software.amazon.awssdk.services.apigateway.model.TestInvokeAuthorizerResponse;
import software.amazon.awssdk.services.lambda.model.Runtime;

/**
 * Cognito user pool authorizers of REST API methods: tokens the test signs with keys it generates,
 * the pool's JWKS served by a WireMock stand-in for the pool's issuer, expiry on the stack's
 * virtual clock, ID tokens for methods without scopes and access tokens for methods with them.
 */
class CognitoAuthorizersTest {

  @RegisterExtension static final SqsStack stack = SqsStack.withVirtualClock();

  static final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  static final String POOL = "us-east-1_TestPool1";
  static final String JWKS_PATH = "/" + POOL + "/.well-known/jwks.json";

  static WireMockServer issuer;
  static RSAKey poolKey;
  static RSAKey strangerKey;

  @BeforeAll
  static void startIssuer() throws Exception {
    poolKey = new RSAKeyGenerator(2048).keyID("pool-key-1").generate();
    // Another key under the same id: a token it signs must not verify.
    strangerKey = new RSAKeyGenerator(2048).keyID("pool-key-1").generate();
    issuer = new WireMockServer(wireMockConfig().dynamicPort());
    issuer.start();
  }

  @AfterAll
  static void stopIssuer() {
    issuer.stop();
  }

  @BeforeEach
  void serveJwks() {
    issuer.resetAll();
    issuer.stubFor(
        get(urlEqualTo(JWKS_PATH))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(new JWKSet(poolKey.toPublicJWK()).toString())));
  }

  static ApiGatewayClient api() {
    return stack.apiGateway();
  }

  static String issuerUrl(String pool) {
    return "http://localhost:" + issuer.port() + "/" + pool;
  }

  /** A token of the pool signed by {@code key}, valid from now for {@code lifetime}. */
  static String token(RSAKey key, String pool, String tokenUse, String scope, Duration lifetime)
      throws Exception {
    Date now = Date.from(stack.now());
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder()
            .issuer(issuerUrl(pool))
            .subject("user-1")
            .claim("token_use", tokenUse)
            .claim("cognito:username", "alice")
            .issueTime(now)
            .expirationTime(Date.from(stack.now().plus(lifetime)));
    if ("id".equals(tokenUse)) {
      claims.audience("app-client-1").claim("email", "alice@example.com");
    } else {
      claims.claim("client_id", "app-client-1");
    }
    if (scope != null) {
      claims.claim("scope", scope);
    }
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
            claims.build());
    jwt.sign(new RSASSASigner(key));
    return jwt.serialize();
  }

  static String idToken() throws Exception {
    return token(poolKey, POOL, "id", null, Duration.ofHours(1));
  }

  /** An API whose {@code GET /orders} is a mock behind a Cognito authorizer of the pool. */
  record Api(String id, String orders, String authorizer) {
    URI uri(String path) {
      return URI.create(
          stack.server().endpoint() + "/restapis/" + id + "/prod/_user_request_" + path);
    }
  }

  static Api guarded(List<String> scopes, String template) {
    CreateRestApiResponse created = api().createRestApi(r -> r.name("cognito"));
    String orders =
        api()
            .createResource(
                r ->
                    r.restApiId(created.id()).parentId(created.rootResourceId()).pathPart("orders"))
            .id();
    String authorizer =
        api()
            .createAuthorizer(
                r ->
                    r.restApiId(created.id())
                        .name("pool")
                        .type(AuthorizerType.COGNITO_USER_POOLS)
                        .providerARNs("arn:aws:cognito-idp:us-east-1:000000000000:userpool/" + POOL)
                        .identitySource("method.request.header.Authorization"))
            .id();
    api()
        .putMethod(
            r ->
                r.restApiId(created.id())
                    .resourceId(orders)
                    .httpMethod("GET")
                    .authorizationType("COGNITO_USER_POOLS")
                    .authorizerId(authorizer)
                    .authorizationScopes(scopes));
    api()
        .putIntegration(
            r ->
                r.restApiId(created.id())
                    .resourceId(orders)
                    .httpMethod("GET")
                    .type(IntegrationType.MOCK)
                    .requestTemplates(Map.of("application/json", "{\"statusCode\": 200}")));
    api()
        .putIntegrationResponse(
            r ->
                r.restApiId(created.id())
                    .resourceId(orders)
                    .httpMethod("GET")
                    .statusCode("200")
                    .responseTemplates(Map.of("application/json", template)));
    api().createDeployment(r -> r.restApiId(created.id()).stageName("prod"));
    return new Api(created.id(), orders, authorizer);
  }

  static HttpResponse<String> call(URI uri, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET();
    if (token != null) {
      request.header("Authorization", token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aValidIdTokenIsAcceptedAndItsClaimsReachTheTemplate() throws Exception {
    Api api =
        guarded(
            null,
            "{\"sub\": \"$context.authorizer.claims.sub\", \"email\":"
                + " \"$context.authorizer.claims.email\", \"user\":"
                + " \"$context.authorizer.claims['cognito:username']\"}");

    HttpResponse<String> response = call(api.uri("/orders"), idToken());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .isEqualTo("{\"sub\": \"user-1\", \"email\": \"alice@example.com\", \"user\": \"alice\"}");
    issuer.verify(1, getRequestedFor(urlEqualTo(JWKS_PATH)));
  }

  @Test
  void thePoolsKeysAreFetchedOnceAndKept() throws Exception {
    Api api = guarded(null, "{}");

    call(api.uri("/orders"), idToken());
    HttpResponse<String> again = call(api.uri("/orders"), idToken());

    assertThat(again.statusCode()).isEqualTo(200);
    issuer.verify(1, getRequestedFor(urlEqualTo(JWKS_PATH)));
  }

  @Test
  void tokensThatAreMissingMalformedForeignOrWronglySignedAreUnauthorized() throws Exception {
    Api api = guarded(null, "{}");

    List<String> refused =
        java.util.Arrays.asList(
            null,
            "not-a-jwt",
            token(poolKey, "us-east-1_OtherPool", "id", null, Duration.ofHours(1)),
            token(strangerKey, POOL, "id", null, Duration.ofHours(1)));

    for (String token : refused) {
      HttpResponse<String> response = call(api.uri("/orders"), token);
      assertThat(response.statusCode()).as("token %s", token).isEqualTo(401);
      assertThat(response.body()).isEqualTo("{\"message\":\"Unauthorized\"}");
    }
  }

  @Test
  void aTokenExpiresOnTheStacksClock() throws Exception {
    Api api = guarded(null, "{\"ok\": true}");
    String token = token(poolKey, POOL, "id", null, Duration.ofMinutes(5));

    HttpResponse<String> fresh = call(api.uri("/orders"), token);
    stack.advance(Duration.ofMinutes(5));
    HttpResponse<String> expired = call(api.uri("/orders"), token);

    assertThat(fresh.statusCode()).isEqualTo(200);
    assertThat(expired.statusCode()).isEqualTo(401);
    assertThat(expired.body()).isEqualTo("{\"message\":\"The incoming token has expired\"}");
  }

  @Test
  void aMethodWithScopesTakesAnAccessTokenGrantingOneOfThem() throws Exception {
    Api api = guarded(List.of("orders/read", "orders/admin"), "{\"ok\": true}");

    HttpResponse<String> granted =
        call(
            api.uri("/orders"),
            token(poolKey, POOL, "access", "openid orders/read", Duration.ofHours(1)));
    HttpResponse<String> otherScope =
        call(
            api.uri("/orders"),
            token(poolKey, POOL, "access", "orders/write", Duration.ofHours(1)));
    HttpResponse<String> idToken = call(api.uri("/orders"), idToken());

    assertThat(granted.statusCode()).isEqualTo(200);
    assertThat(otherScope.statusCode()).isEqualTo(401);
    assertThat(idToken.statusCode()).isEqualTo(401);
  }

  @Test
  void aMethodWithoutScopesRefusesAnAccessToken() throws Exception {
    Api api = guarded(null, "{}");

    HttpResponse<String> response =
        call(api.uri("/orders"), token(poolKey, POOL, "access", "openid", Duration.ofHours(1)));

    assertThat(response.statusCode()).isEqualTo(401);
  }

  @Test
  void theClaimsReachALambdaProxyEvent() throws Exception {
    stack
        .lambda()
        .createFunction(
            r ->
                r.functionName("authorized-echo")
                    .runtime(Runtime.JAVA21)
                    .role("arn:aws:iam::000000000000:role/lambda-role")
                    .handler(AuthorizedEcho.class.getName())
                    .code(c -> c.zipFile(SdkBytes.fromUtf8String("in the test JVM"))));
    Api api = guarded(null, "{}");
    api()
        .putIntegration(
            r ->
                r.restApiId(api.id())
                    .resourceId(api.orders())
                    .httpMethod("GET")
                    .type(IntegrationType.AWS_PROXY)
                    .integrationHttpMethod("POST")
                    .uri(
                        "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
                            + "arn:aws:lambda:us-east-1:000000000000:function:authorized-echo"
                            + "/invocations"));
    api().createDeployment(r -> r.restApiId(api.id()).stageName("prod"));

    String expiry = claimTime(Date.from(stack.now().plus(Duration.ofHours(1))));
    HttpResponse<String> response = call(api.uri("/orders"), "Bearer " + idToken());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .startsWith("{claims={")
        .contains("sub=user-1", "token_use=id", "aud=app-client-1", "iss=" + issuerUrl(POOL))
        .contains("exp=" + expiry);
  }

  /** A time as {@link Date#toString()} prints it in UTC, as AWS hands the time claims on. */
  static String claimTime(Date time) {
    java.text.SimpleDateFormat format =
        new java.text.SimpleDateFormat("EEE MMM dd HH:mm:ss zzz yyyy", java.util.Locale.US);
    format.setTimeZone(java.util.TimeZone.getTimeZone("UTC"));
    return format.format(time);
  }

  @Test
  void testInvokingACognitoAuthorizerReturnsTheTokensClaims() throws Exception {
    Api api = guarded(null, "{}");
    String token = idToken();

    TestInvokeAuthorizerResponse valid =
        api()
            .testInvokeAuthorizer(
                r ->
                    r.restApiId(api.id())
                        .authorizerId(api.authorizer())
                        .headers(Map.of("Authorization", token)));
    TestInvokeAuthorizerResponse foreign =
        api()
            .testInvokeAuthorizer(
                r ->
                    r.restApiId(api.id())
                        .authorizerId(api.authorizer())
                        .headers(Map.of("Authorization", "not-a-jwt")));

    assertThat(valid.clientStatus()).isZero();
    assertThat(valid.claims())
        .containsEntry("sub", "user-1")
        .containsEntry("email", "alice@example.com")
        .containsEntry("token_use", "id");
    assertThat(foreign.clientStatus()).isEqualTo(401);
  }
}
