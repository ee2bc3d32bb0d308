package io.serverlessstack.fake.internal.sqs;

import static io.serverlessstack.fake.RawHttp.params;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.serverlessstack.fake.QueryXml;
import io.serverlessstack.fake.RawHttp;
import io.serverlessstack.fake.SqsStack;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The awsQuery protocol that AWS CLI v2 and boto3 releases before the JSON switch speak: form
 * parameters in, XML in SQS's namespace out. Requests are hand-made; state is cross-checked with
 * the SDK's JSON client, and digests against values real SQS returned for the same input.
 */
class SqsQueryProtocolTest {

  @RegisterExtension static final SqsStack stack = SqsStack.withVirtualClock();

  private static final String VERSION = "2012-11-05";

  private final RawHttp raw = new RawHttp(stack.server().endpoint());
  private final SqsClient sqs = stack.sqs();

  // ---- queues

  @Test
  void createQueueTakesAttributesAndTags() {
    QueryXml xml =
        ok(
            "CreateQueue",
            "QueueName",
            "query-made",
            "Attribute.1.Name",
            "VisibilityTimeout",
            "Attribute.1.Value",
            "45",
            "Attribute.2.Name",
            "DelaySeconds",
            "Attribute.2.Value",
            "2",
            "Tag.1.Key",
            "team",
            "Tag.1.Value",
            "payments");

    String url = xml.text("/CreateQueueResponse/CreateQueueResult/QueueUrl");
    assertThat(url).isEqualTo(stack.server().endpoint() + "/000000000000/query-made");
    assertThat(xml.text("/CreateQueueResponse/ResponseMetadata/RequestId")).isNotBlank();
    assertThat(stack.attributes(url, QueueAttributeName.ALL))
        .contains(
            entry(QueueAttributeName.VISIBILITY_TIMEOUT, "45"),
            entry(QueueAttributeName.DELAY_SECONDS, "2"));
    assertThat(sqs.listQueueTags(b -> b.queueUrl(url)).tags())
        .containsOnly(entry("team", "payments"));
  }

  @Test
  void getQueueUrlAndListQueues() {
    String alpha = stack.createQueue("alpha");
    String beta = stack.createQueue("beta");

    assertThat(
            ok("GetQueueUrl", "QueueName", "alpha")
                .text("/GetQueueUrlResponse/GetQueueUrlResult/QueueUrl"))
        .isEqualTo(alpha);
    assertThat(ok("ListQueues").texts("/ListQueuesResponse/ListQueuesResult/QueueUrl"))
        .containsExactlyInAnyOrder(alpha, beta);
    assertThat(
            ok("ListQueues", "QueueNamePrefix", "be")
                .texts("/ListQueuesResponse/ListQueuesResult/QueueUrl"))
        .containsExactly(beta);
  }

  @Test
  void emptyListQueuesStillHasItsResultElement() {
    QueryXml xml = ok("ListQueues", "QueueNamePrefix", "nothing-like-this");

    assertThat(xml.has("/ListQueuesResponse/ListQueuesResult")).isTrue();
    assertThat(xml.texts("/ListQueuesResponse/ListQueuesResult/QueueUrl")).isEmpty();
  }

  @Test
  void getQueueAttributesReturnsNameValuePairs() {
    String url =
        stack.createQueue("described", Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "31"));

    QueryXml all = ok("GetQueueAttributes", "QueueUrl", url, "AttributeName.1", "All");
    QueryXml some =
        ok(
            "GetQueueAttributes",
            "QueueUrl",
            url,
            "AttributeName.1",
            "VisibilityTimeout",
            "AttributeName.2",
            "QueueArn");

    String entries = "/GetQueueAttributesResponse/GetQueueAttributesResult/Attribute";
    assertThat(all.valueNamed(entries, "VisibilityTimeout")).isEqualTo("31");
    assertThat(all.valueNamed(entries, "QueueArn"))
        .isEqualTo("arn:aws:sqs:us-east-1:000000000000:described");
    assertThat(all.texts(entries + "/Name"))
        .contains("ApproximateNumberOfMessages", "CreatedTimestamp");
    assertThat(some.texts(entries + "/Name"))
        .containsExactlyInAnyOrder("VisibilityTimeout", "QueueArn");
  }

  @Test
  void setQueueAttributesAnswersWithoutAResultElement() {
    String url = stack.createQueue("reconfigured");

    QueryXml xml =
        ok(
            "SetQueueAttributes",
            "QueueUrl",
            url,
            "Attribute.1.Name",
            "VisibilityTimeout",
            "Attribute.1.Value",
            "5");

    assertThat(xml.has("/SetQueueAttributesResponse/ResponseMetadata/RequestId")).isTrue();
    assertThat(xml.has("/SetQueueAttributesResponse/SetQueueAttributesResult")).isFalse();
    assertThat(stack.attribute(url, QueueAttributeName.VISIBILITY_TIMEOUT)).isEqualTo("5");
  }

  @Test
  void tagUntagAndListQueueTags() {
    String url = stack.createQueue("tags");

    ok(
        "TagQueue",
        "QueueUrl",
        url,
        "Tag.1.Key",
        "env",
        "Tag.1.Value",
        "test",
        "Tag.2.Key",
        "team",
        "Tag.2.Value",
        "a");
    ok("UntagQueue", "QueueUrl", url, "TagKey.1", "team");

    QueryXml xml = ok("ListQueueTags", "QueueUrl", url);
    assertThat(xml.texts("/ListQueueTagsResponse/ListQueueTagsResult/Tag/Key"))
        .containsExactly("env");
    assertThat(xml.texts("/ListQueueTagsResponse/ListQueueTagsResult/Tag/Value"))
        .containsExactly("test");
  }

  @Test
  void addPermissionTakesAccountsAndActions() {
    String url = stack.createQueue("shared");

    ok(
        "AddPermission",
        "QueueUrl",
        url,
        "Label",
        "readers",
        "AWSAccountId.1",
        "111122223333",
        "ActionName.1",
        "ReceiveMessage",
        "ActionName.2",
        "DeleteMessage");

    assertThat(stack.attribute(url, QueueAttributeName.POLICY))
        .contains(
            "readers", "arn:aws:iam::111122223333:root", "SQS:ReceiveMessage", "SQS:DeleteMessage");
  }

  @Test
  void purgeAndDeleteQueue() {
    String url = stack.createQueue("short-lived");
    stack.send(url, "gone");

    assertThat(ok("PurgeQueue", "QueueUrl", url).has("/PurgeQueueResponse/ResponseMetadata"))
        .isTrue();
    assertThat(stack.receive(url, 10)).isEmpty();
    ok("DeleteQueue", "QueueUrl", url);
    assertThat(sqs.listQueues().queueUrls()).doesNotContain(url);
  }

  // ---- messages

  @Test
  void sendMessageWithAttributesAnswersTheDigestsRealSqsAnswers() {
    String url = stack.createQueue("digests");

    QueryXml xml =
        ok(
            "SendMessage",
            "QueueUrl",
            url,
            "MessageBody",
            "msg",
            "MessageAttribute.1.Name",
            "Help.Me",
            "MessageAttribute.1.Value.DataType",
            "String",
            "MessageAttribute.1.Value.StringValue",
            "Me",
            "MessageAttribute.2.Name",
            "Hello",
            "MessageAttribute.2.Value.DataType",
            "String",
            "MessageAttribute.2.Value.StringValue",
            "There",
            "MessageAttribute.3.Name",
            "General",
            "MessageAttribute.3.Value.DataType",
            "String",
            "MessageAttribute.3.Value.StringValue",
            "Kenobi");

    String result = "/SendMessageResponse/SendMessageResult/";
    assertThat(xml.text(result + "MD5OfMessageBody")).isEqualTo("6e2baaf3b97dbeef01c0043275f9a0e7");
    assertThat(xml.text(result + "MD5OfMessageAttributes"))
        .isEqualTo("4c360f3fdafd970e05fae2f149d997f5");
    assertThat(xml.text(result + "MessageId")).isNotBlank();
  }

  @Test
  void messageAttributesOfEveryTypeReachSdkClients() {
    String url = stack.createQueue("typed");
    byte[] bytes = {0, 1, 2, (byte) 0xfe, (byte) 0xff};

    ok(
        "SendMessage",
        "QueueUrl",
        url,
        "MessageBody",
        "typed",
        "MessageAttribute.1.Name",
        "text",
        "MessageAttribute.1.Value.DataType",
        "String",
        "MessageAttribute.1.Value.StringValue",
        "héllo",
        "MessageAttribute.2.Name",
        "count",
        "MessageAttribute.2.Value.DataType",
        "Number.int",
        "MessageAttribute.2.Value.StringValue",
        "42",
        "MessageAttribute.3.Name",
        "blob",
        "MessageAttribute.3.Value.DataType",
        "Binary",
        "MessageAttribute.3.Value.BinaryValue",
        Base64.getEncoder().encodeToString(bytes),
        "MessageSystemAttribute.1.Name",
        "AWSTraceHeader",
        "MessageSystemAttribute.1.Value.DataType",
        "String",
        "MessageSystemAttribute.1.Value.StringValue",
        "Root=1-abc");

    Message received = stack.receive(url, 1).get(0);
    assertThat(received.messageAttributes())
        .containsOnly(
            entry("text", SqsStack.string("héllo")),
            entry("count", SqsStack.typed("Number.int", "42")),
            entry("blob", SqsStack.binary(bytes)));
    assertThat(received.attributesAsStrings()).containsEntry("AWSTraceHeader", "Root=1-abc");
  }

  @Test
  void receiveMessageAnswersAttributesAndMessageAttributesAsXml() {
    String url = stack.createQueue("received");
    byte[] bytes = {(byte) 0xca, (byte) 0xfe};
    stack.send(
        url,
        b ->
            b.messageBody("<hello> & \"goodbye\"\r\n\ttabbed")
                .messageAttributes(
                    Map.of(
                        "Hello", SqsStack.string("There"),
                        "Amount", SqsStack.number("12.5"),
                        "Blob", SqsStack.binary(bytes))));

    QueryXml xml =
        ok(
            "ReceiveMessage",
            "QueueUrl",
            url,
            "AttributeName.1",
            "All",
            "MessageAttributeName.1",
            "All");

    List<QueryXml> messages = xml.all("/ReceiveMessageResponse/ReceiveMessageResult/Message");
    assertThat(messages).hasSize(1);
    QueryXml message = messages.get(0);
    assertThat(message.text("Body")).isEqualTo("<hello> & \"goodbye\"\r\n\ttabbed");
    assertThat(message.text("MessageId")).isNotBlank();
    assertThat(message.text("ReceiptHandle")).isNotBlank();
    assertThat(message.text("MD5OfBody")).hasSize(32);
    assertThat(message.text("MD5OfMessageAttributes")).hasSize(32);
    assertThat(message.valueNamed("Attribute", "ApproximateReceiveCount")).isEqualTo("1");
    assertThat(message.valueNamed("Attribute", "SenderId")).isNotBlank();
    Map<String, List<String>> attributes = new LinkedHashMap<>();
    for (QueryXml attribute : message.all("MessageAttribute")) {
      attributes.put(
          attribute.text("Name"),
          List.of(
              attribute.text("Value/DataType"),
              attribute.has("Value/StringValue")
                  ? attribute.text("Value/StringValue")
                  : attribute.text("Value/BinaryValue")));
    }
    assertThat(attributes)
        .containsOnly(
            entry("Hello", List.of("String", "There")),
            entry("Amount", List.of("Number", "12.5")),
            entry("Blob", List.of("Binary", Base64.getEncoder().encodeToString(bytes))));
  }

  @Test
  void receiveMessageSelectsAttributesByPrefixWithRealSqsDigest() {
    String url = stack.createQueue("prefixed");
    stack.send(
        url,
        b ->
            b.messageBody("msg")
                .messageAttributes(
                    Map.of(
                        "Help.Me", SqsStack.string("Me"),
                        "Hello", SqsStack.string("There"),
                        "General", SqsStack.string("Kenobi"))));

    QueryXml message =
        ok("ReceiveMessage", "QueueUrl", url, "MessageAttributeName.1", "Hel.*")
            .all("/ReceiveMessageResponse/ReceiveMessageResult/Message")
            .get(0);

    assertThat(message.texts("MessageAttribute/Name"))
        .containsExactlyInAnyOrder("Hello", "Help.Me");
    assertThat(message.text("MD5OfMessageAttributes"))
        .isEqualTo("83fee93c1bcd8b9a5a923ffacdc636c7");
    assertThat(message.has("Attribute")).isFalse();
  }

  @Test
  void emptyReceiveStillHasItsResultElement() {
    String url = stack.createQueue("empty");

    QueryXml xml = ok("ReceiveMessage", "QueueUrl", url);

    assertThat(xml.has("/ReceiveMessageResponse/ReceiveMessageResult")).isTrue();
    assertThat(xml.has("/ReceiveMessageResponse/ReceiveMessageResult/Message")).isFalse();
  }

  @Test
  void fifoSendAnswersTheSequenceNumber() {
    String url = stack.createFifoQueue("query.fifo", Map.of());

    QueryXml xml =
        ok(
            "SendMessage",
            "QueueUrl",
            url,
            "MessageBody",
            "ordered",
            "MessageGroupId",
            "g",
            "MessageDeduplicationId",
            "d");

    assertThat(xml.text("/SendMessageResponse/SendMessageResult/SequenceNumber")).matches("\\d+");
    assertThat(stack.receive(url, 1).get(0).attributesAsStrings())
        .containsEntry("MessageGroupId", "g");
  }

  @Test
  void sendMessageBatchReportsSuccessesAndFailures() {
    String url = stack.createQueue("batch");

    QueryXml xml =
        ok(
            "SendMessageBatch",
            "QueueUrl",
            url,
            "SendMessageBatchRequestEntry.1.Id",
            "good",
            "SendMessageBatchRequestEntry.1.MessageBody",
            "fine",
            "SendMessageBatchRequestEntry.1.MessageAttribute.1.Name",
            "n",
            "SendMessageBatchRequestEntry.1.MessageAttribute.1.Value.DataType",
            "Number",
            "SendMessageBatchRequestEntry.1.MessageAttribute.1.Value.StringValue",
            "1",
            "SendMessageBatchRequestEntry.2.Id",
            "bad",
            "SendMessageBatchRequestEntry.2.MessageBody",
            "bell \u0007",
            "SendMessageBatchRequestEntry.3.Id",
            "delayed",
            "SendMessageBatchRequestEntry.3.MessageBody",
            "later",
            "SendMessageBatchRequestEntry.3.DelaySeconds",
            "5");

    String result = "/SendMessageBatchResponse/SendMessageBatchResult/";
    assertThat(xml.texts(result + "SendMessageBatchResultEntry/Id"))
        .containsExactlyInAnyOrder("good", "delayed");
    assertThat(xml.texts(result + "SendMessageBatchResultEntry/MD5OfMessageBody"))
        .allSatisfy(md5 -> assertThat(md5).hasSize(32));
    assertThat(xml.texts(result + "SendMessageBatchResultEntry/MD5OfMessageAttributes")).hasSize(1);
    QueryXml failure = xml.all(result + "BatchResultErrorEntry").get(0);
    assertThat(failure.text("Id")).isEqualTo("bad");
    assertThat(failure.text("SenderFault")).isEqualTo("true");
    assertThat(failure.text("Code")).isEqualTo("InvalidMessageContents");
    assertThat(failure.text("Message")).isNotBlank();
    assertThat(stack.receiveBodies(url, 10)).containsExactly("fine");
  }

  @Test
  void deleteMessageBatchAndChangeMessageVisibilityBatch() {
    String url = stack.createQueue("batch-ops");
    stack.send(url, "one");
    stack.send(url, "two");
    List<Message> received = stack.receive(url, 10);

    QueryXml changed =
        ok(
            "ChangeMessageVisibilityBatch",
            "QueueUrl",
            url,
            "ChangeMessageVisibilityBatchRequestEntry.1.Id",
            "c1",
            "ChangeMessageVisibilityBatchRequestEntry.1.ReceiptHandle",
            received.get(0).receiptHandle(),
            "ChangeMessageVisibilityBatchRequestEntry.1.VisibilityTimeout",
            "0");
    assertThat(
            changed.texts(
                "/ChangeMessageVisibilityBatchResponse/ChangeMessageVisibilityBatchResult/ChangeMessageVisibilityBatchResultEntry/Id"))
        .containsExactly("c1");
    List<Message> again = stack.receive(url, 10);
    assertThat(again).hasSize(1);

    QueryXml deleted =
        ok(
            "DeleteMessageBatch",
            "QueueUrl",
            url,
            "DeleteMessageBatchRequestEntry.1.Id",
            "d1",
            "DeleteMessageBatchRequestEntry.1.ReceiptHandle",
            again.get(0).receiptHandle(),
            "DeleteMessageBatchRequestEntry.2.Id",
            "d2",
            "DeleteMessageBatchRequestEntry.2.ReceiptHandle",
            received.get(1).receiptHandle(),
            "DeleteMessageBatchRequestEntry.3.Id",
            "d3",
            "DeleteMessageBatchRequestEntry.3.ReceiptHandle",
            "garbage");
    String result = "/DeleteMessageBatchResponse/DeleteMessageBatchResult/";
    assertThat(deleted.texts(result + "DeleteMessageBatchResultEntry/Id"))
        .containsExactlyInAnyOrder("d1", "d2");
    assertThat(deleted.texts(result + "BatchResultErrorEntry/Id")).containsExactly("d3");
    assertThat(deleted.texts(result + "BatchResultErrorEntry/Code"))
        .containsExactly("ReceiptHandleIsInvalid");
    assertThat(stack.count(url, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
        .isZero();
  }

  @Test
  void deleteMessageAndChangeMessageVisibility() {
    String url = stack.createQueue("single-ops");
    stack.send(url, "one");
    String handle = stack.receive(url, 1).get(0).receiptHandle();

    ok(
        "ChangeMessageVisibility",
        "QueueUrl",
        url,
        "ReceiptHandle",
        handle,
        "VisibilityTimeout",
        "0");
    String again = stack.receive(url, 1).get(0).receiptHandle();
    ok("DeleteMessage", "QueueUrl", url, "ReceiptHandle", again);

    assertThat(stack.count(url, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
        .isZero();
  }

  // ---- how older clients address queues

  @Test
  void requestPostedToTheQueueUrlNeedsNoQueueUrlParameter() {
    String url = stack.createQueue("addressed");
    String path = url.substring(stack.server().endpoint().toString().length());

    HttpResponse<String> response =
        raw.query(
            path, params("Action", "SendMessage", "Version", VERSION, "MessageBody", "by path"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(stack.receiveBodies(url, 1)).containsExactly("by path");
  }

  @Test
  void parametersCanComeInTheQueryString() {
    String url = stack.createQueue("queried");

    HttpResponse<String> response = raw.get("/?Action=ListQueues&Version=" + VERSION);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(
            QueryXml.parse(response.body()).texts("/ListQueuesResponse/ListQueuesResult/QueueUrl"))
        .containsExactly(url);
  }

  // ---- errors

  @Test
  void nonexistentQueueIsASenderErrorResponse() {
    HttpResponse<String> response =
        call(
            "SendMessage",
            "QueueUrl",
            stack.server().endpoint() + "/000000000000/missing",
            "MessageBody",
            "x");

    assertError(response, 400, "AWS.SimpleQueueService.NonExistentQueue");
  }

  @Test
  void unknownActionIsInvalidAction() {
    HttpResponse<String> response = call("FooBar");

    assertError(response, 400, "InvalidAction");
    assertThat(QueryXml.parse(response.body()).text("/ErrorResponse/Error/Message"))
        .isEqualTo("The action FooBar is not valid for this endpoint.");
  }

  @Test
  void actionsCanBeSentWithGetToTheQueueUrl() {
    String url = stack.createQueue("gotten");
    String path = url.substring(stack.server().endpoint().toString().length());

    HttpResponse<String> response = raw.get(path + "?Action=SendMessage&Version=" + VERSION);

    assertError(response, 400, "MissingParameter");
    assertThat(QueryXml.parse(response.body()).text("/ErrorResponse/Error/Message"))
        .isEqualTo("The request must contain the parameter MessageBody.");
  }

  @Test
  void missingParameterIsMissingParameter() {
    String url = stack.createQueue("strict");

    HttpResponse<String> response = call("SendMessage", "QueueUrl", url);

    assertError(response, 400, "MissingParameter");
    assertThat(QueryXml.parse(response.body()).text("/ErrorResponse/Error/Message"))
        .isEqualTo("The request must contain the parameter MessageBody.");
  }

  @Test
  void unknownAttributeIsInvalidAttributeName() {
    String url = stack.createQueue("described");

    HttpResponse<String> response =
        call("GetQueueAttributes", "QueueUrl", url, "AttributeName.1", "Foobar");

    assertError(response, 400, "InvalidAttributeName");
    assertThat(QueryXml.parse(response.body()).text("/ErrorResponse/Error/Message"))
        .isEqualTo("Unknown Attribute Foobar.");
  }

  @Test
  void unparsableNumberIsInvalidParameterValue() {
    String url = stack.createQueue("numbers");

    assertError(
        call("ReceiveMessage", "QueueUrl", url, "MaxNumberOfMessages", "ten"),
        400,
        "InvalidParameterValue");
  }

  @Test
  void purgeTwiceWithinAMinuteIsPurgeQueueInProgress() {
    String url = stack.createQueue("purged");
    ok("PurgeQueue", "QueueUrl", url);

    assertError(
        call("PurgeQueue", "QueueUrl", url), 403, "AWS.SimpleQueueService.PurgeQueueInProgress");
  }

  private HttpResponse<String> call(String action, String... namesAndValues) {
    Map<String, String> parameters = params("Action", action, "Version", VERSION);
    parameters.putAll(params(namesAndValues));
    return raw.query(parameters);
  }

  private QueryXml ok(String action, String... namesAndValues) {
    HttpResponse<String> response = call(action, namesAndValues);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/xml"));
    QueryXml xml = QueryXml.parse(response.body());
    assertThat(xml.has("/" + action + "Response")).as("root element in SQS's namespace").isTrue();
    return xml;
  }

  private static void assertError(HttpResponse<String> response, int status, String code) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    QueryXml xml = QueryXml.parse(response.body());
    assertThat(xml.text("/ErrorResponse/Error/Type")).isEqualTo("Sender");
    assertThat(xml.text("/ErrorResponse/Error/Code")).isEqualTo(code);
    assertThat(xml.text("/ErrorResponse/Error/Message")).isNotBlank();
    assertThat(xml.text("/ErrorResponse/RequestId")).isNotBlank();
  }
}
