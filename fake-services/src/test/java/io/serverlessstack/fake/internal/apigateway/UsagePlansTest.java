package io.serverlessstack.fake.internal.apigateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.serverlessstack.fake.SqsStack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.*;

/**
 * API keys, usage plans and what they do to calls: a method that requires a key refuses calls
 * without a valid one, a plan's throttle and quota refuse calls beyond them on the stack's clock,
 * and GetUsage reports what was counted.
 */
class UsagePlansTest {

  @RegisterExtension static final SqsStack stack = SqsStack.withVirtualClock();

  static final HttpClient http = HttpClient.newHttpClient();

  static ApiGatewayClient api() {
    return stack.apiGateway();
  }

  /** An API whose {@code GET /orders} answers 200 from a mock and requires an API key. */
  record Deployed(String apiId, String stage) {
    URI uri(String path) {
      return URI.create(
          stack.server().endpoint()
              + "/restapis/"
              + apiId
              + "/"
              + stage
              + "/_user_request_"
              + path);
    }
  }

  static Deployed deployedApi(boolean keyRequired) {
    CreateRestApiResponse created = api().createRestApi(r -> r.name("metered"));
    String orders =
        api()
            .createResource(
                r ->
                    r.restApiId(created.id()).parentId(created.rootResourceId()).pathPart("orders"))
            .id();
    api()
        .putMethod(
            r ->
                r.restApiId(created.id())
                    .resourceId(orders)
                    .httpMethod("GET")
                    .authorizationType("NONE")
                    .apiKeyRequired(keyRequired));
    api()
        .putIntegration(
            r ->
                r.restApiId(created.id())
                    .resourceId(orders)
                    .httpMethod("GET")
                    .type(IntegrationType.MOCK)
                    .requestTemplates(Map.of("application/json", "{\"statusCode\": 200}")));
    api()
        .putMethodResponse(
            r -> r.restApiId(created.id()).resourceId(orders).httpMethod("GET").statusCode("200"));
    api()
        .putIntegrationResponse(
            r ->
                r.restApiId(created.id())
                    .resourceId(orders)
                    .httpMethod("GET")
                    .statusCode("200")
                    .responseTemplates(Map.of("application/json", "{\"orders\": []}")));
    api().createDeployment(r -> r.restApiId(created.id()).stageName("prod"));
    return new Deployed(created.id(), "prod");
  }

  static ApiKey key(String name) {
    CreateApiKeyResponse key = api().createApiKey(r -> r.name(name).enabled(true));
    return ApiKey.builder().id(key.id()).value(key.value()).name(key.name()).build();
  }

  static String plan(Deployed deployed, ThrottleSettings throttle, QuotaSettings quota) {
    return api()
        .createUsagePlan(
            r ->
                r.name("plan")
                    .apiStages(
                        ApiStage.builder().apiId(deployed.apiId()).stage(deployed.stage()).build())
                    .throttle(throttle)
                    .quota(quota))
        .id();
  }

  static void addKey(String planId, ApiKey key) {
    api().createUsagePlanKey(r -> r.usagePlanId(planId).keyId(key.id()).keyType("API_KEY"));
  }

  static HttpResponse<String> get(Deployed deployed, String apiKey) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(deployed.uri("/orders")).timeout(Duration.ofSeconds(10)).GET();
    if (apiKey != null) {
      request.header("x-api-key", apiKey);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void apiKeysAreCreatedDisabledWithAGeneratedValueShownOnlyWhenAsked() {
    CreateApiKeyResponse created = api().createApiKey(r -> r.name("partner-a"));

    assertThat(created.enabled()).isFalse();
    assertThat(created.value()).hasSize(40);
    assertThat(api().getApiKey(r -> r.apiKey(created.id())).value()).isNull();
    assertThat(api().getApiKey(r -> r.apiKey(created.id()).includeValue(true)).value())
        .isEqualTo(created.value());
    assertThat(api().getApiKeys(r -> r.nameQuery("partner")).items())
        .extracting(ApiKey::id)
        .contains(created.id());
    assertThat(api().getApiKeys(r -> r.nameQuery("artner")).items())
        .extracting(ApiKey::id)
        .doesNotContain(created.id());
    assertThatThrownBy(() -> api().createApiKey(r -> r.name("short").value("too-short")))
        .isInstanceOf(BadRequestException.class)
        .hasMessageStartingWith("API Key value should be at least 20 characters");
    assertThatThrownBy(
            () ->
                api()
                    .updateApiKey(
                        r ->
                            r.apiKey(created.id())
                                .patchOperations(
                                    PatchOperation.builder()
                                        .op("replace")
                                        .path("/id")
                                        .value("x")
                                        .build())))
        .isInstanceOf(BadRequestException.class)
        .hasMessageStartingWith(
            "Invalid patch path  '/id' specified for op 'replace'. Must be one of: [/description,"
                + " /enabled, /name, /customerId]");
  }

  @Test
  void usagePlansNameStagesThatExist() {
    Deployed deployed = deployedApi(false);
    assertThatThrownBy(
            () ->
                api()
                    .createUsagePlan(
                        r ->
                            r.name("bad")
                                .apiStages(
                                    ApiStage.builder()
                                        .apiId(deployed.apiId())
                                        .stage("missing")
                                        .build())))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining(
            "Invalid API Stage {api: "
                + deployed.apiId()
                + ", stage: missing} specified for usageplan");
    String planId =
        plan(deployed, ThrottleSettings.builder().rateLimit(10.0).burstLimit(20).build(), null);
    GetUsagePlanResponse plan = api().getUsagePlan(r -> r.usagePlanId(planId));
    assertThat(plan.throttle().rateLimit()).isEqualTo(10.0);
    assertThat(plan.throttle().burstLimit()).isEqualTo(20);
    assertThat(plan.apiStages()).extracting(ApiStage::stage).containsExactly("prod");
    assertThat(api().getUsagePlans(r -> r.limit(500)).items())
        .extracting(UsagePlan::id)
        .contains(planId);
  }

  @Test
  void aMethodThatRequiresAKeyRefusesCallsWithoutAValidOne() throws Exception {
    Deployed deployed = deployedApi(true);
    ApiKey member = key("member");
    ApiKey stranger = key("stranger");
    addKey(plan(deployed, null, null), member);
    CreateApiKeyResponse disabled = api().createApiKey(r -> r.name("disabled"));

    HttpResponse<String> without = get(deployed, null);
    HttpResponse<String> unknown = get(deployed, "not-a-key-of-this-stack-at-all");
    HttpResponse<String> notInPlan = get(deployed, stranger.value());
    HttpResponse<String> off = get(deployed, disabled.value());
    HttpResponse<String> valid = get(deployed, member.value());

    for (HttpResponse<String> refused : List.of(without, unknown, notInPlan, off)) {
      assertThat(refused.statusCode()).isEqualTo(403);
      assertThat(refused.body()).isEqualTo("{\"message\":\"Forbidden\"}");
      assertThat(refused.headers().firstValue("x-amzn-ErrorType")).hasValue("ForbiddenException");
    }
    assertThat(valid.statusCode()).isEqualTo(200);
    assertThat(valid.body()).isEqualTo("{\"orders\": []}");
  }

  @Test
  void aPlansThrottleRefusesCallsBeyondItsBurstUntilTheBucketRefills() throws Exception {
    Deployed deployed = deployedApi(true);
    ApiKey member = key("throttled");
    addKey(
        plan(deployed, ThrottleSettings.builder().rateLimit(1.0).burstLimit(3).build(), null),
        member);

    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      statuses.add(get(deployed, member.value()).statusCode());
    }
    HttpResponse<String> throttled = get(deployed, member.value());
    stack.advance(Duration.ofSeconds(2));
    List<Integer> afterTwoSeconds = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      afterTwoSeconds.add(get(deployed, member.value()).statusCode());
    }

    assertThat(statuses).containsExactly(200, 200, 200, 429, 429);
    assertThat(throttled.body()).isEqualTo("{\"message\":\"Too Many Requests\"}");
    assertThat(throttled.headers().firstValue("x-amzn-ErrorType"))
        .hasValue("TooManyRequestsException");
    assertThat(afterTwoSeconds).containsExactly(200, 200, 429);
  }

  @Test
  void aQuotaRefusesCallsUntilItsPeriodEndsAndGetUsageReportsThem() throws Exception {
    Deployed deployed = deployedApi(true);
    ApiKey member = key("quota");
    String planId =
        plan(deployed, null, QuotaSettings.builder().limit(3).period(QuotaPeriodType.DAY).build());
    addKey(planId, member);

    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      statuses.add(get(deployed, member.value()).statusCode());
    }
    HttpResponse<String> exceeded = get(deployed, member.value());
    stack.advance(Duration.ofDays(1));
    int nextDay = get(deployed, member.value()).statusCode();

    assertThat(statuses).containsExactly(200, 200, 200, 429);
    assertThat(exceeded.body()).isEqualTo("{\"message\":\"Limit Exceeded\"}");
    assertThat(exceeded.headers().firstValue("x-amzn-ErrorType"))
        .hasValue("LimitExceededException");
    assertThat(nextDay).isEqualTo(200);
    String today = stack.now().toString().substring(0, 10);
    String yesterday = stack.now().minus(Duration.ofDays(1)).toString().substring(0, 10);
    GetUsageResponse usage =
        api().getUsage(r -> r.usagePlanId(planId).startDate(yesterday).endDate(today));
    assertThat(usage.items().get(member.id())).containsExactly(List.of(3L, 0L), List.of(1L, 2L));
  }

  @Test
  void aStagesMethodThrottleAppliesToEveryCaller() throws Exception {
    Deployed deployed = deployedApi(false);
    api()
        .updateStage(
            r ->
                r.restApiId(deployed.apiId())
                    .stageName(deployed.stage())
                    .patchOperations(
                        PatchOperation.builder()
                            .op("replace")
                            .path("/~1orders/GET/throttling/rateLimit")
                            .value("1")
                            .build(),
                        PatchOperation.builder()
                            .op("replace")
                            .path("/~1orders/GET/throttling/burstLimit")
                            .value("2")
                            .build()));

    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      statuses.add(get(deployed, null).statusCode());
    }

    assertThat(statuses).containsExactly(200, 200, 429);
  }

  @Test
  void aKeyCannotBeInTwoPlansOfTheSameStage() {
    Deployed deployed = deployedApi(true);
    ApiKey member = key("twice");
    addKey(plan(deployed, null, null), member);
    String second = plan(deployed, null, null);

    assertThatThrownBy(() -> addKey(second, member))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("cannot reference multiple Usage Plans with the same API Stage");
  }
}
