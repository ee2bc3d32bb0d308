package io.serverlessstack.junit;

import static io.serverlessstack.junit.FixtureRuns.assertClassFailsToConfigure;
import static io.serverlessstack.junit.FixtureRuns.assertTestFails;
import static io.serverlessstack.junit.FixtureRuns.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ParameterResolutionException;

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
}
