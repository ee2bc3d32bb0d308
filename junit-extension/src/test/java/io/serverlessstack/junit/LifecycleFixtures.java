package io.serverlessstack.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.serverlessstack.api.ClockControl;
import io.serverlessstack.api.ClockMode;
import io.serverlessstack.api.SqsEvents;
import io.serverlessstack.api.StackInspector;
import io.serverlessstack.fake.clock.VirtualClock;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Test classes that {@link LifecycleTest} runs with the engine test kit, each showing one behaviour
 * of the extension. Not run on their own: the name matches no test-class pattern.
 */
final class LifecycleFixtures {

  private LifecycleFixtures() {}

  /** What fixtures saw while they ran, for {@link LifecycleTest} to check afterwards. */
  static final Map<String, Object> RECORDED = new ConcurrentHashMap<>();

  static boolean isListening(URI endpoint) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()), 1_000);
      return true;
    } catch (IOException refused) {
      return false;
    }
  }

  /** Records its stack's endpoint and whether stacks recorded by other classes still listen. */
  private static void recordStack(String key, StackInfo stack) {
    RECORDED.forEach(
        (other, endpoint) -> {
          if (other.startsWith("endpoint:") && endpoint instanceof URI uri) {
            RECORDED.put("listening:" + other.substring(9) + ":during:" + key, isListening(uri));
          }
        });
    RECORDED.put("endpoint:" + key, stack.endpoint());
  }

  @ServerlessStack
  static class OwnStackOne {
    @Test
    void recordsItsStack(StackInfo stack) {
      recordStack("one", stack);
    }
  }

  @ServerlessStack
  static class OwnStackTwo {
    @Test
    void recordsItsStack(StackInfo stack) {
      recordStack("two", stack);
    }
  }

  @ServerlessStack(shared = true)
  static class SharedStackOne {
    @Test
    void recordsItsStack(StackInfo stack) {
      recordStack("shared-one", stack);
    }
  }

  @ServerlessStack(shared = true)
  static class SharedStackTwo {
    @Test
    void recordsItsStack(StackInfo stack) {
      recordStack("shared-two", stack);
    }
  }

  @ServerlessStack
  @SqsQueue(name = "declared")
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class ResetBetweenTests {
    @Test
    @Order(1)
    @SqsQueue(name = "method-only", deadLetterQueue = "declared")
    void leavesStateBehind(
        SqsClient sqs,
        @SqsQueueName("declared") SqsQueueHandle declared,
        @SqsQueueName("method-only") SqsQueueHandle methodOnly) {
      assertThat(methodOnly.inspector().queue("method-only").orElseThrow().attributes())
          .containsEntry(
              "RedrivePolicy",
              "{\"deadLetterTargetArn\":\"" + declared.arn() + "\",\"maxReceiveCount\":3}");
      sqs.sendMessage(request -> request.queueUrl(declared.url()).messageBody("left over"));
      sqs.createQueue(request -> request.queueName("made-in-test"));
    }

    @Test
    @Order(2)
    void startsWithOnlyTheDeclaredQueuesAndAFreshJournal(StackInspector inspector) {
      assertThat(inspector.queues()).extracting(queue -> queue.name()).containsExactly("declared");
      assertThat(inspector.queue("declared").orElseThrow().messages()).isEmpty();
      assertThat(inspector.journal())
          .extracting(event -> event.type())
          .containsExactly(SqsEvents.QUEUE_CREATED);
    }
  }

  @ServerlessStack(resetBetweenTests = false)
  @SqsQueue(name = "declared")
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class KeepStateBetweenTests {
    @Test
    @Order(1)
    void leavesStateBehind(SqsClient sqs, @SqsQueueName("declared") SqsQueueHandle declared) {
      sqs.sendMessage(request -> request.queueUrl(declared.url()).messageBody("left over"));
      sqs.createQueue(request -> request.queueName("made-in-test"));
    }

    @Test
    @Order(2)
    @SqsQueue(name = "method-only", deadLetterQueue = "declared")
    void findsTheStateTheFirstTestLeft(StackInspector inspector) {
      assertThat(inspector.queues())
          .extracting(queue -> queue.name())
          .containsExactlyInAnyOrder("declared", "made-in-test", "method-only");
      assertThat(inspector.queue("declared").orElseThrow().messages())
          .extracting(message -> message.body())
          .containsExactly("left over");
    }
  }

  @ServerlessStack
  @SqsQueue(name = "orders", visibilityTimeout = 30)
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class MethodRedeclaresClassQueue {
    @Test
    @Order(1)
    @SqsQueue(name = "orders", visibilityTimeout = 5)
    void getsTheQueueAsItsMethodDeclaresIt(StackInspector inspector) {
      assertThat(inspector.queue("orders").orElseThrow().attributes())
          .containsEntry("VisibilityTimeout", "5");
    }

    @Test
    @Order(2)
    void getsTheQueueAsTheClassDeclaresIt(StackInspector inspector) {
      assertThat(inspector.queue("orders").orElseThrow().attributes())
          .containsEntry("VisibilityTimeout", "30");
    }
  }

  @ServerlessStack(resetBetweenTests = false)
  @SqsQueue(name = "orders", visibilityTimeout = 30)
  static class MethodRedeclaresClassQueueWithoutReset {
    @Test
    @SqsQueue(name = "orders", visibilityTimeout = 5)
    void neverRuns() {}
  }

  @ServerlessStack
  @SqsQueue(name = "orders", visibilityTimeout = 30)
  @SqsQueue(name = "orders", visibilityTimeout = 5, attributes = "DelaySeconds=1")
  static class QueueDeclaredTwiceDifferently {
    @Test
    void neverRuns() {}
  }

  @ServerlessStack(services = {"sqs", "kafka"})
  static class UnknownService {
    @Test
    void neverRuns() {}
  }

  @ServerlessStack(settings = "kinesis.throughputLimits=maybe")
  static class BadSetting {
    @Test
    void neverRuns() {}
  }

  @ServerlessStack(services = "SQS")
  @SqsQueue(name = "orders")
  static class NamedServices {
    @Test
    void runsTheNamedServices(SqsClient sqs, StackInfo info) throws Exception {
      sqs.sendMessage(
          b -> b.queueUrl(sqs.getQueueUrl(q -> q.queueName("orders")).queueUrl()).messageBody("x"));
      java.net.http.HttpResponse<String> health =
          java.net.http.HttpClient.newHttpClient()
              .send(
                  java.net.http.HttpRequest.newBuilder(info.endpoint().resolve("/_stack/health"))
                      .build(),
                  java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(health.body()).contains("\"services\":[\"sqs\"]");
    }
  }

  @ServerlessStack
  static class RecordsSystemPropertiesThenFails {
    @Test
    void fails(StackInfo stack) {
      RECORDED.put("endpoint:properties", stack.endpoint());
      for (String name :
          new String[] {
            "aws.endpointUrl", "aws.region", "aws.accessKeyId", "aws.secretAccessKey"
          }) {
        RECORDED.put("property:" + name, System.getProperty(name));
      }
      throw new AssertionError("failing on purpose");
    }
  }

  @ServerlessStack
  static class BeforeAllFails {
    @BeforeAll
    static void fails(StackInfo stack) {
      RECORDED.put("endpoint:before-all", stack.endpoint());
      throw new IllegalStateException("failing on purpose");
    }

    @Test
    void neverRuns() {}
  }

  @ServerlessStack
  @SqsQueue(name = "declared")
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  static class PerClassInstance {
    private final SqsQueueHandle declared;

    PerClassInstance(SqsClient sqs, @SqsQueueName("declared") SqsQueueHandle declared) {
      this.declared = declared;
    }

    @Test
    void constructorParametersComeFromTheClassStack(StackInspector inspector) {
      assertThat(declared.inspector()).isSameAs(inspector);
      assertThat(inspector.queue("declared")).isPresent();
    }
  }

  @ServerlessStack(mode = ServerlessStack.Mode.CONTAINER, shared = true)
  static class SharedContainerOne {
    @Test
    void recordsItsStack(StackInfo stack) {
      recordStack("shared-container-one", stack);
    }
  }

  @ServerlessStack(mode = ServerlessStack.Mode.CONTAINER, shared = true)
  static class SharedContainerTwo {
    @Test
    void recordsItsStack(StackInfo stack) {
      recordStack("shared-container-two", stack);
    }
  }

  @ServerlessStack(mode = ServerlessStack.Mode.CONTAINER, clock = ClockMode.MANUAL)
  static class ContainerMode {
    @Test
    void movesTheContainersClock(StackInfo stack, ClockControl clock) {
      recordStack("container", stack);
      Instant before = clock.now();
      assertThat(clock.advance(Duration.ofMinutes(5)))
          .isEqualTo(before.plus(Duration.ofMinutes(5)));
    }

    @Test
    void servesTheInjectedClient(StackInfo stack, SqsClient sqs) {
      recordStack("container", stack);
      assertThat(sqs.listQueues().queueUrls()).isEmpty();
    }
  }

  @ServerlessStack(mode = ServerlessStack.Mode.CONTAINER, clock = ClockMode.MANUAL)
  static class ContainerModeWantsVirtualClock {
    @BeforeAll
    static void recordsItsStack(StackInfo stack) {
      recordStack("container-virtual-clock", stack);
    }

    @Test
    void wantsTheClock(SqsClient sqs, VirtualClock notInThisJvm) {}
  }

  @ServerlessStack(mode = ServerlessStack.Mode.CONTAINER)
  static class ContainerModeWithoutVirtualClockWantsAClock {
    @Test
    void neverRuns(ClockControl clock) {}
  }

  @ServerlessStack
  @SqsQueue(name = "orders", deadLetterQueue = "missing")
  static class UndeclaredDeadLetterQueue {
    @Test
    void neverRuns() {}
  }

  @ServerlessStack
  @SqsQueue(name = "a", deadLetterQueue = "b")
  @SqsQueue(name = "b", deadLetterQueue = "a")
  static class DeadLetterCycle {
    @Test
    void neverRuns() {}
  }

  @ServerlessStack
  @SqsQueue(name = "orders", fifo = true)
  static class FifoWithoutSuffix {
    @Test
    void neverRuns() {}
  }

  @ServerlessStack
  @SqsQueue(name = "orders", attributes = "VisibilityTimeout=99999")
  static class RejectedAttribute {
    @Test
    void neverRuns() {}
  }

  @ServerlessStack
  @SqsQueue(name = "orders", attributes = "VisibilityTimeout")
  static class MalformedAttribute {
    @Test
    void neverRuns() {}
  }

  @ServerlessStack
  static class VirtualClockWithoutVirtualTime {
    @Test
    void wantsTheClock(VirtualClock clock) {}
  }

  @ServerlessStack
  @SqsQueue(name = "orders")
  static class HandleWithoutName {
    @Test
    void wantsAHandle(SqsClient sqs, SqsQueueHandle orders) {}
  }

  @ServerlessStack
  static class HandleForUndeclaredQueue {
    @Test
    void wantsAHandle(@SqsQueueName("orders") SqsQueueHandle orders) {}
  }
}
