package io.serverlessstack.junit;

import io.serverlessstack.api.ClockMode;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the test class against a stack of fake AWS services.
 *
 * <p>The stack starts before the class's first test (before {@code @BeforeAll} methods) and stops
 * after its last, or, when {@link #shared()}, lives for the whole test run. While it runs, the
 * system properties {@code aws.endpointUrl}, {@code aws.region}, {@code aws.accessKeyId} and {@code
 * aws.secretAccessKey} point default SDK clients (e.g. {@code SqsClient.create()}) at it; their
 * previous values come back when it stops. Queues declared with {@link SqsQueue} and topics
 * declared with {@link SnsTopic} on the class exist before each test. Test methods, lifecycle
 * methods and constructors can take these parameters: any SDK v2 service client, sync or async
 * ({@code SqsClient}, {@code SqsAsyncClient}, {@code SnsClient}, {@code KinesisAsyncClient}, ...:
 * whichever service modules the project has), built from the project's SDK and HTTP client, pointed
 * at the stack, one per type for the stack's lifetime and closed with it; {@link StackInfo}, {@code
 * StackInspector}, {@code ClockControl} or, in this JVM, {@code VirtualClock} (on a virtual {@link
 * #clock()}), {@link SqsQueueHandle} (annotated with {@link SqsQueueName}) and {@link
 * SnsTopicHandle} (annotated with {@link SnsTopicName}).
 *
 * <p>{@code @Nested} classes use their enclosing class's stack and add their own declared queues
 * and topics. The system properties are global to the JVM: run classes that use different stacks
 * one at a time, not concurrently.
 *
 * <pre>{@code
 * @ServerlessStack
 * @SqsQueue(name = "orders")
 * class OrderTest {
 *   @Test
 *   void sends(SqsClient sqs, @SqsQueueName("orders") SqsQueueHandle orders) { ... }
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(ServerlessStackExtension.class)
public @interface ServerlessStack {

  /**
   * The clock visibility timeouts, delays and long polls follow. {@link ClockMode#SYSTEM} (the
   * default): the machine's. {@link ClockMode#MANUAL}: time stands still until the test advances
   * the injected {@code VirtualClock} or {@code ClockControl}. {@link ClockMode#SKIP_IDLE}: as
   * manual, and whenever every request the stack is serving waits on the clock (a 20-second long
   * poll, say), it jumps to the next deadline at once.
   */
  ClockMode clock() default ClockMode.SYSTEM;

  /**
   * Whether each test starts from a stack holding only the declared resources: everything else,
   * messages and the journal included, is deleted before each test. Without it, declared queues are
   * created once and state carries over from test to test.
   */
  boolean resetBetweenTests() default true;

  /**
   * Whether one stack serves every class of the run that asks for a shared stack with the same
   * {@link #clock()} and {@link #mode()}, instead of one stack per class. It stops when the run
   * ends.
   */
  boolean shared() default false;

  /** Where the stack runs. */
  Mode mode() default Mode.IN_JVM;

  /**
   * The services the stack runs, by id ({@code "sqs"}, ...); every service it knows when empty, the
   * default. Each service is built on its first use either way, so naming them saves little; it
   * makes a class fail clearly when it reaches a service it did not mean to use.
   */
  String[] services() default {};

  /**
   * {@link io.serverlessstack.api.StackSettings} for the stack, each {@code "key=value"}, e.g.
   * {@code settings = "kinesis.throughputLimits=true"}; none by default.
   */
  String[] settings() default {};

  /**
   * In container mode, an image to run as it is, e.g. from a registry a team runs, pulled if the
   * Docker engine lacks it. Empty: the image the system property {@code serverless-stack.image}
   * names, else {@code serverless-stack/server:<version>-<content hash>}, built on first use from
   * the server jar that {@code serverless-stack-testcontainers} carries and never pulled.
   */
  String image() default "";

  /**
   * In container mode, a base image with a Java 17+ runtime (e.g. {@code eclipse-temurin:17-jre})
   * to build the image on. Empty: the image the system property {@code serverless-stack.base-image}
   * names, else a runtime made with {@code jlink} from the JDK running the tests, which needs a
   * Linux host of the engine's architecture.
   */
  String baseImage() default "";

  /**
   * In container mode, whether a running container of the same configuration that an earlier run
   * left is used (after a reset, so the class starts clean), and this one left running for the
   * next: Testcontainers' reuse, which {@code testcontainers.reuse.enable=true} in {@code
   * ~/.testcontainers.properties} (or {@code TESTCONTAINERS_REUSE_ENABLE=true}) turns on. Without
   * it the container is removed as usual.
   */
  boolean reuse() default false;

  /** In container mode, the Docker host's port to publish the stack on; 0 for a random free one. */
  int hostPort() default 0;

  /** Where a stack runs. */
  enum Mode {
    /** In the test JVM, on a free port of the loopback interface: starts in milliseconds. */
    IN_JVM,
    /**
     * In a container of the serverless-stack image; needs the {@code
     * serverless-stack-testcontainers} module and a Docker engine. Without an engine the class is
     * skipped, except under {@code CI=true}, where it fails. Inject {@link
     * io.serverlessstack.api.ClockControl} rather than {@code VirtualClock} to move its clock; a
     * class that asks for a {@code VirtualClock} fails before a container starts.
     */
    CONTAINER
  }
}
