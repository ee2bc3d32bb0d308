package io.serverlessstack.fake.internal.sns;

import static io.serverlessstack.fake.AwsErrors.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;

import io.serverlessstack.fake.SqsStack;
import java.util.Map;
import java.util.stream.IntStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.BatchEntryIdsNotDistinctException;
import software.amazon.awssdk.services.sns.model.InvalidParameterException;
import software.amazon.awssdk.services.sns.model.InvalidParameterValueException;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.NotFoundException;
import software.amazon.awssdk.services.sns.model.PublishBatchRequestEntry;
import software.amazon.awssdk.services.sns.model.TooManyEntriesInBatchRequestException;

/** Bad input gets AWS's error code, status and message, and the stack keeps serving. */
class SnsBadInputTest {

  @RegisterExtension static final SqsStack stack = SqsStack.withVirtualClock();

  private final SnsClient sns = stack.sns();

  @AfterEach
  void stackKeepsServing() {
    assertThat(sns.createTopic(b -> b.name("still-serving")).topicArn()).endsWith(":still-serving");
  }

  private String topic(String name) {
    return sns.createTopic(b -> b.name(name)).topicArn();
  }

  private static void assertInvalidParameter(ThrowingCallable call, String message) {
    InvalidParameterException error =
        assertAwsError(call, InvalidParameterException.class, "InvalidParameter", 400);
    assertThat(error.awsErrorDetails().errorMessage()).isEqualTo(message);
  }

  private static MessageAttributeValue attribute(String type, String value) {
    return MessageAttributeValue.builder().dataType(type).stringValue(value).build();
  }

  @Test
  void publishingToAMissingTopicIsNotFound() {
    NotFoundException error =
        assertAwsError(
            () ->
                sns.publish(
                    b -> b.topicArn("arn:aws:sns:us-east-1:000000000000:missing").message("m")),
            NotFoundException.class,
            "NotFound",
            404);
    assertThat(error.awsErrorDetails().errorMessage()).isEqualTo("Topic does not exist");
  }

  @Test
  void aTopicArnThatIsNoArnIsAnInvalidParameter() {
    assertInvalidParameter(
        () -> sns.getTopicAttributes(b -> b.topicArn("not-an-arn")),
        "Invalid parameter: TopicArn Reason: An ARN must have at least 6 elements, not 1");
  }

  @Test
  void topicNamesMustBeAwsNames() {
    assertInvalidParameter(
        () -> sns.createTopic(b -> b.name("no spaces")), "Invalid parameter: Topic Name");
    assertInvalidParameter(
        () -> sns.createTopic(b -> b.name("x".repeat(257))), "Invalid parameter: Topic Name");
  }

  @Test
  void unknownProtocolsAndMismatchedEndpointsAreRefused() {
    String arn = topic("protocols");

    assertInvalidParameter(
        () -> sns.subscribe(b -> b.topicArn(arn).protocol("carrier-pigeon").endpoint("coop")),
        "Invalid parameter: Amazon SNS does not support this protocol string: carrier-pigeon");
    assertInvalidParameter(
        () -> sns.subscribe(b -> b.topicArn(arn).protocol("https").endpoint("http://x.test/")),
        "Invalid parameter: Endpoint must match the specified protocol");
    assertInvalidParameter(
        () -> sns.subscribe(b -> b.topicArn(arn).protocol("sqs").endpoint("my-queue")),
        "Invalid parameter: SQS endpoint ARN");
  }

  @Test
  void fifoTopicsTakeOnlySqsSubscriptions() {
    String arn =
        sns.createTopic(b -> b.name("only-sqs.fifo").attributes(Map.of("FifoTopic", "true")))
            .topicArn();

    assertInvalidParameter(
        () -> sns.subscribe(b -> b.topicArn(arn).protocol("email").endpoint("a@example.com")),
        "Invalid parameter: Invalid protocol type: email");
  }

  @Test
  void unknownSubscriptionAttributesAndBadValuesAreRefused() {
    String arn = topic("attributes");
    String queueArn = stack.arn(stack.createQueue("q"));

    assertInvalidParameter(
        () ->
            sns.subscribe(
                b ->
                    b.topicArn(arn)
                        .protocol("sqs")
                        .endpoint(queueArn)
                        .attributes(Map.of("Colour", "blue"))),
        "Invalid parameter: Attributes Reason: AttributeName");
    assertInvalidParameter(
        () ->
            sns.subscribe(
                b ->
                    b.topicArn(arn)
                        .protocol("email")
                        .endpoint("a@example.com")
                        .attributes(Map.of("RawMessageDelivery", "true"))),
        "Invalid parameter: Attributes Reason: Delivery protocol [email] does not support raw"
            + " message delivery.");
    assertInvalidParameter(
        () ->
            sns.subscribe(
                b ->
                    b.topicArn(arn)
                        .protocol("sqs")
                        .endpoint(queueArn)
                        .attributes(Map.of("FilterPolicyScope", "Everything"))),
        "Invalid parameter: Attributes Reason: FilterPolicyScope: Invalid value [Everything]."
            + " Please use either MessageBody or MessageAttributes");
  }

  @Test
  void emptyAndOversizeMessagesAreRefused() {
    String arn = topic("sizes");

    assertInvalidParameter(
        () -> sns.publish(b -> b.topicArn(arn).message("")), "Invalid parameter: Empty message");
    assertInvalidParameter(
        () -> sns.publish(b -> b.topicArn(arn).message("x".repeat(262_145))),
        "Invalid parameter: Message too long");
    // Attribute names, types and values count too.
    assertInvalidParameter(
        () ->
            sns.publish(
                b ->
                    b.topicArn(arn)
                        .message("x".repeat(262_140))
                        .messageAttributes(Map.of("name", attribute("String", "value")))),
        "Invalid parameter: Message too long");
    assertThat(sns.publish(b -> b.topicArn(arn).message("x".repeat(262_144))).messageId())
        .isNotBlank();
  }

  @Test
  void fifoParametersOnAStandardTopicAndTheirAbsenceOnAFifoTopicAreRefused() {
    String standard = topic("standard");
    String fifo =
        sns.createTopic(b -> b.name("strict.fifo").attributes(Map.of("FifoTopic", "true")))
            .topicArn();

    assertInvalidParameter(
        () -> sns.publish(b -> b.topicArn(standard).message("m").messageDeduplicationId("d")),
        "Invalid parameter: MessageDeduplicationId Reason: The request includes"
            + " MessageDeduplicationId parameter that is not valid for this topic type");
    assertInvalidParameter(
        () -> sns.publish(b -> b.topicArn(fifo).message("m")),
        "Invalid parameter: The MessageGroupId parameter is required for FIFO topics");
    assertInvalidParameter(
        () -> sns.publish(b -> b.topicArn(fifo).message("m").messageGroupId("g")),
        "Invalid parameter: The topic should either have ContentBasedDeduplication enabled or"
            + " MessageDeduplicationId provided explicitly");
  }

  @Test
  void badMessageAttributesAreInvalidParameterValues() {
    String arn = topic("typed");

    InvalidParameterValueException number =
        assertAwsError(
            () ->
                sns.publish(
                    b ->
                        b.topicArn(arn)
                            .message("m")
                            .messageAttributes(Map.of("price", attribute("Number", "cheap")))),
            InvalidParameterValueException.class,
            "ParameterValueInvalid",
            400);
    assertThat(number.awsErrorDetails().errorMessage())
        .isEqualTo("Could not cast message attribute 'price' value to number.");
    InvalidParameterValueException type =
        assertAwsError(
            () ->
                sns.publish(
                    b ->
                        b.topicArn(arn)
                            .message("m")
                            .messageAttributes(Map.of("when", attribute("Date", "today")))),
            InvalidParameterValueException.class,
            "ParameterValueInvalid",
            400);
    assertThat(type.awsErrorDetails().errorMessage())
        .isEqualTo(
            "The message attribute 'when' has an invalid message attribute type, the set of"
                + " supported type prefixes is Binary, Number, and String.");
  }

  @Test
  void batchesWithTooManyOrRepeatedEntriesAreRefused() {
    String arn = topic("batches");
    PublishBatchRequestEntry[] eleven =
        IntStream.range(0, 11)
            .mapToObj(i -> PublishBatchRequestEntry.builder().id("e" + i).message("m").build())
            .toArray(PublishBatchRequestEntry[]::new);

    assertAwsError(
        () -> sns.publishBatch(b -> b.topicArn(arn).publishBatchRequestEntries(eleven)),
        TooManyEntriesInBatchRequestException.class,
        "TooManyEntriesInBatchRequest",
        400);
    assertAwsError(
        () ->
            sns.publishBatch(
                b ->
                    b.topicArn(arn)
                        .publishBatchRequestEntries(
                            PublishBatchRequestEntry.builder().id("same").message("a").build(),
                            PublishBatchRequestEntry.builder().id("same").message("b").build())),
        BatchEntryIdsNotDistinctException.class,
        "BatchEntryIdsNotDistinct",
        400);
  }

  @Test
  void badPhoneNumbersAndUnknownPushEndpointsAreRefused() {
    assertInvalidParameter(
        () -> sns.publish(b -> b.phoneNumber("call me").message("m")),
        "Invalid parameter: PhoneNumber Reason: call me is not valid to publish to");
    assertInvalidParameter(
        () ->
            sns.publish(
                b ->
                    b.targetArn("arn:aws:sns:us-east-1:000000000000:endpoint/GCM/app/1234")
                        .message("m")),
        "Invalid parameter: TargetArn Reason: No endpoint found for the target arn specified");
  }
}
