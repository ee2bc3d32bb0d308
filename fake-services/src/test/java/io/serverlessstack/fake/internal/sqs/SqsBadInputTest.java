package io.serverlessstack.fake.internal.sqs;

import static io.serverlessstack.fake.AwsErrors.assertAwsError;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.serverlessstack.fake.RawHttp;
import io.serverlessstack.fake.SqsStack;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchEntryIdsNotDistinctException;
import software.amazon.awssdk.services.sqs.model.BatchRequestTooLongException;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.EmptyBatchRequestException;
import software.amazon.awssdk.services.sqs.model.InvalidAddressException;
import software.amazon.awssdk.services.sqs.model.InvalidAttributeNameException;
import software.amazon.awssdk.services.sqs.model.InvalidAttributeValueException;
import software.amazon.awssdk.services.sqs.model.InvalidBatchEntryIdException;
import software.amazon.awssdk.services.sqs.model.InvalidMessageContentsException;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.ReceiptHandleIsInvalidException;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SqsException;
import software.amazon.awssdk.services.sqs.model.TooManyEntriesInBatchRequestException;

/**
 * Every kind of bad input gets AWS's error — exception class, error code and status through the
 * SDK; status, {@code x-amzn-query-error} and {@code __type} on the raw JSON wire — never a 500 or
 * a hang, and the server keeps serving afterwards.
 */
class SqsBadInputTest {

  @RegisterExtension static final SqsStack stack = SqsStack.withVirtualClock();

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int FRONT_DOOR_LIMIT = 8 * 1024 * 1024;

  private final SqsClient sqs = stack.sqs();
  private final RawHttp raw = new RawHttp(stack.server().endpoint());
  private String url;

  @BeforeEach
  void createQueue() {
    url = stack.createQueue("target");
  }

  @AfterEach
  void serverStillServes() {
    String after = stack.createQueue("still-serving");
    stack.send(after, "alive");
    assertThat(stack.receiveBodies(after, 1)).containsExactly("alive");
  }

  // ---- through the SDK

  @Test
  void nonexistentQueue() {
    String missing = stack.server().endpoint() + "/000000000000/missing";

    assertAwsError(
        () -> stack.send(missing, "x"),
        QueueDoesNotExistException.class,
        "AWS.SimpleQueueService.NonExistentQueue",
        400);
    assertAwsError(
        () -> sqs.getQueueUrl(b -> b.queueName("missing")),
        QueueDoesNotExistException.class,
        "AWS.SimpleQueueService.NonExistentQueue",
        400);
  }

  @Test
  void queueUrlThatNamesNoQueue() {
    assertAwsError(
        () -> stack.send(stack.server().endpoint() + "/not-a-queue-url", "x"),
        InvalidAddressException.class,
        "InvalidAddress",
        404);
  }

  @Test
  void invalidReceiptHandle() {
    assertAwsError(
        () -> sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle("garbage")),
        ReceiptHandleIsInvalidException.class,
        "ReceiptHandleIsInvalid",
        400);
    assertAwsError(
        () ->
            sqs.changeMessageVisibility(
                b -> b.queueUrl(url).receiptHandle("garbage").visibilityTimeout(10)),
        ReceiptHandleIsInvalidException.class,
        "ReceiptHandleIsInvalid",
        400);
  }

  @Test
  void receiptHandleOfAnotherQueue() {
    String other = stack.createQueue("other");
    stack.send(other, "elsewhere");
    String handle = stack.receive(other, 1).get(0).receiptHandle();

    assertAwsError(
        () -> sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(handle)),
        ReceiptHandleIsInvalidException.class,
        "ReceiptHandleIsInvalid",
        400);
  }

  @Test
  void invalidAttributeName() {
    assertAwsError(
        () -> sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNamesWithStrings("Foobar")),
        InvalidAttributeNameException.class,
        "InvalidAttributeName",
        400);
    assertAwsError(
        () ->
            sqs.setQueueAttributes(
                b -> b.queueUrl(url).attributesWithStrings(Map.of("Foobar", "1"))),
        InvalidAttributeNameException.class,
        "InvalidAttributeName",
        400);
  }

  @Test
  void invalidAttributeValue() {
    for (String value : List.of("-1", "43201", "ten", "")) {
      assertAwsError(
          () ->
              sqs.setQueueAttributes(
                  b ->
                      b.queueUrl(url)
                          .attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, value))),
          InvalidAttributeValueException.class,
          "InvalidAttributeValue",
          400);
    }
    assertAwsError(
        () ->
            sqs.setQueueAttributes(
                b -> b.queueUrl(url).attributes(Map.of(QueueAttributeName.POLICY, "{not json"))),
        InvalidAttributeValueException.class,
        "InvalidAttributeValue",
        400);
  }

  @Test
  void invalidQueueNames() {
    for (String name : List.of("bad name", "semi;colon", "x".repeat(81), "", "standard.fifo-not")) {
      assertAwsError(
          () -> stack.createQueue(name), SqsException.class, "InvalidParameterValue", 400);
    }
  }

  @Test
  void emptyBatches() {
    assertAwsError(
        () -> sqs.sendMessageBatch(b -> b.queueUrl(url).entries(List.of())),
        EmptyBatchRequestException.class,
        "AWS.SimpleQueueService.EmptyBatchRequest",
        400);
    assertAwsError(
        () -> sqs.deleteMessageBatch(b -> b.queueUrl(url).entries(List.of())),
        EmptyBatchRequestException.class,
        "AWS.SimpleQueueService.EmptyBatchRequest",
        400);
    assertAwsError(
        () -> sqs.changeMessageVisibilityBatch(b -> b.queueUrl(url).entries(List.of())),
        EmptyBatchRequestException.class,
        "AWS.SimpleQueueService.EmptyBatchRequest",
        400);
  }

  @Test
  void tooManyBatchEntries() {
    TooManyEntriesInBatchRequestException error =
        assertAwsError(
            () -> sqs.sendMessageBatch(b -> b.queueUrl(url).entries(sendEntries(11, "x"))),
            TooManyEntriesInBatchRequestException.class,
            "AWS.SimpleQueueService.TooManyEntriesInBatchRequest",
            400);
    assertThat(error.awsErrorDetails().errorMessage())
        .isEqualTo("Maximum number of entries per request are 10. You have sent 11.");
    assertAwsError(
        () ->
            sqs.deleteMessageBatch(
                b ->
                    b.queueUrl(url)
                        .entries(
                            IntStream.range(0, 11)
                                .mapToObj(
                                    i ->
                                        DeleteMessageBatchRequestEntry.builder()
                                            .id("e" + i)
                                            .receiptHandle("r")
                                            .build())
                                .toList())),
        TooManyEntriesInBatchRequestException.class,
        "AWS.SimpleQueueService.TooManyEntriesInBatchRequest",
        400);
  }

  @Test
  void duplicateBatchEntryIds() {
    assertAwsError(
        () ->
            sqs.changeMessageVisibilityBatch(
                b ->
                    b.queueUrl(url)
                        .entries(
                            ChangeMessageVisibilityBatchRequestEntry.builder()
                                .id("same")
                                .receiptHandle("r1")
                                .visibilityTimeout(1)
                                .build(),
                            ChangeMessageVisibilityBatchRequestEntry.builder()
                                .id("same")
                                .receiptHandle("r2")
                                .visibilityTimeout(1)
                                .build())),
        BatchEntryIdsNotDistinctException.class,
        "AWS.SimpleQueueService.BatchEntryIdsNotDistinct",
        400);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "invalid:id",
        "with space",
        "",
        "testLongIdtestLongIdtestLongIdtestLongIdtestLongIdtestLongIdtestLongIdtestLongIdX"
      })
  void invalidBatchEntryId(String id) {
    assertAwsError(
        () ->
            sqs.sendMessageBatch(
                b ->
                    b.queueUrl(url)
                        .entries(
                            SendMessageBatchRequestEntry.builder()
                                .id(id)
                                .messageBody("x")
                                .build())),
        InvalidBatchEntryIdException.class,
        "AWS.SimpleQueueService.InvalidBatchEntryId",
        400);
    assertThat(stack.receive(url, 10)).isEmpty();
  }

  @Test
  void batchLongerThanOneMebibyte() {
    BatchRequestTooLongException error =
        assertAwsError(
            () ->
                sqs.sendMessageBatch(
                    b -> b.queueUrl(url).entries(sendEntries(2, "x".repeat(524_289)))),
            BatchRequestTooLongException.class,
            "AWS.SimpleQueueService.BatchRequestTooLong",
            400);
    assertThat(error.awsErrorDetails().errorMessage())
        .isEqualTo(
            "Batch requests cannot be longer than 1048576 bytes. You have sent 1048578 bytes.");
    assertThat(stack.receive(url, 10)).isEmpty();
  }

  @Test
  void batchSizeCountsAttributeNamesTypesAndValuesInBytes() {
    SendMessageBatchRequestEntry entry =
        SendMessageBatchRequestEntry.builder()
            .messageBody("x".repeat(524_280))
            .messageAttributes(Map.of("a", SqsStack.string("éééé")))
            .build();

    BatchRequestTooLongException error =
        assertAwsError(
            () ->
                sqs.sendMessageBatch(
                    b ->
                        b.queueUrl(url)
                            .entries(
                                entry.toBuilder().id("one").build(),
                                entry.toBuilder().id("two").build())),
            BatchRequestTooLongException.class,
            "AWS.SimpleQueueService.BatchRequestTooLong",
            400);
    assertThat(error.awsErrorDetails().errorMessage()).endsWith("You have sent 1048590 bytes.");
  }

  @Test
  void messageTooLarge() {
    assertAwsError(
        () -> stack.send(url, "x".repeat(1_048_577)),
        SqsException.class,
        "InvalidParameterValue",
        400);
  }

  @Test
  void invalidCharacters() {
    assertAwsError(
        () -> stack.send(url, "\u0000"),
        InvalidMessageContentsException.class,
        "InvalidMessageContents",
        400);
    assertAwsError(
        () ->
            stack.send(
                url,
                b -> b.messageBody("ok").messageAttributes(Map.of("a", SqsStack.string("\u0001")))),
        InvalidMessageContentsException.class,
        "InvalidMessageContents",
        400);
  }

  @Test
  void invalidMessageAttributes() {
    for (Map<String, MessageAttributeValue> attributes :
        List.of(
            Map.of("empty", SqsStack.string("")),
            Map.of("nan", SqsStack.number("twelve")),
            Map.of("untyped", SqsStack.typed("Integer", "1")),
            Map.of("AWS.reserved", SqsStack.string("x")),
            Map.of(".leading", SqsStack.string("x")))) {
      assertAwsError(
          () -> stack.send(url, b -> b.messageBody("ok").messageAttributes(attributes)),
          SqsException.class,
          "InvalidParameterValue",
          400);
    }
  }

  @Test
  void missingParameters() {
    SqsException noBody =
        assertAwsError(
            () -> sqs.sendMessage(b -> b.queueUrl(url)),
            SqsException.class,
            "MissingParameter",
            400);
    assertThat(noBody.awsErrorDetails().errorMessage())
        .isEqualTo("The request must contain the parameter MessageBody.");
    assertAwsError(() -> stack.send(url, ""), SqsException.class, "MissingParameter", 400);
    assertAwsError(
        () -> sqs.createQueue(b -> b.attributesWithStrings(Map.of())),
        SqsException.class,
        "MissingParameter",
        400);
    assertAwsError(
        () -> sqs.sendMessage(b -> b.messageBody("no queue")),
        SqsException.class,
        "MissingParameter",
        400);
    assertAwsError(
        () -> sqs.deleteMessage(b -> b.queueUrl(url)), SqsException.class, "MissingParameter", 400);
  }

  @Test
  void outOfRangeReceiveParameters() {
    SqsException tooMany =
        assertAwsError(
            () -> sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(11)),
            SqsException.class,
            "InvalidParameterValue",
            400);
    assertThat(tooMany.awsErrorDetails().errorMessage())
        .isEqualTo(
            "Value 11 for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and"
                + " 10, if provided.");
    SqsException tooLong =
        assertAwsError(
            () -> sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(21)),
            SqsException.class,
            "InvalidParameterValue",
            400);
    assertThat(tooLong.awsErrorDetails().errorMessage())
        .isEqualTo(
            "Value 21 for parameter WaitTimeSeconds is invalid. Reason: Must be >= 0 and <= 20,"
                + " if provided.");
    assertAwsError(
        () -> sqs.receiveMessage(b -> b.queueUrl(url).visibilityTimeout(-1)),
        SqsException.class,
        "InvalidParameterValue",
        400);
    assertAwsError(
        () -> stack.send(url, b -> b.messageBody("x").delaySeconds(901)),
        SqsException.class,
        "InvalidParameterValue",
        400);
  }

  // ---- on the raw JSON wire

  @Test
  void malformedJsonBody() throws Exception {
    assertJsonError(
        raw.json("AmazonSQS.CreateQueue", "{\"QueueName\":"),
        400,
        "com.amazonaws.sqs#SerializationException",
        "SerializationException;Sender");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"QueueName\": 5}",
        "{\"QueueName\": \"q\", \"Attributes\": [\"VisibilityTimeout\"]}",
        "{\"QueueName\": \"q\", \"Attributes\": {\"VisibilityTimeout\": 5}}",
        "{\"QueueName\": {\"nested\": true}}",
        "[\"QueueName\"]",
        "\"just a string\""
      })
  void wrongJsonTypes(String body) throws Exception {
    assertJsonError(
        raw.json("AmazonSQS.CreateQueue", body),
        400,
        "com.amazonaws.sqs#SerializationException",
        "SerializationException;Sender");
  }

  @Test
  void wrongJsonTypeForANumber() throws Exception {
    assertJsonError(
        raw.json(
            "AmazonSQS.ReceiveMessage",
            "{\"QueueUrl\": \"" + url + "\", \"MaxNumberOfMessages\": \"ten\"}"),
        400,
        "com.amazonaws.sqs#SerializationException",
        "SerializationException;Sender");
  }

  @Test
  void unknownOperation() throws Exception {
    assertJsonError(
        raw.json("AmazonSQS.Nope", "{}"),
        400,
        "com.amazonaws.sqs#UnknownOperationException",
        "InvalidAction;Sender");
  }

  @Test
  void unknownTargetPrefix() throws Exception {
    assertJsonError(
        raw.json("NotAService_20200101.ListQueues", "{}"),
        400,
        "com.amazon.coral.service#UnknownOperationException",
        null);
  }

  @Test
  void nonexistentQueueOnTheJsonWire() throws Exception {
    HttpResponse<String> response =
        raw.json(
            "AmazonSQS.SendMessage",
            "{\"QueueUrl\":\"" + url.replace("target", "missing") + "\",\"MessageBody\":\"x\"}");

    assertJsonError(
        response,
        400,
        "com.amazonaws.sqs#QueueDoesNotExist",
        "AWS.SimpleQueueService.NonExistentQueue;Sender");
    assertThat(JSON.readTree(response.body()).get("message").asText())
        .isEqualTo("The specified queue does not exist.");
  }

  @Test
  void missingAndInvalidParametersCarryTheirJsonTypes() throws Exception {
    assertJsonError(
        raw.json("AmazonSQS.SendMessage", "{\"QueueUrl\":\"" + url + "\"}"),
        400,
        "com.amazonaws.sqs#MissingRequiredParameterException",
        "MissingParameter;Sender");
    assertJsonError(
        raw.json(
            "AmazonSQS.ReceiveMessage",
            "{\"QueueUrl\":\"" + url + "\",\"MaxNumberOfMessages\":11}"),
        400,
        "com.amazonaws.sqs#InvalidParameterValueException",
        "InvalidParameterValue;Sender");
  }

  @Test
  void emptyJsonBodyIsAnEmptyRequest() {
    HttpResponse<String> response = raw.json("AmazonSQS.ListQueues", "");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains(url);
  }

  // ---- at the front door

  @Test
  void bodyOverTheFrontDoorLimitGetsA413() {
    HttpResponse<String> response =
        raw.post(
            "/",
            Map.of(
                "Content-Type",
                "application/x-amz-json-1.0",
                "X-Amz-Target",
                "AmazonSQS.ListQueues"),
            new byte[FRONT_DOOR_LIMIT + 1]);

    assertThat(response.statusCode()).isEqualTo(413);
  }

  @Test
  void declaredBodyOverTheLimitIsRefusedBeforeItArrives() {
    RawHttp.Exchange exchange =
        raw.exchange(
            ("POST / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                    + "Content-Type: application/x-amz-json-1.0\r\nX-Amz-Target: AmazonSQS.ListQueues\r\n"
                    + "Content-Length: 1073741824\r\n\r\n{")
                .getBytes(UTF_8),
            Duration.ofSeconds(5));

    assertThat(exchange.status()).isEqualTo(413);
    assertThat(exchange.closedByServer()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "\u0016\u0003\u0001\u0002\u0000garbage\r\n\r\n",
        "NOT-HTTP\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: x\r\nA header without a colon\r\n\r\n",
        "POST / HTTP/1.1\r\nContent-Length: -5\r\n\r\n",
        "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n\r\n"
      })
  void garbageBytesGetA400AndAClosedConnection(String garbage) {
    RawHttp.Exchange exchange = raw.exchange(garbage.getBytes(UTF_8), Duration.ofSeconds(5));

    assertThat(exchange.closedByServer())
        .as("closed by the server after [%s]", exchange.response())
        .isTrue();
    assertThat(exchange.status()).as(exchange.response()).isIn(400, -1);
  }

  @Test
  void http10WithoutKeepAliveIsAnsweredAndClosed() {
    String body = "{\"QueueNamePrefix\":\"tar\"}";
    RawHttp.Exchange exchange =
        raw.exchange(
            ("POST / HTTP/1.0\r\nHost: "
                    + stack.server().endpoint().getAuthority()
                    + "\r\nContent-Type: application/x-amz-json-1.0\r\n"
                    + "X-Amz-Target: AmazonSQS.ListQueues\r\nContent-Length: "
                    + body.length()
                    + "\r\n\r\n"
                    + body)
                .getBytes(UTF_8),
            Duration.ofSeconds(5));

    assertThat(exchange.status()).isEqualTo(200);
    assertThat(exchange.closedByServer()).isTrue();
    assertThat(exchange.response()).contains(url);
  }

  private static List<SendMessageBatchRequestEntry> sendEntries(int count, String body) {
    return IntStream.range(0, count)
        .mapToObj(i -> SendMessageBatchRequestEntry.builder().id("e" + i).messageBody(body).build())
        .toList();
  }

  private static void assertJsonError(
      HttpResponse<String> response, int status, String type, String queryError) throws Exception {
    assertThat(response.statusCode()).as("status").isEqualTo(status);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.get("__type").asText()).as("__type").isEqualTo(type);
    assertThat(body.get("message").asText()).as("message").isNotBlank();
    assertThat(response.headers().firstValue("x-amzn-query-error").orElse(null))
        .as("x-amzn-query-error")
        .isEqualTo(queryError);
    assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
  }
}
