package io.serverlessstack.fake.internal.server;

import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;

/**
 * A route that takes whole HTTP requests, with no AWS protocol: API Gateway's invoke URLs ({@code
 * /restapis/{id}/{stage}/_user_request_/…}, {@code {id}.execute-api.<host>}) and the like. Raw
 * routes are checked after the admin API and before every AWS protocol, in the order the services
 * declared them.
 *
 * @param name what the route serves, for messages
 * @param matches whether a request is for this route; runs on every request, so keep it cheap
 * @param handler answers the request
 */
public record RawRoute(String name, Predicate<StackRequest> matches, Handler handler) {

  /** Answers one request; may complete later. */
  public interface Handler {
    CompletionStage<StackResponse> handle(StackRequest request, RequestContext context);
  }

  public RawRoute {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(matches, "matches");
    Objects.requireNonNull(handler, "handler");
  }

  /** Requests whose path starts with {@code prefix}. */
  public static RawRoute pathPrefix(String name, String prefix, Handler handler) {
    return new RawRoute(name, request -> request.path().startsWith(prefix), handler);
  }

  /**
   * Requests whose {@code Host} has {@code label} as a dot-separated label after the first, as
   * {@code abc123.execute-api.localhost:4566} has {@code execute-api}.
   */
  public static RawRoute hostLabel(String name, String label, Handler handler) {
    return new RawRoute(name, hostLabelMatcher(label), handler);
  }

  /** The test of {@link #hostLabel}, for service descriptors. */
  public static Predicate<StackRequest> hostLabelMatcher(String label) {
    String inside = "." + label + ".";
    String last = "." + label;
    return request -> {
      String host = request.header("host");
      if (host == null) {
        return false;
      }
      int colon = host.lastIndexOf(':');
      String hostName = colon > host.lastIndexOf(']') ? host.substring(0, colon) : host;
      return hostName.contains(inside) || hostName.endsWith(last);
    };
  }
}
