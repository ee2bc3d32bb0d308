package io.serverlessstack.fake.internal.apigateway.proxy;

import io.serverlessstack.fake.internal.apigateway.ApiCall;
import io.serverlessstack.fake.internal.clock.StackClock;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

/**
 * Calls to real HTTP backends for {@code HTTP} and {@code HTTP_PROXY} integrations, without ever
 * blocking the caller's thread, timed out by the stack's clock.
 */
public final class HttpBackends {

  /** API Gateway's default (and, unless raised, maximum) integration timeout. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(29);

  /** Headers of a backend's answer that a proxy drops (AWS's {@code HTTP_PROXY} behaviour). */
  private static final Set<String> DROPPED_FROM_PROXY_RESPONSE =
      Set.of("transfer-encoding", "content-encoding", "via", "keep-alive");

  /**
   * Headers of a backend's answer that API Gateway renames to {@code x-amzn-Remapped-<name>}
   * (AWS-validated for {@code HTTP_PROXY}), since it writes its own.
   */
  private static final Set<String> REMAPPED_IN_PROXY_RESPONSE =
      Set.of("connection", "content-length", "date", "server");

  private static final Pattern URI_LABEL = Pattern.compile("\\{([^}]+?)\\+?}");

  private final Supplier<HttpClient> clientFactory;
  private volatile HttpClient client;

  /**
   * Backends called with a client of their own, HTTP/1.1, passing redirects on rather than
   * following them (as API Gateway does); the client (and its selector thread) is made on the first
   * call, so that an API without HTTP integrations costs nothing.
   */
  public HttpBackends() {
    this(
        () ->
            HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build());
  }

  /** Backends called with the client {@code clientFactory} makes on the first call. */
  public HttpBackends(Supplier<HttpClient> clientFactory) {
    this.clientFactory = clientFactory;
  }

  private HttpClient client() {
    HttpClient made = client;
    if (made == null) {
      synchronized (this) {
        made = client;
        if (made == null) {
          made = clientFactory.get();
          client = made;
        }
      }
    }
    return made;
  }

  /**
   * The request an {@code HTTP_PROXY} integration sends: the integration URI with the call's path
   * parameters (as the client encoded them) put in for its {@code {name}} and {@code {name+}}
   * labels and the call's query appended, the call's headers except {@code Host} and those API
   * Gateway drops, and its body.
   *
   * @param integrationUri the integration's URI, stage variables already resolved
   * @param integrationMethod the integration's HTTP method; {@code ANY} sends the call's own
   */
  public static BackendRequest proxyRequest(
      ApiCall call, String integrationUri, String integrationMethod) {
    Map<String, String> parameters = CallFacts.rawPathParameters(call);
    Matcher label = URI_LABEL.matcher(integrationUri);
    StringBuilder uri = new StringBuilder();
    while (label.find()) {
      String value = parameters.get(label.group(1));
      label.appendReplacement(
          uri, Matcher.quoteReplacement(value == null ? label.group() : pathSafe(value)));
    }
    label.appendTail(uri);
    if (!call.rawQuery().isEmpty()) {
      uri.append(uri.indexOf("?") < 0 ? '?' : '&').append(call.rawQuery());
    }
    Map<String, List<String>> headers = CallFacts.forwardedHeaders(call);
    headers.keySet().removeIf(name -> name.equalsIgnoreCase("host"));
    String method =
        integrationMethod == null || integrationMethod.equals("ANY")
            ? call.httpMethod()
            : integrationMethod;
    return new BackendRequest(method, uri.toString(), headers, call.body());
  }

  /**
   * Sends a request and hands back the backend's answer as it came (content encodings undone), for
   * an {@code HTTP} integration to map through its integration responses.
   *
   * @param timeout the integration's timeout, counted on {@code clock}
   * @param clock the stack's clock: the request times out when it reaches now + {@code timeout}, so
   *     a virtual clock times it out when a test advances it
   * @return the answer, or the gateway's failure: a timeout ({@code 504 Endpoint request timed out}
   *     on REST APIs) or a backend that cannot be reached
   */
  public CompletionStage<IntegrationOutcome> forward(
      BackendRequest request, Duration timeout, StackClock clock, ApiKind kind) {
    return send(request, timeout, clock, kind, false);
  }

  /**
   * Sends an {@code HTTP_PROXY} integration's request and hands back the backend's answer as the
   * client gets it: status, headers and body as they came, except the hop-by-hop and encoding
   * headers AWS drops and the ones it renames to {@code x-amzn-Remapped-…}.
   *
   * @see #forward
   */
  public CompletionStage<IntegrationOutcome> forwardProxy(
      BackendRequest request, Duration timeout, StackClock clock, ApiKind kind) {
    return send(request, timeout, clock, kind, true);
  }

  private CompletionStage<IntegrationOutcome> send(
      BackendRequest request, Duration timeout, StackClock clock, ApiKind kind, boolean proxy) {
    HttpRequest httpRequest;
    try {
      httpRequest = httpRequest(request);
    } catch (IllegalArgumentException invalid) {
      // AWS: "Execution failed due to configuration error: Invalid endpoint address".
      return CompletableFuture.completedFuture(
          failure(
              kind,
              IntegrationFailure.API_CONFIGURATION_ERROR,
              500,
              "Invalid endpoint address " + request.uri() + ": " + invalid.getMessage()));
    }
    CompletableFuture<IntegrationOutcome> outcome = new CompletableFuture<>();
    CompletableFuture<HttpResponse<byte[]>> exchange =
        client().sendAsync(httpRequest, HttpResponse.BodyHandlers.ofByteArray());
    StackClock.Scheduled deadline =
        clock.schedule(
            clock.now().plus(timeout),
            () -> {
              if (outcome.complete(timedOut(kind, request, timeout))) {
                exchange.cancel(true);
              }
            });
    exchange.whenComplete(
        (response, error) -> {
          deadline.cancel();
          if (error != null) {
            outcome.complete(unreachable(kind, request, error));
          } else {
            outcome.complete(answer(response, proxy));
          }
        });
    return outcome;
  }

  private static HttpRequest httpRequest(BackendRequest request) {
    HttpRequest.BodyPublisher body =
        request.body().length == 0
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(request.body());
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(request.uri())).method(request.method(), body);
    request
        .headers()
        .forEach(
            (name, values) -> {
              for (String value : values) {
                try {
                  builder.header(name, value);
                } catch (IllegalArgumentException restricted) {
                  // The client sets these itself (Host, Connection, Content-Length, …).
                }
              }
            });
    return builder.build();
  }

  private static IntegrationResponse answer(HttpResponse<byte[]> response, boolean proxy) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    String encoding = null;
    for (Map.Entry<String, List<String>> header : response.headers().map().entrySet()) {
      String name = header.getKey();
      String lower = name.toLowerCase(Locale.ROOT);
      if (lower.startsWith(":")) {
        continue;
      }
      if (lower.equals("content-encoding")) {
        encoding = String.join(",", header.getValue()).trim().toLowerCase(Locale.ROOT);
        continue;
      }
      if (proxy && DROPPED_FROM_PROXY_RESPONSE.contains(lower)) {
        continue;
      }
      if (proxy && REMAPPED_IN_PROXY_RESPONSE.contains(lower)) {
        name = "x-amzn-Remapped-" + name;
      }
      headers.put(name, new ArrayList<>(header.getValue()));
    }
    byte[] body = decoded(response.body(), encoding);
    if (body == null) {
      // Undecodable: pass it on with its encoding named, rather than as garbage.
      body = response.body();
      headers.put("Content-Encoding", List.of(encoding));
    }
    return new IntegrationResponse(response.statusCode(), headers, body);
  }

  /**
   * The body with its content encoding undone: API Gateway does not pass a backend's {@code
   * Content-Encoding} on, so it must not pass encoded bytes either. {@code null} when it cannot.
   */
  private static byte[] decoded(byte[] body, String encoding) {
    if (encoding == null || encoding.isEmpty() || encoding.equals("identity") || body.length == 0) {
      return body;
    }
    try (InputStream in =
        encoding.equals("gzip") || encoding.equals("x-gzip")
            ? new GZIPInputStream(new ByteArrayInputStream(body))
            : encoding.equals("deflate")
                ? new InflaterInputStream(new ByteArrayInputStream(body))
                : null) {
      return in == null ? null : in.readAllBytes();
    } catch (IOException corrupt) {
      return null;
    }
  }

  private static IntegrationFailure timedOut(
      ApiKind kind, BackendRequest request, Duration timeout) {
    String reason = "Execution failed due to a timeout: " + request.uri() + " after " + timeout;
    if (kind == ApiKind.HTTP_API) {
      // Guessed from HTTP APIs' documented behaviour: a timed-out integration is a 503.
      return IntegrationFailure.httpApi(
          IntegrationFailure.INTEGRATION_TIMEOUT, 503, "Service Unavailable", reason);
    }
    return IntegrationFailure.rest(
        IntegrationFailure.INTEGRATION_TIMEOUT, 504, "Endpoint request timed out", reason);
  }

  /**
   * A backend that cannot be reached is a configuration error of the API to AWS: 500 {@code
   * Internal server error} (as LocalStack, which follows AWS here, answers a refused connection).
   */
  private static IntegrationFailure unreachable(
      ApiKind kind, BackendRequest request, Throwable error) {
    Throwable cause =
        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    String what =
        cause instanceof ConnectException || cause instanceof HttpConnectTimeoutException
            ? "Execution failed due to configuration error: cannot connect to "
            : "Execution failed due to a network error communicating with endpoint ";
    return failure(
        kind, IntegrationFailure.API_CONFIGURATION_ERROR, 500, what + request.uri() + ": " + cause);
  }

  private static IntegrationFailure failure(ApiKind kind, String type, int status, String reason) {
    return kind == ApiKind.HTTP_API
        ? IntegrationFailure.httpApi(type, status, "Internal Server Error", reason)
        : IntegrationFailure.rest(type, status, "Internal server error", reason);
  }

  /**
   * A path parameter made safe for a URI's path; values the client sent encoded stay as they are.
   */
  private static String pathSafe(String value) {
    StringBuilder safe = new StringBuilder();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || "-._~!$&'()*+,;=:@/%".indexOf(c) >= 0) {
        safe.append(c);
      } else {
        safe.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return safe.toString();
  }
}
