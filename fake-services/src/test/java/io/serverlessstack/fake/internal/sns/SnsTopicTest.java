package io.serverlessstack.fake.internal.sns;

import static io.serverlessstack.fake.AwsErrors.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;

import io.serverlessstack.fake.SnsClients;
import io.serverlessstack.fake.SqsStack;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.InvalidParameterException;
import software.amazon.awssdk.services.sns.model.ListSubscriptionsByTopicResponse;
import software.amazon.awssdk.services.sns.model.ListTopicsResponse;
import software.amazon.awssdk.services.sns.model.NotFoundException;
import software.amazon.awssdk.services.sns.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sns.model.Subscription;
import software.amazon.awssdk.services.sns.model.Tag;
import software.amazon.awssdk.services.sns.model.Topic;

/** Topics and subscriptions as the SDK's SNS client manages them. */
class SnsTopicTest {

  @RegisterExtension static final SqsStack stack = SqsStack.withVirtualClock();

  private final SnsClient sns = stack.sns();

  private static final String ARN_PREFIX = "arn:aws:sns:us-east-1:000000000000:";

  @Test
  void createTopicReturnsItsArnAndIsIdempotent() {
    String arn = sns.createTopic(b -> b.name("orders")).topicArn();

    assertThat(arn).isEqualTo(ARN_PREFIX + "orders");
    assertThat(sns.createTopic(b -> b.name("orders")).topicArn()).isEqualTo(arn);
    assertThat(sns.listTopics().topics()).extracting(Topic::topicArn).containsExactly(arn);
  }

  @Test
  void createTopicWithOtherAttributesThanTheExistingOneIsRefused() {
    sns.createTopic(b -> b.name("named").attributes(Map.of("DisplayName", "one")));

    InvalidParameterException error =
        assertAwsError(
            () -> sns.createTopic(b -> b.name("named").attributes(Map.of("DisplayName", "two"))),
            InvalidParameterException.class,
            "InvalidParameter",
            400);
    assertThat(error.awsErrorDetails().errorMessage())
        .isEqualTo(
            "Invalid parameter: Attributes Reason: Topic already exists with different"
                + " attributes");
  }

  @Test
  void createTopicWithOtherTagsThanTheExistingOneIsRefused() {
    sns.createTopic(b -> b.name("tagged").tags(Tag.builder().key("team").value("a").build()));

    InvalidParameterException error =
        assertAwsError(
            () ->
                sns.createTopic(
                    b -> b.name("tagged").tags(Tag.builder().key("team").value("b").build())),
            InvalidParameterException.class,
            "InvalidParameter",
            400);
    assertThat(error.awsErrorDetails().errorMessage())
        .isEqualTo("Invalid parameter: Tags Reason: Topic already exists with different tags");
  }

  @Test
  void topicAttributesCarryAwsDefaultsAndCounts() {
    String arn = sns.createTopic(b -> b.name("attributes")).topicArn();
    String queueArn = stack.arn(stack.createQueue("subscriber"));
    sns.subscribe(b -> b.topicArn(arn).protocol("sqs").endpoint(queueArn));
    sns.subscribe(b -> b.topicArn(arn).protocol("email").endpoint("someone@example.com"));

    Map<String, String> attributes = sns.getTopicAttributes(b -> b.topicArn(arn)).attributes();

    assertThat(attributes)
        .containsEntry("TopicArn", arn)
        .containsEntry("Owner", "000000000000")
        .containsEntry("DisplayName", "")
        .containsEntry("SubscriptionsConfirmed", "1")
        .containsEntry("SubscriptionsPending", "1")
        .containsEntry("SubscriptionsDeleted", "0")
        .containsKeys("Policy", "EffectiveDeliveryPolicy");
    assertThat(attributes.get("Policy")).contains("\"Resource\":\"" + arn + "\"");
  }

  @Test
  void setTopicAttributesChangesWhatGetAnswers() {
    String arn = sns.createTopic(b -> b.name("settable")).topicArn();

    sns.setTopicAttributes(
        b -> b.topicArn(arn).attributeName("DisplayName").attributeValue("Orders"));
    sns.setTopicAttributes(
        b -> b.topicArn(arn).attributeName("SignatureVersion").attributeValue("2"));

    assertThat(sns.getTopicAttributes(b -> b.topicArn(arn)).attributes())
        .containsEntry("DisplayName", "Orders")
        .containsEntry("SignatureVersion", "2");
  }

  @Test
  void fifoTopicNeedsTheFifoSuffixAndReportsItsFifoAttributes() {
    assertAwsError(
        () -> sns.createTopic(b -> b.name("plain").attributes(Map.of("FifoTopic", "true"))),
        InvalidParameterException.class,
        "InvalidParameter",
        400);
    String arn =
        sns.createTopic(
                b ->
                    b.name("ordered.fifo")
                        .attributes(
                            Map.of("FifoTopic", "true", "ContentBasedDeduplication", "true")))
            .topicArn();

    assertThat(sns.getTopicAttributes(b -> b.topicArn(arn)).attributes())
        .containsEntry("FifoTopic", "true")
        .containsEntry("ContentBasedDeduplication", "true")
        .containsEntry("FifoThroughputScope", "Topic");
  }

  @Test
  void listTopicsPagesByAHundred() {
    IntStream.range(0, 150).forEach(i -> sns.createTopic(b -> b.name("t" + i)));

    ListTopicsResponse first = sns.listTopics();
    ListTopicsResponse second = sns.listTopics(b -> b.nextToken(first.nextToken()));

    assertThat(first.topics()).hasSize(100);
    assertThat(first.nextToken()).isNotNull();
    assertThat(second.topics()).hasSize(50);
    assertThat(second.nextToken()).isNull();
    assertThat(sns.listTopicsPaginator().topics().stream().count()).isEqualTo(150);
  }

  @Test
  void deleteTopicDeletesItsSubscriptionsAndIsIdempotent() {
    String arn = sns.createTopic(b -> b.name("doomed")).topicArn();
    String queueArn = stack.arn(stack.createQueue("orphan"));
    String subscription =
        sns.subscribe(b -> b.topicArn(arn).protocol("sqs").endpoint(queueArn)).subscriptionArn();

    sns.deleteTopic(b -> b.topicArn(arn));
    sns.deleteTopic(b -> b.topicArn(arn));

    assertThat(sns.listTopics().topics()).isEmpty();
    assertThat(sns.listSubscriptions().subscriptions()).isEmpty();
    assertAwsError(
        () -> sns.getSubscriptionAttributes(b -> b.subscriptionArn(subscription)),
        NotFoundException.class,
        "NotFound",
        404);
    assertAwsError(
        () -> sns.getTopicAttributes(b -> b.topicArn(arn)),
        NotFoundException.class,
        "NotFound",
        404);
  }

  @Test
  void tagsCanBeAddedListedAndRemoved() {
    String arn = sns.createTopic(b -> b.name("tags")).topicArn();

    sns.tagResource(
        b ->
            b.resourceArn(arn)
                .tags(
                    Tag.builder().key("team").value("orders").build(),
                    Tag.builder().key("env").value("test").build()));
    sns.untagResource(b -> b.resourceArn(arn).tagKeys("env"));

    assertThat(sns.listTagsForResource(b -> b.resourceArn(arn)).tags())
        .containsExactly(Tag.builder().key("team").value("orders").build());
    assertAwsError(
        () -> sns.listTagsForResource(b -> b.resourceArn(ARN_PREFIX + "missing")),
        ResourceNotFoundException.class,
        "ResourceNotFound",
        404);
  }

  @Test
  void permissionsAreStatementsOfTheTopicPolicy() {
    String arn = sns.createTopic(b -> b.name("shared")).topicArn();

    sns.addPermission(
        b ->
            b.topicArn(arn)
                .label("partner")
                .awsAccountIds("111122223333")
                .actionNames("Publish", "Subscribe"));

    assertThat(sns.getTopicAttributes(b -> b.topicArn(arn)).attributes().get("Policy"))
        .contains("\"Sid\":\"partner\"")
        .contains("arn:aws:iam::111122223333:root")
        .contains("\"SNS:Publish\"");
    assertAwsError(
        () ->
            sns.addPermission(
                b ->
                    b.topicArn(arn)
                        .label("partner")
                        .awsAccountIds("111122223333")
                        .actionNames("Publish")),
        InvalidParameterException.class,
        "InvalidParameter",
        400);

    sns.removePermission(b -> b.topicArn(arn).label("partner"));

    assertThat(sns.getTopicAttributes(b -> b.topicArn(arn)).attributes().get("Policy"))
        .doesNotContain("partner");
  }

  @Test
  void subscribingTheSameEndpointAgainReturnsTheSameSubscription() {
    String arn = sns.createTopic(b -> b.name("again")).topicArn();
    String queueArn = stack.arn(stack.createQueue("again-queue"));

    String first =
        sns.subscribe(b -> b.topicArn(arn).protocol("sqs").endpoint(queueArn)).subscriptionArn();
    String second =
        sns.subscribe(b -> b.topicArn(arn).protocol("sqs").endpoint(queueArn)).subscriptionArn();

    assertThat(first).startsWith(arn + ":").isEqualTo(second);
    assertAwsError(
        () ->
            sns.subscribe(
                b ->
                    b.topicArn(arn)
                        .protocol("sqs")
                        .endpoint(queueArn)
                        .attributes(Map.of("RawMessageDelivery", "true"))),
        InvalidParameterException.class,
        "InvalidParameter",
        400);
  }

  @Test
  void subscriptionsAreListedPerStackAndPerTopic() {
    String one = sns.createTopic(b -> b.name("one")).topicArn();
    String two = sns.createTopic(b -> b.name("two")).topicArn();
    String queueArn = stack.arn(stack.createQueue("listed"));
    sns.subscribe(b -> b.topicArn(one).protocol("sqs").endpoint(queueArn));
    sns.subscribe(b -> b.topicArn(two).protocol("sqs").endpoint(queueArn));
    sns.subscribe(b -> b.topicArn(two).protocol("https").endpoint("https://example.com/hook"));

    ListSubscriptionsByTopicResponse byTopic = sns.listSubscriptionsByTopic(b -> b.topicArn(two));

    assertThat(sns.listSubscriptions().subscriptions()).hasSize(3);
    assertThat(byTopic.subscriptions())
        .extracting(Subscription::protocol, Subscription::endpoint)
        .containsExactly(
            org.assertj.core.api.Assertions.tuple("sqs", queueArn),
            org.assertj.core.api.Assertions.tuple("https", "https://example.com/hook"));
    assertThat(byTopic.subscriptions().get(1).subscriptionArn()).isEqualTo("PendingConfirmation");
  }

  @Test
  void httpSubscriptionsWaitForConfirmationUnlessTheArnIsAskedFor() {
    String arn = sns.createTopic(b -> b.name("hooks")).topicArn();

    String pending =
        sns.subscribe(b -> b.topicArn(arn).protocol("http").endpoint("http://localhost:1/hook"))
            .subscriptionArn();
    String returned =
        sns.subscribe(
                b ->
                    b.topicArn(arn)
                        .protocol("http")
                        .endpoint("http://localhost:1/other")
                        .returnSubscriptionArn(true))
            .subscriptionArn();

    assertThat(pending).isEqualTo("pending confirmation");
    assertThat(returned).startsWith(arn + ":");
    assertThat(sns.getSubscriptionAttributes(b -> b.subscriptionArn(returned)).attributes())
        .containsEntry("PendingConfirmation", "true")
        .containsEntry("Protocol", "http");
  }

  @Test
  void subscriptionAttributesCanBeSetAndRead() {
    String arn = sns.createTopic(b -> b.name("subscribed")).topicArn();
    String queueArn = stack.arn(stack.createQueue("raw"));
    String subscription =
        sns.subscribe(b -> b.topicArn(arn).protocol("sqs").endpoint(queueArn)).subscriptionArn();

    sns.setSubscriptionAttributes(
        b ->
            b.subscriptionArn(subscription)
                .attributeName("RawMessageDelivery")
                .attributeValue("TRUE"));
    sns.setSubscriptionAttributes(
        b ->
            b.subscriptionArn(subscription)
                .attributeName("FilterPolicy")
                .attributeValue("{\"kind\":[\"order\"]}"));

    assertThat(sns.getSubscriptionAttributes(b -> b.subscriptionArn(subscription)).attributes())
        .containsEntry("SubscriptionArn", subscription)
        .containsEntry("TopicArn", arn)
        .containsEntry("Protocol", "sqs")
        .containsEntry("Endpoint", queueArn)
        .containsEntry("PendingConfirmation", "false")
        .containsEntry("RawMessageDelivery", "true")
        .containsEntry("FilterPolicy", "{\"kind\":[\"order\"]}")
        .containsEntry("FilterPolicyScope", "MessageAttributes");
  }

  @Test
  void unsubscribeRemovesTheSubscriptionAndCountsIt() {
    String arn = sns.createTopic(b -> b.name("leaving")).topicArn();
    String queueArn = stack.arn(stack.createQueue("leaver"));
    String subscription =
        sns.subscribe(b -> b.topicArn(arn).protocol("sqs").endpoint(queueArn)).subscriptionArn();

    sns.unsubscribe(b -> b.subscriptionArn(subscription));
    sns.unsubscribe(b -> b.subscriptionArn(subscription));

    assertThat(sns.listSubscriptionsByTopic(b -> b.topicArn(arn)).subscriptions()).isEmpty();
    assertThat(sns.getTopicAttributes(b -> b.topicArn(arn)).attributes())
        .containsEntry("SubscriptionsDeleted", "1")
        .containsEntry("SubscriptionsConfirmed", "0");
  }

  @Test
  void topicsOfOtherAccountsAndRegionsAreIsolated() {
    SnsClient other =
        stack.track(
            SnsClients.sync(
                stack.server(), "111122223333", software.amazon.awssdk.regions.Region.EU_WEST_1));
    String mine = sns.createTopic(b -> b.name("same")).topicArn();
    String theirs = other.createTopic(b -> b.name("same")).topicArn();

    assertThat(theirs).isEqualTo("arn:aws:sns:eu-west-1:111122223333:same").isNotEqualTo(mine);
    assertThat(sns.listTopics().topics()).extracting(Topic::topicArn).containsExactly(mine);
    assertThat(other.listTopics().topics()).extracting(Topic::topicArn).containsExactly(theirs);
    assertThat(List.of(mine, theirs)).doesNotHaveDuplicates();
  }
}
