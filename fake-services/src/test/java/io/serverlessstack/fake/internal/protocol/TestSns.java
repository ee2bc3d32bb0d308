package io.serverlessstack.fake.internal.protocol;

import io.serverlessstack.fake.internal.server.AwsService;
import io.serverlessstack.fake.internal.server.RequestContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.services.sns.model.AddPermissionRequest;
import software.amazon.awssdk.services.sns.model.AddPermissionResponse;
import software.amazon.awssdk.services.sns.model.CreateTopicRequest;
import software.amazon.awssdk.services.sns.model.CreateTopicResponse;
import software.amazon.awssdk.services.sns.model.GetTopicAttributesRequest;
import software.amazon.awssdk.services.sns.model.GetTopicAttributesResponse;
import software.amazon.awssdk.services.sns.model.ListTopicsRequest;
import software.amazon.awssdk.services.sns.model.ListTopicsResponse;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishRequest;
import software.amazon.awssdk.services.sns.model.PublishResponse;
import software.amazon.awssdk.services.sns.model.Topic;

/**
 * A small SNS-shaped test service on the SNS client model, speaking awsQuery (version {@code
 * 2010-03-31}) beside SQS, with which it shares the action {@code AddPermission}. Topics keep the
 * permissions added to them and the messages published to them.
 */
final class TestSns {

  static final String VERSION = "2010-03-31";
  static final String XML_NAMESPACE = "http://sns.amazonaws.com/doc/2010-03-31/";

  /** A permission as AddPermission gave it. */
  record Permission(String label, List<String> accounts, List<String> actions) {}

  /** A message as Publish gave it. */
  record Published(String message, String subject, Map<String, MessageAttributeValue> attributes) {}

  private record TopicState(
      String arn,
      Map<String, String> attributes,
      List<Permission> permissions,
      List<Published> published) {}

  private final Map<String, TopicState> topics = new ConcurrentSkipListMap<>();

  void reset() {
    topics.clear();
  }

  List<Permission> permissions(String topicArn) {
    return List.copyOf(topics.get(topicArn).permissions());
  }

  List<Published> published(String topicArn) {
    return List.copyOf(topics.get(topicArn).published());
  }

  AwsService service() {
    return AwsService.builder("sns")
        .speaks(AwsQueryBinding.awsQuery(VERSION, XML_NAMESPACE))
        .operation("CreateTopic", CreateTopicRequest::builder, this::createTopic)
        .operation("AddPermission", AddPermissionRequest::builder, this::addPermission)
        .operation("GetTopicAttributes", GetTopicAttributesRequest::builder, this::attributes)
        .operation("ListTopics", ListTopicsRequest::builder, this::listTopics)
        .operation("Publish", PublishRequest::builder, this::publish)
        .build();
  }

  private CreateTopicResponse createTopic(CreateTopicRequest request, RequestContext context) {
    if (request.name() == null || !request.name().matches("[A-Za-z0-9_-]{1,256}")) {
      throw invalidParameter("Invalid parameter: Topic Name");
    }
    String arn =
        "arn:aws:sns:" + context.region() + ":" + context.accountId() + ":" + request.name();
    Map<String, String> attributes = new LinkedHashMap<>(request.attributes());
    attributes.put("TopicArn", arn);
    topics.putIfAbsent(
        arn,
        new TopicState(
            arn, attributes, new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>()));
    return CreateTopicResponse.builder().topicArn(arn).build();
  }

  private AddPermissionResponse addPermission(
      AddPermissionRequest request, RequestContext context) {
    topic(request.topicArn())
        .permissions()
        .add(new Permission(request.label(), request.awsAccountIds(), request.actionNames()));
    return AddPermissionResponse.builder().build();
  }

  private GetTopicAttributesResponse attributes(
      GetTopicAttributesRequest request, RequestContext context) {
    TopicState topic = topic(request.topicArn());
    Map<String, String> attributes = new LinkedHashMap<>(topic.attributes());
    attributes.put("Permissions", String.valueOf(topic.permissions().size()));
    return GetTopicAttributesResponse.builder().attributes(attributes).build();
  }

  private ListTopicsResponse listTopics(ListTopicsRequest request, RequestContext context) {
    List<Topic> all = new ArrayList<>();
    topics.keySet().forEach(arn -> all.add(Topic.builder().topicArn(arn).build()));
    return ListTopicsResponse.builder().topics(all).build();
  }

  private PublishResponse publish(PublishRequest request, RequestContext context) {
    if (request.message() == null) {
      throw invalidParameter("Invalid parameter: Message");
    }
    topic(request.topicArn())
        .published()
        .add(new Published(request.message(), request.subject(), request.messageAttributes()));
    return PublishResponse.builder().messageId(context.requestId()).build();
  }

  private TopicState topic(String arn) {
    TopicState topic = arn == null ? null : topics.get(arn);
    if (topic == null) {
      throw new AwsErrorException("NotFound", "NotFound", 404, "Topic does not exist");
    }
    return topic;
  }

  private static AwsErrorException invalidParameter(String message) {
    return new AwsErrorException("InvalidParameter", "InvalidParameter", 400, message);
  }
}
