package io.serverlessstack.testcontainers;

import io.serverlessstack.fake.clock.ClockMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.slf4j.LoggerFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.output.Slf4jLogConsumer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * The serverless-stack server in a container, following Testcontainers' module conventions.
 *
 * <pre>{@code
 * try (ServerlessStackContainer stack = new ServerlessStackContainer().withVirtualClock()) {
 *   stack.start();
 *   SqsClient sqs = SqsClient.builder().endpointOverride(stack.getEndpoint())
 *       .region(Region.of(stack.getRegion())) ... .build();
 * }
 * }</pre>
 */
public class ServerlessStackContainer extends GenericContainer<ServerlessStackContainer> {

  /** The port the server listens on inside the container. */
  public static final int PORT = 4566;

  /** The image this module's build produces, pinned to this module's version. */
  public static final DockerImageName DEFAULT_IMAGE =
      DockerImageName.parse("serverless-stack/server").withTag(moduleVersion());

  private static final String REGION = "us-east-1";
  private static final String ACCESS_KEY = "test";
  private static final String SECRET_KEY = "test";

  private final Set<String> services = new LinkedHashSet<>();
  private final HttpClient http = HttpClient.newHttpClient();

  public ServerlessStackContainer() {
    this(DEFAULT_IMAGE);
  }

  public ServerlessStackContainer(String image) {
    this(DockerImageName.parse(image));
  }

  public ServerlessStackContainer(DockerImageName image) {
    super(image);
    image.assertCompatibleWith(DockerImageName.parse("serverless-stack/server"));
    withExposedPorts(PORT);
    waitingFor(
        Wait.forHttp("/_stack/health")
            .forPort(PORT)
            .forStatusCode(200)
            .withStartupTimeout(Duration.ofSeconds(60)));
    withLogConsumer(
        new Slf4jLogConsumer(LoggerFactory.getLogger(ServerlessStackContainer.class))
            .withSeparateOutputStreams());
  }

  /** The services to run (e.g. {@code "sqs"}); all available services when none are named. */
  public ServerlessStackContainer withServices(String... names) {
    services.addAll(List.of(names));
    return withEnv("SERVERLESS_STACK_SERVICES", String.join(",", services));
  }

  /** Starts the stack on a virtual clock that only {@link #advanceClock} moves. */
  public ServerlessStackContainer withVirtualClock() {
    return withClock(ClockMode.MANUAL);
  }

  /**
   * The clock the stack runs on: the system clock by default, or a virtual one that {@link
   * #advanceClock} moves and that, if {@link ClockMode#SKIP_IDLE}, also skips idle time.
   */
  public ServerlessStackContainer withClock(ClockMode clock) {
    return withEnv("SERVERLESS_STACK_CLOCK", clock.label());
  }

  /**
   * An SQS queue to create when the container starts, in the default account and region; queues are
   * created in the order given, so a dead-letter queue must come before the queues naming it.
   *
   * @param attributes CreateQueue attributes as {@code Name=Value} pairs; values may hold any
   *     character, JSON policies included
   */
  public ServerlessStackContainer withQueue(String name, String... attributes) {
    StringBuilder spec = new StringBuilder(name);
    for (String attribute : attributes) {
      int equals = attribute.indexOf('=');
      if (equals < 1) {
        throw new IllegalArgumentException("Not a Name=Value attribute: " + attribute);
      }
      // The server splits the variable at ';' and ',' and URL-decodes each value.
      spec.append(',')
          .append(attribute, 0, equals + 1)
          .append(URLEncoder.encode(attribute.substring(equals + 1), StandardCharsets.UTF_8));
    }
    String existing = getEnvMap().getOrDefault("SERVERLESS_STACK_SQS_QUEUES", "");
    return withEnv(
        "SERVERLESS_STACK_SQS_QUEUES",
        existing.isEmpty() ? spec.toString() : existing + ";" + spec);
  }

  /** {@code http://host:port} of the running stack, as seen from the test JVM. */
  public URI getEndpoint() {
    return URI.create("http://" + getHost() + ":" + getMappedPort(PORT));
  }

  public String getRegion() {
    return REGION;
  }

  public String getAccessKey() {
    return ACCESS_KEY;
  }

  public String getSecretKey() {
    return SECRET_KEY;
  }

  /** Deletes every resource and message in the stack and clears its journal. */
  public void reset() {
    admin("POST", "/_stack/reset");
  }

  /** Moves the stack's virtual clock forward; fails if it runs on the system clock. */
  public void advanceClock(Duration duration) {
    admin("POST", "/_stack/clock/advance?duration=" + duration);
  }

  private void admin(String method, String path) {
    HttpRequest request =
        HttpRequest.newBuilder(getEndpoint().resolve(path))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            method + " " + path + " answered " + response.statusCode() + ": " + response.body());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted calling " + path, e);
    }
  }

  private static String moduleVersion() {
    Properties properties = new Properties();
    try (InputStream in =
        ServerlessStackContainer.class.getResourceAsStream("version.properties")) {
      properties.load(in);
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("The module's version.properties is missing", e);
    }
    return properties.getProperty("version");
  }
}
