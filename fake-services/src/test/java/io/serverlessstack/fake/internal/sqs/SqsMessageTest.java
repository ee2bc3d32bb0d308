package io.serverlessstack.fake.internal.sqs;

import static io.serverlessstack.fake.AwsErrors.assertAwsError;
import static io.serverlessstack.fake.SqsStack.binary;
import static io.serverlessstack.fake.SqsStack.number;
import static io.serverlessstack.fake.SqsStack.string;
import static io.serverlessstack.fake.SqsStack.traceHeader;
import static io.serverlessstack.fake.SqsStack.typed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;
import static software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName.*;

import io.serverlessstack.fake.RawHttp;
import io.serverlessstack.fake.SdkDigests;
import io.serverlessstack.fake.SqsStack;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchResponse;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.InvalidMessageContentsException;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeNameForSends;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * Sending, receiving, deleting and hiding messages of standard queues through the real SDK, which
 * validates every MD5 digest it is sent, so a passing send or receive proves the digests.
 */
class SqsMessageTest {

  @RegisterExtension static final SqsStack stack = SqsStack.withVirtualClock();

  private static final int ONE_MIB = 1_048_576;
  private static final String TRACE_HEADER =
      "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";

  private final SqsClient sqs = stack.sqs();

  // ---- sending with attributes

  @Test
  void everyAttributeTypeAndTheTraceHeaderRoundTrip() {
    String url = stack.createQueue("typed");
    Map<String, MessageAttributeValue> attributes =
        Map.of(
            "text", string("héllo wörld"),
            "amount", number("-12.50"),
            "blob", binary((byte) 0, (byte) 1, (byte) 0x7f, (byte) 0xff),
            "count", typed("Number.int", "42"),
            "payload", typed("String.json", "{\"a\":[1,2]}"),
            "image",
                MessageAttributeValue.builder()
                    .dataType("Binary.gif")
                    .binaryValue(SdkBytes.fromUtf8String("GIF89a"))
                    .build());
    Map<MessageSystemAttributeNameForSends, MessageSystemAttributeValue> trace =
        traceHeader(TRACE_HEADER);

    SendMessageResponse sent =
        stack.send(
            url,
            b ->
                b.messageBody("typed body")
                    .messageAttributes(attributes)
                    .messageSystemAttributes(trace));

    assertThat(sent.md5OfMessageAttributes()).isEqualTo(SdkDigests.ofAttributes(attributes));
    assertThat(sent.md5OfMessageSystemAttributes()).isEqualTo(SdkDigests.ofSystemAttributes(trace));
    Message received = stack.receive(url, 1).get(0);
    assertThat(received.messageId()).isEqualTo(sent.messageId());
    assertThat(received.body()).isEqualTo("typed body");
    assertThat(received.messageAttributes()).isEqualTo(attributes);
    assertThat(received.md5OfMessageAttributes()).isEqualTo(sent.md5OfMessageAttributes());
    assertThat(received.attributes()).containsEntry(AWS_TRACE_HEADER, TRACE_HEADER);
  }

  @Test
  void sendMessageBatchReturnsDigestsTheSdkValidates() {
    String url = stack.createQueue("batched");
    List<SendMessageBatchRequestEntry> entries =
        IntStream.range(0, 10)
            .mapToObj(
                i ->
                    SendMessageBatchRequestEntry.builder()
                        .id("entry-" + i)
                        .messageBody("body " + i)
                        .messageAttributes(
                            i % 2 == 0 ? Map.of("index", number(String.valueOf(i))) : Map.of())
                        .build())
            .toList();

    SendMessageBatchResponse response = sqs.sendMessageBatch(b -> b.queueUrl(url).entries(entries));

    assertThat(response.failed()).isEmpty();
    assertThat(response.successful())
        .extracting(entry -> entry.id())
        .containsExactlyInAnyOrderElementsOf(
            entries.stream().map(SendMessageBatchRequestEntry::id).toList());
    assertThat(stack.receive(url, 10))
        .extracting(Message::body)
        .containsExactlyInAnyOrderElementsOf(
            entries.stream().map(SendMessageBatchRequestEntry::messageBody).toList());
  }

  @Test
  void sendMessageBatchReportsPerEntryFailuresAndSendsTheRest() {
    String url =
        stack.createQueue("partly", Map.of(QueueAttributeName.MAXIMUM_MESSAGE_SIZE, "1024"));

    SendMessageBatchResponse response =
        sqs.sendMessageBatch(
            b ->
                b.queueUrl(url)
                    .entries(
                        batchEntry("good", "fine"),
                        batchEntry("control", "bell \u0007"),
                        batchEntry("large", "x".repeat(1025)),
                        batchEntry("also-good", "x".repeat(1024))));

    assertThat(response.successful())
        .extracting(entry -> entry.id())
        .containsExactlyInAnyOrder("good", "also-good");
    assertThat(response.failed())
        .extracting(
            BatchResultErrorEntry::id,
            BatchResultErrorEntry::code,
            BatchResultErrorEntry::senderFault)
        .containsExactlyInAnyOrder(
            tuple("control", "InvalidMessageContents", true),
            tuple("large", "InvalidParameterValue", true));
    assertThat(response.failed()).allSatisfy(failure -> assertThat(failure.message()).isNotBlank());
    assertThat(stack.receiveBodies(url, 10)).containsExactlyInAnyOrder("fine", "x".repeat(1024));
  }

  // ---- receiving

  @Test
  void receiveReturnsOneMessageByDefaultAndAtMostMaxNumberOfMessages() {
    String url = stack.createQueue("many");
    IntStream.range(0, 15).forEach(i -> stack.send(url, "m" + i));

    assertThat(sqs.receiveMessage(b -> b.queueUrl(url)).messages()).hasSize(1);
    assertThat(stack.receive(url, 10)).hasSize(10);
    assertThat(stack.receive(url, 10)).hasSize(4);
    assertThat(stack.receive(url, 10)).isEmpty();
  }

  @Test
  void receiveReturnsOnlyTheSelectedSystemAttributes() {
    String url = stack.createQueue("system");
    Instant sentAt = stack.now();
    stack.send(url, "attributed");
    stack.advance(Duration.ofSeconds(3));

    Message message =
        sqs.receiveMessage(
                b ->
                    b.queueUrl(url)
                        .messageSystemAttributeNames(SENT_TIMESTAMP, APPROXIMATE_RECEIVE_COUNT))
            .messages()
            .get(0);

    assertThat(message.attributes())
        .containsOnly(
            entry(SENT_TIMESTAMP, String.valueOf(sentAt.toEpochMilli())),
            entry(APPROXIMATE_RECEIVE_COUNT, "1"));
    assertThat(message.messageAttributes()).isEmpty();
  }

  @Test
  void receiveWithAllSystemAttributesReturnsThemAll() {
    String url = stack.createQueue("all-system");
    Instant sentAt = stack.now();
    stack.send(url, "attributed");
    stack.advance(Duration.ofSeconds(3));

    Message message = stack.receive(url, 1).get(0);

    assertThat(message.attributes())
        .containsOnlyKeys(
            SENDER_ID,
            SENT_TIMESTAMP,
            APPROXIMATE_RECEIVE_COUNT,
            APPROXIMATE_FIRST_RECEIVE_TIMESTAMP)
        .contains(
            entry(SENT_TIMESTAMP, String.valueOf(sentAt.toEpochMilli())),
            entry(
                APPROXIMATE_FIRST_RECEIVE_TIMESTAMP,
                String.valueOf(sentAt.plusSeconds(3).toEpochMilli())),
            entry(APPROXIMATE_RECEIVE_COUNT, "1"));
    assertThat(message.attributes().get(SENDER_ID)).isNotBlank();
  }

  @Test
  @SuppressWarnings("deprecation")
  void theLegacyAttributeNamesParameterSelectsSystemAttributesToo() {
    String url = stack.createQueue("legacy-names");
    stack.send(url, "attributed");

    Message message =
        sqs.receiveMessage(b -> b.queueUrl(url).attributeNamesWithStrings("SenderId"))
            .messages()
            .get(0);

    assertThat(message.attributes()).containsOnlyKeys(SENDER_ID);
  }

  /** Selectors and the digests real SQS answered for them (recorded against AWS by LocalStack). */
  static Stream<Arguments> attributeSelectors() {
    String all = "4c360f3fdafd970e05fae2f149d997f5";
    return Stream.of(
        Arguments.of(List.of(), List.of(), null),
        Arguments.of(List.of("All"), List.of("General", "Hello", "Help.Me"), all),
        Arguments.of(List.of("*"), List.of("General", "Hello", "Help.Me"), all),
        Arguments.of(List.of(".*"), List.of("General", "Hello", "Help.Me"), all),
        Arguments.of(List.of("Foo", "Help"), List.of(), null),
        Arguments.of(
            List.of("Hello", "General"),
            List.of("General", "Hello"),
            "fca026605781cb4126a1e9044df24232"),
        Arguments.of(List.of("Foo", "Hello"), List.of("Hello"), "a311262e065454b75da111d535b8dacd"),
        Arguments.of(
            List.of("Hel.*"), List.of("Hello", "Help.Me"), "83fee93c1bcd8b9a5a923ffacdc636c7"));
  }

  @ParameterizedTest
  @MethodSource("attributeSelectors")
  void receiveReturnsTheSelectedMessageAttributesWithTheirDigest(
      List<String> selectors, List<String> expectedNames, String expectedMd5) {
    String url = stack.createQueue("selected", Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "0"));
    SendMessageResponse sent =
        stack.send(
            url,
            b ->
                b.messageBody("msg")
                    .messageAttributes(
                        Map.of(
                            "Help.Me",
                            string("Me"),
                            "Hello",
                            string("There"),
                            "General",
                            string("Kenobi"))));
    assertThat(sent.md5OfMessageBody()).isEqualTo("6e2baaf3b97dbeef01c0043275f9a0e7");
    assertThat(sent.md5OfMessageAttributes()).isEqualTo("4c360f3fdafd970e05fae2f149d997f5");

    Message message =
        sqs.receiveMessage(b -> b.queueUrl(url).messageAttributeNames(selectors)).messages().get(0);

    assertThat(message.messageAttributes().keySet())
        .containsExactlyInAnyOrderElementsOf(expectedNames);
    assertThat(message.md5OfMessageAttributes()).isEqualTo(expectedMd5);
  }

  @Test
  void emptyReceiveAnswersWithoutAMessagesMemberAsSqsDoes() {
    String url = stack.createQueue("empty");
    RawHttp raw = new RawHttp(stack.server().endpoint());

    HttpResponse<String> response =
        raw.json(
            "AmazonSQS.ReceiveMessage", "{\"QueueUrl\":\"" + url + "\",\"WaitTimeSeconds\":0}");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("{}");
  }

  // ---- visibility

  @Test
  void messageReappearsAfterItsVisibilityTimeoutWithItsReceiveCountIncremented() {
    String url =
        stack.createQueue("reappearing", Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "30"));
    stack.send(url, "again");
    Message first = stack.receive(url, 1).get(0);

    stack.advance(Duration.ofSeconds(29));
    assertThat(stack.receive(url, 1)).isEmpty();
    stack.advance(Duration.ofSeconds(1));
    Message second = stack.receive(url, 1).get(0);

    assertThat(second.messageId()).isEqualTo(first.messageId());
    assertThat(second.receiptHandle()).isNotEqualTo(first.receiptHandle());
    assertThat(second.attributes())
        .containsEntry(APPROXIMATE_RECEIVE_COUNT, "2")
        .containsEntry(
            APPROXIMATE_FIRST_RECEIVE_TIMESTAMP,
            first.attributes().get(APPROXIMATE_FIRST_RECEIVE_TIMESTAMP));
  }

  @Test
  void receiveVisibilityTimeoutOverridesTheQueueDefault() {
    String url =
        stack.createQueue("overridden", Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "300"));
    stack.send(url, "short");

    assertThat(stack.receive(url, b -> b.visibilityTimeout(5))).hasSize(1);
    stack.advance(Duration.ofSeconds(5));

    assertThat(stack.receiveBodies(url, 1)).containsExactly("short");
  }

  @Test
  void changeMessageVisibilityExtendsOrEndsTheInvisibility() {
    String url = stack.createQueue("changed");
    stack.send(url, "held");
    Message message = stack.receive(url, 1).get(0);

    sqs.changeMessageVisibility(
        b -> b.queueUrl(url).receiptHandle(message.receiptHandle()).visibilityTimeout(120));
    stack.advance(Duration.ofSeconds(119));
    assertThat(stack.receive(url, 1)).isEmpty();

    sqs.changeMessageVisibility(
        b -> b.queueUrl(url).receiptHandle(message.receiptHandle()).visibilityTimeout(0));
    assertThat(stack.receiveBodies(url, 1)).containsExactly("held");
  }

  @Test
  void changeMessageVisibilityAfterTheTimeoutExpiredSucceedsAndHidesTheMessageAgain() {
    String url = stack.createQueue("expired", Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "1"));
    stack.send(url, "late");
    Message message = stack.receive(url, 1).get(0);
    stack.advance(Duration.ofSeconds(2));

    sqs.changeMessageVisibility(
        b -> b.queueUrl(url).receiptHandle(message.receiptHandle()).visibilityTimeout(30));

    assertThat(stack.receive(url, 1)).isEmpty();
    stack.advance(Duration.ofSeconds(30));
    assertThat(stack.receiveBodies(url, 1)).containsExactly("late");
  }

  @Test
  void visibilityCannotBeExtendedBeyondTwelveHoursFromTheReceive() {
    String url = stack.createQueue("capped");
    stack.send(url, "long");
    Message message = stack.receive(url, 1).get(0);
    stack.advance(Duration.ofSeconds(10));

    sqs.changeMessageVisibility(
        b -> b.queueUrl(url).receiptHandle(message.receiptHandle()).visibilityTimeout(43_190));
    assertAwsError(
        () ->
            sqs.changeMessageVisibility(
                b ->
                    b.queueUrl(url)
                        .receiptHandle(message.receiptHandle())
                        .visibilityTimeout(43_191)),
        SqsException.class,
        "InvalidParameterValue",
        400);
  }

  @Test
  void changeMessageVisibilityBatchReportsPerEntryFailures() {
    String url = stack.createQueue("batch-visibility");
    stack.send(url, "one");
    stack.send(url, "two");
    List<Message> received = stack.receive(url, 10);

    ChangeMessageVisibilityBatchResponse response =
        sqs.changeMessageVisibilityBatch(
            b ->
                b.queueUrl(url)
                    .entries(
                        visibilityEntry("first", received.get(0).receiptHandle()),
                        visibilityEntry("second", received.get(1).receiptHandle()),
                        visibilityEntry("bogus", "not-a-receipt-handle")));

    assertThat(response.successful())
        .extracting(entry -> entry.id())
        .containsExactlyInAnyOrder("first", "second");
    assertThat(response.failed())
        .singleElement()
        .satisfies(
            failure -> {
              assertThat(failure.id()).isEqualTo("bogus");
              assertThat(failure.code()).isEqualTo("ReceiptHandleIsInvalid");
              assertThat(failure.senderFault()).isTrue();
              assertThat(failure.message()).isNotBlank();
            });
    assertThat(stack.receiveBodies(url, 10)).containsExactlyInAnyOrder("one", "two");
  }

  @Test
  void changingTheVisibilityOfADeletedMessageIsAnInvalidReceiptHandleParameter() {
    String url = stack.createQueue("visibility-after-delete");
    stack.send(url, "gone");
    Message received = stack.receive(url, 1).get(0);
    stack.delete(url, received);

    // AWS answers InvalidParameterValue here, not the modelled MessageNotInflight.
    SqsException error =
        assertAwsError(
            () ->
                sqs.changeMessageVisibility(
                    b ->
                        b.queueUrl(url)
                            .receiptHandle(received.receiptHandle())
                            .visibilityTimeout(10)),
            SqsException.class,
            "InvalidParameterValue",
            400);
    assertThat(error.awsErrorDetails().errorMessage())
        .isEqualTo(
            "Value "
                + received.receiptHandle()
                + " for parameter ReceiptHandle is invalid. Reason: Message does not exist or is"
                + " not available for visibility timeout change.");
    ChangeMessageVisibilityBatchResponse batch =
        sqs.changeMessageVisibilityBatch(
            b -> b.queueUrl(url).entries(visibilityEntry("gone", received.receiptHandle())));
    assertThat(batch.failed())
        .singleElement()
        .satisfies(
            failure -> {
              assertThat(failure.code()).isEqualTo("InvalidParameterValue");
              assertThat(failure.senderFault()).isTrue();
            });
  }

  // ---- deleting

  @Test
  void deletedMessageIsGoneForGood() {
    String url = stack.createQueue("deleting", Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "1"));
    stack.send(url, "bye");
    stack.delete(url, stack.receive(url, 1).get(0));

    stack.advance(Duration.ofSeconds(5));

    assertThat(stack.receive(url, 10)).isEmpty();
    assertThat(stack.count(url, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
        .isZero();
  }

  @Test
  void deleteAfterTheVisibilityTimeoutExpiredStillDeletes() {
    String url =
        stack.createQueue("late-delete", Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "1"));
    stack.send(url, "bye");
    Message message = stack.receive(url, 1).get(0);
    stack.advance(Duration.ofSeconds(2));

    stack.delete(url, message);

    assertThat(stack.receive(url, 10)).isEmpty();
  }

  @Test
  void deletingWithAnOlderReceiptHandleSucceedsButKeepsTheMessage() {
    String url =
        stack.createQueue("stale-handle", Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "1"));
    stack.send(url, "kept");
    Message first = stack.receive(url, 1).get(0);
    stack.advance(Duration.ofSeconds(1));
    Message second = stack.receive(url, 1).get(0);

    stack.delete(url, first);
    stack.advance(Duration.ofSeconds(1));

    assertThat(stack.receiveBodies(url, 1)).containsExactly("kept");
    assertThat(second.messageId()).isEqualTo(first.messageId());
  }

  @Test
  void deleteMessageBatchReportsPerEntryFailures() {
    String url = stack.createQueue("batch-delete");
    stack.send(url, "one");
    stack.send(url, "two");
    List<Message> received = stack.receive(url, 10);

    DeleteMessageBatchResponse response =
        sqs.deleteMessageBatch(
            b ->
                b.queueUrl(url)
                    .entries(
                        deleteEntry("a", received.get(0).receiptHandle()),
                        deleteEntry("b", received.get(1).receiptHandle()),
                        deleteEntry("c", "garbage")));

    assertThat(response.successful())
        .extracting(entry -> entry.id())
        .containsExactlyInAnyOrder("a", "b");
    assertThat(response.failed())
        .extracting(
            BatchResultErrorEntry::id,
            BatchResultErrorEntry::code,
            BatchResultErrorEntry::senderFault)
        .containsExactly(tuple("c", "ReceiptHandleIsInvalid", true));
    assertThat(stack.count(url, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
        .isZero();
  }

  // ---- delays and retention

  @Test
  void queueDelayHoldsNewMessagesBack() {
    String url = stack.createQueue("delayed", Map.of(QueueAttributeName.DELAY_SECONDS, "10"));
    stack.send(url, "later");

    assertThat(stack.receive(url, 1)).isEmpty();
    assertThat(stack.count(url, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED))
        .isEqualTo(1);
    stack.advance(Duration.ofSeconds(9));
    assertThat(stack.receive(url, 1)).isEmpty();
    stack.advance(Duration.ofSeconds(1));

    assertThat(stack.receiveBodies(url, 1)).containsExactly("later");
  }

  @Test
  void perMessageDelayOverridesTheQueueDelay() {
    String url = stack.createQueue("per-message", Map.of(QueueAttributeName.DELAY_SECONDS, "60"));
    stack.send(url, b -> b.messageBody("now").delaySeconds(0));
    stack.send(url, b -> b.messageBody("soon").delaySeconds(5));

    assertThat(stack.receiveBodies(url, 10)).containsExactly("now");
    stack.advance(Duration.ofSeconds(5));
    assertThat(stack.receiveBodies(url, 10)).containsExactly("soon");
  }

  @Test
  void messagesExpireAfterTheRetentionPeriod() {
    String url =
        stack.createQueue("retained", Map.of(QueueAttributeName.MESSAGE_RETENTION_PERIOD, "60"));
    stack.send(url, "visible");
    stack.send(url, "in flight");
    assertThat(stack.receive(url, b -> b.maxNumberOfMessages(1).visibilityTimeout(600))).hasSize(1);
    stack.advance(Duration.ofSeconds(59));
    stack.send(url, "young");

    stack.advance(Duration.ofSeconds(1));

    assertThat(stack.count(url, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).isEqualTo(1);
    assertThat(stack.count(url, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
        .isZero();
    assertThat(stack.receiveBodies(url, 10)).containsExactly("young");
  }

  // ---- size and characters

  @Test
  void messageOfExactlyTheMaximumSizeIsAcceptedAndOneByteMoreIsRejected() {
    String url = stack.createQueue("largest");
    String largest = "x".repeat(ONE_MIB);

    stack.send(url, largest);
    SqsException error =
        assertAwsError(
            () -> stack.send(url, largest + "x"), SqsException.class, "InvalidParameterValue", 400);

    assertThat(error.awsErrorDetails().errorMessage())
        .isEqualTo(
            "One or more parameters are invalid. Reason: Message must be shorter than 1048576 bytes.");
    assertThat(stack.receiveBodies(url, 10)).containsExactly(largest);
  }

  @Test
  void theTraceHeaderDoesNotCountTowardsTheMessageSize() {
    String url = stack.createQueue("traced-largest");

    stack.send(
        url,
        b -> b.messageBody("x".repeat(ONE_MIB)).messageSystemAttributes(traceHeader(TRACE_HEADER)));

    assertThat(stack.receive(url, 1).get(0).attributes())
        .containsEntry(AWS_TRACE_HEADER, TRACE_HEADER);
  }

  @Test
  void emptyAttributeValueIsRejectedWithAwsMessage() {
    String url = stack.createQueue("empty-attribute");

    SqsException error =
        assertAwsError(
            () ->
                stack.send(
                    url,
                    b -> b.messageBody("x").messageAttributes(Map.of("ErrorDetails", string("")))),
            SqsException.class,
            "InvalidParameterValue",
            400);

    assertThat(error.awsErrorDetails().errorMessage())
        .isEqualTo(
            "Message (user) attribute 'ErrorDetails' must contain a non-empty value of type 'String'.");
  }

  @Test
  void messageSizeCountsMultiByteCharactersAndAttributes() {
    String url =
        stack.createQueue("counted-size", Map.of(QueueAttributeName.MAXIMUM_MESSAGE_SIZE, "1024"));
    String twoByteCharacters = "é".repeat(512);

    stack.send(url, twoByteCharacters);
    assertAwsError(
        () -> stack.send(url, twoByteCharacters + "x"),
        SqsException.class,
        "InvalidParameterValue",
        400);
    assertAwsError(
        () ->
            stack.send(
                url,
                b ->
                    b.messageBody("x".repeat(1000))
                        .messageAttributes(Map.of("name", string("x".repeat(20))))),
        SqsException.class,
        "InvalidParameterValue",
        400);
  }

  @Test
  void messageBodyKeepsEveryCharacterSqsAllows() {
    String url = stack.createQueue("unicode");
    String body =
        "tab\tnewline\ncarriage\rlatin é cjk 漢字 emoji 😀 private \uE000 last \uFFFD astral \uD800\uDC00";

    stack.send(url, body);

    assertThat(stack.receiveBodies(url, 1)).containsExactly(body);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"nul \u0000", "bell \u0007", "escape \u001B", "non-character \uFFFE", "\uFFFF"})
  void messageBodyWithCharactersSqsDisallowsIsRejected(String body) {
    String url = stack.createQueue("invalid-characters");

    assertAwsError(
        () -> stack.send(url, body),
        InvalidMessageContentsException.class,
        "InvalidMessageContents",
        400);
    assertThat(stack.receive(url, 10)).isEmpty();
  }

  private static ChangeMessageVisibilityBatchRequestEntry visibilityEntry(
      String id, String handle) {
    return ChangeMessageVisibilityBatchRequestEntry.builder()
        .id(id)
        .receiptHandle(handle)
        .visibilityTimeout(0)
        .build();
  }

  private static DeleteMessageBatchRequestEntry deleteEntry(String id, String handle) {
    return DeleteMessageBatchRequestEntry.builder().id(id).receiptHandle(handle).build();
  }

  private static SendMessageBatchRequestEntry batchEntry(String id, String body) {
    return SendMessageBatchRequestEntry.builder().id(id).messageBody(body).build();
  }
}
