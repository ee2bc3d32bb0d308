package io.serverlessstack.fake.internal.sqs;

import io.serverlessstack.api.QueueView;
import io.serverlessstack.fake.internal.protocol.AwsErrorException;
import io.serverlessstack.fake.internal.protocol.AwsJsonBinding;
import io.serverlessstack.fake.internal.protocol.AwsQueryBinding;
import io.serverlessstack.fake.internal.server.AwsService;
import io.serverlessstack.fake.internal.server.RequestContext;
import io.serverlessstack.fake.internal.server.ResourceCollection;
import io.serverlessstack.fake.internal.server.StackRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.sqs.model.*;

/**
 * SQS's operations: each decodes an SDK request, calls the {@link SqsEngine} and builds the SDK
 * response. Validation of the request itself (URLs, batches, parameters) lives here; what a message
 * must be lives in {@link SqsMessageRules}, applied by the engine to every send, HTTP or typed;
 * queue semantics live in the engine.
 */
public final class SqsOperations {

  // Constants, so that SqsPlugin's descriptor reads them without loading this class.
  static final String TARGET_PREFIX = "AmazonSQS";
  static final String QUERY_VERSION = "2012-11-05";
  private static final String QUERY_NAMESPACE = "http://queue.amazonaws.com/doc/2012-11-05/";

  /** The path of a queue URL, {@code /{account}/{name}}, which older SDKs post query calls to. */
  private static final Pattern QUEUE_PATH = Pattern.compile("/\\d{12}/[^/]+");

  private static final Pattern BATCH_ENTRY_ID = Pattern.compile("[A-Za-z0-9_-]{1,80}");
  private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9_-]{1,80}");
  private static final Set<String> PERMISSION_ACTIONS =
      Set.of(
          "*",
          "SendMessage",
          "ReceiveMessage",
          "DeleteMessage",
          "ChangeMessageVisibility",
          "GetQueueAttributes",
          "GetQueueUrl",
          "ListDeadLetterSourceQueues",
          "PurgeQueue");
  private static final int MAX_BATCH_BYTES = 1_048_576;

  private final SqsEngine engine;

  private SqsOperations(SqsEngine engine) {
    this.engine = engine;
  }

  /**
   * SQS as the front door serves it: awsJson 1.0, query-compatible (errors also carry the legacy
   * query code), and awsQuery with SQS's own member names; errors are named as AWS names them.
   */
  public static AwsService service(SqsEngine engine) {
    SqsOperations ops = new SqsOperations(engine);
    return AwsService.builder("sqs")
        .engine(engine)
        .resets(engine::reset)
        .closes(engine::reset)
        .declares(SqsPlugin.QUEUE, engine::createQueue)
        .inspects(
            new ResourceCollection("queues", QueueView.TYPE, engine::inspect, engine::inspect))
        .speaks(
            AwsJsonBinding.awsJson1_0(TARGET_PREFIX)
                .withErrorNamespace("com.amazonaws.sqs")
                .queryCompatible())
        .speaks(
            AwsQueryBinding.awsQuery(QUERY_VERSION, QUERY_NAMESPACE)
                .withNaming(new SqsQueryNaming())
                .withParameterDefaults(SqsOperations::queueUrlFromPath))
        .operation("CreateQueue", CreateQueueRequest::builder, ops::createQueue)
        .operation("GetQueueUrl", GetQueueUrlRequest::builder, ops::getQueueUrl)
        .operation("ListQueues", ListQueuesRequest::builder, ops::listQueues)
        .operation("DeleteQueue", DeleteQueueRequest::builder, ops::deleteQueue)
        .operation("GetQueueAttributes", GetQueueAttributesRequest::builder, ops::getAttributes)
        .operation("SetQueueAttributes", SetQueueAttributesRequest::builder, ops::setAttributes)
        .operation("PurgeQueue", PurgeQueueRequest::builder, ops::purgeQueue)
        .operation("TagQueue", TagQueueRequest::builder, ops::tagQueue)
        .operation("UntagQueue", UntagQueueRequest::builder, ops::untagQueue)
        .operation("ListQueueTags", ListQueueTagsRequest::builder, ops::listQueueTags)
        .operation(
            "ListDeadLetterSourceQueues",
            ListDeadLetterSourceQueuesRequest::builder,
            ops::listDeadLetterSourceQueues)
        .operation("AddPermission", AddPermissionRequest::builder, ops::addPermission)
        .operation("RemovePermission", RemovePermissionRequest::builder, ops::removePermission)
        .operation("StartMessageMoveTask", StartMessageMoveTaskRequest::builder, ops::startMoveTask)
        .operation("ListMessageMoveTasks", ListMessageMoveTasksRequest::builder, ops::listMoveTasks)
        .operation(
            "CancelMessageMoveTask", CancelMessageMoveTaskRequest::builder, ops::cancelMoveTask)
        .operation("SendMessage", SendMessageRequest::builder, ops::sendMessage)
        .operation("SendMessageBatch", SendMessageBatchRequest::builder, ops::sendMessageBatch)
        .asyncOperation("ReceiveMessage", ReceiveMessageRequest::builder, ops::receiveMessage)
        .operation("DeleteMessage", DeleteMessageRequest::builder, ops::deleteMessage)
        .operation(
            "DeleteMessageBatch", DeleteMessageBatchRequest::builder, ops::deleteMessageBatch)
        .operation(
            "ChangeMessageVisibility",
            ChangeMessageVisibilityRequest::builder,
            ops::changeVisibility)
        .operation(
            "ChangeMessageVisibilityBatch",
            ChangeMessageVisibilityBatchRequest::builder,
            ops::changeVisibilityBatch)
        .build();
  }

  /** Older SDKs post query calls to the queue URL itself and may leave QueueUrl out of the form. */
  private static void queueUrlFromPath(
      StackRequest request, RequestContext context, Map<String, String> parameters) {
    if (!parameters.containsKey("QueueUrl") && QUEUE_PATH.matcher(request.path()).matches()) {
      parameters.put("QueueUrl", context.baseUrl() + request.path());
    }
  }

  // ---- queues

  private CreateQueueResponse createQueue(CreateQueueRequest request, RequestContext context) {
    String name = required(request.queueName(), "QueueName");
    SqsQueue queue =
        engine.createQueue(
            context.accountId(),
            context.region(),
            name,
            request.attributesAsStrings(),
            request.tags());
    return CreateQueueResponse.builder().queueUrl(url(queue, context)).build();
  }

  private GetQueueUrlResponse getQueueUrl(GetQueueUrlRequest request, RequestContext context) {
    String account =
        request.queueOwnerAWSAccountId() != null
            ? request.queueOwnerAWSAccountId()
            : context.accountId();
    SqsQueue queue =
        engine.queue(account, context.region(), required(request.queueName(), "QueueName"));
    return GetQueueUrlResponse.builder().queueUrl(url(queue, context)).build();
  }

  private ListQueuesResponse listQueues(ListQueuesRequest request, RequestContext context) {
    String prefix = request.queueNamePrefix() == null ? "" : request.queueNamePrefix();
    List<SqsQueue> matching =
        engine.queues(context.scope()).stream()
            .filter(queue -> queue.name.startsWith(prefix))
            .toList();
    Page<SqsQueue> page =
        page(matching, request.maxResults(), request.nextToken(), queue -> queue.name);
    // SQS leaves QueueUrls out when nothing matches.
    return ListQueuesResponse.builder()
        .queueUrls(
            page.items().isEmpty()
                ? null
                : page.items().stream().map(queue -> url(queue, context)).toList())
        .nextToken(page.nextToken())
        .build();
  }

  private DeleteQueueResponse deleteQueue(DeleteQueueRequest request, RequestContext context) {
    engine.deleteQueue(queue(request.queueUrl(), context));
    return DeleteQueueResponse.builder().build();
  }

  private GetQueueAttributesResponse getAttributes(
      GetQueueAttributesRequest request, RequestContext context) {
    SqsQueue queue = queue(request.queueUrl(), context);
    Map<String, String> all = queue.attributes(engine.clock.now());
    Map<String, String> selected = new LinkedHashMap<>();
    for (String name : request.attributeNamesAsStrings()) {
      if (name.equals("All")) {
        selected.putAll(all);
      } else if (all.containsKey(name)) {
        selected.put(name, all.get(name));
      } else if (!isKnownAttribute(name, queue)) {
        throw SqsErrors.invalidAttributeName(name);
      }
    }
    return GetQueueAttributesResponse.builder().attributesWithStrings(selected).build();
  }

  private static boolean isKnownAttribute(String name, SqsQueue queue) {
    return QueueSettings.READ_ONLY.contains(name)
        || Set.of(
                QueueSettings.DELAY_SECONDS,
                QueueSettings.MAXIMUM_MESSAGE_SIZE,
                QueueSettings.MESSAGE_RETENTION_PERIOD,
                QueueSettings.POLICY,
                QueueSettings.RECEIVE_MESSAGE_WAIT_TIME_SECONDS,
                QueueSettings.VISIBILITY_TIMEOUT,
                QueueSettings.REDRIVE_POLICY,
                QueueSettings.REDRIVE_ALLOW_POLICY,
                QueueSettings.KMS_MASTER_KEY_ID,
                QueueSettings.KMS_DATA_KEY_REUSE_PERIOD_SECONDS,
                QueueSettings.SQS_MANAGED_SSE_ENABLED)
            .contains(name)
        || (queue.fifo
            && Set.of(
                    QueueSettings.FIFO_QUEUE,
                    QueueSettings.CONTENT_BASED_DEDUPLICATION,
                    QueueSettings.DEDUPLICATION_SCOPE,
                    QueueSettings.FIFO_THROUGHPUT_LIMIT)
                .contains(name));
  }

  private SetQueueAttributesResponse setAttributes(
      SetQueueAttributesRequest request, RequestContext context) {
    SqsQueue queue = queue(request.queueUrl(), context);
    if (!request.hasAttributes()) {
      throw SqsErrors.missingParameter("Attribute.Name");
    }
    for (String name : request.attributesAsStrings().keySet()) {
      if (QueueSettings.READ_ONLY.contains(name)) {
        throw SqsErrors.invalidAttributeName(name);
      }
    }
    engine.setAttributes(queue, request.attributesAsStrings());
    return SetQueueAttributesResponse.builder().build();
  }

  private PurgeQueueResponse purgeQueue(PurgeQueueRequest request, RequestContext context) {
    engine.purge(queue(request.queueUrl(), context));
    return PurgeQueueResponse.builder().build();
  }

  private TagQueueResponse tagQueue(TagQueueRequest request, RequestContext context) {
    SqsQueue queue = queue(request.queueUrl(), context);
    if (!request.hasTags() || request.tags().isEmpty()) {
      throw SqsErrors.missingParameter("Tags");
    }
    Map<String, String> merged = new LinkedHashMap<>(queue.tags());
    merged.putAll(request.tags());
    if (merged.size() > 50) {
      throw SqsErrors.invalidParameterValue("Too many tags added for queue " + queue.name + ".");
    }
    queue.tag(request.tags());
    return TagQueueResponse.builder().build();
  }

  private UntagQueueResponse untagQueue(UntagQueueRequest request, RequestContext context) {
    SqsQueue queue = queue(request.queueUrl(), context);
    if (!request.hasTagKeys() || request.tagKeys().isEmpty()) {
      throw SqsErrors.missingParameter("TagKeys");
    }
    queue.untag(request.tagKeys());
    return UntagQueueResponse.builder().build();
  }

  private ListQueueTagsResponse listQueueTags(
      ListQueueTagsRequest request, RequestContext context) {
    Map<String, String> tags = queue(request.queueUrl(), context).tags();
    return ListQueueTagsResponse.builder().tags(tags.isEmpty() ? null : tags).build();
  }

  private ListDeadLetterSourceQueuesResponse listDeadLetterSourceQueues(
      ListDeadLetterSourceQueuesRequest request, RequestContext context) {
    SqsQueue queue = queue(request.queueUrl(), context);
    Page<SqsQueue> page =
        page(
            engine.deadLetterSources(queue),
            request.maxResults(),
            request.nextToken(),
            source -> source.name);
    return ListDeadLetterSourceQueuesResponse.builder()
        .queueUrls(page.items().stream().map(source -> url(source, context)).toList())
        .nextToken(page.nextToken())
        .build();
  }

  private AddPermissionResponse addPermission(
      AddPermissionRequest request, RequestContext context) {
    SqsQueue queue = queue(request.queueUrl(), context);
    String label = required(request.label(), "Label");
    if (!LABEL.matcher(label).matches()) {
      throw SqsErrors.invalidParameterValue(
          "Label", label, "Can only include alphanumeric characters, hyphens, or underscores.");
    }
    if (!request.hasAwsAccountIds() || request.awsAccountIds().isEmpty()) {
      throw SqsErrors.missingParameter("AWSAccountId");
    }
    if (!request.hasActions() || request.actions().isEmpty()) {
      throw SqsErrors.missingParameter("ActionName");
    }
    for (String action : request.actions()) {
      if (!PERMISSION_ACTIONS.contains(action)) {
        throw SqsErrors.invalidParameterValue(
            "ActionName", action, "Only the queue owner is allowed to invoke this action.");
      }
    }
    queue.addPermission(label, request.awsAccountIds(), request.actions());
    return AddPermissionResponse.builder().build();
  }

  private RemovePermissionResponse removePermission(
      RemovePermissionRequest request, RequestContext context) {
    queue(request.queueUrl(), context).removePermission(required(request.label(), "Label"));
    return RemovePermissionResponse.builder().build();
  }

  private StartMessageMoveTaskResponse startMoveTask(
      StartMessageMoveTaskRequest request, RequestContext context) {
    SqsEngine.MoveTask task =
        engine.startMoveTask(
            required(request.sourceArn(), "SourceArn"),
            request.destinationArn(),
            request.maxNumberOfMessagesPerSecond());
    return StartMessageMoveTaskResponse.builder().taskHandle(task.handle()).build();
  }

  private ListMessageMoveTasksResponse listMoveTasks(
      ListMessageMoveTasksRequest request, RequestContext context) {
    int max = request.maxResults() == null ? 1 : request.maxResults();
    if (max < 1 || max > 10) {
      throw SqsErrors.invalidParameterValue(
          "MaxResults", max, "Must be between 1 and 10, if provided.");
    }
    List<ListMessageMoveTasksResultEntry> entries =
        engine.moveTasks(required(request.sourceArn(), "SourceArn"), max).stream()
            .map(
                task ->
                    ListMessageMoveTasksResultEntry.builder()
                        .taskHandle(task.status().equals("RUNNING") ? task.handle() : null)
                        .status(task.status())
                        .sourceArn(task.sourceArn())
                        .destinationArn(task.destinationArn())
                        .maxNumberOfMessagesPerSecond(task.maxPerSecond())
                        .approximateNumberOfMessagesMoved(task.moved())
                        .approximateNumberOfMessagesToMove(task.toMove())
                        .failureReason(task.failureReason())
                        .startedTimestamp(task.startedAt().toEpochMilli())
                        .build())
            .toList();
    return ListMessageMoveTasksResponse.builder().results(entries).build();
  }

  private CancelMessageMoveTaskResponse cancelMoveTask(
      CancelMessageMoveTaskRequest request, RequestContext context) {
    SqsEngine.MoveTask task = engine.cancelMoveTask(required(request.taskHandle(), "TaskHandle"));
    return CancelMessageMoveTaskResponse.builder()
        .approximateNumberOfMessagesMoved(task.moved())
        .build();
  }

  // ---- sending

  private SendMessageResponse sendMessage(SendMessageRequest request, RequestContext context) {
    SqsQueue queue = queue(request.queueUrl(), context);
    SqsQueue.Sent sent =
        engine.send(
            queue,
            new SqsQueue.Outgoing(
                request.messageBody(),
                request.messageAttributes(),
                request.messageSystemAttributesAsStrings(),
                request.messageGroupId(),
                request.messageDeduplicationId(),
                request.delaySeconds(),
                context.accountId()));
    SqsMessage message = sent.message();
    return SendMessageResponse.builder()
        .messageId(message.messageId)
        .md5OfMessageBody(sent.bodyMd5())
        .md5OfMessageAttributes(sent.attributesMd5())
        .md5OfMessageSystemAttributes(sent.systemAttributesMd5())
        .sequenceNumber(message.sequenceNumber)
        .build();
  }

  /** A FIFO batch fails as a whole when an entry lacks its group or deduplication id. */
  private static void checkFifoBatch(SqsQueue queue, List<SendMessageBatchRequestEntry> entries) {
    if (!queue.fifo) {
      return;
    }
    for (SendMessageBatchRequestEntry entry : entries) {
      if (entry.messageGroupId() == null) {
        throw SqsErrors.invalidParameterValue(
            "The request must contain the parameter MessageGroupId.");
      }
      SqsMessageRules.checkDeduplicationId(queue, entry.messageDeduplicationId());
    }
  }

  private SendMessageBatchResponse sendMessageBatch(
      SendMessageBatchRequest request, RequestContext context) {
    SqsQueue queue = queue(request.queueUrl(), context);
    List<SendMessageBatchRequestEntry> entries =
        checkBatch(
            request.entries(), "SendMessageBatchRequestEntry", SendMessageBatchRequestEntry::id);
    long total = 0;
    for (SendMessageBatchRequestEntry entry : entries) {
      total += SqsMessageRules.messageSize(entry.messageBody(), entry.messageAttributes());
    }
    if (total > MAX_BATCH_BYTES) {
      throw SqsErrors.batchRequestTooLong(total);
    }
    checkFifoBatch(queue, entries);
    List<SendMessageBatchResultEntry> successful = new ArrayList<>();
    List<BatchResultErrorEntry> failed = new ArrayList<>();
    for (SendMessageBatchRequestEntry entry : entries) {
      try {
        SqsQueue.Sent sent =
            engine.send(
                queue,
                new SqsQueue.Outgoing(
                    entry.messageBody(),
                    entry.messageAttributes(),
                    entry.messageSystemAttributesAsStrings(),
                    entry.messageGroupId(),
                    entry.messageDeduplicationId(),
                    entry.delaySeconds(),
                    context.accountId()));
        successful.add(
            SendMessageBatchResultEntry.builder()
                .id(entry.id())
                .messageId(sent.message().messageId)
                .md5OfMessageBody(sent.bodyMd5())
                .md5OfMessageAttributes(sent.attributesMd5())
                .md5OfMessageSystemAttributes(sent.systemAttributesMd5())
                .sequenceNumber(sent.message().sequenceNumber)
                .build());
      } catch (AwsErrorException error) {
        failed.add(failure(entry.id(), error));
      }
    }
    return SendMessageBatchResponse.builder().successful(successful).failed(failed).build();
  }

  // ---- receiving, deleting, visibility

  @SuppressWarnings("deprecation") // clients still send the legacy AttributeNames member
  private CompletionStage<ReceiveMessageResponse> receiveMessage(
      ReceiveMessageRequest request, RequestContext context) {
    SqsQueue queue = queue(request.queueUrl(), context);
    QueueSettings settings = queue.settings();
    int max = request.maxNumberOfMessages() == null ? 1 : request.maxNumberOfMessages();
    if (max < 1 || max > 10) {
      throw SqsErrors.invalidParameterValue(
          "MaxNumberOfMessages", max, "Must be between 1 and 10, if provided.");
    }
    int visibility =
        request.visibilityTimeout() == null
            ? settings.getInt(QueueSettings.VISIBILITY_TIMEOUT)
            : request.visibilityTimeout();
    if (visibility < 0 || visibility > 43_200) {
      throw SqsErrors.invalidParameterValue(
          "VisibilityTimeout", visibility, "Must be >= 0 and <= 43200, if provided.");
    }
    int wait =
        request.waitTimeSeconds() == null
            ? settings.getInt(QueueSettings.RECEIVE_MESSAGE_WAIT_TIME_SECONDS)
            : request.waitTimeSeconds();
    if (wait < 0 || wait > 20) {
      throw SqsErrors.invalidParameterValue(
          "WaitTimeSeconds", wait, "Must be >= 0 and <= 20, if provided.");
    }
    String attemptId = request.receiveRequestAttemptId();
    if (attemptId != null && !SqsMessageRules.GROUP_OR_DEDUP_ID.matcher(attemptId).matches()) {
      throw SqsErrors.invalidParameterValue(
          "ReceiveRequestAttemptId",
          attemptId,
          "Must be 1 to 128 alphanumeric or punctuation characters.");
    }
    Set<String> systemNames = new HashSet<>(request.attributeNamesAsStrings());
    systemNames.addAll(request.messageSystemAttributeNamesAsStrings());
    List<String> attributeNames = request.messageAttributeNames();
    CompletableFuture<List<SqsMessage.Delivery>> received =
        queue.receive(
            new SqsQueue.ReceiveRequest(max, visibility, attemptId), wait, engine.clock.now());
    if (!received.isDone()) {
      // A long poll: until a message comes or its wait ends, the request runs nothing.
      context
          .inFlight()
          .park("ReceiveMessage on queue " + queue.name + " (WaitTimeSeconds=" + wait + ")");
    }
    return received.thenApply(
        deliveries ->
            // SQS leaves Messages out of an empty answer.
            ReceiveMessageResponse.builder()
                .messages(
                    deliveries.isEmpty()
                        ? null
                        : deliveries.stream()
                            .map(delivery -> delivery.toMessage(systemNames, attributeNames))
                            .toList())
                .build());
  }

  private DeleteMessageResponse deleteMessage(
      DeleteMessageRequest request, RequestContext context) {
    SqsQueue queue = queue(request.queueUrl(), context);
    queue.delete(required(request.receiptHandle(), "ReceiptHandle"), engine.clock.now());
    return DeleteMessageResponse.builder().build();
  }

  private DeleteMessageBatchResponse deleteMessageBatch(
      DeleteMessageBatchRequest request, RequestContext context) {
    SqsQueue queue = queue(request.queueUrl(), context);
    List<DeleteMessageBatchResultEntry> successful = new ArrayList<>();
    List<BatchResultErrorEntry> failed = new ArrayList<>();
    for (DeleteMessageBatchRequestEntry entry :
        checkBatch(
            request.entries(),
            "DeleteMessageBatchRequestEntry",
            DeleteMessageBatchRequestEntry::id)) {
      try {
        queue.delete(required(entry.receiptHandle(), "ReceiptHandle"), engine.clock.now());
        successful.add(DeleteMessageBatchResultEntry.builder().id(entry.id()).build());
      } catch (AwsErrorException error) {
        failed.add(failure(entry.id(), error));
      }
    }
    return DeleteMessageBatchResponse.builder().successful(successful).failed(failed).build();
  }

  private ChangeMessageVisibilityResponse changeVisibility(
      ChangeMessageVisibilityRequest request, RequestContext context) {
    SqsQueue queue = queue(request.queueUrl(), context);
    changeOneVisibility(queue, request.receiptHandle(), request.visibilityTimeout());
    return ChangeMessageVisibilityResponse.builder().build();
  }

  private void changeOneVisibility(SqsQueue queue, String receiptHandle, Integer timeout) {
    required(receiptHandle, "ReceiptHandle");
    if (timeout == null) {
      throw SqsErrors.missingParameter("VisibilityTimeout");
    }
    if (timeout < 0 || timeout > 43_200) {
      throw SqsErrors.invalidParameterValue(
          "VisibilityTimeout", timeout, "Must be >= 0 and <= 43200.");
    }
    queue.changeVisibility(receiptHandle, timeout, engine.clock.now());
  }

  private ChangeMessageVisibilityBatchResponse changeVisibilityBatch(
      ChangeMessageVisibilityBatchRequest request, RequestContext context) {
    SqsQueue queue = queue(request.queueUrl(), context);
    List<ChangeMessageVisibilityBatchResultEntry> successful = new ArrayList<>();
    List<BatchResultErrorEntry> failed = new ArrayList<>();
    for (ChangeMessageVisibilityBatchRequestEntry entry :
        checkBatch(
            request.entries(),
            "ChangeMessageVisibilityBatchRequestEntry",
            ChangeMessageVisibilityBatchRequestEntry::id)) {
      try {
        changeOneVisibility(queue, entry.receiptHandle(), entry.visibilityTimeout());
        successful.add(ChangeMessageVisibilityBatchResultEntry.builder().id(entry.id()).build());
      } catch (AwsErrorException error) {
        failed.add(failure(entry.id(), error));
      }
    }
    return ChangeMessageVisibilityBatchResponse.builder()
        .successful(successful)
        .failed(failed)
        .build();
  }

  // ---- shared helpers

  private static <E> List<E> checkBatch(List<E> entries, String entryName, Function<E, String> id) {
    if (entries == null || entries.isEmpty()) {
      throw SqsErrors.emptyBatchRequest(entryName);
    }
    if (entries.size() > 10) {
      throw SqsErrors.tooManyEntriesInBatchRequest(entries.size());
    }
    Set<String> seen = new HashSet<>();
    for (E entry : entries) {
      String entryId = id.apply(entry);
      if (entryId == null || !BATCH_ENTRY_ID.matcher(entryId).matches()) {
        throw SqsErrors.invalidBatchEntryId();
      }
      if (!seen.add(entryId)) {
        throw SqsErrors.batchEntryIdsNotDistinct(entryId);
      }
    }
    return entries;
  }

  private static BatchResultErrorEntry failure(String id, AwsErrorException error) {
    return BatchResultErrorEntry.builder()
        .id(id)
        .senderFault(error.senderFault())
        .code(error.queryCode())
        .message(error.getMessage())
        .build();
  }

  /** The queue a URL names by its last two path segments, {@code /{account}/{name}}. */
  private SqsQueue queue(String queueUrl, RequestContext context) {
    required(queueUrl, "QueueUrl");
    // Parsed by hand: this runs on every message operation, and URI or regex parsing showed up
    // as a large share of SendMessage's time.
    int end = queueUrl.indexOf('?');
    end = end < 0 ? queueUrl.length() : end;
    int nameStart = queueUrl.lastIndexOf('/', end - 1) + 1;
    int accountStart = nameStart < 2 ? -1 : queueUrl.lastIndexOf('/', nameStart - 2) + 1;
    if (accountStart <= 0 || nameStart >= end || nameStart - 1 - accountStart != 12) {
      throw SqsErrors.invalidAddress(queueUrl);
    }
    for (int i = accountStart; i < nameStart - 1; i++) {
      if (queueUrl.charAt(i) < '0' || queueUrl.charAt(i) > '9') {
        throw SqsErrors.invalidAddress(queueUrl);
      }
    }
    return engine.queue(
        queueUrl.substring(accountStart, nameStart - 1),
        context.region(),
        queueUrl.substring(nameStart, end));
  }

  private static String url(SqsQueue queue, RequestContext context) {
    return context.baseUrl() + "/" + queue.accountId + "/" + queue.name;
  }

  private static String required(String value, String name) {
    if (value == null) {
      throw SqsErrors.missingParameter(name);
    }
    return value;
  }

  private record Page<T>(List<T> items, String nextToken) {}

  /** A page of name-sorted items; the token is the last name returned, opaque to clients. */
  private static <T> Page<T> page(
      List<T> items, Integer maxResults, String nextToken, Function<T, String> name) {
    if (maxResults != null && (maxResults < 1 || maxResults > 1000)) {
      throw SqsErrors.invalidParameterValue(
          "MaxResults", maxResults, "MaxResults must be an integer between 1 and 1000.");
    }
    if (nextToken != null && maxResults == null) {
      throw SqsErrors.invalidParameterValue(
          "MaxResults is a mandatory parameter when you provide a value for NextToken.");
    }
    String after = null;
    if (nextToken != null) {
      try {
        after = new String(Base64.getUrlDecoder().decode(nextToken), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw SqsErrors.invalidParameterValue("Invalid NextToken value.");
      }
    }
    List<T> remaining = new ArrayList<>();
    for (T item : items) {
      if (after == null || name.apply(item).compareTo(after) > 0) {
        remaining.add(item);
      }
    }
    int limit = maxResults == null ? 1000 : maxResults;
    if (remaining.size() <= limit) {
      return new Page<>(remaining, null);
    }
    List<T> page = remaining.subList(0, limit);
    String token =
        maxResults == null
            ? null
            : Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(name.apply(page.get(limit - 1)).getBytes(StandardCharsets.UTF_8));
    return new Page<>(page, token);
  }
}
