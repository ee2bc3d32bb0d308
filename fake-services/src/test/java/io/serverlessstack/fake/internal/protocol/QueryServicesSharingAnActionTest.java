package io.serverlessstack.fake.internal.protocol;

import static io.serverlessstack.fake.AwsErrors.assertAwsError;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.serverlessstack.fake.RawHttp;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.w3c.dom.Element;
import software.amazon.awssdk.services.sns.SnsAsyncClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.InvalidParameterException;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.NotFoundException;
import software.amazon.awssdk.services.sns.model.Topic;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * awsQuery for two services that share an action: an SNS-shaped test service registered beside SQS,
 * both with {@code AddPermission}. The real SNS clients (awsQuery) and SQS clients reach their own
 * service; on the query wire, {@code Version} tells the two apart, and without it the SigV4 signing
 * name does. Answers and errors are in each service's XML namespace, and SNS's errors reach the SDK
 * as its modelled exceptions.
 */
class QueryServicesSharingAnActionTest {

  @RegisterExtension static final PlatformStack stack = new PlatformStack();

  private static final String SQS_VERSION = "2012-11-05";
  private static final String SQS_NAMESPACE = "http://queue.amazonaws.com/doc/2012-11-05/";
  private static final Map<ClientKind, ClientKind.Clients<SnsClient, SnsAsyncClient>> SNS =
      new ConcurrentHashMap<>();
  private static final Map<ClientKind, ClientKind.Clients<SqsClient, SqsAsyncClient>> SQS =
      new ConcurrentHashMap<>();

  @ParameterizedTest
  @EnumSource(ClientKind.class)
  void snsAndSqsClientsEachReachTheirOwnAddPermission(ClientKind kind) {
    ClientKind.Clients<SnsClient, SnsAsyncClient> sns = sns(kind);
    ClientKind.Clients<SqsClient, SqsAsyncClient> sqs = sqs(kind);
    String topic =
        sns.call(
                c -> c.createTopic(b -> b.name("orders")),
                c -> c.createTopic(b -> b.name("orders")))
            .topicArn();
    String queue =
        sqs.call(
                c -> c.createQueue(b -> b.queueName("orders")),
                c -> c.createQueue(b -> b.queueName("orders")))
            .queueUrl();

    sns.call(
        c ->
            c.addPermission(
                b ->
                    b.topicArn(topic)
                        .label("team")
                        .awsAccountIds("111122223333")
                        .actionNames("Publish")),
        c ->
            c.addPermission(
                b ->
                    b.topicArn(topic)
                        .label("team")
                        .awsAccountIds("111122223333")
                        .actionNames("Publish")));
    sqs.call(
        c ->
            c.addPermission(
                b ->
                    b.queueUrl(queue)
                        .label("team")
                        .awsAccountIds("111122223333")
                        .actions("SendMessage")),
        c ->
            c.addPermission(
                b ->
                    b.queueUrl(queue)
                        .label("team")
                        .awsAccountIds("111122223333")
                        .actions("SendMessage")));

    assertThat(stack.sns.permissions(topic))
        .containsExactly(
            new TestSns.Permission("team", List.of("111122223333"), List.of("Publish")));
    assertThat(queuePolicy(sqs, queue)).contains("\"Sid\":\"team\"").contains("SQS:SendMessage");
  }

  @ParameterizedTest
  @EnumSource(ClientKind.class)
  void theSnsClientReadsListsMapsAndErrorsOfItsQueryService(ClientKind kind) {
    ClientKind.Clients<SnsClient, SnsAsyncClient> sns = sns(kind);
    String topic =
        sns.call(
                c ->
                    c.createTopic(
                        b -> b.name("events").attributes(Map.of("DisplayName", "Events"))),
                c ->
                    c.createTopic(
                        b -> b.name("events").attributes(Map.of("DisplayName", "Events"))))
            .topicArn();
    Map<String, MessageAttributeValue> attributes =
        Map.of(
            "kind",
            MessageAttributeValue.builder().dataType("String").stringValue("created").build());

    String messageId =
        sns.call(
                c ->
                    c.publish(
                        b -> b.topicArn(topic).message("hello").messageAttributes(attributes)),
                c ->
                    c.publish(
                        b -> b.topicArn(topic).message("hello").messageAttributes(attributes)))
            .messageId();
    List<Topic> topics = sns.call(c -> c.listTopics(), c -> c.listTopics()).topics();
    Map<String, String> topicAttributes =
        sns.call(
                c -> c.getTopicAttributes(b -> b.topicArn(topic)),
                c -> c.getTopicAttributes(b -> b.topicArn(topic)))
            .attributes();

    assertThat(messageId).isNotBlank();
    assertThat(stack.sns.published(topic))
        .containsExactly(new TestSns.Published("hello", null, attributes));
    assertThat(topics).extracting(Topic::topicArn).containsExactly(topic);
    assertThat(topicAttributes)
        .containsEntry("DisplayName", "Events")
        .containsEntry("TopicArn", topic);
    assertAwsError(
        () ->
            sns.call(
                c -> c.publish(b -> b.topicArn(topic + "-missing").message("x")),
                c -> c.publish(b -> b.topicArn(topic + "-missing").message("x"))),
        NotFoundException.class,
        "NotFound",
        404);
    assertAwsError(
        () ->
            sns.call(
                c -> c.createTopic(b -> b.name("no spaces")),
                c -> c.createTopic(b -> b.name("no spaces"))),
        InvalidParameterException.class,
        "InvalidParameter",
        400);
  }

  // ---- on the query wire

  @Test
  void theVersionTellsTheServicesApart() throws Exception {
    String topic = createTopic("by-version");
    String queue = createQueue("by-version");

    HttpResponse<String> toSns =
        form(
            null,
            "Action",
            "AddPermission",
            "Version",
            TestSns.VERSION,
            "TopicArn",
            topic,
            "Label",
            "v",
            "AWSAccountId.member.1",
            "111122223333",
            "ActionName.member.1",
            "Publish");
    HttpResponse<String> toSqs =
        form(
            null,
            "Action",
            "AddPermission",
            "Version",
            SQS_VERSION,
            "QueueUrl",
            queue,
            "Label",
            "v",
            "AWSAccountId.1",
            "111122223333",
            "ActionName.1",
            "SendMessage");

    assertThat(toSns.statusCode()).as(toSns.body()).isEqualTo(200);
    assertThat(root(toSns.body())).isEqualTo(TestSns.XML_NAMESPACE + " AddPermissionResponse");
    assertThat(toSqs.statusCode()).as(toSqs.body()).isEqualTo(200);
    assertThat(root(toSqs.body())).isEqualTo(SQS_NAMESPACE + " AddPermissionResponse");
    assertThat(stack.sns.permissions(topic))
        .extracting(TestSns.Permission::label)
        .containsExactly("v");
    assertThat(queuePolicy(queue)).contains("\"Sid\":\"v\"");
  }

  @Test
  void withoutAVersionTheSigningNameTellsTheServicesApart() throws Exception {
    String topic = createTopic("by-signature");
    String queue = createQueue("by-signature");

    HttpResponse<String> toSns =
        form(
            "sns",
            "Action",
            "AddPermission",
            "TopicArn",
            topic,
            "Label",
            "s",
            "AWSAccountId.member.1",
            "111122223333",
            "ActionName.member.1",
            "Publish");
    HttpResponse<String> toSqs =
        form(
            "sqs",
            "Action",
            "AddPermission",
            "QueueUrl",
            queue,
            "Label",
            "s",
            "AWSAccountId.1",
            "111122223333",
            "ActionName.1",
            "SendMessage");

    assertThat(root(toSns.body())).isEqualTo(TestSns.XML_NAMESPACE + " AddPermissionResponse");
    assertThat(root(toSqs.body())).isEqualTo(SQS_NAMESPACE + " AddPermissionResponse");
    assertThat(stack.sns.permissions(topic))
        .extracting(TestSns.Permission::label)
        .containsExactly("s");
    assertThat(queuePolicy(queue)).contains("\"Sid\":\"s\"");
  }

  @Test
  void eachServiceAnswersErrorsInItsOwnNamespace() throws Exception {
    HttpResponse<String> unknownToSns = form(null, "Action", "Nope", "Version", TestSns.VERSION);
    HttpResponse<String> unknownToSqs = form(null, "Action", "Nope", "Version", SQS_VERSION);
    HttpResponse<String> missingTopic =
        form(
            null,
            "Action",
            "AddPermission",
            "Version",
            TestSns.VERSION,
            "TopicArn",
            "arn:aws:sns:us-east-1:000000000000:none",
            "Label",
            "x");
    HttpResponse<String> noService = form(null, "Action", "Nope");
    HttpResponse<String> noAction = form(null, "Version", TestSns.VERSION);

    assertError(unknownToSns, 400, TestSns.XML_NAMESPACE, "InvalidAction");
    assertError(unknownToSqs, 400, SQS_NAMESPACE, "InvalidAction");
    assertError(missingTopic, 404, TestSns.XML_NAMESPACE, "NotFound");
    assertError(noService, 400, null, "InvalidAction");
    assertError(noAction, 400, null, "MissingAction");
  }

  // ---- helpers

  private static String createTopic(String name) {
    return sns(ClientKind.SYNC_HTTP1).sync().createTopic(b -> b.name(name)).topicArn();
  }

  private static String createQueue(String name) {
    return sqs(ClientKind.SYNC_HTTP1).sync().createQueue(b -> b.queueName(name)).queueUrl();
  }

  private static String queuePolicy(String queue) {
    return queuePolicy(sqs(ClientKind.SYNC_HTTP1), queue);
  }

  private static String queuePolicy(
      ClientKind.Clients<SqsClient, SqsAsyncClient> sqs, String queue) {
    return sqs.call(
            c ->
                c.getQueueAttributes(
                    b -> b.queueUrl(queue).attributeNames(QueueAttributeName.POLICY)),
            c ->
                c.getQueueAttributes(
                    b -> b.queueUrl(queue).attributeNames(QueueAttributeName.POLICY)))
        .attributes()
        .get(QueueAttributeName.POLICY);
  }

  /** A form post of {@code namesAndValues}, signed for {@code service} (unsigned if null). */
  private static HttpResponse<String> form(String service, String... namesAndValues) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
    if (service != null) {
      headers.put("Authorization", RawHttp.authorization("test", "us-east-1", service));
    }
    return new RawHttp(stack.endpoint())
        .post("/", headers, RawHttp.form(RawHttp.params(namesAndValues)).getBytes(UTF_8));
  }

  /** The root element of an XML document as {@code "<namespace> <local name>"}. */
  private static String root(String xml) throws Exception {
    Element root = parse(xml);
    return root.getNamespaceURI() + " " + root.getLocalName();
  }

  private static void assertError(
      HttpResponse<String> response, int status, String namespace, String code) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    Element root = parse(response.body());
    assertThat(root.getLocalName()).isEqualTo("ErrorResponse");
    assertThat(root.getNamespaceURI()).isEqualTo(namespace);
    assertThat(root.getElementsByTagNameNS("*", "Code").item(0).getTextContent()).isEqualTo(code);
  }

  private static Element parse(String xml) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    return factory
        .newDocumentBuilder()
        .parse(new ByteArrayInputStream(xml.getBytes(UTF_8)))
        .getDocumentElement();
  }

  private static ClientKind.Clients<SnsClient, SnsAsyncClient> sns(ClientKind kind) {
    return SNS.computeIfAbsent(
        kind,
        k ->
            stack.track(
                k.clients(
                    stack.endpoint(), SnsClient::builder, SnsAsyncClient::builder, List.of())));
  }

  private static ClientKind.Clients<SqsClient, SqsAsyncClient> sqs(ClientKind kind) {
    return SQS.computeIfAbsent(
        kind,
        k ->
            stack.track(
                k.clients(
                    stack.endpoint(), SqsClient::builder, SqsAsyncClient::builder, List.of())));
  }
}
