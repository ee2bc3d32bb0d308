package io.serverlessstack.fake.internal.sns;

import io.serverlessstack.api.TopicView;
import io.serverlessstack.fake.internal.delivery.Delivery;
import io.serverlessstack.fake.internal.protocol.AwsErrorException;
import io.serverlessstack.fake.internal.protocol.AwsQueryBinding;
import io.serverlessstack.fake.internal.server.AwsService;
import io.serverlessstack.fake.internal.server.RawRoute;
import io.serverlessstack.fake.internal.server.RequestContext;
import io.serverlessstack.fake.internal.server.ResourceCollection;
import io.serverlessstack.fake.internal.server.StackResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.sns.model.*;

/**
 * SNS's operations: each decodes an SDK request, calls the {@link SnsEngine} and builds the SDK
 * response. Paging and batch bookkeeping live here; topics, subscriptions and delivery live in the
 * engine.
 */
public final class SnsOperations {

  // Constants, so that SnsPlugin's descriptor reads them without loading this class.
  static final String QUERY_VERSION = "2010-03-31";
  private static final String QUERY_NAMESPACE = "http://sns.amazonaws.com/doc/2010-03-31/";

  private static final int PAGE_SIZE = 100;
  private static final Pattern BATCH_ENTRY_ID = Pattern.compile("[A-Za-z0-9_-]+");

  private final SnsEngine engine;

  private SnsOperations(SnsEngine engine) {
    this.engine = engine;
  }

  /** SNS as the front door serves it: awsQuery, and the signing certificate its messages name. */
  public static AwsService service(SnsEngine engine) {
    SnsOperations ops = new SnsOperations(engine);
    MessageSigner signer = engine.signer();
    return AwsService.builder("sns")
        .engine(engine)
        .resets(engine::reset)
        .closes(engine::reset)
        .declares(SnsPlugin.TOPIC, engine::createTopic)
        .inspects(
            new ResourceCollection(
                "topics",
                TopicView.TYPE,
                baseUrl -> engine.inspectTopics(),
                (baseUrl, nameOrArn) -> engine.inspectTopic(nameOrArn)))
        .speaks(AwsQueryBinding.awsQuery(QUERY_VERSION, QUERY_NAMESPACE))
        .rawRoute(
            new RawRoute(
                "SNS signing certificate",
                request -> request.path().equals(signer.certificatePath()),
                (request, context) ->
                    CompletableFuture.completedFuture(
                        StackResponse.of(
                            200,
                            "application/x-x509-ca-cert",
                            signer.certificatePem().getBytes(StandardCharsets.US_ASCII)))))
        .operation("CreateTopic", CreateTopicRequest::builder, ops::createTopic)
        .operation("DeleteTopic", DeleteTopicRequest::builder, ops::deleteTopic)
        .operation("ListTopics", ListTopicsRequest::builder, ops::listTopics)
        .operation("GetTopicAttributes", GetTopicAttributesRequest::builder, ops::topicAttributes)
        .operation(
            "SetTopicAttributes", SetTopicAttributesRequest::builder, ops::setTopicAttributes)
        .operation("AddPermission", AddPermissionRequest::builder, ops::addPermission)
        .operation("RemovePermission", RemovePermissionRequest::builder, ops::removePermission)
        .operation("TagResource", TagResourceRequest::builder, ops::tagResource)
        .operation("UntagResource", UntagResourceRequest::builder, ops::untagResource)
        .operation(
            "ListTagsForResource", ListTagsForResourceRequest::builder, ops::listTagsForResource)
        .operation(
            "GetDataProtectionPolicy",
            GetDataProtectionPolicyRequest::builder,
            ops::getDataProtectionPolicy)
        .operation(
            "PutDataProtectionPolicy",
            PutDataProtectionPolicyRequest::builder,
            ops::putDataProtectionPolicy)
        .operation("Subscribe", SubscribeRequest::builder, ops::subscribe)
        .operation(
            "ConfirmSubscription", ConfirmSubscriptionRequest::builder, ops::confirmSubscription)
        .operation("Unsubscribe", UnsubscribeRequest::builder, ops::unsubscribe)
        .operation("ListSubscriptions", ListSubscriptionsRequest::builder, ops::listSubscriptions)
        .operation(
            "ListSubscriptionsByTopic",
            ListSubscriptionsByTopicRequest::builder,
            ops::listSubscriptionsByTopic)
        .operation(
            "GetSubscriptionAttributes",
            GetSubscriptionAttributesRequest::builder,
            ops::subscriptionAttributes)
        .operation(
            "SetSubscriptionAttributes",
            SetSubscriptionAttributesRequest::builder,
            ops::setSubscriptionAttributes)
        .operation("Publish", PublishRequest::builder, ops::publish)
        .operation("PublishBatch", PublishBatchRequest::builder, ops::publishBatch)
        .build();
  }

  // ---- topics

  private CreateTopicResponse createTopic(CreateTopicRequest request, RequestContext context) {
    Map<String, String> tags = tags(request.tags());
    SnsTopic topic =
        engine.createTopic(
            context.scope(),
            request.name(),
            new LinkedHashMap<>(request.attributes()),
            tags,
            request.dataProtectionPolicy());
    return CreateTopicResponse.builder().topicArn(topic.arn).build();
  }

  private static Map<String, String> tags(List<Tag> tags) {
    Map<String, String> byKey = new LinkedHashMap<>();
    for (Tag tag : tags) {
      if (byKey.put(tag.key(), tag.value()) != null) {
        throw SnsErrors.invalidParameter("Invalid parameter: Duplicated keys are not allowed.");
      }
    }
    return byKey;
  }

  private DeleteTopicResponse deleteTopic(DeleteTopicRequest request, RequestContext context) {
    engine.deleteTopic(context.scope(), request.topicArn());
    return DeleteTopicResponse.builder().build();
  }

  private ListTopicsResponse listTopics(ListTopicsRequest request, RequestContext context) {
    Page<SnsTopic> page = page(engine.topics(context.scope()), request.nextToken(), t -> t.arn);
    return ListTopicsResponse.builder()
        .topics(page.items().stream().map(t -> Topic.builder().topicArn(t.arn).build()).toList())
        .nextToken(page.nextToken())
        .build();
  }

  private GetTopicAttributesResponse topicAttributes(
      GetTopicAttributesRequest request, RequestContext context) {
    SnsTopic topic = engine.topic(context.scope(), request.topicArn());
    return GetTopicAttributesResponse.builder().attributes(topic.attributes()).build();
  }

  private SetTopicAttributesResponse setTopicAttributes(
      SetTopicAttributesRequest request, RequestContext context) {
    engine.setTopicAttribute(
        context.scope(), request.topicArn(), request.attributeName(), request.attributeValue());
    return SetTopicAttributesResponse.builder().build();
  }

  private AddPermissionResponse addPermission(
      AddPermissionRequest request, RequestContext context) {
    engine.addPermission(
        context.scope(),
        request.topicArn(),
        request.label(),
        request.awsAccountIds(),
        request.actionNames());
    return AddPermissionResponse.builder().build();
  }

  private RemovePermissionResponse removePermission(
      RemovePermissionRequest request, RequestContext context) {
    engine.removePermission(context.scope(), request.topicArn(), request.label());
    return RemovePermissionResponse.builder().build();
  }

  private TagResourceResponse tagResource(TagResourceRequest request, RequestContext context) {
    SnsTopic topic = engine.taggedTopic(context.scope(), request.resourceArn());
    Map<String, String> added = tags(request.tags());
    synchronized (topic) {
      Map<String, String> all = topic.tags();
      all.putAll(added);
      SnsTagRules.validate(all);
      topic.tag(added);
    }
    return TagResourceResponse.builder().build();
  }

  private UntagResourceResponse untagResource(
      UntagResourceRequest request, RequestContext context) {
    engine.taggedTopic(context.scope(), request.resourceArn()).untag(request.tagKeys());
    return UntagResourceResponse.builder().build();
  }

  private ListTagsForResourceResponse listTagsForResource(
      ListTagsForResourceRequest request, RequestContext context) {
    Map<String, String> tags = engine.taggedTopic(context.scope(), request.resourceArn()).tags();
    return ListTagsForResourceResponse.builder()
        .tags(
            tags.entrySet().stream()
                .map(tag -> Tag.builder().key(tag.getKey()).value(tag.getValue()).build())
                .toList())
        .build();
  }

  private GetDataProtectionPolicyResponse getDataProtectionPolicy(
      GetDataProtectionPolicyRequest request, RequestContext context) {
    SnsTopic topic = engine.topic(context.scope(), request.resourceArn());
    return GetDataProtectionPolicyResponse.builder()
        .dataProtectionPolicy(topic.dataProtectionPolicy())
        .build();
  }

  private PutDataProtectionPolicyResponse putDataProtectionPolicy(
      PutDataProtectionPolicyRequest request, RequestContext context) {
    engine
        .topic(context.scope(), request.resourceArn())
        .dataProtectionPolicy(request.dataProtectionPolicy());
    return PutDataProtectionPolicyResponse.builder().build();
  }

  // ---- subscriptions

  private SubscribeResponse subscribe(SubscribeRequest request, RequestContext context) {
    SnsSubscription subscription =
        engine.subscribe(
            context.scope(),
            request.topicArn(),
            request.protocol(),
            request.endpoint(),
            request.attributes(),
            context.baseUrl());
    boolean returnArn = Boolean.TRUE.equals(request.returnSubscriptionArn());
    return SubscribeResponse.builder()
        .subscriptionArn(
            subscription.pending() && !returnArn ? "pending confirmation" : subscription.arn)
        .build();
  }

  private ConfirmSubscriptionResponse confirmSubscription(
      ConfirmSubscriptionRequest request, RequestContext context) {
    SnsSubscription subscription =
        engine.confirmSubscription(
            request.topicArn(),
            request.token(),
            "true".equalsIgnoreCase(request.authenticateOnUnsubscribe()));
    return ConfirmSubscriptionResponse.builder().subscriptionArn(subscription.arn).build();
  }

  private UnsubscribeResponse unsubscribe(UnsubscribeRequest request, RequestContext context) {
    engine.unsubscribe(request.subscriptionArn(), context.baseUrl());
    return UnsubscribeResponse.builder().build();
  }

  private ListSubscriptionsResponse listSubscriptions(
      ListSubscriptionsRequest request, RequestContext context) {
    Page<SnsSubscription> page =
        page(engine.subscriptions(context.scope()), request.nextToken(), s -> s.arn);
    return ListSubscriptionsResponse.builder()
        .subscriptions(page.items().stream().map(SnsOperations::summary).toList())
        .nextToken(page.nextToken())
        .build();
  }

  private ListSubscriptionsByTopicResponse listSubscriptionsByTopic(
      ListSubscriptionsByTopicRequest request, RequestContext context) {
    SnsTopic topic = engine.topic(context.scope(), request.topicArn());
    Page<SnsSubscription> page = page(topic.subscriptionList(), request.nextToken(), s -> s.arn);
    return ListSubscriptionsByTopicResponse.builder()
        .subscriptions(page.items().stream().map(SnsOperations::summary).toList())
        .nextToken(page.nextToken())
        .build();
  }

  /** A subscription as the list operations show it; a pending one has no ARN yet. */
  private static Subscription summary(SnsSubscription subscription) {
    return Subscription.builder()
        .subscriptionArn(subscription.pending() ? "PendingConfirmation" : subscription.arn)
        .owner(subscription.owner)
        .protocol(subscription.protocol)
        .endpoint(subscription.endpoint)
        .topicArn(subscription.topic.arn)
        .build();
  }

  private GetSubscriptionAttributesResponse subscriptionAttributes(
      GetSubscriptionAttributesRequest request, RequestContext context) {
    return GetSubscriptionAttributesResponse.builder()
        .attributes(engine.subscription(request.subscriptionArn()).attributes())
        .build();
  }

  private SetSubscriptionAttributesResponse setSubscriptionAttributes(
      SetSubscriptionAttributesRequest request, RequestContext context) {
    engine.setSubscriptionAttribute(
        request.subscriptionArn(), request.attributeName(), request.attributeValue());
    return SetSubscriptionAttributesResponse.builder().build();
  }

  // ---- publishing

  private PublishResponse publish(PublishRequest request, RequestContext context) {
    SnsEngine.Outgoing outgoing =
        new SnsEngine.Outgoing(
            request.message(),
            request.subject(),
            request.messageStructure(),
            attributes(request.messageAttributes()),
            request.messageGroupId(),
            request.messageDeduplicationId());
    String target = request.topicArn() != null ? request.topicArn() : request.targetArn();
    if (target == null && request.phoneNumber() == null) {
      throw SnsErrors.invalidParameter(
          "Invalid parameter: TopicArn or TargetArn Reason: no value for required parameter");
    }
    if (target == null) {
      SnsEngine.Published sms = engine.publishSms(request.phoneNumber(), outgoing);
      return PublishResponse.builder().messageId(sms.messageId()).build();
    }
    if (target.contains(":endpoint/")) {
      // Mobile push endpoints need platform applications, which the stack does not have.
      throw SnsErrors.invalidParameter(
          "Invalid parameter: TargetArn Reason: No endpoint found for the target arn specified");
    }
    SnsTopic topic = engine.topic(context.scope(), target);
    Map<String, String> byProtocol = engine.validate(topic, outgoing, "");
    if (SnsPublishRules.size(outgoing.message(), outgoing.attributes())
        > SnsPublishRules.MAX_BYTES) {
      throw SnsErrors.invalidParameter("Invalid parameter: Message too long");
    }
    SnsEngine.Published published = engine.publish(topic, outgoing, byProtocol, context.baseUrl());
    return PublishResponse.builder()
        .messageId(published.messageId())
        .sequenceNumber(published.sequenceNumber())
        .build();
  }

  private PublishBatchResponse publishBatch(PublishBatchRequest request, RequestContext context) {
    SnsTopic topic = engine.topic(context.scope(), request.topicArn());
    List<PublishBatchRequestEntry> entries = request.publishBatchRequestEntries();
    if (entries.isEmpty()) {
      throw AwsErrorException.clientError(
          "EmptyBatchRequest", "The batch request doesn't contain any entries.");
    }
    if (entries.size() > SnsPublishRules.MAX_BATCH_ENTRIES) {
      throw AwsErrorException.clientError(
          "TooManyEntriesInBatchRequest",
          "The batch request contains more entries than permissible.");
    }
    Set<String> ids = new HashSet<>();
    for (PublishBatchRequestEntry entry : entries) {
      String id = entry.id();
      if (id == null) {
        throw SnsErrors.validationError("publishBatchRequestEntries.member.id");
      }
      if (id.length() > 80) {
        throw AwsErrorException.clientError(
            "InvalidBatchEntryId",
            "The Id of a batch entry in the batch request is too long: " + id);
      }
      if (!BATCH_ENTRY_ID.matcher(id).matches()) {
        throw AwsErrorException.clientError(
            "InvalidBatchEntryId",
            "The Id of a batch entry in the batch request contains an impermissible character.");
      }
      if (!ids.add(id)) {
        throw AwsErrorException.clientError(
            "BatchEntryIdsNotDistinct",
            "Two or more batch entries in the request have the same Id.");
      }
    }
    // AWS refuses the whole batch when one entry is malformed, before publishing any.
    List<SnsEngine.Outgoing> outgoing = new ArrayList<>();
    List<Map<String, String>> structured = new ArrayList<>();
    int total = 0;
    for (int i = 0; i < entries.size(); i++) {
      PublishBatchRequestEntry entry = entries.get(i);
      SnsEngine.Outgoing message =
          new SnsEngine.Outgoing(
              entry.message(),
              entry.subject(),
              entry.messageStructure(),
              attributes(entry.messageAttributes()),
              entry.messageGroupId(),
              entry.messageDeduplicationId());
      structured.add(
          engine.validate(topic, message, "publishBatchRequestEntries." + (i + 1) + ".member."));
      outgoing.add(message);
      total += SnsPublishRules.size(message.message(), message.attributes());
    }
    if (total > SnsPublishRules.MAX_BYTES) {
      throw AwsErrorException.clientError(
          "BatchRequestTooLong",
          "The length of all the messages put together is more than the limit.");
    }
    List<PublishBatchResultEntry> successful = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      SnsEngine.Published published =
          engine.publish(topic, outgoing.get(i), structured.get(i), context.baseUrl());
      successful.add(
          PublishBatchResultEntry.builder()
              .id(entries.get(i).id())
              .messageId(published.messageId())
              .sequenceNumber(published.sequenceNumber())
              .build());
    }
    return PublishBatchResponse.builder().successful(successful).failed(List.of()).build();
  }

  private static Map<String, Delivery.Attribute> attributes(
      Map<String, MessageAttributeValue> values) {
    Map<String, Delivery.Attribute> attributes = new LinkedHashMap<>();
    values.forEach(
        (name, value) ->
            attributes.put(
                name,
                new Delivery.Attribute(
                    value.dataType() == null ? "" : value.dataType(),
                    value.stringValue(),
                    value.binaryValue() == null ? null : value.binaryValue().asByteArray())));
    return attributes;
  }

  // ---- paging

  private record Page<T>(List<T> items, String nextToken) {}

  /** One page of {@code all}; the token is the base64 of the last item's key. */
  private static <T> Page<T> page(List<T> all, String nextToken, Function<T, String> key) {
    int start = 0;
    if (nextToken != null && !nextToken.isEmpty()) {
      String after;
      try {
        after = new String(Base64.getDecoder().decode(nextToken), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw SnsErrors.invalidParameter("Invalid parameter: NextToken");
      }
      start = -1;
      for (int i = 0; i < all.size(); i++) {
        if (key.apply(all.get(i)).equals(after)) {
          start = i + 1;
          break;
        }
      }
      if (start < 0) {
        throw SnsErrors.invalidParameter("Invalid parameter: NextToken");
      }
    }
    int end = Math.min(all.size(), start + PAGE_SIZE);
    List<T> items = all.subList(start, end);
    String next =
        end < all.size()
            ? Base64.getEncoder()
                .encodeToString(key.apply(all.get(end - 1)).getBytes(StandardCharsets.UTF_8))
            : null;
    return new Page<>(List.copyOf(items), next);
  }
}
