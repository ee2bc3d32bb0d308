package io.serverlessstack.testcontainers;

import io.serverlessstack.api.JournalEvent;
import io.serverlessstack.api.JournalFilter;
import io.serverlessstack.api.QueueView;
import io.serverlessstack.api.StackInspector;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The inspection API of a stack in another process (a container), over its admin HTTP API, so every
 * assertion works on it unchanged.
 */
public final class RemoteStackInspector implements StackInspector {

  private final URI endpoint;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

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
    String path = "/_stack/sqs/queues/" + URLEncoder.encode(nameUrlOrArn, StandardCharsets.UTF_8);
    HttpResponse<byte[]> response = send(path);
    if (response.statusCode() == 404) {
      return Optional.empty();
    }
    return Optional.of(Json.read(body(path, response), QueueView.class));
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
