package io.serverlessstack.testcontainers;

import com.github.dockerjava.api.command.InspectContainerResponse;
import io.serverlessstack.api.ClockMode;
import io.serverlessstack.api.StackDefaults;
import io.serverlessstack.api.StackSettings;
import io.serverlessstack.testcontainers.internal.ServerImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.output.Slf4jLogConsumer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.RemoteDockerImage;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.ImageNameSubstitutor;
import org.testcontainers.utility.LazyFuture;

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
 *
 * <p><b>The image.</b> By default the container runs {@code
 * serverless-stack/server:<version>-<content hash>}, which the first start on a machine builds from
 * the server jar this module carries, on a runtime made with {@code jlink} from the JDK running the
 * tests (Linux hosts), and later starts find on the engine: nothing is pulled from a registry, and
 * nothing needs a shell or the docker CLI. The build takes some 30 s and is logged in one line by
 * {@code io.serverlessstack.testcontainers.internal.ServerImage}. Instead, a base image with a Java
 * 17+ runtime can be chosen ({@link #withBaseImage}, or the system property {@value
 * #BASE_IMAGE_PROPERTY}), or an image to run as it is, e.g. from a registry a team runs (the
 * constructor taking a name, or the system property {@value #IMAGE_PROPERTY}); values given in code
 * win over the system properties.
 *
 * <p><b>Failures</b> come within seconds and say what to do: no Docker engine, an image that cannot
 * be built or pulled, Testcontainers' Ryuk container whose image cannot be pulled.
 *
 * <p><b>Logs.</b> What the server prints goes to the SLF4J logger {@code
 * io.serverlessstack.testcontainers.ServerlessStackContainer}: standard output at INFO, standard
 * error at ERROR.
 *
 * <p><b>Reuse.</b> With {@link #withReuse withReuse(true)} and {@code
 * testcontainers.reuse.enable=true} (in {@code ~/.testcontainers.properties}, or the environment
 * variable {@code TESTCONTAINERS_REUSE_ENABLE=true}), a running container of the same configuration
 * from an earlier run is used instead of a new one, after a {@link #reset()}; {@link #stop()} would
 * remove it, so leave it running.
 */
public class ServerlessStackContainer extends GenericContainer<ServerlessStackContainer> {

  /** Where {@link #withStepFunctionsMocks} puts the mock configuration in the container. */
  private static final String MOCK_CONFIG_PATH = "/etc/serverless-stack/MockConfigFile.json";

  /** The port the server listens on inside the container. */
  public static final int PORT = 4566;

  /** The repository of the images built for this module, e.g. to check compatibility against. */
  public static final DockerImageName DEFAULT_IMAGE_NAME =
      DockerImageName.parse(ServerImage.REPOSITORY);

  /** System property naming an image to run as it is, when the code names none. */
  public static final String IMAGE_PROPERTY = ServerImage.IMAGE_PROPERTY;

  /**
   * System property naming a base image with a Java 17+ runtime to build the image on, instead of a
   * jlink runtime of the running JDK, when the code names none.
   */
  public static final String BASE_IMAGE_PROPERTY = ServerImage.BASE_IMAGE_PROPERTY;

  private static final Logger LOG = LoggerFactory.getLogger(ServerlessStackContainer.class);

  private final Set<String> services = new LinkedHashSet<>();
  private final Map<String, String> settings = new LinkedHashMap<>();
  private final HttpClient http = HttpClient.newHttpClient();
  private final String image;
  private String baseImage;
  private String resolvedImage;

  /**
   * A container of the image built from the server jar this module carries (or the image the system
   * property {@value #IMAGE_PROPERTY} names).
   */
  public ServerlessStackContainer() {
    this(new ImageName(), null);
  }

  /** A container of {@code image}, used as it is: pulled if the engine does not have it. */
  public ServerlessStackContainer(String image) {
    this(new ImageName(), DockerImageName.parse(image).asCanonicalNameString());
  }

  /**
   * A container of {@code image}, used as it is: pulled if the engine does not have it. It must be
   * {@code serverless-stack/server} or declared a compatible substitute for it.
   */
  public ServerlessStackContainer(DockerImageName image) {
    this(new ImageName(), compatible(image).asCanonicalNameString());
  }

  private ServerlessStackContainer(ImageName name, String image) {
    // The name is resolved (built if need be) by this class, never substituted or pulled by
    // Testcontainers.
    super(new RemoteDockerImage(name).withImageNameSubstitutor(ImageNameSubstitutor.noop()));
    name.container = this;
    this.image = image;
    withExposedPorts(PORT);
    waitingFor(
        Wait.forHttp("/_stack/health")
            .forPort(PORT)
            .forStatusCode(200)
            .withStartupTimeout(Duration.ofSeconds(60)));
    withLogConsumer(new Slf4jLogConsumer(LOG).withSeparateOutputStreams());
  }

  private static DockerImageName compatible(DockerImageName image) {
    image.assertCompatibleWith(DEFAULT_IMAGE_NAME);
    return image;
  }

  /**
   * Builds the image on {@code baseImage}, an image with a Java 17+ runtime (e.g. {@code
   * eclipse-temurin:17-jre}, which the engine then pulls if it lacks it), instead of on a jlink
   * runtime of the running JDK. Ignored when an image to run as it is was named.
   */
  public ServerlessStackContainer withBaseImage(String baseImage) {
    this.baseImage = baseImage;
    return self();
  }

  /** Publishes the server on this port of the Docker host instead of a random free one. */
  public ServerlessStackContainer withHostPort(int hostPort) {
    addFixedExposedPort(hostPort, PORT);
    return self();
  }

  /**
   * Starts the container, building its image first when need be.
   *
   * @throws IllegalStateException within seconds, saying what to do, when no Docker engine answers
   *     or the image can be neither found, built nor pulled
   */
  @Override
  public void start() {
    if (getContainerId() == null) {
      image();
    }
    super.start();
  }

  /** The image to run, obtained (built, if need be) on first call. */
  private synchronized String image() {
    if (resolvedImage == null) {
      resolvedImage = ServerImage.obtain(image, baseImage);
    }
    return resolvedImage;
  }

  /** A reused container starts clean, as a new one does. */
  @Override
  protected void containerIsStarted(InspectContainerResponse containerInfo, boolean reused) {
    if (reused) {
      LOG.info("Reusing container {}: resetting it", containerInfo.getId());
      reset();
    }
  }

  /**
   * The services to run (e.g. {@code "sqs"}); all available services when none are named. Each one
   * loads on its first use either way; an unknown name stops the container at start, saying so.
   */
  public ServerlessStackContainer withServices(String... names) {
    services.addAll(List.of(names));
    return withEnv("SERVERLESS_STACK_SERVICES", String.join(",", services));
  }

  /**
   * A {@link StackSettings} setting, e.g. {@code
   * withSetting(StackSettings.KINESIS_THROUGHPUT_LIMITS, "true")}; giving a key again replaces its
   * value.
   *
   * @throws IllegalArgumentException for an unknown key or a bad value
   */
  public ServerlessStackContainer withSetting(String key, String value) {
    StackSettings.check(key, value);
    settings.put(key, value);
    return withEnv(
        "SERVERLESS_STACK_SETTINGS",
        settings.entrySet().stream()
            .map(entry -> entry.getKey() + "=" + entry.getValue())
            .collect(Collectors.joining(";")));
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

  /**
   * A Step Functions mock configuration in AWS Step Functions Local's format ({@code
   * MockConfigFile.json}) for the stack to start with: copied into the container, whose server
   * reads it as Step Functions Local does, from {@code SFN_MOCK_CONFIG}. An execution started on
   * {@code <stateMachineArn>#<TestCaseName>} then has the Task states of that test case answered by
   * their mocked responses. A malformed configuration stops the container at start, saying where it
   * is wrong; {@link #useStepFunctionsMocks} replaces it while the container runs.
   */
  public ServerlessStackContainer withStepFunctionsMocks(String json) {
    withCopyToContainer(Transferable.of(json), MOCK_CONFIG_PATH);
    return withEnv("SFN_MOCK_CONFIG", MOCK_CONFIG_PATH);
  }

  /** As {@link #withStepFunctionsMocks(String)}, with the configuration read from {@code file}. */
  public ServerlessStackContainer withStepFunctionsMocks(Path file) {
    try {
      return withStepFunctionsMocks(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot read the Step Functions mock configuration " + file, e);
    }
  }

  /**
   * Replaces the running stack's Step Functions mock configuration, for executions started from now
   * on.
   *
   * @throws IllegalStateException with the stack's answer if it is not a mock configuration
   */
  public void useStepFunctionsMocks(String json) {
    admin("PUT", "/_stack/states/mocks", HttpRequest.BodyPublishers.ofString(json));
  }

  /** {@code http://host:port} of the running stack, as seen from the test JVM. */
  public URI getEndpoint() {
    // An IP address, not "localhost": for a host name the S3 client addresses buckets as
    // bucket.localhost, which many machines do not resolve; for an IP it uses path style.
    String host = getHost().equals("localhost") ? "127.0.0.1" : getHost();
    return URI.create("http://" + host + ":" + getMappedPort(PORT));
  }

  /** The region clients sign for: {@link StackDefaults#REGION}. */
  public String getRegion() {
    return StackDefaults.REGION;
  }

  /** An access key the stack accepts: {@link StackDefaults#ACCESS_KEY_ID}. */
  public String getAccessKey() {
    return StackDefaults.ACCESS_KEY_ID;
  }

  /** Its secret key, {@link StackDefaults#SECRET_ACCESS_KEY}; signatures are not verified. */
  public String getSecretKey() {
    return StackDefaults.SECRET_ACCESS_KEY;
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
    admin(method, path, HttpRequest.BodyPublishers.noBody());
  }

  private void admin(String method, String path, HttpRequest.BodyPublisher body) {
    HttpRequest request =
        HttpRequest.newBuilder(getEndpoint().resolve(path)).method(method, body).build();
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

  /** The image name, resolved by the container (building the image) when Testcontainers asks. */
  private static final class ImageName extends LazyFuture<String> {
    private ServerlessStackContainer container;

    @Override
    protected String resolve() {
      return container.image();
    }
  }
}
