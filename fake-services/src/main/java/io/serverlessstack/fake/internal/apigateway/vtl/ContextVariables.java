package io.serverlessstack.fake.internal.apigateway.vtl;

import io.serverlessstack.fake.internal.apigateway.ApiCall;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code $context} of a REST API mapping template: the variables AWS documents for mapping
 * templates that a call carries, as a map (a variable AWS has no value for is absent, and renders
 * empty), plus the writable {@code requestOverride} and {@code responseOverride} maps.
 */
final class ContextVariables {

  /** CLF, as AWS writes {@code $context.requestTime}: {@code 03/Dec/2026:20:15:20 +0000}. */
  static final DateTimeFormatter REQUEST_TIME =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.US).withZone(ZoneOffset.UTC);

  static final String REQUEST_OVERRIDE = "requestOverride";
  static final String RESPONSE_OVERRIDE = "responseOverride";
  static final String HEADER = "header";
  static final String QUERYSTRING = "querystring";
  static final String PATH = "path";
  static final String STATUS = "status";

  private ContextVariables() {}

  /** A fresh, mutable {@code $context} for one rendering. */
  static Map<String, Object> of(ApiCall call, Overrides overrides) {
    Map<String, Object> context = new LinkedHashMap<>();
    context.put("accountId", call.accountId());
    context.put("apiId", call.apiId());
    context.put("authorizer", authorizer(call.authorizer()));
    context.put("deploymentId", call.deploymentId());
    context.put("domainName", call.domainName());
    context.put("domainPrefix", domainPrefix(call.domainName()));
    // AWS's extended id is another id of the same request; ours is the request id itself.
    context.put("extendedRequestId", call.requestId());
    context.put("httpMethod", call.httpMethod());
    context.put("identity", identity(call));
    context.put("path", "/" + call.stage() + call.path());
    context.put("protocol", call.protocol());
    context.put("requestId", call.requestId());
    if (call.requestTime() != null) {
      context.put("requestTime", REQUEST_TIME.format(call.requestTime()));
      context.put("requestTimeEpoch", call.requestTime().toEpochMilli());
    }
    context.put("resourceId", call.resourceId());
    context.put("resourcePath", call.resourcePath());
    context.put("stage", call.stage());
    context.put(REQUEST_OVERRIDE, requestOverride(overrides));
    context.put(RESPONSE_OVERRIDE, responseOverride(overrides));
    return context;
  }

  private static Map<String, Object> identity(ApiCall call) {
    Map<String, Object> identity = new LinkedHashMap<>();
    // Fields AWS fills only for IAM or Cognito callers stay absent: caller, user, userArn,
    // accountId, cognito*; they render empty as AWS's nulls do.
    identity.put("sourceIp", call.sourceIp());
    identity.put("userAgent", call.header("User-Agent"));
    if (call.apiKeyId() != null) {
      identity.put("apiKey", call.header("x-api-key"));
      identity.put("apiKeyId", call.apiKeyId());
    }
    return identity;
  }

  /**
   * {@code $context.authorizer}: the principal id and, stringified as AWS documents ({@code 1} as
   * {@code "1"}, {@code true} as {@code "true"}), each value of the authorizer's context; maps (the
   * claims of a Cognito authorizer) stay maps of strings. Entries under {@code context} are lifted
   * to the top, as AWS shows a Lambda authorizer's context.
   */
  private static Map<String, Object> authorizer(Map<String, Object> returned) {
    Map<String, Object> authorizer = new LinkedHashMap<>();
    returned.forEach(
        (name, value) -> {
          if ("context".equals(name) && value instanceof Map) {
            ((Map<?, ?>) value)
                .forEach((key, inner) -> authorizer.put(String.valueOf(key), stringified(inner)));
          } else {
            authorizer.put(name, stringified(value));
          }
        });
    return authorizer;
  }

  private static Object stringified(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Map) {
      Map<String, Object> map = new LinkedHashMap<>();
      ((Map<?, ?>) value).forEach((key, inner) -> map.put(String.valueOf(key), stringified(inner)));
      return map;
    }
    return String.valueOf(value);
  }

  private static String domainPrefix(String domainName) {
    if (domainName == null) {
      return null;
    }
    int dot = domainName.indexOf('.');
    return dot < 0 ? domainName : domainName.substring(0, dot);
  }

  private static Map<String, Object> requestOverride(Overrides overrides) {
    Map<String, Object> request = new LinkedHashMap<>();
    request.put(HEADER, multiValued(overrides.requestHeaders()));
    request.put(QUERYSTRING, multiValued(overrides.requestQuerystring()));
    request.put(PATH, new LinkedHashMap<String, Object>(overrides.requestPath()));
    return request;
  }

  private static Map<String, Object> responseOverride(Overrides overrides) {
    Map<String, Object> response = new LinkedHashMap<>();
    response.put(HEADER, multiValued(overrides.responseHeaders()));
    response.put(STATUS, overrides.responseStatus());
    return response;
  }

  /** A template sees one value as a string, several as a list, as it would have set them. */
  private static Map<String, Object> multiValued(Map<String, List<String>> values) {
    Map<String, Object> map = new LinkedHashMap<>();
    values.forEach(
        (name, list) -> map.put(name, list.size() == 1 ? list.get(0) : new ArrayList<>(list)));
    return map;
  }

  /** The overrides as the template left them in {@code $context}. */
  static Overrides overridesIn(Map<String, Object> context) {
    Map<?, ?> request = asMap(context.get(REQUEST_OVERRIDE));
    Map<?, ?> response = asMap(context.get(RESPONSE_OVERRIDE));
    return new Overrides(
        multiValues(asMap(request.get(HEADER))),
        multiValues(asMap(request.get(QUERYSTRING))),
        singleValues(asMap(request.get(PATH))),
        status(response.get(STATUS)),
        multiValues(asMap(response.get(HEADER))));
  }

  private static Map<?, ?> asMap(Object value) {
    return value instanceof Map ? (Map<?, ?>) value : Map.of();
  }

  private static Map<String, List<String>> multiValues(Map<?, ?> map) {
    Map<String, List<String>> values = new LinkedHashMap<>();
    map.forEach(
        (name, value) -> {
          List<String> list = new ArrayList<>();
          if (value instanceof Iterable) {
            for (Object element : (Iterable<?>) value) {
              if (element != null) {
                list.add(String.valueOf(element));
              }
            }
          } else if (value != null) {
            list.add(String.valueOf(value));
          }
          if (name != null && !list.isEmpty()) {
            values.put(String.valueOf(name), List.copyOf(list));
          }
        });
    return values;
  }

  private static Map<String, String> singleValues(Map<?, ?> map) {
    Map<String, String> values = new LinkedHashMap<>();
    map.forEach(
        (name, value) -> {
          if (name != null && value != null) {
            values.put(String.valueOf(name), String.valueOf(value));
          }
        });
    return values;
  }

  /** AWS ignores a status that is not an integer from 100 to 599. */
  private static Integer status(Object value) {
    if (value instanceof Integer || value instanceof Long || value instanceof Short) {
      long status = ((Number) value).longValue();
      if (status >= 100 && status <= 599) {
        return (int) status;
      }
    }
    return null;
  }
}
