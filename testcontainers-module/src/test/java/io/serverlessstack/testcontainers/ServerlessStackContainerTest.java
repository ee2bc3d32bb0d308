package io.serverlessstack.testcontainers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.dockerjava.api.command.InspectContainerResponse;
import io.serverlessstack.api.JournalEvent;
import io.serverlessstack.api.JournalFilter;
import io.serverlessstack.api.MessageState;
import io.serverlessstack.api.QueueView;
import io.serverlessstack.api.ResourceRef;
import io.serverlessstack.api.SqsEvents;
import io.serverlessstack.testcontainers.internal.DockerEngine;
import io.serverlessstack.testcontainers.internal.ServerImage;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

class ServerlessStackContainerTest {

  private static final String PRESET_DLQ_ARN = "arn:aws:sqs:us-east-1:000000000000:preset-dlq";

  private static ServerlessStackContainer stack;
  private static SqsClient sqs;
  private static RemoteStackInspector inspector;

  @BeforeAll
  static void startContainer() {
    requireDocker();
    stack =
        new ServerlessStackContainer()
            .withServices("sqs")
            .withVirtualClock()
            .withQueue("preset-dlq")
            .withQueue(
                "preset",
                "VisibilityTimeout=45",
                "RedrivePolicy={\"deadLetterTargetArn\":\""
                    + PRESET_DLQ_ARN
                    + "\",\"maxReceiveCount\":3}");
    stack.start();
    sqs =
        SqsClient.builder()
            .endpointOverride(stack.getEndpoint())
            .region(Region.of(stack.getRegion()))
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(stack.getAccessKey(), stack.getSecretKey())))
            .httpClient(UrlConnectionHttpClient.create())
            .build();
    inspector = new RemoteStackInspector(stack.getEndpoint());
  }

  /** Container tests never skip silently in CI: a missing engine fails there. */
  static void requireDocker() {
    boolean available = DockerEngine.answers(); // fast, and starts nothing
    if (!available && "true".equals(System.getenv("CI"))) {
      throw new IllegalStateException("CI=true but no Docker engine answers");
    }
    assumeTrue(available, "no Docker engine");
  }

  @AfterAll
  static void stopContainer() {
    if (sqs != null) {
      sqs.close();
    }
    if (stack != null) {
      stack.stop();
    }
  }

  @BeforeEach
  void startEachTestFromTheConfiguredQueues() {
    stack.reset();
  }

  @Test
  void createsTheQueuesItWasConfiguredWith() {
    String url = sqs.getQueueUrl(b -> b.queueName("preset")).queueUrl();

    assertThat(url).isEqualTo(stack.getEndpoint() + "/000000000000/preset");
    assertThat(inspector.queue("preset").orElseThrow().attributes())
        .containsEntry("VisibilityTimeout", "45");
    String dlqUrl = sqs.getQueueUrl(b -> b.queueName("preset-dlq")).queueUrl();
    assertThat(sqs.listDeadLetterSourceQueues(b -> b.queueUrl(dlqUrl)).queueUrls())
        .containsExactly(url);
  }

  @Test
  void stopsCleanlyOnSigterm() {
    try (ServerlessStackContainer own = new ServerlessStackContainer()) {
      own.start();
      String id = own.getContainerId();

      // SIGTERM, and SIGKILL only if the server is still running 20 s later.
      own.getDockerClient().stopContainerCmd(id).withTimeout(20).exec();

      InspectContainerResponse.ContainerState state =
          own.getDockerClient().inspectContainerCmd(id).exec().getState();
      assertThat(state.getRunning()).isFalse();
      assertThat(state.getExitCodeLong()).as("128 + SIGTERM, not 137 of a kill").isEqualTo(143L);
      assertThat(own.getLogs()).contains("serverless-stack stopped");
    }
  }

  @Test
  void servesSqsToTheUnmodifiedSdkAndShowsMessagesToRemoteInspection() {
    String url = sqs.createQueue(b -> b.queueName("orders")).queueUrl();
    sqs.sendMessage(b -> b.queueUrl(url).messageBody("order-1"));

    QueueView queue = inspector.queue("orders").orElseThrow();

    assertThat(queue.messages()).extracting(m -> m.body()).containsExactly("order-1");
    assertThat(inspector.journal())
        .anySatisfy(
            event -> {
              assertThat(event.type()).isEqualTo(SqsEvents.MESSAGE_SENT);
              assertThat(event.detail(SqsEvents.Details.BODY)).isEqualTo("order-1");
            });
    assertThatThrownBy(() -> sqs.getQueueUrl(b -> b.queueName("missing")))
        .isInstanceOf(QueueDoesNotExistException.class);
  }

  @Test
  void aContainerWithoutSnsShowsNoTopicsToRemoteInspection() {
    assertThat(inspector.topics()).isEmpty();
    assertThat(inspector.topic("orders")).isEmpty();
    assertThat(inspector.resources("sns", "topic")).isEmpty();
    assertThat(inspector.resource("arn:aws:sns:us-east-1:000000000000:orders")).isEmpty();
  }

  @Test
  void remoteJournalReadsOnlyNewEventsThatTheFilterAccepts() {
    String url = sqs.createQueue(b -> b.queueName("tail")).queueUrl();
    String arn = inspector.queue("tail").orElseThrow().arn();
    sqs.sendMessage(b -> b.queueUrl(url).messageBody("t1"));
    JournalFilter sends =
        JournalFilter.all().withService(SqsEvents.SERVICE).withTypes(SqsEvents.MESSAGE_SENT);
    List<JournalEvent> first = inspector.journal(0, sends.withResource(arn));
    long seen = first.get(first.size() - 1).sequence();
    sqs.sendMessage(b -> b.queueUrl(url).messageBody("t2"));
    sqs.receiveMessage(b -> b.queueUrl(url));

    assertThat(first)
        .extracting(event -> event.detail(SqsEvents.Details.BODY))
        .containsExactly("t1");
    assertThat(first.get(0).resourceArn()).isEqualTo(arn);
    assertThat(inspector.journal(seen, sends.withResource("tail")))
        .extracting(event -> event.detail(SqsEvents.Details.BODY))
        .containsExactly("t2");
    assertThat(inspector.journal(seen, JournalFilter.all().withResource("tail")))
        .extracting(JournalEvent::type)
        .containsExactly(SqsEvents.MESSAGE_SENT, SqsEvents.MESSAGE_RECEIVED);
    assertThat(inspector.journal(0, JournalFilter.all().withService("sns"))).isEmpty();
    assertThat(inspector.resource(arn).orElseThrow().ref())
        .isEqualTo(new ResourceRef("sqs", "queue", "tail", arn));
    assertThat(inspector.resources("sqs", "queue"))
        .extracting(view -> view.ref().name())
        .contains("tail", "preset");
  }

  @Test
  void advancingTheRemoteVirtualClockEndsVisibilityTimeouts() {
    String url =
        sqs.createQueue(
                b ->
                    b.queueName("clocked")
                        .attributesWithStrings(java.util.Map.of("VisibilityTimeout", "30")))
            .queueUrl();
    sqs.sendMessage(b -> b.queueUrl(url).messageBody("again"));
    List<Message> first = sqs.receiveMessage(b -> b.queueUrl(url)).messages();
    assertThat(first).hasSize(1);
    assertThat(inspector.queue("clocked").orElseThrow().messages(MessageState.IN_FLIGHT))
        .hasSize(1);

    stack.advanceClock(Duration.ofSeconds(31));

    assertThat(inspector.queue("clocked").orElseThrow().messages(MessageState.VISIBLE)).hasSize(1);
    assertThat(sqs.receiveMessage(b -> b.queueUrl(url)).messages())
        .extracting(Message::body)
        .containsExactly("again");
  }

  @Test
  void resetReturnsTheStackToItsConfiguredQueues() {
    sqs.createQueue(b -> b.queueName("short-lived"));
    String preset = sqs.getQueueUrl(b -> b.queueName("preset")).queueUrl();
    sqs.sendMessage(b -> b.queueUrl(preset).messageBody("forgotten"));

    stack.reset();

    assertThat(inspector.queues())
        .extracting(QueueView::name)
        .containsExactly("preset", "preset-dlq");
    assertThat(inspector.queue("preset").orElseThrow().messages()).isEmpty();
  }

  @Test
  void runsTheImageBuiltFromTheBundledJarTaggedWithItsContentHash() {
    assertThat(stack.getDockerImageName())
        .isEqualTo(ServerImage.tag(null))
        .matches("serverless-stack/server:" + ServerImage.version() + "-[0-9a-f]{12}");
  }
}
