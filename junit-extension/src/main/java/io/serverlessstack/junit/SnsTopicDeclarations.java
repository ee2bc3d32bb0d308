package io.serverlessstack.junit;

import java.util.List;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ParameterResolutionException;

/**
 * The {@link SnsTopic} plug-in: checks the declarations ({@link DeclaredTopics}) and has {@link
 * SnsTopicClient} create them with the stack's {@code SnsClient}, after the queues. It names no SDK
 * type itself, so a project without the SDK's {@code sns} module runs every other test unchanged.
 */
final class SnsTopicDeclarations implements ResourceDeclarations<SnsTopic> {

  private static final String SNS_CLIENT = "software.amazon.awssdk.services.sns.SnsClient";

  @Override
  public Class<SnsTopic> annotationType() {
    return SnsTopic.class;
  }

  /** After the queues: subscriptions and redrive policies name them. */
  @Override
  public int order() {
    return 100;
  }

  @Override
  public List<SnsTopic> forTest(
      List<SnsTopic> classDeclarations,
      List<SnsTopic> methodDeclarations,
      boolean resetBetweenTests,
      String method) {
    return DeclaredTopics.forTest(classDeclarations, methodDeclarations, resetBetweenTests, method);
  }

  /**
   * Creates the declared topics that do not exist yet, each with its subscriptions. Topics that
   * exist are left as they are, so state a test left behind survives when the stack does not reset.
   */
  @Override
  public void create(ManagedStack stack, List<SnsTopic> declarations) {
    List<SnsTopic> checked = DeclaredTopics.checked(declarations);
    if (checked.isEmpty()) {
      return; // no client built, no SDK needed, for nothing
    }
    if (!snsSdkPresent()) {
      throw new ExtensionConfigurationException(
          DeclaredTopics.where(checked.get(0))
              + " needs the AWS SDK's SNS client on the test class path: add"
              + " software.amazon.awssdk:sns");
    }
    SnsTopicClient.create(stack, checked);
  }

  /**
   * A handle on the topic {@code name} of {@code stack}.
   *
   * @throws ParameterResolutionException if there is none, or no SNS SDK to reach it with
   */
  static SnsTopicHandle handle(ManagedStack stack, String name) {
    if (!snsSdkPresent()) {
      throw new ParameterResolutionException(
          "An SnsTopicHandle needs the AWS SDK's SNS client on the test class path: add"
              + " software.amazon.awssdk:sns");
    }
    return SnsTopicClient.handle(stack, name)
        .orElseThrow(
            () ->
                new ParameterResolutionException(
                    "There is no topic \""
                        + name
                        + "\" on the stack; declare it with @SnsTopic(name = \""
                        + name
                        + "\") on the test class or method"));
  }

  private static boolean snsSdkPresent() {
    try {
      Class.forName(SNS_CLIENT, false, SnsTopicDeclarations.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError absent) {
      return false;
    }
  }
}
