package io.serverlessstack.junit;

import static io.serverlessstack.assertions.StackAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.serverlessstack.api.StackInspector;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

@ServerlessStack
@SqsQueue(name = "orders")
@SqsQueue(name = "orders-dlq.fifo")
@SqsQueue(
    name = "orders.fifo",
    contentBasedDeduplication = true,
    deadLetterQueue = "orders-dlq.fifo",
    maxReceiveCount = 4,
    visibilityTimeout = 45,
    receiveWaitTimeSeconds = 2,
    attributes = {"MessageRetentionPeriod=120"})
@SqsQueue(name = "slow", delaySeconds = 5)
class ServerlessStackExtensionTest {

  private static String queuesSeenBeforeAll;

  @BeforeAll
  static void declaredQueuesExistForBeforeAllMethods(SqsClient sqs) {
    queuesSeenBeforeAll = sqs.listQueues().queueUrls().toString();
  }

  @Test
  void declaredQueuesExistBeforeAllAndBeforeEachTest(SqsClient sqs) {
    assertThat(queuesSeenBeforeAll)
        .contains("/orders", "/orders.fifo", "/orders-dlq.fifo", "/slow");
    assertThat(sqs.listQueues().queueUrls())
        .extracting(url -> url.substring(url.lastIndexOf('/') + 1))
        .containsExactlyInAnyOrder("orders", "orders.fifo", "orders-dlq.fifo", "slow");
  }

  @Test
  void queueHandleCarriesNameUrlAndArn(
      @SqsQueueName("orders") SqsQueueHandle orders, StackInfo stack) {
    assertThat(orders.name()).isEqualTo("orders");
    assertThat(orders.url()).isEqualTo(stack.endpoint() + "/000000000000/orders");
    assertThat(orders.arn()).isEqualTo("arn:aws:sqs:us-east-1:000000000000:orders");
  }

  @Test
  void declaredSettingsBecomeQueueAttributes(
      SqsClient sqs,
      @SqsQueueName("orders.fifo") SqsQueueHandle orders,
      @SqsQueueName("orders-dlq.fifo") SqsQueueHandle deadLetters,
      @SqsQueueName("slow") SqsQueueHandle slow) {
    Map<QueueAttributeName, String> attributes =
        sqs.getQueueAttributes(
                request -> request.queueUrl(orders.url()).attributeNames(QueueAttributeName.ALL))
            .attributes();

    assertThat(attributes)
        .containsEntry(QueueAttributeName.FIFO_QUEUE, "true")
        .containsEntry(QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "true")
        .containsEntry(QueueAttributeName.VISIBILITY_TIMEOUT, "45")
        .containsEntry(QueueAttributeName.RECEIVE_MESSAGE_WAIT_TIME_SECONDS, "2")
        .containsEntry(QueueAttributeName.MESSAGE_RETENTION_PERIOD, "120");
    assertThat(attributes.get(QueueAttributeName.REDRIVE_POLICY))
        .contains(deadLetters.arn())
        .containsPattern("\"maxReceiveCount\":\"?4");
    assertThat(
            sqs.getQueueAttributes(
                    request ->
                        request
                            .queueUrl(slow.url())
                            .attributeNames(QueueAttributeName.DELAY_SECONDS))
                .attributes())
        .containsEntry(QueueAttributeName.DELAY_SECONDS, "5");
  }

  @Test
  void injectedClientsAndInspectorSeeTheSameStack(
      SqsClient sqs,
      SqsAsyncClient sqsAsync,
      StackInspector inspector,
      @SqsQueueName("orders") SqsQueueHandle orders) {
    sqs.sendMessage(request -> request.queueUrl(orders.url()).messageBody("sync"));
    sqsAsync.sendMessage(request -> request.queueUrl(orders.url()).messageBody("async")).join();

    assertThat(inspector.queue("orders").orElseThrow().messages()).hasSize(2);
    assertThat(orders).hasBeenSentMessagesWithBodies("sync", "async");
  }

  @Test
  void defaultClientsReachTheStackThroughSystemProperties(
      StackInfo stack, @SqsQueueName("orders") SqsQueueHandle orders) {
    assertThat(System.getProperty("aws.endpointUrl")).isEqualTo(stack.endpoint().toString());
    assertThat(System.getProperty("aws.region")).isEqualTo("us-east-1");

    try (SqsClient unconfigured =
        SqsClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).build()) {
      unconfigured.sendMessage(request -> request.queueUrl(orders.url()).messageBody("default"));
    }
    try (SqsClient created = SqsClient.create()) {
      created.sendMessage(request -> request.queueUrl(orders.url()).messageBody("create"));
    }

    assertThat(orders).hasBeenSentMessagesWithBodies("default", "create");
  }

  @Test
  void stackInfoConfiguresAnyClientBuilder(StackInfo stack) {
    try (SqsClient sqs =
        stack
            .configure(SqsClient.builder())
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .build()) {
      assertThat(sqs.listQueues().queueUrls()).hasSize(4);
    }
    assertThat(stack.toString()).doesNotContain("secretKey");
  }

  @Test
  @SqsQueue(name = "scratch", visibilityTimeout = 1)
  void aTestMethodCanDeclareItsOwnQueues(
      @SqsQueueName("scratch") SqsQueueHandle scratch, StackInspector inspector) {
    assertThat(scratch.url()).endsWith("/scratch");
    assertThat(inspector.queue("scratch").orElseThrow().attributes())
        .containsEntry("VisibilityTimeout", "1");
  }

  @Nested
  @SqsQueue(name = "nested-only")
  class NestedClasses {

    @Test
    void useTheEnclosingStackAndAddTheirQueues(StackInspector inspector, StackInfo stack) {
      assertThat(System.getProperty("aws.endpointUrl")).isEqualTo(stack.endpoint().toString());
      assertThat(inspector.queues())
          .extracting(queue -> queue.name())
          .contains("orders", "orders.fifo", "nested-only");
    }
  }
}
