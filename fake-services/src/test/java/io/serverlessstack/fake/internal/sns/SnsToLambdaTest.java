package io.serverlessstack.fake.internal.sns;

import static io.serverlessstack.fake.AwsErrors.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.serverlessstack.api.JournalEvent;
import io.serverlessstack.api.JournalFilter;
import io.serverlessstack.api.LambdaEvents;
import io.serverlessstack.api.SnsEvents;
import io.serverlessstack.fake.Await;
import io.serverlessstack.fake.SqsStack;
import io.serverlessstack.fake.handlers.SnsInbox;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.messagemanager.sns.model.SnsNotification;
import software.amazon.awssdk.services.lambda.model.DestinationConfig;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.InvalidParameterException;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * A topic's {@code lambda} subscriptions invoke the function asynchronously with Lambda's SNS
 * event, which a user's {@code RequestHandler<SNSEvent, Void>} takes typed; the function's failures
 * are retried and end at its destinations as Lambda's invocation records. The idle-skipping clock
 * runs the retries' minutes while a test long-polls a destination queue.
 */
class SnsToLambdaTest {

  @RegisterExtension static final SqsStack stack = SqsStack.withIdleSkippingClock();

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String FUNCTION = "inbox";
  private static final String FUNCTION_ARN =
      "arn:aws:lambda:us-east-1:000000000000:function:" + FUNCTION;

  // The keys of AWS's documented sample event ("Using Lambda with Amazon SNS"), which lists them in
  // no particular order; in the order of the events functions receive.
  private static final List<String> RECORD_KEYS =
      List.of("EventSource", "EventVersion", "EventSubscriptionArn", "Sns");
  private static final List<String> SNS_KEYS =
      List.of(
          "Type",
          "MessageId",
          "TopicArn",
          "Subject",
          "Message",
          "Timestamp",
          "SignatureVersion",
          "Signature",
          "SigningCertUrl",
          "UnsubscribeUrl",
          "MessageAttributes");

  private final SnsClient sns = stack.sns();
  private String topicArn;

  @BeforeEach
  void createFunctionAndTopic() {
    SnsInbox.RECEIVED.clear();
    stack
        .lambda()
        .createFunction(
            request ->
                request
                    .functionName(FUNCTION)
                    .runtime(Runtime.JAVA21)
                    .role("arn:aws:iam::000000000000:role/lambda-role")
                    .handler(SnsInbox.class.getName())
                    .code(code -> code.zipFile(SdkBytes.fromUtf8String("not really a zip"))));
    topicArn = sns.createTopic(b -> b.name("orders")).topicArn();
  }

  private String subscribe(String endpoint, Map<String, String> attributes) {
    return sns.subscribe(
            b -> b.topicArn(topicArn).protocol("lambda").endpoint(endpoint).attributes(attributes))
        .subscriptionArn();
  }

  private String publish(String message) {
    return sns.publish(b -> b.topicArn(topicArn).message(message)).messageId();
  }

  private static List<JournalEvent> journal(String service, String type) {
    return stack
        .server()
        .inspector()
        .journal(0, JournalFilter.all().withService(service).withTypes(type));
  }

  private static void awaitJournal(String service, String type, int count)
      throws InterruptedException {
    Await.until(() -> journal(service, type).size() >= count);
  }

  /** The event the function was invoked with, as the journal has it. */
  private static ObjectNode invokedEvent() throws Exception {
    awaitJournal(LambdaEvents.SERVICE, LambdaEvents.INVOKED, 1);
    return (ObjectNode)
        JSON.readTree(
            journal(LambdaEvents.SERVICE, LambdaEvents.INVOKED)
                .get(0)
                .detail(LambdaEvents.Details.PAYLOAD));
  }

  private static List<String> keys(JsonNode object) {
    List<String> keys = new ArrayList<>();
    object.fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  /** The function's asynchronous settings, with a new queue as the destination of one kind. */
  private String destinationQueue(String name, boolean onSuccess, int maximumRetryAttempts) {
    String url = stack.createQueue(name);
    String queueArn = stack.arn(url);
    DestinationConfig destinations =
        onSuccess
            ? DestinationConfig.builder().onSuccess(d -> d.destination(queueArn)).build()
            : DestinationConfig.builder().onFailure(d -> d.destination(queueArn)).build();
    stack
        .lambda()
        .putFunctionEventInvokeConfig(
            b ->
                b.functionName(FUNCTION)
                    .maximumRetryAttempts(maximumRetryAttempts)
                    .destinationConfig(destinations));
    return url;
  }

  /**
   * Long-polls a queue until a message arrives: while the poll waits, the idle-skipping clock runs
   * whatever is due before it (Lambda's retries).
   */
  private static JsonNode awaitRecord(String url) throws Exception {
    for (int poll = 0; poll < 30; poll++) {
      List<Message> messages =
          stack.receive(url, b -> b.maxNumberOfMessages(1).waitTimeSeconds(20));
      if (!messages.isEmpty()) {
        return JSON.readTree(messages.get(0).body());
      }
    }
    throw new AssertionError("Nothing reached " + url + " in 10 minutes of the stack's clock");
  }

  @Test
  void aSubscribedHandlerGetsTheTypedSnsEventWithEveryField() throws Exception {
    String subscriptionArn = subscribe(FUNCTION_ARN, Map.of());
    Instant published = stack.now();
    String messageId =
        sns.publish(
                b ->
                    b.topicArn(topicArn)
                        .subject("Shipped")
                        .message("order 42 shipped")
                        .messageAttributes(
                            Map.of(
                                "kind",
                                attribute("String", "shipped"),
                                "count",
                                attribute("Number", "3"),
                                "blob",
                                MessageAttributeValue.builder()
                                    .dataType("Binary")
                                    .binaryValue(SdkBytes.fromByteArray(new byte[] {1, 2, 3}))
                                    .build())))
            .messageId();

    Await.until(() -> !SnsInbox.RECEIVED.isEmpty());
    SNSEvent event = SnsInbox.RECEIVED.peek();
    assertThat(event.getRecords()).hasSize(1);
    SNSEvent.SNSRecord record = event.getRecords().get(0);
    assertThat(record.getEventSource()).isEqualTo("aws:sns");
    assertThat(record.getEventVersion()).isEqualTo("1.0");
    assertThat(record.getEventSubscriptionArn()).isEqualTo(subscriptionArn);
    SNSEvent.SNS notification = record.getSNS();
    assertThat(notification.getType()).isEqualTo("Notification");
    assertThat(notification.getMessageId()).isEqualTo(messageId);
    assertThat(notification.getTopicArn()).isEqualTo(topicArn);
    assertThat(notification.getSubject()).isEqualTo("Shipped");
    assertThat(notification.getMessage()).isEqualTo("order 42 shipped");
    assertThat(notification.getTimestamp().getMillis()).isEqualTo(published.toEpochMilli());
    assertThat(notification.getSignatureVersion()).isEqualTo("1");
    assertThat(Base64.getDecoder().decode(notification.getSignature())).hasSize(128);
    assertThat(notification.getSigningCertUrl())
        .startsWith(stack.server().endpoint() + "/_sns/SimpleNotificationService-")
        .endsWith(".pem");
    assertThat(notification.getUnsubscribeUrl())
        .isEqualTo(
            stack.server().endpoint()
                + "/?Action=Unsubscribe&Version=2010-03-31&SubscriptionArn="
                + URLEncoder.encode(subscriptionArn, StandardCharsets.UTF_8));
    assertThat(notification.getMessageAttributes()).hasSize(3);
    assertThat(notification.getMessageAttributes().get("kind").getType()).isEqualTo("String");
    assertThat(notification.getMessageAttributes().get("kind").getValue()).isEqualTo("shipped");
    assertThat(notification.getMessageAttributes().get("count").getType()).isEqualTo("Number");
    assertThat(notification.getMessageAttributes().get("count").getValue()).isEqualTo("3");
    assertThat(notification.getMessageAttributes().get("blob").getType()).isEqualTo("Binary");
    assertThat(notification.getMessageAttributes().get("blob").getValue()).isEqualTo("AQID");

    // SNS delivered once to the function, which Lambda ran as an Event invocation of that event.
    awaitJournal(LambdaEvents.SERVICE, LambdaEvents.SUCCEEDED, 1);
    List<JournalEvent> delivered = journal(SnsEvents.SERVICE, SnsEvents.MESSAGE_DELIVERED);
    assertThat(delivered).hasSize(1);
    assertThat(delivered.get(0).detail(SnsEvents.Details.SUBSCRIPTION_ARN))
        .isEqualTo(subscriptionArn);
    assertThat(delivered.get(0).detail(SnsEvents.Details.PROTOCOL)).isEqualTo("lambda");
    assertThat(delivered.get(0).detail(SnsEvents.Details.RAW)).isEqualTo("false");
    JournalEvent invoked = journal(LambdaEvents.SERVICE, LambdaEvents.INVOKED).get(0);
    assertThat(invoked.resource()).isEqualTo(FUNCTION);
    assertThat(invoked.detail(LambdaEvents.Details.INVOCATION_TYPE)).isEqualTo("Event");
    assertThat(invoked.detail(LambdaEvents.Details.TRIGGER)).isEqualTo(topicArn);
    assertThat(invoked.detail(LambdaEvents.Details.ATTEMPT)).isEqualTo("1");
    assertThat(invoked.detail(LambdaEvents.Details.PAYLOAD))
        .isEqualTo(delivered.get(0).detail(SnsEvents.Details.PAYLOAD));
  }

  @Test
  void theEventHasTheKeysOfAwsSampleInTheOrderFunctionsGetThem() throws Exception {
    String subscriptionArn = subscribe(FUNCTION_ARN, Map.of());
    publish("no subject, no attributes");

    ObjectNode event = invokedEvent();

    assertThat(keys(event)).containsExactly("Records");
    assertThat(event.get("Records")).hasSize(1);
    JsonNode record = event.get("Records").get(0);
    assertThat(keys(record)).isEqualTo(RECORD_KEYS);
    assertThat(record.get("EventSubscriptionArn").asText()).isEqualTo(subscriptionArn);
    JsonNode notification = record.get("Sns");
    assertThat(keys(notification)).isEqualTo(SNS_KEYS);
    assertThat(notification.get("Subject").isNull()).isTrue();
    assertThat(notification.get("MessageAttributes").isObject()).isTrue();
    assertThat(notification.get("MessageAttributes")).isEmpty();
    assertThat(notification.get("Timestamp").asText())
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1", "2"})
  void theEventsSignatureVerifiesWithAwsVerifier(String version) throws Exception {
    sns.setTopicAttributes(
        b -> b.topicArn(topicArn).attributeName("SignatureVersion").attributeValue(version));
    subscribe(FUNCTION_ARN, Map.of());
    // The SDK's verifier cannot verify a message of a whole second (see SnsSignatureTest).
    stack.advance(Duration.ofMillis(345));
    sns.publish(b -> b.topicArn(topicArn).subject("Shipped").message("order 42\nshipped ✓"));

    // What a function holds is the notification SNS sends queues, with Lambda's spellings.
    ObjectNode notification = (ObjectNode) invokedEvent().get("Records").get(0).get("Sns");
    notification.set("SigningCertURL", notification.remove("SigningCertUrl"));
    notification.set("UnsubscribeURL", notification.remove("UnsubscribeUrl"));
    try (StackSnsVerifier verifier = new StackSnsVerifier(stack)) {
      SnsNotification verified = (SnsNotification) verifier.parse(notification.toString());

      assertThat(verified.message()).isEqualTo("order 42\nshipped ✓");
      assertThat(verified.subject()).isEqualTo("Shipped");
      assertThat(verified.signatureVersion().toString()).contains(version);
    }
  }

  @Test
  void aFilterPolicyKeepsMessagesFromTheFunction() throws Exception {
    String subscriptionArn = subscribe(FUNCTION_ARN, Map.of("FilterPolicy", "{\"kind\":[\"ok\"]}"));
    String cancelled =
        sns.publish(
                b ->
                    b.topicArn(topicArn)
                        .message("cancelled")
                        .messageAttributes(Map.of("kind", attribute("String", "cancelled"))))
            .messageId();
    sns.publish(
        b ->
            b.topicArn(topicArn)
                .message("kept")
                .messageAttributes(Map.of("kind", attribute("String", "ok"))));

    awaitJournal(SnsEvents.SERVICE, SnsEvents.MESSAGE_FILTERED_OUT, 1);
    awaitJournal(LambdaEvents.SERVICE, LambdaEvents.SUCCEEDED, 1);
    JournalEvent filtered = journal(SnsEvents.SERVICE, SnsEvents.MESSAGE_FILTERED_OUT).get(0);
    assertThat(filtered.detail(SnsEvents.Details.MESSAGE_ID)).isEqualTo(cancelled);
    assertThat(filtered.detail(SnsEvents.Details.SUBSCRIPTION_ARN)).isEqualTo(subscriptionArn);
    assertThat(journal(SnsEvents.SERVICE, SnsEvents.MESSAGE_DELIVERED)).hasSize(1);
    assertThat(journal(LambdaEvents.SERVICE, LambdaEvents.INVOKED)).hasSize(1);
    assertThat(SnsInbox.RECEIVED)
        .singleElement()
        .satisfies(
            event -> assertThat(event.getRecords().get(0).getSNS().getMessage()).isEqualTo("kept"));
  }

  @Test
  void lambdaSubscriptionsRefuseRawMessageDeliveryAsAwsDoes() {
    String subscriptionArn = subscribe(FUNCTION_ARN, Map.of());

    InvalidParameterException refused =
        assertAwsError(
            () ->
                sns.setSubscriptionAttributes(
                    b ->
                        b.subscriptionArn(subscriptionArn)
                            .attributeName("RawMessageDelivery")
                            .attributeValue("false")),
            InvalidParameterException.class,
            "InvalidParameter",
            400);

    // Even "false": AWS refuses the attribute itself for Lambda.
    assertThat(refused.awsErrorDetails().errorMessage())
        .isEqualTo(
            "Invalid parameter: Delivery protocol [lambda] does not support raw message delivery.");
  }

  @Test
  void aFailingHandlerIsRetriedTwiceThenItsRecordGoesToTheOnFailureDestination() throws Exception {
    String failures = destinationQueue("failures", false, 2);
    subscribe(FUNCTION_ARN, Map.of());
    publish("poison pill");

    JsonNode record = awaitRecord(failures);

    // Three attempts of one request, one and then two minutes apart on the stack's clock.
    List<JournalEvent> invoked = journal(LambdaEvents.SERVICE, LambdaEvents.INVOKED);
    List<JournalEvent> failed = journal(LambdaEvents.SERVICE, LambdaEvents.FAILED);
    assertThat(invoked).hasSize(3);
    assertThat(failed).hasSize(3);
    String requestId = invoked.get(0).detail(LambdaEvents.Details.REQUEST_ID);
    for (int i = 0; i < 3; i++) {
      assertThat(invoked.get(i).detail(LambdaEvents.Details.ATTEMPT)).isEqualTo("" + (i + 1));
      assertThat(invoked.get(i).detail(LambdaEvents.Details.REQUEST_ID)).isEqualTo(requestId);
      assertThat(failed.get(i).detail(LambdaEvents.Details.REQUEST_ID)).isEqualTo(requestId);
      assertThat(failed.get(i).detail(LambdaEvents.Details.ERROR_TYPE))
          .isEqualTo("java.lang.IllegalStateException");
    }
    assertThat(Duration.between(failed.get(0).time(), invoked.get(1).time()))
        .isEqualTo(Duration.ofMinutes(1));
    assertThat(Duration.between(failed.get(1).time(), invoked.get(2).time()))
        .isEqualTo(Duration.ofMinutes(2));
    List<JournalEvent> discarded = journal(LambdaEvents.SERVICE, LambdaEvents.EVENT_DISCARDED);
    assertThat(discarded).hasSize(1);
    assertThat(discarded.get(0).detail(LambdaEvents.Details.REQUEST_ID)).isEqualTo(requestId);
    assertThat(discarded.get(0).detail(LambdaEvents.Details.ATTEMPT)).isEqualTo("3");
    assertThat(discarded.get(0).detail(LambdaEvents.Details.DESTINATION))
        .isEqualTo(stack.arn(failures));
    // SNS handed the message over once: the retries are Lambda's.
    assertThat(journal(SnsEvents.SERVICE, SnsEvents.MESSAGE_DELIVERED)).hasSize(1);

    // Lambda's invocation record, key for key.
    assertThat(keys(record))
        .containsExactly(
            "version",
            "timestamp",
            "requestContext",
            "requestPayload",
            "responseContext",
            "responsePayload");
    assertThat(record.get("version").asText()).isEqualTo("1.0");
    assertThat(Instant.parse(record.get("timestamp").asText())).isEqualTo(discarded.get(0).time());
    assertThat(record.get("timestamp").asText()).matches(".*T\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    JsonNode context = record.get("requestContext");
    assertThat(keys(context))
        .containsExactly("requestId", "functionArn", "condition", "approximateInvokeCount");
    assertThat(context.get("requestId").asText()).isEqualTo(requestId);
    assertThat(context.get("functionArn").asText()).isEqualTo(FUNCTION_ARN + ":$LATEST");
    assertThat(context.get("condition").asText()).isEqualTo("RetriesExhausted");
    assertThat(context.get("approximateInvokeCount").isInt()).isTrue();
    assertThat(context.get("approximateInvokeCount").asInt()).isEqualTo(3);
    assertThat(record.get("requestPayload"))
        .isEqualTo(JSON.readTree(invoked.get(0).detail(LambdaEvents.Details.PAYLOAD)));
    JsonNode response = record.get("responseContext");
    assertThat(keys(response)).containsExactly("statusCode", "executedVersion", "functionError");
    assertThat(response.get("statusCode").asInt()).isEqualTo(200);
    assertThat(response.get("executedVersion").asText()).isEqualTo("$LATEST");
    assertThat(response.get("functionError").asText()).isEqualTo("Unhandled");
    assertThat(record.get("responsePayload").get("errorMessage").asText())
        .isEqualTo("Cannot handle poison pill");
    assertThat(record.get("responsePayload").get("errorType").asText())
        .isEqualTo("java.lang.IllegalStateException");
  }

  @Test
  void anOnFailureTopicPublishesTheRecordToItsSubscribers() throws Exception {
    String alarms = sns.createTopic(b -> b.name("lambda-failures")).topicArn();
    String inbox = stack.createQueue("failure-inbox");
    sns.subscribe(
        b ->
            b.topicArn(alarms)
                .protocol("sqs")
                .endpoint(stack.arn(inbox))
                .attributes(Map.of("RawMessageDelivery", "true")));
    stack
        .lambda()
        .putFunctionEventInvokeConfig(
            b ->
                b.functionName(FUNCTION)
                    .maximumRetryAttempts(0)
                    .destinationConfig(d -> d.onFailure(f -> f.destination(alarms))));
    subscribe(FUNCTION_ARN, Map.of());
    publish("poison pill");

    JsonNode record = awaitRecord(inbox);

    assertThat(record.get("requestContext").get("condition").asText())
        .isEqualTo("RetriesExhausted");
    assertThat(record.get("responsePayload").get("errorMessage").asText())
        .isEqualTo("Cannot handle poison pill");
    assertThat(journal(SnsEvents.SERVICE, SnsEvents.MESSAGE_PUBLISHED))
        .extracting(event -> event.resourceArn())
        .contains(alarms);
  }

  @Test
  void maximumRetryAttemptsOfZeroGivesOneAttempt() throws Exception {
    String failures = destinationQueue("failures", false, 0);
    subscribe(FUNCTION_ARN, Map.of());
    publish("poison pill");

    JsonNode record = awaitRecord(failures);

    assertThat(journal(LambdaEvents.SERVICE, LambdaEvents.INVOKED)).hasSize(1);
    assertThat(journal(LambdaEvents.SERVICE, LambdaEvents.EVENT_DISCARDED))
        .singleElement()
        .satisfies(event -> assertThat(event.detail(LambdaEvents.Details.ATTEMPT)).isEqualTo("1"));
    assertThat(record.get("requestContext").get("condition").asText())
        .isEqualTo("RetriesExhausted");
    assertThat(record.get("requestContext").get("approximateInvokeCount").asInt()).isEqualTo(1);
  }

  @Test
  void aSucceedingHandlersRecordGoesToTheOnSuccessDestination() throws Exception {
    String successes = destinationQueue("successes", true, 2);
    subscribe(FUNCTION_ARN, Map.of());
    publish("order 7");

    JsonNode record = awaitRecord(successes);

    JournalEvent succeeded = journal(LambdaEvents.SERVICE, LambdaEvents.SUCCEEDED).get(0);
    assertThat(succeeded.detail(LambdaEvents.Details.RESPONSE)).isEqualTo("null");
    assertThat(journal(LambdaEvents.SERVICE, LambdaEvents.EVENT_DISCARDED)).isEmpty();
    JsonNode context = record.get("requestContext");
    assertThat(context.get("requestId").asText())
        .isEqualTo(succeeded.detail(LambdaEvents.Details.REQUEST_ID));
    assertThat(context.get("condition").asText()).isEqualTo("Success");
    assertThat(context.get("approximateInvokeCount").asInt()).isEqualTo(1);
    assertThat(
            record.get("requestPayload").get("Records").get(0).get("Sns").get("Message").asText())
        .isEqualTo("order 7");
    JsonNode response = record.get("responseContext");
    assertThat(keys(response)).containsExactly("statusCode", "executedVersion");
    assertThat(response.get("statusCode").asInt()).isEqualTo(200);
    assertThat(response.get("executedVersion").asText()).isEqualTo("$LATEST");
    assertThat(record.get("responsePayload").isNull()).isTrue();
  }

  @Test
  void aSubscriptionToAnAliasRunsTheVersionItPointsTo() throws Exception {
    String version = stack.lambda().publishVersion(b -> b.functionName(FUNCTION)).version();
    stack.lambda().createAlias(b -> b.functionName(FUNCTION).name("live").functionVersion(version));
    subscribe(FUNCTION_ARN + ":live", Map.of());
    publish("to the alias");

    awaitJournal(LambdaEvents.SERVICE, LambdaEvents.SUCCEEDED, 1);
    JournalEvent invoked = journal(LambdaEvents.SERVICE, LambdaEvents.INVOKED).get(0);
    assertThat(invoked.detail(LambdaEvents.Details.VERSION)).isEqualTo(version);
    assertThat(invoked.detail(LambdaEvents.Details.TRIGGER)).isEqualTo(topicArn);
  }

  @Test
  void aSubscriptionToAMissingAliasFailsItsDelivery() throws Exception {
    String subscriptionArn = subscribe(FUNCTION_ARN + ":nope", Map.of());
    publish("lost");

    awaitJournal(SnsEvents.SERVICE, SnsEvents.DELIVERY_FAILED, 1);
    JournalEvent failed = journal(SnsEvents.SERVICE, SnsEvents.DELIVERY_FAILED).get(0);
    assertThat(failed.detail(SnsEvents.Details.SUBSCRIPTION_ARN)).isEqualTo(subscriptionArn);
    assertThat(journal(LambdaEvents.SERVICE, LambdaEvents.INVOKED)).isEmpty();
  }

  @Test
  void aSubscriptionToAMissingFunctionFailsItsDelivery() throws Exception {
    String missing = FUNCTION_ARN.replace(FUNCTION, "nobody");
    String subscriptionArn = subscribe(missing, Map.of());
    String messageId = publish("lost");

    awaitJournal(SnsEvents.SERVICE, SnsEvents.DELIVERY_FAILED, 1);
    JournalEvent failed = journal(SnsEvents.SERVICE, SnsEvents.DELIVERY_FAILED).get(0);
    assertThat(failed.detail(SnsEvents.Details.MESSAGE_ID)).isEqualTo(messageId);
    assertThat(failed.detail(SnsEvents.Details.SUBSCRIPTION_ARN)).isEqualTo(subscriptionArn);
    assertThat(failed.detail(SnsEvents.Details.REASON))
        .isEqualTo("The endpoint " + missing + " does not exist");
    assertThat(journal(LambdaEvents.SERVICE, LambdaEvents.INVOKED)).isEmpty();
  }

  private static MessageAttributeValue attribute(String dataType, String value) {
    return MessageAttributeValue.builder().dataType(dataType).stringValue(value).build();
  }
}
