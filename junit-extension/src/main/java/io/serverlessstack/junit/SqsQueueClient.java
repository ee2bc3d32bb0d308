package io.serverlessstack.junit;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * What {@link SqsQueueDeclarations} does with the SDK's {@link SqsClient}: creates declared queues
 * and finds the queues handles and subscriptions stand for. Loaded only when a test declares a
 * queue or asks for one, so the SDK's {@code sqs} module is needed only then.
 */
final class SqsQueueClient {

  private SqsQueueClient() {}

  /**
   * Creates the declared queues that do not exist yet, dead-letter queues first. Queues that exist
   * are left as they are, so state a test left behind survives when the stack does not reset.
   */
  static void create(ManagedStack stack, List<SqsQueue> declarations) {
    List<SqsQueue> ordered = DeclaredQueues.inCreationOrder(declarations);
    if (ordered.isEmpty()) {
      return; // no client built for nothing
    }
    SqsClient sqs = stack.client(SqsClient.class);
    Map<String, String> arns = new HashMap<>();
    for (SqsQueue queue : ordered) {
      String url = existingUrl(sqs, queue.name());
      if (url == null) {
        url =
            create(
                sqs,
                queue,
                queue.deadLetterQueue().isEmpty() ? null : arns.get(queue.deadLetterQueue()));
      }
      arns.put(queue.name(), arn(sqs, url));
    }
  }

  /**
   * A handle on the queue {@code name} of {@code stack}.
   *
   * @throws ParameterResolutionException if there is none
   */
  static SqsQueueHandle handle(ManagedStack stack, String name) {
    SqsClient sqs = stack.client(SqsClient.class);
    String url = existingUrl(sqs, name);
    if (url == null) {
      throw new ParameterResolutionException(
          "There is no queue \""
              + name
              + "\" on the stack; declare it with @SqsQueue(name = \""
              + name
              + "\") on the test class or method");
    }
    return new SqsQueueHandle(name, url, arn(sqs, url), stack.stack().inspector());
  }

  /** The ARN of the queue {@code name} of {@code stack}, if there is one. */
  static Optional<String> arnOf(ManagedStack stack, String name) {
    SqsClient sqs = stack.client(SqsClient.class);
    String url = existingUrl(sqs, name);
    return url == null ? Optional.empty() : Optional.of(arn(sqs, url));
  }

  private static String existingUrl(SqsClient sqs, String name) {
    try {
      return sqs.getQueueUrl(request -> request.queueName(name)).queueUrl();
    } catch (QueueDoesNotExistException missing) {
      return null;
    }
  }

  private static String create(SqsClient sqs, SqsQueue queue, String deadLetterArn) {
    try {
      return sqs.createQueue(
              request ->
                  request
                      .queueName(queue.name())
                      .attributesWithStrings(DeclaredQueues.attributes(queue, deadLetterArn)))
          .queueUrl();
    } catch (SqsException rejected) {
      throw new ExtensionConfigurationException(
          "SQS rejected @SqsQueue(name = \""
              + queue.name()
              + "\"): "
              + (rejected.awsErrorDetails() == null
                  ? rejected.getMessage()
                  : rejected.awsErrorDetails().errorCode()
                      + ": "
                      + rejected.awsErrorDetails().errorMessage()),
          rejected);
    }
  }

  private static String arn(SqsClient sqs, String url) {
    return sqs.getQueueAttributes(
            request -> request.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
        .attributes()
        .get(QueueAttributeName.QUEUE_ARN);
  }
}
