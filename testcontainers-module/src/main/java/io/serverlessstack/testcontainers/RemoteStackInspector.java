package io.serverlessstack.testcontainers;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.serverlessstack.fake.inspect.QueueView;
import io.serverlessstack.fake.inspect.StackInspector;
import io.serverlessstack.fake.journal.JournalEvent;
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

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

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
    Map<String, Object> clock =
        get(
            "/_stack/clock",
            JSON.getTypeFactory().constructMapType(Map.class, String.class, Object.class));
    return Instant.parse((String) clock.get("now"));
  }

  @Override
  public List<QueueView> queues() {
    return get(
        "/_stack/sqs/queues",
        JSON.getTypeFactory().constructCollectionType(List.class, QueueView.class));
  }

  @Override
  public Optional<QueueView> queue(String nameUrlOrArn) {
    String path = "/_stack/sqs/queues/" + URLEncoder.encode(nameUrlOrArn, StandardCharsets.UTF_8);
    HttpResponse<byte[]> response = send(path);
    if (response.statusCode() == 404) {
      return Optional.empty();
    }
    return Optional.of(read(path, response, JSON.getTypeFactory().constructType(QueueView.class)));
  }

  @Override
  public List<JournalEvent> journal() {
    return get(
        "/_stack/journal",
        JSON.getTypeFactory().constructCollectionType(List.class, JournalEvent.class));
  }

  private <T> T get(String path, JavaType type) {
    return read(path, send(path), type);
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

  private static <T> T read(String path, HttpResponse<byte[]> response, JavaType type) {
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          "GET "
              + path
              + " answered "
              + response.statusCode()
              + ": "
              + new String(response.body(), StandardCharsets.UTF_8));
    }
    try {
      return JSON.readValue(response.body(), type);
    } catch (IOException e) {
      throw new UncheckedIOException("Unreadable answer from " + path, e);
    }
  }
}
