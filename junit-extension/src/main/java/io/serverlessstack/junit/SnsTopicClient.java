package io.serverlessstack.junit;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.SnsException;
import software.amazon.awssdk.services.sns.model.Topic;

/**
 * What {@link SnsTopicDeclarations} does with the SDK's {@link SnsClient}: creates declared topics
 * and their subscriptions, and finds a topic for a handle. Loaded only when a test declares a topic
 * or asks for a topic handle, so the SDK's {@code sns} module is needed only then.
 */
final class SnsTopicClient {

  private SnsTopicClient() {}

  /** Creates the topics (checked, without repeats) that do not exist yet. */
  static void create(ManagedStack stack, List<SnsTopic> topics) {
    SnsClient sns = stack.client(SnsClient.class);
    Map<String, String> existing = new HashMap<>();
    for (Topic topic : sns.listTopicsPaginator().topics()) {
      existing.put(nameOf(topic.topicArn()), topic.topicArn());
    }
    for (SnsTopic topic : topics) {
      if (existing.containsKey(topic.name())) {
        continue;
      }
      String arn = createTopic(sns, topic);
      for (SnsSubscription subscription : topic.subscriptions()) {
        subscribe(stack, sns, topic, arn, subscription);
      }
    }
  }

  /** A handle on the topic {@code name} that the stack's client sees, if there is one. */
  static Optional<SnsTopicHandle> handle(ManagedStack stack, String name) {
    SnsClient sns = stack.client(SnsClient.class);
    return sns.listTopicsPaginator().topics().stream()
        .map(Topic::topicArn)
        .filter(arn -> nameOf(arn).equals(name))
        .findFirst()
        .map(
            arn ->
                new SnsTopicHandle(
                    name,
                    arn,
                    stack.stack().inspector(),
                    (topicArn, message, groupId, deduplicationId) ->
                        sns.publish(
                                publish ->
                                    publish
                                        .topicArn(topicArn)
                                        .message(message)
                                        .messageGroupId(groupId)
                                        .messageDeduplicationId(deduplicationId))
                            .messageId()));
  }

  private static String nameOf(String topicArn) {
    return topicArn.substring(topicArn.lastIndexOf(':') + 1);
  }

  private static String createTopic(SnsClient sns, SnsTopic topic) {
    try {
      return sns.createTopic(
              request -> request.name(topic.name()).attributes(DeclaredTopics.attributes(topic)))
          .topicArn();
    } catch (SnsException rejected) {
      throw new ExtensionConfigurationException(
          "SNS rejected " + DeclaredTopics.where(topic) + ": " + reason(rejected), rejected);
    }
  }

  private static void subscribe(
      ManagedStack stack, SnsClient sns, SnsTopic topic, String arn, SnsSubscription subscription) {
    String where = DeclaredTopics.where(topic) + ", " + DeclaredTopics.describe(subscription);
    String endpoint =
        subscription.protocol().equals("sqs")
            ? queueArn(stack, subscription.endpoint(), where, "subscribes")
            : subscription.endpoint();
    String deadLetterQueue =
        subscription.deadLetterQueue().isEmpty()
            ? null
            : queueArn(stack, subscription.deadLetterQueue(), where, "names dead-letter");
    try {
      sns.subscribe(
          request ->
              request
                  .topicArn(arn)
                  .protocol(subscription.protocol())
                  .endpoint(endpoint)
                  .attributes(DeclaredTopics.attributes(subscription, deadLetterQueue)));
    } catch (SnsException rejected) {
      throw new ExtensionConfigurationException(
          "SNS rejected " + where + ": " + reason(rejected), rejected);
    }
  }

  /** A queue's ARN as given, or the ARN of the stack's queue of that name. */
  private static String queueArn(ManagedStack stack, String queue, String where, String verb) {
    if (queue.startsWith("arn:")) {
      return queue;
    }
    return SqsQueueDeclarations.arnOf(stack, queue)
        .orElseThrow(
            () ->
                new ExtensionConfigurationException(
                    where
                        + " "
                        + verb
                        + " queue \""
                        + queue
                        + "\", which is not on the stack; declare it with @SqsQueue(name = \""
                        + queue
                        + "\"), or give the queue's ARN"));
  }

  private static String reason(SnsException rejected) {
    return rejected.awsErrorDetails() == null
        ? rejected.getMessage()
        : rejected.awsErrorDetails().errorCode() + ": " + rejected.awsErrorDetails().errorMessage();
  }
}
