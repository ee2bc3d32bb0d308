package io.serverlessstack.assertions;

import io.serverlessstack.api.InspectableQueue;
import io.serverlessstack.api.InspectableTopic;
import io.serverlessstack.api.JournalEvent;
import io.serverlessstack.api.QueueView;
import io.serverlessstack.api.StackDefaults;
import io.serverlessstack.api.StackInspector;
import io.serverlessstack.fake.ServerlessStackServer;
import io.serverlessstack.fake.clock.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** A real stack on a virtual clock and a real SDK client talking to it over a socket. */
final class LiveStack implements AutoCloseable {

  final ServerlessStackServer server =
      ServerlessStackServer.builder().withPort(0).withVirtualClock().start();
  final SqsClient sqs =
      SqsClient.builder()
          .endpointOverride(server.endpoint())
          .region(Region.US_EAST_1)
          .credentialsProvider(
              StaticCredentialsProvider.create(
                  AwsBasicCredentials.create(
                      StackDefaults.ACCESS_KEY_ID, StackDefaults.SECRET_ACCESS_KEY)))
          .httpClientBuilder(UrlConnectionHttpClient.builder())
          .build();

  final SnsClient sns =
      SnsClient.builder()
          .endpointOverride(server.endpoint())
          .region(Region.US_EAST_1)
          .credentialsProvider(
              StaticCredentialsProvider.create(
                  AwsBasicCredentials.create(
                      StackDefaults.ACCESS_KEY_ID, StackDefaults.SECRET_ACCESS_KEY)))
          .httpClientBuilder(UrlConnectionHttpClient.builder())
          .build();

  final LambdaClient lambda =
      LambdaClient.builder()
          .endpointOverride(server.endpoint())
          .region(Region.US_EAST_1)
          .credentialsProvider(
              StaticCredentialsProvider.create(
                  AwsBasicCredentials.create(
                      StackDefaults.ACCESS_KEY_ID, StackDefaults.SECRET_ACCESS_KEY)))
          .httpClientBuilder(UrlConnectionHttpClient.builder())
          .build();

  final KinesisClient kinesis =
      KinesisClient.builder()
          .endpointOverride(server.endpoint())
          .region(Region.US_EAST_1)
          .credentialsProvider(
              StaticCredentialsProvider.create(
                  AwsBasicCredentials.create(
                      StackDefaults.ACCESS_KEY_ID, StackDefaults.SECRET_ACCESS_KEY)))
          .httpClientBuilder(UrlConnectionHttpClient.builder())
          .build();

  VirtualClock clock() {
    return server.virtualClock().orElseThrow();
  }

  void advance(Duration duration) {
    clock().advance(duration);
  }

  InspectableQueue queue(String name) {
    return InspectableQueue.of(server.inspector(), name);
  }

  /**
   * The queue {@code name}, seen through an inspector that counts {@code looks} down each time it
   * reads the journal: a sender that awaits two looks knows an assertion looked before it sent.
   */
  InspectableQueue watchedQueue(String name, CountDownLatch looks) {
    StackInspector real = server.inspector();
    StackInspector watched =
        new StackInspector() {
          @Override
          public Instant now() {
            return real.now();
          }

          @Override
          public List<QueueView> queues() {
            return real.queues();
          }

          @Override
          public List<JournalEvent> journal() {
            looks.countDown();
            return real.journal();
          }
        };
    return InspectableQueue.of(watched, name);
  }

  /** Runs {@code send} on another thread once {@code looks} reached zero. */
  static CompletableFuture<Void> sendAfter(CountDownLatch looks, Runnable send) {
    return CompletableFuture.runAsync(
        () -> {
          try {
            if (!looks.await(10, TimeUnit.SECONDS)) {
              throw new IllegalStateException("The assertion never looked");
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
          }
          send.run();
        });
  }

  InspectableTopic topic(String nameOrArn) {
    return InspectableTopic.of(server.inspector(), nameOrArn);
  }

  /** Creates a topic; returns its ARN. */
  String createTopic(String name) {
    return sns.createTopic(request -> request.name(name)).topicArn();
  }

  /** Creates a FIFO topic with content-based deduplication; returns its ARN. */
  String createFifoTopic(String name) {
    return sns.createTopic(
            request ->
                request
                    .name(name)
                    .attributes(Map.of("FifoTopic", "true", "ContentBasedDeduplication", "true")))
        .topicArn();
  }

  /** Subscribes a queue (by URL) to a topic with these attributes; returns the subscription ARN. */
  String subscribe(String topicArn, String queueUrl, Map<String, String> attributes) {
    return sns.subscribe(
            request ->
                request
                    .topicArn(topicArn)
                    .protocol("sqs")
                    .endpoint(arn(queueUrl))
                    .attributes(attributes))
        .subscriptionArn();
  }

  void publish(String topicArn, String message) {
    sns.publish(request -> request.topicArn(topicArn).message(message));
  }

  void publish(String topicArn, String message, String attribute, String value) {
    sns.publish(
        request ->
            request
                .topicArn(topicArn)
                .message(message)
                .messageAttributes(
                    Map.of(
                        attribute,
                        software.amazon.awssdk.services.sns.model.MessageAttributeValue.builder()
                            .dataType("String")
                            .stringValue(value)
                            .build())));
  }

  void publishToGroup(String topicArn, String group, String message) {
    sns.publish(request -> request.topicArn(topicArn).messageGroupId(group).message(message));
  }

  String createQueue(String name) {
    return createQueue(name, Map.of());
  }

  String createQueue(String name, Map<QueueAttributeName, String> attributes) {
    return sqs.createQueue(request -> request.queueName(name).attributes(attributes)).queueUrl();
  }

  String createFifoQueue(String name) {
    return createQueue(
        name,
        Map.of(
            QueueAttributeName.FIFO_QUEUE, "true",
            QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "true"));
  }

  String arn(String queueUrl) {
    return sqs.getQueueAttributes(
            request -> request.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
        .attributes()
        .get(QueueAttributeName.QUEUE_ARN);
  }

  void send(String queueUrl, String body) {
    sqs.sendMessage(request -> request.queueUrl(queueUrl).messageBody(body));
  }

  void sendToGroup(String queueUrl, String group, String body) {
    sqs.sendMessage(request -> request.queueUrl(queueUrl).messageGroupId(group).messageBody(body));
  }

  /** Receives at most one message without waiting, or {@code null}. */
  Message receiveOne(String queueUrl) {
    return sqs
        .receiveMessage(request -> request.queueUrl(queueUrl).maxNumberOfMessages(1))
        .messages()
        .stream()
        .findFirst()
        .orElse(null);
  }

  void delete(String queueUrl, Message message) {
    sqs.deleteMessage(request -> request.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
  }

  @Override
  public void close() {
    sqs.close();
    sns.close();
    lambda.close();
    kinesis.close();
    server.close();
  }
}
