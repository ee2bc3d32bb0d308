package io.serverlessstack.fake.internal.apigateway;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.apigateway.model.AccessLogSettings;
import software.amazon.awssdk.services.apigateway.model.MethodSetting;
import software.amazon.awssdk.services.apigateway.model.PatchOperation;
import software.amazon.awssdk.services.apigateway.model.Stage;
import software.amazon.awssdk.services.apigateway.model.UnauthorizedCacheControlHeaderStrategy;

/**
 * UpdateStage's patch operations, which AWS treats apart from the other resources': besides plain
 * members and {@code /variables/{name}}, a path {@code /{resourcePath}/{httpMethod}/{setting}}
 * ({@code /~1orders/GET/throttling/rateLimit}, or {@code /*}{@code /*}{@code /…} for every method)
 * sets one of the stage's method settings, created with AWS's defaults on first use.
 */
final class StagePatches {

  /** AWS's list of what UpdateStage takes, as its refusals quote it. */
  private static final String VALID_PATHS =
      "[/deploymentId, /description, /cacheClusterEnabled, /cacheClusterSize,"
          + " /clientCertificateId, /accessLogSettings, /accessLogSettings/destinationArn,"
          + " /accessLogSettings/format, /{resourcePath}/{httpMethod}/metrics/enabled,"
          + " /{resourcePath}/{httpMethod}/logging/dataTrace,"
          + " /{resourcePath}/{httpMethod}/logging/loglevel,"
          + " /{resourcePath}/{httpMethod}/throttling/burstLimit"
          + "/{resourcePath}/{httpMethod}/throttling/rateLimit"
          + "/{resourcePath}/{httpMethod}/caching/ttlInSeconds,"
          + " /{resourcePath}/{httpMethod}/caching/enabled,"
          + " /{resourcePath}/{httpMethod}/caching/dataEncrypted,"
          + " /{resourcePath}/{httpMethod}/caching/requireAuthorizationForCacheControl,"
          + " /{resourcePath}/{httpMethod}/caching/unauthorizedCacheControlHeaderStrategy,"
          + " /*/*/metrics/enabled, /*/*/logging/dataTrace, /*/*/logging/loglevel,"
          + " /*/*/throttling/burstLimit /*/*/throttling/rateLimit /*/*/caching/ttlInSeconds,"
          + " /*/*/caching/enabled, /*/*/caching/dataEncrypted,"
          + " /*/*/caching/requireAuthorizationForCacheControl,"
          + " /*/*/caching/unauthorizedCacheControlHeaderStrategy, /variables/{variable_name},"
          + " /tracingEnabled]";

  private StagePatches() {}

  static Stage apply(Stage stage, List<PatchOperation> operations) {
    Stage.Builder updated = stage.toBuilder();
    Map<String, String> variables =
        new LinkedHashMap<>(stage.hasVariables() ? stage.variables() : Map.of());
    Map<String, MethodSetting> settings =
        new LinkedHashMap<>(stage.hasMethodSettings() ? stage.methodSettings() : Map.of());
    AccessLogSettings accessLog = stage.accessLogSettings();
    for (PatchOperation operation : operations) {
      String op = operation.opAsString();
      String path = operation.path() == null ? "" : operation.path();
      String value = operation.value();
      List<String> segments = Patches.segments(path.isEmpty() ? "/" : path);
      boolean remove = "remove".equals(op);
      if (!"replace".equals(op) && !remove && !"add".equals(op)) {
        throw ApiGatewayErrors.badRequest(
            "Invalid patch operation specified. Must be one of: [replace, add, remove]");
      }
      switch (path) {
        case "/description":
          updated.description(value);
          continue;
        case "/deploymentId":
          updated.deploymentId(value);
          continue;
        case "/cacheClusterEnabled":
          updated.cacheClusterEnabled(Boolean.parseBoolean(value));
          continue;
        case "/cacheClusterSize":
          updated.cacheClusterSize(value);
          continue;
        case "/clientCertificateId":
          updated.clientCertificateId(value);
          continue;
        case "/tracingEnabled":
          updated.tracingEnabled(Boolean.parseBoolean(value));
          continue;
        case "/documentationVersion":
          updated.documentationVersion(value);
          continue;
        case "/accessLogSettings":
          if (!remove) {
            throw ApiGatewayErrors.badRequest(
                "Invalid accessLogSettings path. Must be one of : [/accessLogSettings/destinationArn,"
                    + " /accessLogSettings/format]");
          }
          accessLog = null;
          continue;
        case "/accessLogSettings/destinationArn":
        case "/accessLogSettings/format":
          if (!remove && (value == null || value.isEmpty())) {
            throw ApiGatewayErrors.badRequest("Access Log value must not be empty");
          }
          AccessLogSettings.Builder log =
              accessLog == null ? AccessLogSettings.builder() : accessLog.toBuilder();
          if (path.endsWith("destinationArn")) {
            log.destinationArn(remove ? null : value);
          } else {
            log.format(remove ? null : value);
          }
          accessLog = log.build();
          continue;
        default:
          break;
      }
      if (segments.size() == 2 && segments.get(0).equals("variables")) {
        if (remove) {
          variables.remove(segments.get(1));
        } else {
          variables.put(segments.get(1), value);
        }
        continue;
      }
      if (segments.size() == 4 && !segments.get(0).isEmpty()) {
        String key = settingKey(segments.get(0), segments.get(1));
        String setting = segments.get(2) + "/" + segments.get(3);
        if (remove) {
          if (settings.remove(key) == null) {
            throw ApiGatewayErrors.badRequest(
                "Cannot remove method setting "
                    + key
                    + " because there is no method setting for this method ");
          }
          continue;
        }
        MethodSetting current = settings.getOrDefault(key, defaults());
        settings.put(key, set(current, setting, value, path));
        continue;
      }
      throw ApiGatewayErrors.badRequest(
          "Invalid method setting path: " + path + ". Must be one of: " + VALID_PATHS);
    }
    return updated
        .variables(variables.isEmpty() ? null : variables)
        .methodSettings(settings)
        .accessLogSettings(accessLog)
        .build();
  }

  /**
   * A method setting's key: {@code orders/GET} for {@code /orders} and GET, {@code *}{@code /*}.
   */
  private static String settingKey(String resourcePath, String httpMethod) {
    String path = resourcePath.startsWith("/") ? resourcePath.substring(1) : resourcePath;
    return path + "/" + httpMethod;
  }

  /** What AWS fills a method setting with when a patch first names it. */
  private static MethodSetting defaults() {
    return MethodSetting.builder()
        .metricsEnabled(false)
        .dataTraceEnabled(false)
        .throttlingBurstLimit(5000)
        .throttlingRateLimit(10000.0)
        .cachingEnabled(false)
        .cacheTtlInSeconds(300)
        .cacheDataEncrypted(false)
        .requireAuthorizationForCacheControl(true)
        .unauthorizedCacheControlHeaderStrategy(
            UnauthorizedCacheControlHeaderStrategy.SUCCEED_WITH_RESPONSE_HEADER)
        .build();
  }

  private static MethodSetting set(
      MethodSetting current, String setting, String value, String path) {
    MethodSetting.Builder builder = current.toBuilder();
    try {
      switch (setting) {
        case "metrics/enabled":
          return builder.metricsEnabled(Boolean.parseBoolean(value)).build();
        case "logging/dataTrace":
          return builder.dataTraceEnabled(Boolean.parseBoolean(value)).build();
        case "logging/loglevel":
          return builder.loggingLevel(value).build();
        case "throttling/burstLimit":
          return builder.throttlingBurstLimit(Integer.parseInt(value)).build();
        case "throttling/rateLimit":
          return builder.throttlingRateLimit(Double.parseDouble(value)).build();
        case "caching/enabled":
          return builder.cachingEnabled(Boolean.parseBoolean(value)).build();
        case "caching/ttlInSeconds":
          return builder.cacheTtlInSeconds(Integer.parseInt(value)).build();
        case "caching/dataEncrypted":
          return builder.cacheDataEncrypted(Boolean.parseBoolean(value)).build();
        case "caching/requireAuthorizationForCacheControl":
          return builder.requireAuthorizationForCacheControl(Boolean.parseBoolean(value)).build();
        case "caching/unauthorizedCacheControlHeaderStrategy":
          return builder.unauthorizedCacheControlHeaderStrategy(value).build();
        default:
          throw ApiGatewayErrors.badRequest(
              "Invalid method setting path: " + path + ". Must be one of: " + VALID_PATHS);
      }
    } catch (NumberFormatException | NullPointerException notANumber) {
      throw ApiGatewayErrors.badRequest("Invalid value for " + setting + ": " + value);
    }
  }
}
