package io.serverlessstack.fake.internal.apigateway.proxy;

import io.serverlessstack.fake.internal.apigateway.ApiCall;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** What the events of every payload format derive alike from a call. */
final class CallFacts {

  /**
   * Headers API Gateway drops from every call before any integration sees them, proxies included
   * (hop-by-hop and framing headers).
   */
  static final Set<String> DROPPED_REQUEST_HEADERS =
      Set.of(
          "connection",
          "content-length",
          "content-md5",
          "expect",
          "keep-alive",
          "max-forwards",
          "proxy-authenticate",
          "proxy-authorization",
          "proxy-connection",
          "server",
          "te",
          "trailer",
          "transfer-encoding",
          "upgrade",
          "www-authenticate");

  /** {@code $context.requestTime}'s format, e.g. {@code 04/Mar/2020:19:15:17 +0000}. */
  private static final DateTimeFormatter REQUEST_TIME =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.US).withZone(ZoneOffset.UTC);

  private CallFacts() {}

  static String requestTime(ApiCall call) {
    return REQUEST_TIME.format(call.requestTime());
  }

  /** The first label of the host: the API's id on {@code {apiId}.execute-api.…} hosts. */
  static String domainPrefix(ApiCall call) {
    String domain = call.domainName();
    if (domain == null) {
      return null;
    }
    int dot = domain.indexOf('.');
    return dot < 0 ? domain : domain.substring(0, dot);
  }

  /** The headers integrations get, by name in the client's case, each with its values. */
  static Map<String, List<String>> forwardedHeaders(ApiCall call) {
    Map<String, List<String>> headers = call.multiValueHeaders();
    headers.keySet().removeIf(name -> DROPPED_REQUEST_HEADERS.contains(lower(name)));
    return headers;
  }

  /** The headers with lower-case names, as HTTP APIs pass them on. */
  static Map<String, List<String>> lowerCaseHeaders(ApiCall call) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    forwardedHeaders(call)
        .forEach(
            (name, values) ->
                headers.computeIfAbsent(lower(name), k -> new ArrayList<>()).addAll(values));
    return headers;
  }

  /** Each name with its last value: what single-value maps of payload 1.0 carry (as AWS does). */
  static Map<String, String> lastValues(Map<String, List<String>> multi) {
    Map<String, String> last = new LinkedHashMap<>();
    multi.forEach((name, values) -> last.put(name, values.get(values.size() - 1)));
    return last;
  }

  /**
   * The path parameters as the client sent them, still percent-encoded: REST APIs' proxy events
   * carry them so ({@code test%2Balias@…} stays as is, AWS-validated). Read off the raw path along
   * the resource's template; falls back to the call's decoded values if the path does not fit.
   */
  static Map<String, String> rawPathParameters(ApiCall call) {
    if (call.pathParameters().isEmpty() || call.resourcePath() == null) {
      return call.pathParameters();
    }
    String[] template = trimSlashes(call.resourcePath()).split("/", -1);
    String path = trimSlashes(call.path());
    String[] segments = path.split("/", -1);
    Map<String, String> raw = new LinkedHashMap<>();
    int at = 0;
    for (int i = 0; i < template.length; i++) {
      String part = template[i];
      boolean label = part.startsWith("{") && part.endsWith("}");
      if (label && part.endsWith("+}") && i == template.length - 1) {
        if (at >= segments.length) {
          return call.pathParameters();
        }
        raw.put(
            part.substring(1, part.length() - 2),
            String.join("/", List.of(segments).subList(at, segments.length)));
        at = segments.length;
        break;
      }
      if (at >= segments.length) {
        return call.pathParameters();
      }
      if (label) {
        raw.put(part.substring(1, part.length() - 1), segments[at]);
      }
      at++;
    }
    if (at != segments.length || !raw.keySet().equals(call.pathParameters().keySet())) {
      return call.pathParameters();
    }
    return raw;
  }

  /** The path without its leading slashes and without one trailing slash. */
  private static String trimSlashes(String path) {
    int start = 0;
    while (start < path.length() && path.charAt(start) == '/') {
      start++;
    }
    int end = path.length();
    if (end > start && path.charAt(end - 1) == '/') {
      end--;
    }
    return path.substring(start, end);
  }

  /** The path with its leading slashes collapsed to one, as the events' {@code path} shows it. */
  static String collapsedPath(ApiCall call) {
    String path = call.path();
    int start = 0;
    while (start < path.length() - 1
        && path.charAt(start) == '/'
        && path.charAt(start + 1) == '/') {
      start++;
    }
    return path.substring(start);
  }

  static String lower(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
