package io.serverlessstack.testcontainers;

import io.serverlessstack.api.DeliveryStreamView;
import io.serverlessstack.api.ExecutionView;
import io.serverlessstack.api.FunctionView;
import io.serverlessstack.api.JournalEvent;
import io.serverlessstack.api.JournalFilter;
import io.serverlessstack.api.QueueView;
import io.serverlessstack.api.ResourceRef;
import io.serverlessstack.api.ResourceView;
import io.serverlessstack.api.StackInspector;
import io.serverlessstack.api.StateMachineView;
import io.serverlessstack.api.StreamView;
import io.serverlessstack.api.TopicView;
import io.serverlessstack.testcontainers.internal.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The inspection API of a stack in another process (a container), over its admin HTTP API, so every
 * assertion works on it unchanged.
 *
 * <p>Resources of any service are read through the admin API's generic paths: {@code
 * /_stack/{service}} names a service's collections and the type of their resources, {@code
 * /_stack/{service}/{collection}[/{name}]} serves them. Resources with a typed view this client
 * knows ({@link QueueView} for {@code (sqs, queue)}, {@link TopicView} for {@code (sns, topic)},
 * {@link FunctionView} for {@code (lambda, function)}, {@link StreamView} for {@code (kinesis,
 * stream)}, {@link DeliveryStreamView} for {@code (firehose, deliverystream)}, {@link
 * StateMachineView} and {@link ExecutionView} for {@code (states, stateMachine)} and {@code
 * (states, execution)}) come back as that view, any other as a {@link RemoteResourceView}.
 */
public final class RemoteStackInspector implements StackInspector {

  /** The typed views this client knows, by {@code service/type}; a new service adds its own. */
  private static final Map<String, Class<? extends ResourceView>> TYPED_VIEWS =
      Map.of(
          QueueView.SERVICE + "/" + QueueView.TYPE, QueueView.class,
          TopicView.SERVICE + "/" + TopicView.TYPE, TopicView.class,
          FunctionView.SERVICE + "/" + FunctionView.TYPE, FunctionView.class,
          StreamView.SERVICE + "/" + StreamView.TYPE, StreamView.class,
          DeliveryStreamView.SERVICE + "/" + DeliveryStreamView.TYPE, DeliveryStreamView.class,
          StateMachineView.SERVICE + "/" + StateMachineView.TYPE, StateMachineView.class,
          StateMachineView.SERVICE + "/" + ExecutionView.TYPE, ExecutionView.class);

  /** One collection of a service, as {@code GET /_stack/{service}} lists it. */
  private record Collection(String name, String type) {}

  private final URI endpoint;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** A running stack's services never change, so each one's collections are asked for once. */
  private final Map<String, List<Collection>> collections = new ConcurrentHashMap<>();

  /**
   * @param endpoint the stack's {@code http://host:port}
   */
  public RemoteStackInspector(URI endpoint) {
    this.endpoint = endpoint;
  }

  @Override
  public Instant now() {
    Map<?, ?> clock = Json.read(get("/_stack/clock"), Map.class);
    return Instant.parse((String) clock.get("now"));
  }

  @Override
  public List<QueueView> queues() {
    return Json.readList(get("/_stack/sqs/queues"), QueueView.class);
  }

  @Override
  public Optional<QueueView> queue(String nameUrlOrArn) {
    return one("/_stack/sqs/queues/" + encode(nameUrlOrArn), QueueView.class);
  }

  /** Every topic, in one request; none if the stack does not run SNS. */
  @Override
  public List<TopicView> topics() {
    return all("/_stack/sns/topics", TopicView.class);
  }

  /** The topic with this name or ARN, in one request. */
  @Override
  public Optional<TopicView> topic(String nameOrArn) {
    return one("/_stack/sns/topics/" + encode(nameOrArn), TopicView.class);
  }

  /** Every function, in one request; none if the stack does not run Lambda. */
  @Override
  public List<FunctionView> functions() {
    return all("/_stack/lambda/functions", FunctionView.class);
  }

  /** The function with this name or ARN, in one request. */
  @Override
  public Optional<FunctionView> function(String nameOrArn) {
    return one("/_stack/lambda/functions/" + encode(nameOrArn), FunctionView.class);
  }

  /** Every stream with its records, in one request; none if the stack does not run Kinesis. */
  @Override
  public List<StreamView> streams() {
    return all("/_stack/kinesis/streams", StreamView.class);
  }

  /** The stream with this name or ARN, in one request. */
  @Override
  public Optional<StreamView> stream(String nameOrArn) {
    return one("/_stack/kinesis/streams/" + encode(nameOrArn), StreamView.class);
  }

  /**
   * Every delivery stream with what it delivered, in one request; none if the stack does not run
   * Firehose.
   */
  @Override
  public List<DeliveryStreamView> deliveryStreams() {
    return all("/_stack/firehose/deliverystreams", DeliveryStreamView.class);
  }

  /** The delivery stream with this name or ARN, in one request. */
  @Override
  public Optional<DeliveryStreamView> deliveryStream(String nameOrArn) {
    return one("/_stack/firehose/deliverystreams/" + encode(nameOrArn), DeliveryStreamView.class);
  }

  @Override
  public List<StateMachineView> stateMachines() {
    return all("/_stack/states/statemachines", StateMachineView.class);
  }

  @Override
  public Optional<StateMachineView> stateMachine(String nameOrArn) {
    return one("/_stack/states/statemachines/" + encode(nameOrArn), StateMachineView.class);
  }

  @Override
  public Optional<ExecutionView> execution(String executionArn) {
    return one("/_stack/states/executions/" + encode(executionArn), ExecutionView.class);
  }

  /** A collection's resources as {@code view}s; none if the stack does not run its service. */
  private <V> List<V> all(String path, Class<V> view) {
    HttpResponse<byte[]> response = send(path);
    if (response.statusCode() == 404) {
      return List.of();
    }
    return Json.readList(body(path, response), view);
  }

  private <V> Optional<V> one(String path, Class<V> view) {
    HttpResponse<byte[]> response = send(path);
    if (response.statusCode() == 404) {
      return Optional.empty();
    }
    return Optional.of(Json.read(body(path, response), view));
  }

  /** Reads the service's collections of {@code type}: one request per collection. */
  @Override
  public List<ResourceView> resources(String service, String type) {
    List<ResourceView> views = new ArrayList<>();
    for (Collection collection : collections(service)) {
      if (collection.type().equals(type)) {
        String path = "/_stack/" + encode(service) + "/" + encode(collection.name());
        for (Object json : Json.readList(get(path), Object.class)) {
          views.add(view(service, type, json));
        }
      }
    }
    return List.copyOf(views);
  }

  /** Asks each collection of the ARN's service for that one resource, never for all of them. */
  @Override
  public Optional<ResourceView> resource(String arn) {
    String service = ResourceRef.serviceOf(arn);
    if (service == null) {
      return Optional.empty();
    }
    for (Collection collection : collections(service)) {
      String path =
          "/_stack/" + encode(service) + "/" + encode(collection.name()) + "/" + encode(arn);
      HttpResponse<byte[]> response = send(path);
      if (response.statusCode() == 404) {
        continue;
      }
      ResourceView view =
          view(service, collection.type(), Json.read(body(path, response), Object.class));
      if (view.ref().arn().equals(arn)) {
        return Optional.of(view);
      }
    }
    return Optional.empty();
  }

  /** The service's collections; none if the stack has no such service. */
  private List<Collection> collections(String service) {
    List<Collection> known = collections.get(service);
    if (known != null) {
      return known;
    }
    String path = "/_stack/" + encode(service);
    HttpResponse<byte[]> response = send(path);
    if (response.statusCode() == 404) {
      return List.of();
    }
    List<Collection> listed = List.copyOf(Json.readList(body(path, response), Collection.class));
    collections.put(service, listed);
    return listed;
  }

  /** The typed view of a resource's JSON if this client has one, else its generic view. */
  private static ResourceView view(String service, String type, Object json) {
    Class<? extends ResourceView> typed = TYPED_VIEWS.get(service + "/" + type);
    if (typed != null) {
      return Json.convert(json, typed);
    }
    if (!(json instanceof Map<?, ?> map)) {
      throw new IllegalStateException("A " + service + " " + type + " is not a JSON object");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> properties = (Map<String, Object>) map;
    ResourceRef ref =
        properties.get("ref") != null
            ? Json.convert(properties.get("ref"), ResourceRef.class)
            // a stack older than the ref property: name and ARN by the views' convention
            : new ResourceRef(
                service,
                type,
                String.valueOf(properties.get("name")),
                String.valueOf(properties.get("arn")));
    return new RemoteResourceView(ref, properties);
  }

  @Override
  public List<JournalEvent> journal() {
    return Json.readList(get("/_stack/journal"), JournalEvent.class);
  }

  /** Asks the stack for only these events: {@code GET /_stack/journal?since=N&service=…}. */
  @Override
  public List<JournalEvent> journal(long sinceSequence, JournalFilter filter) {
    if (sinceSequence < 0) {
      throw new IllegalArgumentException("A sequence is never negative: " + sinceSequence);
    }
    StringBuilder path = new StringBuilder("/_stack/journal?since=").append(sinceSequence);
    filter.service().ifPresent(service -> path.append("&service=").append(encode(service)));
    if (!filter.types().isEmpty()) {
      path.append("&type=").append(encode(String.join(",", filter.types())));
    }
    filter.resource().ifPresent(resource -> path.append("&resource=").append(encode(resource)));
    return Json.readList(get(path.toString()), JournalEvent.class);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private byte[] get(String path) {
    return body(path, send(path));
  }

  private HttpResponse<byte[]> send(String path) {
    HttpRequest request =
        HttpRequest.newBuilder(endpoint.resolve(path))
            .timeout(Duration.ofSeconds(30))
            .GET()
            .build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException("Could not reach the stack at " + endpoint + path, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted inspecting " + endpoint + path, e);
    }
  }

  private static byte[] body(String path, HttpResponse<byte[]> response) {
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          "GET "
              + path
              + " answered "
              + response.statusCode()
              + ": "
              + new String(response.body(), StandardCharsets.UTF_8));
    }
    return response.body();
  }
}
