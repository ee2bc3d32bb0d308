package io.serverlessstack.fake.internal.apigateway;

import io.serverlessstack.fake.internal.server.AwsService;
import io.serverlessstack.fake.internal.server.RequestContext;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.apigateway.model.*;

/**
 * API keys, usage plans and their keys, and GetUsage: what the gateway meters calls by ({@link
 * Metering}). Kept per account and region in {@link UsagePlans}.
 */
final class UsagePlanOperations {

  private static final int MAX_KEY_NAME = 1024;
  private static final int MAX_KEY_DESCRIPTION = 125;
  private static final int MIN_KEY_VALUE = 20;
  private static final int MAX_KEY_VALUE = 128;

  private final ApiGatewayEngine engine;

  private UsagePlanOperations(ApiGatewayEngine engine) {
    this.engine = engine;
  }

  static AwsService.Builder register(AwsService.Builder service, ApiGatewayEngine engine) {
    UsagePlanOperations ops = new UsagePlanOperations(engine);
    return service
        .operation("CreateApiKey", CreateApiKeyRequest::builder, ops::createApiKey)
        .operation("GetApiKey", GetApiKeyRequest::builder, ops::getApiKey)
        .operation("GetApiKeys", GetApiKeysRequest::builder, ops::getApiKeys)
        .operation("UpdateApiKey", UpdateApiKeyRequest::builder, ops::updateApiKey)
        .operation("DeleteApiKey", DeleteApiKeyRequest::builder, ops::deleteApiKey)
        .operation("CreateUsagePlan", CreateUsagePlanRequest::builder, ops::createUsagePlan)
        .operation("GetUsagePlan", GetUsagePlanRequest::builder, ops::getUsagePlan)
        .operation("GetUsagePlans", GetUsagePlansRequest::builder, ops::getUsagePlans)
        .operation("UpdateUsagePlan", UpdateUsagePlanRequest::builder, ops::updateUsagePlan)
        .operation("DeleteUsagePlan", DeleteUsagePlanRequest::builder, ops::deleteUsagePlan)
        .operation(
            "CreateUsagePlanKey", CreateUsagePlanKeyRequest::builder, ops::createUsagePlanKey)
        .operation("GetUsagePlanKey", GetUsagePlanKeyRequest::builder, ops::getUsagePlanKey)
        .operation("GetUsagePlanKeys", GetUsagePlanKeysRequest::builder, ops::getUsagePlanKeys)
        .operation(
            "DeleteUsagePlanKey", DeleteUsagePlanKeyRequest::builder, ops::deleteUsagePlanKey)
        .operation("GetUsage", GetUsageRequest::builder, ops::getUsage);
  }

  static Map<String, Integer> successStatuses() {
    Map<String, Integer> statuses = new LinkedHashMap<>();
    for (String created : List.of("CreateApiKey", "CreateUsagePlan", "CreateUsagePlanKey")) {
      statuses.put(created, 201);
    }
    for (String accepted : List.of("DeleteApiKey", "DeleteUsagePlan", "DeleteUsagePlanKey")) {
      statuses.put(accepted, 202);
    }
    return statuses;
  }

  // ---- API keys

  private CreateApiKeyResponse createApiKey(CreateApiKeyRequest request, RequestContext call) {
    checkKeyName(request.name());
    checkKeyDescription(request.description());
    String value = request.value();
    if (value == null || value.isEmpty()) {
      value = ApiGatewayEngine.randomId(40);
    } else if (value.length() < MIN_KEY_VALUE) {
      throw ApiGatewayErrors.badRequest("API Key value should be at least 20 characters");
    } else if (value.length() > MAX_KEY_VALUE) {
      throw ApiGatewayErrors.badRequest("API Key value exceeds maximum size of 128 characters");
    }
    UsagePlans plans = engine.usagePlans(call.scope());
    synchronized (plans) {
      if (plans.keyByValue(value) != null) {
        throw ApiGatewayErrors.conflict("API Key already exists");
      }
      ApiKey key =
          ApiKey.builder()
              .id(ApiGatewayEngine.randomId(10))
              .value(value)
              .name(request.name() == null || request.name().isEmpty() ? null : request.name())
              .description(request.description())
              .customerId(request.customerId())
              .enabled(Boolean.TRUE.equals(request.enabled()))
              .createdDate(engine.now())
              .lastUpdatedDate(engine.now())
              .stageKeys(stageKeys(request))
              .tags(request.hasTags() && !request.tags().isEmpty() ? request.tags() : null)
              .build();
      plans.keys.put(key.id(), key);
      return Shapes.copy(key, CreateApiKeyResponse.builder());
    }
  }

  private static List<String> stageKeys(CreateApiKeyRequest request) {
    List<String> keys = new ArrayList<>();
    if (request.hasStageKeys()) {
      for (StageKey stageKey : request.stageKeys()) {
        keys.add(stageKey.restApiId() + "/" + stageKey.stageName());
      }
    }
    return keys;
  }

  private static void checkKeyName(String name) {
    if (name != null && name.length() > MAX_KEY_NAME) {
      throw ApiGatewayErrors.badRequest("Invalid API Key name, can be at most 1024 characters.");
    }
  }

  private static void checkKeyDescription(String description) {
    if (description != null && description.length() > MAX_KEY_DESCRIPTION) {
      throw ApiGatewayErrors.badRequest("Invalid API Key description specified.");
    }
  }

  /** A key as listed: its value only when asked for. */
  private static ApiKey shown(ApiKey key, boolean withValue) {
    return withValue ? key : key.toBuilder().value(null).build();
  }

  private GetApiKeyResponse getApiKey(GetApiKeyRequest request, RequestContext call) {
    UsagePlans plans = engine.usagePlans(call.scope());
    synchronized (plans) {
      return Shapes.copy(
          shown(plans.key(request.apiKey()), Boolean.TRUE.equals(request.includeValue())),
          GetApiKeyResponse.builder());
    }
  }

  private GetApiKeysResponse getApiKeys(GetApiKeysRequest request, RequestContext call) {
    UsagePlans plans = engine.usagePlans(call.scope());
    synchronized (plans) {
      List<ApiKey> matching = new ArrayList<>();
      for (ApiKey key : plans.keys.values()) {
        boolean named =
            request.nameQuery() == null
                || (key.name() != null && key.name().startsWith(request.nameQuery()));
        boolean customer =
            request.customerId() == null || request.customerId().equals(key.customerId());
        if (named && customer) {
          matching.add(shown(key, Boolean.TRUE.equals(request.includeValues())));
        }
      }
      Page<ApiKey> page = Page.of(matching, request.position(), request.limit());
      return GetApiKeysResponse.builder().items(page.items()).position(page.next()).build();
    }
  }

  private UpdateApiKeyResponse updateApiKey(UpdateApiKeyRequest request, RequestContext call) {
    UsagePlans plans = engine.usagePlans(call.scope());
    synchronized (plans) {
      ApiKey key = plans.key(request.apiKey());
      ApiKey.Builder updated = key.toBuilder();
      for (PatchOperation patch : request.patchOperations()) {
        String path = patch.path();
        if (!"replace".equals(patch.opAsString())
            || !List.of("/description", "/enabled", "/name", "/customerId").contains(path)) {
          throw ApiGatewayErrors.badRequest(
              "Invalid patch path  '"
                  + path
                  + "' specified for op '"
                  + patch.opAsString()
                  + "'. Must be one of: [/description, /enabled, /name, /customerId]");
        }
        switch (path) {
          case "/description":
            checkKeyDescription(patch.value());
            updated.description(patch.value());
            break;
          case "/enabled":
            // AWS takes anything but "true" as false rather than refusing it.
            updated.enabled("true".equals(patch.value()));
            break;
          case "/name":
            checkKeyName(patch.value());
            updated.name(patch.value());
            break;
          default:
            updated.customerId(patch.value());
            break;
        }
      }
      ApiKey stored = updated.lastUpdatedDate(engine.now()).build();
      plans.keys.put(stored.id(), stored);
      return Shapes.copy(shown(stored, false), UpdateApiKeyResponse.builder());
    }
  }

  private DeleteApiKeyResponse deleteApiKey(DeleteApiKeyRequest request, RequestContext call) {
    UsagePlans plans = engine.usagePlans(call.scope());
    synchronized (plans) {
      plans.key(request.apiKey());
      plans.keys.remove(request.apiKey());
      plans.planKeys.values().forEach(keys -> keys.remove(request.apiKey()));
      return DeleteApiKeyResponse.builder().build();
    }
  }

  // ---- usage plans

  private CreateUsagePlanResponse createUsagePlan(
      CreateUsagePlanRequest request, RequestContext call) {
    if (request.name() == null || request.name().isBlank()) {
      throw ApiGatewayErrors.badRequest("Usage Plan name cannot be empty");
    }
    String id = ApiGatewayEngine.randomId(6);
    List<ApiStage> stages = request.hasApiStages() ? request.apiStages() : List.of();
    checkStages(call, id, stages);
    checkQuota(request.quota());
    UsagePlan plan =
        UsagePlan.builder()
            .id(id)
            .name(request.name())
            .description(request.description())
            .apiStages(stages)
            .throttle(request.throttle())
            .quota(request.quota())
            .tags(request.hasTags() && !request.tags().isEmpty() ? request.tags() : null)
            .build();
    UsagePlans plans = engine.usagePlans(call.scope());
    synchronized (plans) {
      plans.plans.put(id, plan);
      plans.keysOf(id);
    }
    return Shapes.copy(plan, CreateUsagePlanResponse.builder());
  }

  /** AWS's check that every stage of a plan exists in the caller's account and region. */
  private void checkStages(RequestContext call, String planId, List<ApiStage> stages) {
    for (ApiStage stage : stages) {
      boolean exists;
      try {
        RestApiState api = engine.restApi(call.scope(), stage.apiId());
        synchronized (api) {
          exists = api.stages.containsKey(stage.stage());
        }
      } catch (RuntimeException unknownApi) {
        exists = false;
      }
      if (!exists) {
        throw ApiGatewayErrors.notFound(
            "Invalid API Stage {api: "
                + stage.apiId()
                + ", stage: "
                + stage.stage()
                + "} specified for usageplan "
                + planId);
      }
    }
  }

  private static void checkQuota(QuotaSettings quota) {
    if (quota == null) {
      return;
    }
    if (quota.limit() == null || quota.limit() < 0) {
      throw ApiGatewayErrors.badRequest("Quota limit must be a positive integer");
    }
    if (quota.period() == null || quota.period() == QuotaPeriodType.UNKNOWN_TO_SDK_VERSION) {
      throw ApiGatewayErrors.badRequest("Quota period must be one of: [DAY, WEEK, MONTH]");
    }
  }

  private GetUsagePlanResponse getUsagePlan(GetUsagePlanRequest request, RequestContext call) {
    UsagePlans plans = engine.usagePlans(call.scope());
    synchronized (plans) {
      return Shapes.copy(plans.plan(request.usagePlanId()), GetUsagePlanResponse.builder());
    }
  }

  private GetUsagePlansResponse getUsagePlans(GetUsagePlansRequest request, RequestContext call) {
    UsagePlans plans = engine.usagePlans(call.scope());
    synchronized (plans) {
      List<UsagePlan> matching = new ArrayList<>();
      for (UsagePlan plan : plans.plans.values()) {
        if (request.keyId() == null || plans.keysOf(plan.id()).contains(request.keyId())) {
          matching.add(plan);
        }
      }
      Page<UsagePlan> page = Page.of(matching, request.position(), request.limit());
      return GetUsagePlansResponse.builder().items(page.items()).position(page.next()).build();
    }
  }

  private UpdateUsagePlanResponse updateUsagePlan(
      UpdateUsagePlanRequest request, RequestContext call) {
    UsagePlans plans = engine.usagePlans(call.scope());
    UsagePlan plan;
    synchronized (plans) {
      plan = plans.plan(request.usagePlanId());
    }
    UsagePlan.Builder updated = plan.toBuilder();
    List<ApiStage> stages = new ArrayList<>(plan.apiStages());
    ThrottleSettings.Builder throttle =
        plan.throttle() == null ? ThrottleSettings.builder() : plan.throttle().toBuilder();
    QuotaSettings.Builder quota =
        plan.quota() == null ? QuotaSettings.builder() : plan.quota().toBuilder();
    boolean throttleRemoved = false;
    boolean quotaRemoved = false;
    for (PatchOperation patch : request.patchOperations()) {
      String op = patch.opAsString();
      String path = patch.path() == null ? "" : patch.path();
      String value = patch.value();
      try {
        switch (path) {
          case "/name":
            updated.name(value);
            continue;
          case "/description":
            updated.description(value);
            continue;
          case "/productCode":
            updated.productCode(value);
            continue;
          case "/throttle":
            throttleRemoved = "remove".equals(op);
            continue;
          case "/throttle/rateLimit":
            throttle.rateLimit(Double.parseDouble(value));
            continue;
          case "/throttle/burstLimit":
            throttle.burstLimit(Integer.parseInt(value));
            continue;
          case "/quota":
            quotaRemoved = "remove".equals(op);
            continue;
          case "/quota/limit":
            quota.limit(Integer.parseInt(value));
            continue;
          case "/quota/offset":
            quota.offset(Integer.parseInt(value));
            continue;
          case "/quota/period":
            quota.period(value);
            continue;
          case "/apiStages":
            String[] apiAndStage = value == null ? new String[0] : value.split(":");
            if (apiAndStage.length != 2) {
              throw ApiGatewayErrors.badRequest("Invalid API Stage specified");
            }
            ApiStage stage = ApiStage.builder().apiId(apiAndStage[0]).stage(apiAndStage[1]).build();
            if ("add".equals(op)) {
              checkStages(call, plan.id(), List.of(stage));
              stages.add(stage);
            } else if ("remove".equals(op)) {
              stages.removeIf(
                  s -> s.apiId().equals(stage.apiId()) && s.stage().equals(stage.stage()));
            } else {
              throw ApiGatewayErrors.badRequest(
                  "Invalid patch operation specified. Must be one of: [add, remove]");
            }
            continue;
          default:
            throw ApiGatewayErrors.badRequest("Invalid patch path " + path);
        }
      } catch (NumberFormatException | NullPointerException notANumber) {
        throw ApiGatewayErrors.badRequest("Invalid value for " + path + ": " + value);
      }
    }
    UsagePlan stored =
        updated
            .apiStages(stages)
            .throttle(throttleRemoved ? null : nullIfEmpty(throttle.build()))
            .quota(quotaRemoved ? null : nullIfEmpty(quota.build()))
            .build();
    checkQuota(stored.quota());
    synchronized (plans) {
      plans.plans.put(stored.id(), stored);
    }
    return Shapes.copy(stored, UpdateUsagePlanResponse.builder());
  }

  private static ThrottleSettings nullIfEmpty(ThrottleSettings throttle) {
    return throttle.rateLimit() == null && throttle.burstLimit() == null ? null : throttle;
  }

  private static QuotaSettings nullIfEmpty(QuotaSettings quota) {
    return quota.limit() == null && quota.period() == null ? null : quota;
  }

  private DeleteUsagePlanResponse deleteUsagePlan(
      DeleteUsagePlanRequest request, RequestContext call) {
    UsagePlans plans = engine.usagePlans(call.scope());
    synchronized (plans) {
      plans.plan(request.usagePlanId());
      plans.plans.remove(request.usagePlanId());
      plans.planKeys.remove(request.usagePlanId());
      return DeleteUsagePlanResponse.builder().build();
    }
  }

  // ---- usage plan keys

  private CreateUsagePlanKeyResponse createUsagePlanKey(
      CreateUsagePlanKeyRequest request, RequestContext call) {
    if (!"API_KEY".equals(request.keyType())) {
      throw ApiGatewayErrors.badRequest("Invalid Key type specified: " + request.keyType());
    }
    UsagePlans plans = engine.usagePlans(call.scope());
    synchronized (plans) {
      UsagePlan plan = plans.plan(request.usagePlanId());
      ApiKey key = plans.key(request.keyId());
      for (UsagePlan other : plans.plans.values()) {
        if (other.id().equals(plan.id()) || !plans.keysOf(other.id()).contains(key.id())) {
          continue;
        }
        for (ApiStage stage : other.apiStages()) {
          for (ApiStage ours : plan.apiStages()) {
            if (stage.apiId().equals(ours.apiId()) && stage.stage().equals(ours.stage())) {
              throw ApiGatewayErrors.conflict(
                  "Usage Plan "
                      + plan.id()
                      + " cannot be added because API Key "
                      + key.id()
                      + " cannot reference multiple Usage Plans with the same API Stage: "
                      + ours.apiId()
                      + ":"
                      + ours.stage());
            }
          }
        }
      }
      plans.keysOf(plan.id()).add(key.id());
      return Shapes.copy(usagePlanKey(key), CreateUsagePlanKeyResponse.builder());
    }
  }

  private static UsagePlanKey usagePlanKey(ApiKey key) {
    return UsagePlanKey.builder()
        .id(key.id())
        .type("API_KEY")
        .value(key.value())
        .name(key.name())
        .build();
  }

  private GetUsagePlanKeyResponse getUsagePlanKey(
      GetUsagePlanKeyRequest request, RequestContext call) {
    UsagePlans plans = engine.usagePlans(call.scope());
    synchronized (plans) {
      plans.plan(request.usagePlanId());
      if (!plans.keysOf(request.usagePlanId()).contains(request.keyId())) {
        throw ApiGatewayErrors.notFound("Invalid Usage Plan Key identifier specified");
      }
      return Shapes.copy(
          usagePlanKey(plans.key(request.keyId())), GetUsagePlanKeyResponse.builder());
    }
  }

  private GetUsagePlanKeysResponse getUsagePlanKeys(
      GetUsagePlanKeysRequest request, RequestContext call) {
    UsagePlans plans = engine.usagePlans(call.scope());
    synchronized (plans) {
      plans.plan(request.usagePlanId());
      List<UsagePlanKey> keys = new ArrayList<>();
      for (String keyId : plans.keysOf(request.usagePlanId())) {
        ApiKey key = plans.keys.get(keyId);
        if (request.nameQuery() == null
            || (key.name() != null && key.name().startsWith(request.nameQuery()))) {
          keys.add(usagePlanKey(key));
        }
      }
      Page<UsagePlanKey> page = Page.of(keys, request.position(), request.limit());
      return GetUsagePlanKeysResponse.builder().items(page.items()).position(page.next()).build();
    }
  }

  private DeleteUsagePlanKeyResponse deleteUsagePlanKey(
      DeleteUsagePlanKeyRequest request, RequestContext call) {
    UsagePlans plans = engine.usagePlans(call.scope());
    synchronized (plans) {
      plans.plan(request.usagePlanId());
      if (!plans.keysOf(request.usagePlanId()).remove(request.keyId())) {
        throw ApiGatewayErrors.notFound("Invalid Usage Plan Key identifier specified");
      }
      return DeleteUsagePlanKeyResponse.builder().build();
    }
  }

  // ---- usage

  private GetUsageResponse getUsage(GetUsageRequest request, RequestContext call) {
    LocalDate from;
    LocalDate to;
    try {
      from = LocalDate.parse(request.startDate());
      to = LocalDate.parse(request.endDate());
    } catch (DateTimeParseException | NullPointerException e) {
      throw ApiGatewayErrors.badRequest("Invalid date format. Dates must be in yyyy-MM-dd format");
    }
    if (to.isBefore(from)) {
      throw ApiGatewayErrors.badRequest("The end date must not be before the start date");
    }
    UsagePlans plans = engine.usagePlans(call.scope());
    UsagePlan plan;
    List<String> keyIds = new ArrayList<>();
    synchronized (plans) {
      plan = plans.plan(request.usagePlanId());
      for (String keyId : plans.keysOf(plan.id())) {
        if (request.keyId() == null || request.keyId().equals(keyId)) {
          keyIds.add(keyId);
        }
      }
    }
    Map<String, List<List<Long>>> items = new LinkedHashMap<>();
    for (String keyId : keyIds) {
      items.put(keyId, engine.metering().usage(plan.id(), keyId, plan.quota(), from, to));
    }
    return GetUsageResponse.builder()
        .usagePlanId(plan.id())
        .startDate(from.toString())
        .endDate(to.toString())
        .items(items)
        .build();
  }
}
