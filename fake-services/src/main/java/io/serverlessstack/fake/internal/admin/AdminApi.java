package io.serverlessstack.fake.internal.admin;

import io.serverlessstack.api.JournalEvent;
import io.serverlessstack.api.JournalFilter;
import io.serverlessstack.api.StackInspector;
import io.serverlessstack.fake.clock.VirtualClock;
import io.serverlessstack.fake.internal.Json;
import io.serverlessstack.fake.internal.platform.StackServices;
import io.serverlessstack.fake.internal.server.AwsService;
import io.serverlessstack.fake.internal.server.ResourceCollection;
import io.serverlessstack.fake.internal.server.ServiceDescriptor;
import io.serverlessstack.fake.internal.server.StackRequest;
import io.serverlessstack.fake.internal.server.StackResponse;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The admin HTTP API under {@code /_stack/}: health, reset, journal, clock and read-only
 * inspection. It is how a container stack is driven and inspected from the test JVM.
 *
 * <ul>
 *   <li>{@code GET /_stack/health} ({@code services}: the services the stack runs; {@code loaded}:
 *       those built so far, by a request, a declared resource or inspection)
 *   <li>{@code POST /_stack/reset}
 *   <li>{@code GET /_stack/journal[?since=N][&service=S][&type=T1,T2][&resource=R]} — events with a
 *       sequence above N, of service S, of one of the types T1, T2, about the resource with ARN or
 *       name R
 *   <li>{@code GET /_stack/clock} ({@code now}, {@code virtual}, {@code mode}: {@code system},
 *       {@code manual} or {@code skip-idle}); {@code POST /_stack/clock/advance?duration=PT5S}
 *       (virtual only)
 *   <li>{@code GET /_stack/{service}} — the collections the service lets inspection see, each with
 *       its {@code name} and the {@code type} of its resources
 *   <li>{@code GET|PUT|DELETE /_stack/states/mocks} — the Step Functions mock configuration, in
 *       Step Functions Local's format (see {@link StepFunctionsMocksAdmin})
 *   <li>{@code GET /_stack/{service}/{collection}}; {@code GET
 *       /_stack/{service}/{collection}/{name}} — the resources a service lets inspection see, e.g.
 *       {@code /_stack/sqs/queues/orders} (a name, URL or ARN, URL-encoded); each resource's JSON
 *       carries its {@code ref}: service, type, name and ARN
 * </ul>
 */
public final class AdminApi {

  private static final String JSON = "application/json";

  private final StackInspector inspector;
  private final VirtualClock virtualClock;
  private final Runnable reset;
  private final StackServices services;
  private final Supplier<String> baseUrl;

  /**
   * @param services the stack's services; each one's {@link AwsService#collections()} are served at
   *     {@code /_stack/{signing name}/{collection}}
   * @param baseUrl the stack's {@code http://host:port}, for the URLs views carry
   */
  public AdminApi(
      StackInspector inspector,
      VirtualClock virtualClock,
      Runnable reset,
      StackServices services,
      Supplier<String> baseUrl) {
    this.inspector = inspector;
    this.virtualClock = virtualClock;
    this.reset = reset;
    this.services = services;
    this.baseUrl = baseUrl;
  }

  public StackResponse handle(StackRequest request) {
    String path = request.path().substring("/_stack".length());
    String method = request.method();
    Map<String, String> query = query(request.query());
    if (path.equals("/health")) {
      return StackResponse.of(200, JSON, health());
    }
    if (path.equals("/reset") && method.equals("POST")) {
      reset.run();
      return json(200, Map.of("status", "reset"));
    }
    if (path.equals("/journal") && method.equals("GET")) {
      long since = query.containsKey("since") ? parseLong(query.get("since")) : 0;
      if (since < 0) {
        return error(400, "since must be a non-negative integer");
      }
      JournalFilter filter = JournalFilter.all();
      if (query.containsKey("service")) {
        filter = filter.withService(query.get("service"));
      }
      if (query.containsKey("type")) {
        filter =
            filter.withTypes(
                Arrays.stream(query.get("type").split(","))
                    .filter(type -> !type.isEmpty())
                    .toArray(String[]::new));
      }
      if (query.containsKey("resource")) {
        filter = filter.withResource(query.get("resource"));
      }
      List<JournalEvent> events = inspector.journal(since, filter);
      return json(200, events);
    }
    if (path.equals(StepFunctionsMocksAdmin.PATH)) {
      return StepFunctionsMocksAdmin.handle(request, services);
    }
    if (path.equals("/clock") && method.equals("GET")) {
      return json(200, clock());
    }
    if (path.equals("/clock/advance") && method.equals("POST")) {
      if (virtualClock == null) {
        return error(
            409,
            "The stack runs on the system clock; start it with a virtual one (--clock manual or"
                + " --clock skip-idle).");
      }
      Duration duration;
      try {
        duration = Duration.parse(query.getOrDefault("duration", ""));
      } catch (DateTimeParseException e) {
        return error(400, "duration must be an ISO-8601 duration such as PT5S");
      }
      if (duration.isNegative()) {
        return error(400, "A clock cannot go back: " + duration);
      }
      virtualClock.advance(duration);
      return json(200, clock());
    }
    if (method.equals("GET")) {
      StackResponse inspected = inspect(path);
      if (inspected != null) {
        return inspected;
      }
    }
    return error(404, "No admin resource " + method + " " + request.path());
  }

  /**
   * {@code /{service}}, {@code /{service}/{collection}} and {@code /{service}/{collection}/{name}},
   * or {@code null} if the path has none of these shapes.
   */
  private StackResponse inspect(String path) {
    String[] segments = path.split("/", 4);
    if (segments.length < 2 || !segments[0].isEmpty() || segments[1].isEmpty()) {
      return null;
    }
    String service = segments[1];
    if (segments.length == 2) {
      List<ResourceCollection> offered =
          services.bySigningName(service).map(AwsService::collections).orElse(null);
      if (offered == null) {
        return error(404, "No inspectable service " + service);
      }
      return json(
          200,
          offered.stream().map(each -> Map.of("name", each.name(), "type", each.type())).toList());
    }
    String collectionName = segments[2];
    if (collectionName.isEmpty()) {
      return null;
    }
    ResourceCollection collection = collection(service, collectionName);
    if (collection == null) {
      return error(404, "No inspectable collection " + service + "/" + collectionName);
    }
    if (segments.length == 3) {
      return json(200, collection.list().apply(baseUrl.get()));
    }
    String name = URLDecoder.decode(segments[3], StandardCharsets.UTF_8);
    return collection
        .find()
        .apply(baseUrl.get(), name)
        .map(view -> json(200, view))
        .orElseGet(
            () -> error(404, "No " + collection.type() + " named " + name + " in " + service));
  }

  /** The collection named so of the service signing as {@code service}, built now if it was not. */
  private ResourceCollection collection(String service, String name) {
    for (ResourceCollection collection :
        services.bySigningName(service).map(AwsService::collections).orElse(List.of())) {
      if (collection.name().equals(name)) {
        return collection;
      }
    }
    return null;
  }

  /**
   * Polled while a container starts, so written without Jackson: {@code
   * {"status":"ok","services":["sqs"],"loaded":[]}}.
   */
  private byte[] health() {
    StringBuilder enabled = new StringBuilder();
    StringBuilder loaded = new StringBuilder();
    for (ServiceDescriptor service : services.descriptors()) {
      String quoted = "\"" + service.id() + "\"";
      enabled.append(enabled.length() == 0 ? "" : ",").append(quoted);
      if (services.isLoaded(service.id())) {
        loaded.append(loaded.length() == 0 ? "" : ",").append(quoted);
      }
    }
    return ("{\"status\":\"ok\",\"services\":[" + enabled + "],\"loaded\":[" + loaded + "]}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private Map<String, Object> clock() {
    Map<String, Object> clock = new LinkedHashMap<>();
    clock.put("now", inspector.now().toString());
    clock.put("virtual", virtualClock != null);
    clock.put("mode", virtualClock != null ? virtualClock.mode().label() : "system");
    return clock;
  }

  private static long parseLong(String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static Map<String, String> query(String query) {
    Map<String, String> parameters = new LinkedHashMap<>();
    if (query == null || query.isEmpty()) {
      return parameters;
    }
    for (String pair : query.split("&")) {
      int equals = pair.indexOf('=');
      try {
        parameters.put(
            URLDecoder.decode(
                equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8),
            equals < 0
                ? ""
                : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException malformed) {
        // a malformed pair is ignored; the missing parameter is then reported
      }
    }
    return parameters;
  }

  private static StackResponse error(int status, String message) {
    return json(status, Map.of("error", message));
  }

  private static StackResponse json(int status, Object body) {
    return StackResponse.of(status, JSON, Json.write(body));
  }
}
