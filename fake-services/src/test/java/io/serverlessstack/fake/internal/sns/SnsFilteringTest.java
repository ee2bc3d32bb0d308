package io.serverlessstack.fake.internal.sns;

import static io.serverlessstack.fake.AwsErrors.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;
import static software.amazon.awssdk.services.sqs.model.QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES;

import io.serverlessstack.api.JournalEvent;
import io.serverlessstack.api.SnsEvents;
import io.serverlessstack.fake.Await;
import io.serverlessstack.fake.SqsStack;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.InvalidParameterException;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Subscriptions' filter policies, set through the SDK, decide which queue gets what; what a policy
 * keeps from a subscription is journaled with the rule that failed. (The operators themselves are
 * covered case by case in {@link FilterPolicyTest}.)
 */
class SnsFilteringTest {

  @RegisterExtension static final SqsStack stack = SqsStack.withVirtualClock();

  private final SnsClient sns = stack.sns();

  private String subscribe(String topicArn, String queueUrl, Map<String, String> attributes) {
    return sns.subscribe(
            b ->
                b.topicArn(topicArn)
                    .protocol("sqs")
                    .endpoint(stack.arn(queueUrl))
                    .attributes(attributes))
        .subscriptionArn();
  }

  private static MessageAttributeValue string(String value) {
    return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
  }

  private static MessageAttributeValue number(String value) {
    return MessageAttributeValue.builder().dataType("Number").stringValue(value).build();
  }

  private List<JournalEvent> snsEvents(String type) {
    return stack.server().inspector().journal().stream()
        .filter(event -> event.service().equals(SnsEvents.SERVICE) && event.type().equals(type))
        .toList();
  }

  @Test
  void attributePoliciesRouteEachMessageToTheSubscriptionsItMatches() throws Exception {
    String topicArn = sns.createTopic(b -> b.name("orders")).topicArn();
    String express = stack.createQueue("express");
    String large = stack.createQueue("large");
    String everything = stack.createQueue("everything");
    raw(topicArn, express, "{\"priority\":[\"express\"]}");
    raw(topicArn, large, "{\"total\":[{\"numeric\":[\">=\",100]}]}");
    subscribe(topicArn, everything, Map.of("RawMessageDelivery", "true"));

    publish(topicArn, "a", Map.of("priority", string("express"), "total", number("20")));
    publish(topicArn, "b", Map.of("priority", string("standard"), "total", number("250.5")));
    publish(topicArn, "c", Map.of());

    Await.until(() -> snsEvents(SnsEvents.MESSAGE_DELIVERED).size() == 5);
    assertThat(bodies(express)).containsExactly("a");
    assertThat(bodies(large)).containsExactly("b");
    assertThat(bodies(everything)).containsExactlyInAnyOrder("a", "b", "c");
    assertThat(snsEvents(SnsEvents.MESSAGE_FILTERED_OUT)).hasSize(4);
  }

  @Test
  void aFilteredOutMessageIsJournaledWithTheRuleThatFailed() throws Exception {
    String topicArn = sns.createTopic(b -> b.name("audited")).topicArn();
    String url = stack.createQueue("picky");
    String subscription = raw(topicArn, url, "{\"store\":[\"example_corp\"]}");

    publish(topicArn, "elsewhere", Map.of("store", string("other_corp")));

    Await.until(() -> snsEvents(SnsEvents.MESSAGE_FILTERED_OUT).size() == 1);
    JournalEvent filtered = snsEvents(SnsEvents.MESSAGE_FILTERED_OUT).get(0);
    assertThat(filtered.details())
        .containsEntry(SnsEvents.Details.SUBSCRIPTION_ARN, subscription)
        .containsKey(SnsEvents.Details.FAILED_RULE);
    assertThat(filtered.details().get(SnsEvents.Details.FAILED_RULE))
        .contains("store")
        .contains("other_corp");
    assertThat(stack.count(url, APPROXIMATE_NUMBER_OF_MESSAGES)).isZero();
  }

  @Test
  void bodyPoliciesMatchTheMessagesJson() throws Exception {
    String topicArn = sns.createTopic(b -> b.name("bodies")).topicArn();
    String url = stack.createQueue("shipped");
    subscribe(
        topicArn,
        url,
        Map.of(
            "RawMessageDelivery", "true",
            "FilterPolicyScope", "MessageBody",
            "FilterPolicy", "{\"order\":{\"status\":[\"shipped\"]}}"));

    sns.publish(b -> b.topicArn(topicArn).message("{\"order\":{\"status\":\"placed\"}}"));
    sns.publish(b -> b.topicArn(topicArn).message("{\"order\":{\"status\":\"shipped\"}}"));
    sns.publish(b -> b.topicArn(topicArn).message("not json"));

    Await.until(
        () ->
            snsEvents(SnsEvents.MESSAGE_DELIVERED).size()
                    + snsEvents(SnsEvents.MESSAGE_FILTERED_OUT).size()
                == 3);
    assertThat(bodies(url)).containsExactly("{\"order\":{\"status\":\"shipped\"}}");
  }

  @Test
  void invalidPoliciesAreRefusedInTheWordsOfEachOperation() {
    String topicArn = sns.createTopic(b -> b.name("strict")).topicArn();
    String url = stack.createQueue("strict-queue");
    String tooMany =
        "{\"a\":[\"1\"],\"b\":[\"1\"],\"c\":[\"1\"],\"d\":[\"1\"],\"e\":[\"1\"],\"f\":[\"1\"]}";

    InvalidParameterException onSubscribe =
        assertAwsError(
            () -> subscribe(topicArn, url, Map.of("FilterPolicy", tooMany)),
            InvalidParameterException.class,
            "InvalidParameter",
            400);
    String subscription = subscribe(topicArn, url, Map.of());
    InvalidParameterException onSet =
        assertAwsError(
            () ->
                sns.setSubscriptionAttributes(
                    b ->
                        b.subscriptionArn(subscription)
                            .attributeName("FilterPolicy")
                            .attributeValue(tooMany)),
            InvalidParameterException.class,
            "InvalidParameter",
            400);

    assertThat(onSubscribe.awsErrorDetails().errorMessage())
        .isEqualTo(
            "Invalid parameter: Attributes Reason: FilterPolicy: Filter policy can not have more"
                + " than 5 keys");
    assertThat(onSet.awsErrorDetails().errorMessage())
        .isEqualTo("Invalid parameter: FilterPolicy: Filter policy can not have more than 5 keys");
  }

  private String raw(String topicArn, String url, String policy) {
    return subscribe(topicArn, url, Map.of("RawMessageDelivery", "true", "FilterPolicy", policy));
  }

  private void publish(String topicArn, String message, Map<String, MessageAttributeValue> attrs) {
    sns.publish(b -> b.topicArn(topicArn).message(message).messageAttributes(attrs));
  }

  private List<String> bodies(String url) {
    return stack.receive(url, 10).stream().map(Message::body).toList();
  }
}
