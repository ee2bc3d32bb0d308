package io.serverlessstack.junit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/** What {@link SnsTopic} declarations mean, observed by running the {@link SnsTopicFixtures}. */
class SnsTopicDeclarationTest {

  @Test
  void fifoTopicNameWithoutSuffixIsAConfigurationError() {
    assertClassFailsToConfigure(
        SnsTopicFixtures.FifoWithoutSuffix.class,
        "@SnsTopic(name = \"orders\"): a FIFO topic's name must end in \".fifo\"");
  }

  @Test
  void contentBasedDeduplicationOnAStandardTopicIsAConfigurationError() {
    assertClassFailsToConfigure(
        SnsTopicFixtures.ContentBasedDeduplicationOnAStandardTopic.class,
        "@SnsTopic(name = \"orders\"): contentBasedDeduplication applies to FIFO topics only");
  }

  @Test
  void malformedAttributeIsAConfigurationError() {
    assertClassFailsToConfigure(
        SnsTopicFixtures.MalformedAttribute.class,
        "@SnsTopic(name = \"orders\"): attributes are written \"Name=Value\", not"
            + " \"DisplayName\"");
  }

  @Test
  void attributeThatSnsRejectsIsAConfigurationErrorWithSnsReason() {
    assertClassFailsToConfigure(
        SnsTopicFixtures.RejectedAttribute.class,
        "SNS rejected @SnsTopic(name = \"orders\"): InvalidParameter: Invalid parameter:"
            + " Attributes Reason: Unknown attribute Colour");
  }

  @Test
  void subscriptionToAQueueThatIsNotOnTheStackIsAConfigurationError() {
    assertClassFailsToConfigure(
        SnsTopicFixtures.SubscriptionToAnUndeclaredQueue.class,
        "@SnsTopic(name = \"orders\"), @SnsSubscription(protocol = \"sqs\", endpoint ="
            + " \"billing\") subscribes queue \"billing\", which is not on the stack; declare it"
            + " with @SqsQueue(name = \"billing\"), or give the queue's ARN");
  }

  @Test
  void deadLetterQueueThatIsNotOnTheStackIsAConfigurationError() {
    assertClassFailsToConfigure(
        SnsTopicFixtures.SubscriptionWithAnUndeclaredDeadLetterQueue.class,
        "names dead-letter queue \"missing-dlq\", which is not on the stack");
  }

  @Test
  void filterPolicyThatSnsRejectsIsAConfigurationErrorWithSnsReason() {
    assertClassFailsToConfigure(
        SnsTopicFixtures.RejectedFilterPolicy.class,
        "SNS rejected @SnsTopic(name = \"orders\"), @SnsSubscription(protocol = \"sqs\","
            + " endpoint = \"billing\"): InvalidParameter: Invalid parameter: Attributes Reason:"
            + " FilterPolicy: \"store\" must be an object or an array");
  }

  @Test
  void unknownFilterPolicyScopeIsAConfigurationError() {
    assertClassFailsToConfigure(
        SnsTopicFixtures.UnknownFilterPolicyScope.class,
        "filterPolicyScope is \"MessageAttributes\" or \"MessageBody\", not \"Body\"");
  }

  @Test
  void filterPolicyScopeWithoutAFilterPolicyIsAConfigurationError() {
    assertClassFailsToConfigure(
        SnsTopicFixtures.FilterPolicyScopeWithoutFilterPolicy.class,
        "filterPolicyScope applies to a subscription with a filterPolicy only");
  }

  @Test
  void topicDeclaredTwiceDifferentlyIsAConfigurationErrorNamingTheDifferingSettings() {
    assertClassFailsToConfigure(
        SnsTopicFixtures.TopicDeclaredTwiceDifferently.class,
        "Topic \"orders\" is declared twice, differently: attributes is {} in one and"
            + " {\"DisplayName=Orders\"} in the other.");
  }

  @Test
  void redeclaringAClassTopicWithoutResetBetweenTestsFailsTheTestSayingWhy() {
    assertTestFails(
        SnsTopicFixtures.MethodRedeclaresClassTopicWithoutReset.class,
        ExtensionConfigurationException.class,
        "@SnsTopic(name = \"orders\") on neverRuns() redeclares the class's topic (attributes is"
            + " {\"DisplayName=Orders\"} on the method and {} on the class), which needs a stack"
            + " that resets between tests");
  }

  @Test
  void aTestMethodsTopicDeclarationReplacesTheClassOneForThatTestOnly() {
    run(SnsTopicFixtures.MethodRedeclaresClassTopic.class)
        .testEvents()
        .assertStatistics(stats -> stats.started(2).succeeded(2));
  }

  @Test
  void withoutResetATopicTheTestsChangedIsLeftAsItIs() {
    run(SnsTopicFixtures.KeepStateBetweenTests.class)
        .testEvents()
        .assertStatistics(stats -> stats.started(2).succeeded(2));
  }

  @Test
  void topicHandleWithoutTopicAnnotationFailsNamingTheParameterByPositionAndType() {
    assertTestFails(
        SnsTopicFixtures.HandleWithoutName.class,
        ParameterResolutionException.class,
        "Say which topic parameter 2 (SnsTopicHandle) of"
            + " HandleWithoutName.wantsAHandle(SnsClient, SnsTopicHandle) stands for: annotate it"
            + " with the topic's name, e.g. @SnsTopicName(\"orders\") SnsTopicHandle orders");
  }

  @Test
  void topicHandleForATopicThatDoesNotExistFailsClearly() {
    assertTestFails(
        SnsTopicFixtures.HandleForUndeclaredTopic.class,
        ParameterResolutionException.class,
        "There is no topic \"orders\" on the stack; declare it with @SnsTopic(name = \"orders\")");
  }

  private static EngineExecutionResults run(Class<?> fixture) {
    return EngineTestKit.engine("junit-jupiter").selectors(selectClass(fixture)).execute();
  }

  private static void assertClassFailsToConfigure(Class<?> fixture, String expectedMessage) {
    run(fixture)
        .containerEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                container(fixture),
                finishedWithFailure(
                    instanceOf(ExtensionConfigurationException.class),
                    message(text -> text.contains(expectedMessage)))));
  }

  private static void assertTestFails(
      Class<?> fixture, Class<? extends Throwable> failure, String expectedMessage) {
    run(fixture)
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                test(),
                finishedWithFailure(
                    instanceOf(failure), message(text -> text.contains(expectedMessage)))));
  }
}
