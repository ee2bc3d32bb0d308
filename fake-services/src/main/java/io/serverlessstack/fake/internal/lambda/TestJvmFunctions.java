package io.serverlessstack.fake.internal.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Functions whose code is in the test JVM while the stack runs elsewhere (in a container): the test
 * JVM {@linkplain Host hosts} the handlers behind a small HTTP server, and the stack's engine runs
 * them through {@link #remoteCode}, which calls back over HTTP with the event, the context (request
 * id, version, ARN, memory, time left) and the environment, and gets the answer, the log and any
 * error payload back. Timeouts, concurrency, retries and the journal stay the stack's.
 */
public final class TestJvmFunctions {

  /** The stack's path for registering a function hosted in the test JVM. */
  public static final String REGISTRATION_PATH = "/_lambda/test-jvm-functions";

  private static final String INVOCATIONS = "/functions/";

  private TestJvmFunctions() {}

  // ---- in the stack

  /**
   * The code of a function hosted at {@code url} ({@code http://host:port/functions/name}): each
   * invocation is one POST there, for as long as the stack's deadline allows.
   */
  static HandlerCode remoteCode(URI url, HttpClient http) {
    return (event, context) -> {
      InvocationContext invocation = (InvocationContext) context;
      ObjectNode request = LambdaEngine.JSON.createObjectNode();
      request.put("event", Base64.getEncoder().encodeToString(event));
      request.put("requestId", context.getAwsRequestId());
      request.put("version", context.getFunctionVersion());
      request.put("invokedArn", context.getInvokedFunctionArn());
      request.put("memoryMb", context.getMemoryLimitInMB());
      request.put("remainingMillis", context.getRemainingTimeInMillis());
      ObjectNode environment = request.putObject("environment");
      invocation.environment().forEach(environment::put);
      HttpResponse<byte[]> response =
          http.send(
              HttpRequest.newBuilder(url)
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofByteArray(LambdaEngine.writeJson(request)))
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            "The test JVM hosting this function answered "
                + response.statusCode()
                + ": "
                + new String(response.body(), StandardCharsets.UTF_8));
      }
      JsonNode answer = LambdaEngine.JSON.readTree(response.body());
      String log = answer.path("log").asText("");
      if (!log.isEmpty()) {
        context.getLogger().log(log);
      }
      byte[] payload = Base64.getDecoder().decode(answer.path("payload").asText(""));
      if (answer.hasNonNull("errorType") || answer.path("failed").asBoolean(false)) {
        throw new RemoteFunctionError(
            payload, answer.hasNonNull("errorType") ? answer.get("errorType").asText() : null);
      }
      return payload;
    };
  }

  // ---- in the test JVM

  /**
   * The test JVM's side: an HTTP server on {@code host} that runs the handlers registered with it
   * when the stack calls. Closing it stops the server.
   */
  public static final class Host implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService threads;
    private final Map<String, HandlerCode> functions = new ConcurrentHashMap<>();

    private Host(HttpServer server, ExecutorService threads) {
      this.server = server;
      this.threads = threads;
    }

    /**
     * Starts a host listening on {@code bindAddress} (an address the stack can reach, such as a
     * container network's gateway), on a free port.
     *
     * @throws IOException if it cannot listen there
     */
    public static Host start(String bindAddress) throws IOException {
      HttpServer server = HttpServer.create(new InetSocketAddress(bindAddress, 0), 0);
      AtomicInteger count = new AtomicInteger();
      ExecutorService threads =
          Executors.newCachedThreadPool(
              task -> {
                Thread thread =
                    new Thread(
                        task, LambdaEngine.THREAD_PREFIX + "host-" + count.incrementAndGet());
                thread.setDaemon(true);
                return thread;
              });
      server.setExecutor(threads);
      Host host = new Host(server, threads);
      server.createContext(INVOCATIONS, host::serve);
      server.start();
      return host;
    }

    /**
     * Hosts {@code code} under {@code name}, replacing what was there.
     *
     * @param reachableHost how the stack reaches this host, e.g. the gateway's address
     * @return the URL the stack calls
     */
    public URI host(String name, HandlerCode code, String reachableHost) {
      functions.put(name, code);
      return URI.create(
          "http://" + reachableHost + ":" + server.getAddress().getPort() + INVOCATIONS + name);
    }

    private void serve(HttpExchange exchange) throws IOException {
      try (exchange) {
        String name = exchange.getRequestURI().getPath().substring(INVOCATIONS.length());
        HandlerCode code = functions.get(name);
        if (code == null || !exchange.getRequestMethod().equals("POST")) {
          answer(exchange, 404, ("No function " + name + " here").getBytes(StandardCharsets.UTF_8));
          return;
        }
        JsonNode request;
        try (InputStream body = exchange.getRequestBody()) {
          request = LambdaEngine.JSON.readTree(body);
        }
        answer(exchange, 200, LambdaEngine.writeJson(run(name, code, request)));
      }
    }

    private static ObjectNode run(String name, HandlerCode code, JsonNode request) {
      Map<String, String> environment = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> variable : request.path("environment").properties()) {
        environment.put(variable.getKey(), variable.getValue().asText());
      }
      InvocationLog log = new InvocationLog(name);
      Context context =
          new InvocationContext(
              request.path("requestId").asText(),
              name,
              request.path("version").asText("$LATEST"),
              request.path("invokedArn").asText(),
              request.path("memoryMb").asInt(LambdaEngine.DEFAULT_MEMORY_MB),
              Instant.now().plusMillis(request.path("remainingMillis").asLong()),
              new io.serverlessstack.fake.internal.clock.SystemClock(),
              log,
              null,
              Map.copyOf(environment));
      byte[] event = Base64.getDecoder().decode(request.path("event").asText(""));
      ObjectNode answer = LambdaEngine.JSON.createObjectNode();
      byte[] payload;
      try {
        payload = FunctionEnvironment.with(environment, () -> code.invoke(event, context));
      } catch (HandlerLoadException e) {
        payload = FunctionErrors.payload(e.getMessage(), e.errorType(), null);
        answer.put("failed", true);
        if (e.errorType() != null) {
          answer.put("errorType", e.errorType());
        }
      } catch (Throwable t) {
        payload = FunctionErrors.payload(FunctionErrors.messageOf(t), t.getClass().getName(), t);
        answer.put("errorType", t.getClass().getName());
      }
      answer.put(
          "payload", Base64.getEncoder().encodeToString(payload == null ? new byte[0] : payload));
      answer.put("log", log.handlerOutput());
      return answer;
    }

    private static void answer(HttpExchange exchange, int status, byte[] body) throws IOException {
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }

    /** The port the host listens on. */
    public int port() {
      return server.getAddress().getPort();
    }

    @Override
    public void close() {
      server.stop(0);
      threads.shutdownNow();
    }
  }

  /** How long the stack waits to connect to the test JVM before the invocation fails. */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
}
