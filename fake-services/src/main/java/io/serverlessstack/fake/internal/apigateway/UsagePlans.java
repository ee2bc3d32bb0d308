package io.serverlessstack.fake.internal.apigateway;

import io.serverlessstack.fake.internal.server.Scope;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.apigateway.model.ApiKey;
import software.amazon.awssdk.services.apigateway.model.ApiStage;
import software.amazon.awssdk.services.apigateway.model.UsagePlan;

/**
 * The API keys and usage plans of one account and region, and which keys each plan has. Guarded by
 * its own monitor. What a key may call, and how fast, is read from here by {@link Metering}.
 */
final class UsagePlans {

  final Scope scope;
  final Map<String, ApiKey> keys = new LinkedHashMap<>();
  final Map<String, UsagePlan> plans = new LinkedHashMap<>();

  /** Each plan's keys, by plan id. */
  final Map<String, Set<String>> planKeys = new LinkedHashMap<>();

  UsagePlans(Scope scope) {
    this.scope = scope;
  }

  ApiKey key(String keyId) {
    ApiKey key = keyId == null ? null : keys.get(keyId);
    if (key == null) {
      throw ApiGatewayErrors.notFound("Invalid API Key identifier specified");
    }
    return key;
  }

  UsagePlan plan(String planId) {
    UsagePlan plan = planId == null ? null : plans.get(planId);
    if (plan == null) {
      throw ApiGatewayErrors.notFound("Invalid Usage Plan ID specified");
    }
    return plan;
  }

  /** The key whose value is {@code value}, or {@code null}. */
  ApiKey keyByValue(String value) {
    for (ApiKey key : keys.values()) {
      if (key.value().equals(value)) {
        return key;
      }
    }
    return null;
  }

  /** The plans that have key {@code keyId} and cover stage {@code stage} of API {@code apiId}. */
  List<UsagePlan> plansOf(String keyId, String apiId, String stage) {
    List<UsagePlan> covering = new ArrayList<>();
    for (Map.Entry<String, Set<String>> entry : planKeys.entrySet()) {
      if (!entry.getValue().contains(keyId)) {
        continue;
      }
      UsagePlan plan = plans.get(entry.getKey());
      for (ApiStage apiStage : plan.apiStages()) {
        if (apiStage.apiId().equals(apiId) && apiStage.stage().equals(stage)) {
          covering.add(plan);
        }
      }
    }
    return covering;
  }

  Set<String> keysOf(String planId) {
    return planKeys.computeIfAbsent(planId, id -> new LinkedHashSet<>());
  }
}
