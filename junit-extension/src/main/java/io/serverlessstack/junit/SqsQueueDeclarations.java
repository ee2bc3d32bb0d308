package io.serverlessstack.junit;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ParameterResolutionException;

/**
 * The {@link SqsQueue} plug-in: checks the declarations ({@link DeclaredQueues}) and has {@link
 * SqsQueueClient} create the queues with the stack's {@code SqsClient}, dead-letter queues first;
 * also finds the queues that {@link SqsQueueHandle}s and {@link SnsSubscription}s stand for. It
 * names no SDK type itself, so a project without the SDK's {@code sqs} module runs every other test
 * unchanged.
 */
final class SqsQueueDeclarations implements ResourceDeclarations<SqsQueue> {

  private static final String SQS_CLIENT = "software.amazon.awssdk.services.sqs.SqsClient";

  @Override
  public Class<SqsQueue> annotationType() {
    return SqsQueue.class;
  }

  /** First: topics, event source mappings and redrive policies name queues. */
  @Override
  public int order() {
    return 0;
  }

  @Override
  public List<SqsQueue> forTest(
      List<SqsQueue> classDeclarations,
      List<SqsQueue> methodDeclarations,
      boolean resetBetweenTests,
      String method) {
    return DeclaredQueues.forTest(classDeclarations, methodDeclarations, resetBetweenTests, method);
  }

  /**
   * Creates the declared queues that do not exist yet, dead-letter queues first. Queues that exist
   * are left as they are, so state a test left behind survives when the stack does not reset.
   */
  @Override
  public void create(ManagedStack stack, List<SqsQueue> declarations) {
    if (declarations.isEmpty()) {
      return; // no client built, no SDK needed, for nothing
    }
    if (!sqsSdkPresent()) {
      throw new ExtensionConfigurationException(
          "@SqsQueue(name = \""
              + declarations.get(0).name()
              + "\") needs the AWS SDK's SQS client on the test class path: add"
              + " software.amazon.awssdk:sqs");
    }
    SqsQueueClient.create(stack, declarations);
  }

  /**
   * A handle on the queue {@code name} of {@code stack}.
   *
   * @throws ParameterResolutionException if there is no SQS SDK to reach it with
   */
  static SqsQueueHandle handle(ManagedStack stack, String name) {
    if (!sqsSdkPresent()) {
      throw new ParameterResolutionException(
          "An SqsQueueHandle needs the AWS SDK's SQS client on the test class path: add"
              + " software.amazon.awssdk:sqs");
    }
    return SqsQueueClient.handle(stack, name);
  }

  /** The ARN of the queue {@code name} of {@code stack}, if there is one. */
  static Optional<String> arnOf(ManagedStack stack, String name) {
    return SqsQueueClient.arnOf(stack, name);
  }

  private static boolean sqsSdkPresent() {
    try {
      Class.forName(SQS_CLIENT, false, SqsQueueDeclarations.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError absent) {
      return false;
    }
  }
}
