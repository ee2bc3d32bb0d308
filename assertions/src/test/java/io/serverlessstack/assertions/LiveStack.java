package io.serverlessstack.assertions;

import io.serverlessstack.fake.ServerlessStackServer;
import io.serverlessstack.fake.clock.VirtualClock;
import io.serverlessstack.fake.inspect.InspectableQueue;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
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
                      ServerlessStackServer.ACCESS_KEY, ServerlessStackServer.SECRET_KEY)))
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
    server.close();
  }
}
