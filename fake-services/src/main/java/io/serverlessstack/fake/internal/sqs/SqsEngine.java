package io.serverlessstack.fake.internal.sqs;

import io.serverlessstack.api.MessageState;
import io.serverlessstack.api.MessageView;
import io.serverlessstack.api.QueueView;
import io.serverlessstack.api.SqsEvents;
import io.serverlessstack.api.SqsEvents.Details;
import io.serverlessstack.fake.internal.clock.StackClock;
import io.serverlessstack.fake.internal.delivery.Delivery;
import io.serverlessstack.fake.internal.delivery.DeliveryBus;
import io.serverlessstack.fake.internal.journal.Journal;
import io.serverlessstack.fake.internal.server.Arn;
import io.serverlessstack.fake.internal.server.Ids;
import io.serverlessstack.fake.internal.server.Scope;
import io.serverlessstack.fake.internal.server.ScopedResources;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * The SQS engine: every queue of every account and region, and what happens between queues
 * (dead-lettering, message move tasks). Protocol-agnostic and thread-safe; time comes only from the
 * stack's clock, and everything observable goes to the journal.
 */
public final class SqsEngine {

  static final String SERVICE = SqsEvents.SERVICE;
  private static final Pattern QUEUE_NAME = Pattern.compile("[A-Za-z0-9_-]{1,80}");
  private static final Pattern FIFO_QUEUE_NAME = Pattern.compile("[A-Za-z0-9_-]{1,75}\\.fifo");

  /** What a consumer inside the stack receives: every system and every message attribute. */
  private static final Set<String> ALL_SYSTEM_ATTRIBUTES = Set.of("All");

  private static final List<String> ALL_MESSAGE_ATTRIBUTES = List.of("All");

  final StackClock clock;
  final Journal journal;
  private final DeliveryBus bus;
  private final ScopedResources<SqsQueue> queues = new ScopedResources<>(SERVICE, "");
  private final Map<ScopedResources.Key, Instant> deletedAt = new ConcurrentHashMap<>();
  private final Map<String, MoveTask> moveTasks = new LinkedHashMap<>();
  private final Map<String, StackClock.Scheduled> scheduledMoves = new HashMap<>();

  public SqsEngine(StackClock clock, Journal journal) {
    this(clock, journal, null);
  }

  /**
   * An engine that registers each of its queues on {@code bus} under the queue's ARN, so that the
   * stack's other services can deliver to it; {@code bus} may be {@code null}.
   */
  public SqsEngine(StackClock clock, Journal journal, DeliveryBus bus) {
    this.clock = clock;
    this.journal = journal;
    this.bus = bus;
  }

  // ---- queues

  SqsQueue createQueue(
      String accountId,
      String region,
      String name,
      Map<String, String> attributes,
      Map<String, String> tags) {
    boolean fifo = name.endsWith(".fifo");
    if (!(fifo ? FIFO_QUEUE_NAME : QUEUE_NAME).matcher(name).matches()) {
      throw SqsErrors.invalidParameterValue(
          fifo
              ? "The name of a FIFO queue can only include alphanumeric characters, hyphens, or"
                  + " underscores, must end with .fifo suffix and be 1 to 80 in length."
              : "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in"
                  + " length");
    }
    if (!fifo && "true".equalsIgnoreCase(attributes.get(QueueSettings.FIFO_QUEUE))) {
      throw SqsErrors.invalidParameterValue(
          "The name of a FIFO queue can only include alphanumeric characters, hyphens, or"
              + " underscores, must end with .fifo suffix and be 1 to 80 in length.");
    }
    if (fifo && !attributes.containsKey(QueueSettings.FIFO_QUEUE)) {
      throw SqsErrors.invalidParameterValue(
          "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length");
    }
    ScopedResources.Key key = new ScopedResources.Key(accountId, region, name);
    Instant now = clock.now();
    synchronized (queues) {
      SqsQueue existing = queues.get(key);
      if (existing != null) {
        String differing = existing.settings().differingAttribute(attributes);
        if (differing != null) {
          throw SqsErrors.queueNameExists(differing);
        }
        return existing;
      }
      Instant deleted = deletedAt.get(key);
      if (deleted != null && deleted.plusSeconds(60).isAfter(now)) {
        throw SqsErrors.queueDeletedRecently();
      }
      QueueSettings settings = QueueSettings.defaults(fifo).with(attributes, true);
      SqsQueue queue = new SqsQueue(this, accountId, region, name, settings, now);
      checkRedrivePolicy(queue, settings);
      queue.tag(tags);
      queues.putIfAbsent(key, queue);
      if (bus != null) {
        bus.register(
            queue.arn,
            fifo ? DeliveryBus.Ordering.ORDERED : DeliveryBus.Ordering.CONCURRENT,
            queue.deliveryTarget);
      }
      journal.append(
          SERVICE, SqsEvents.QUEUE_CREATED, name, queue.arn, Map.of(Details.ARN, queue.arn));
      return queue;
    }
  }

  /**
   * Creates a queue in the default account and region, as CreateQueue would, for resources a stack
   * starts with.
   */
  public void createQueue(String name, Map<String, String> attributes) {
    createQueue(Scope.DEFAULT.accountId(), Scope.DEFAULT.region(), name, attributes, Map.of());
  }

  SqsQueue queue(String accountId, String region, String name) {
    SqsQueue queue = queues.get(new ScopedResources.Key(accountId, region, name));
    if (queue == null) {
      throw SqsErrors.queueDoesNotExist();
    }
    return queue;
  }

  /** The queue an ARN names, in the ARN's own account and region, or {@code null}. */
  SqsQueue queueByArn(String arn) {
    return queues.byArn(arn);
  }

  /** The ARN of the queue {@code name} in {@code accountId} and {@code region}. */
  static String arn(String accountId, String region, String name) {
    return Arn.of(SERVICE, new Scope(accountId, region), name).toString();
  }

  void setAttributes(SqsQueue queue, Map<String, String> attributes) {
    // Checked outside the queue's lock (the check reads other queues), then swapped in only if
    // nothing changed the settings meanwhile, so that a concurrent change is never lost.
    QueueSettings current;
    QueueSettings next;
    do {
      current = queue.settings();
      next = current.with(attributes, false);
      checkRedrivePolicy(queue, next);
    } while (!queue.replaceSettings(current, next, clock.now()));
    journal.append(SERVICE, SqsEvents.QUEUE_ATTRIBUTES_CHANGED, queue.name, queue.arn, attributes);
  }

  private void checkRedrivePolicy(SqsQueue source, QueueSettings settings) {
    QueueSettings.RedrivePolicy policy = settings.redrivePolicy();
    if (policy == null) {
      return;
    }
    String value = settings.get(QueueSettings.REDRIVE_POLICY);
    SqsQueue target = queueByArn(policy.deadLetterTargetArn());
    // A dead-letter queue must be in the source's account and region (AWS's SQS developer guide);
    // AWS looks the target up there only, so one elsewhere is a target that does not exist.
    if (target == null
        || target == source
        || !target.accountId.equals(source.accountId)
        || !target.region.equals(source.region)) {
      throw SqsErrors.invalidParameterValue(
          QueueSettings.REDRIVE_POLICY, value, "Dead letter target does not exist.");
    }
    if (target.fifo != source.fifo) {
      throw SqsErrors.invalidParameterValue(
          QueueSettings.REDRIVE_POLICY,
          value,
          "Dead-letter queue must be same type of queue as the source.");
    }
    if (!target.settings().redriveAllowPolicy().allows(source.arn)) {
      throw SqsErrors.invalidParameterValue(
          QueueSettings.REDRIVE_POLICY,
          value,
          "Queue " + target.arn + " does not allow " + source.arn + " as a dead-letter source.");
    }
  }

  void deleteQueue(SqsQueue queue) {
    ScopedResources.Key key = new ScopedResources.Key(queue.accountId, queue.region, queue.name);
    synchronized (queues) {
      if (queues.remove(key, queue)) {
        unregister(queue);
        deletedAt.put(key, clock.now());
        journal.append(
            SERVICE,
            SqsEvents.QUEUE_DELETED,
            queue.name,
            queue.arn,
            Map.of(Details.ARN, queue.arn));
      }
    }
    queue.close();
  }

  void purge(SqsQueue queue) {
    queue.purge(clock.now());
    journal.append(SERVICE, SqsEvents.QUEUE_PURGED, queue.name, queue.arn, Map.of());
  }

  /** The queues of one account and region, by name. */
  List<SqsQueue> queues(Scope scope) {
    return queues.in(scope);
  }

  /** Every queue of every account and region. */
  List<SqsQueue> allQueues() {
    return queues.all();
  }

  /** The queues whose redrive policy names {@code deadLetterQueue}. */
  List<SqsQueue> deadLetterSources(SqsQueue deadLetterQueue) {
    return queues(new Scope(deadLetterQueue.accountId, deadLetterQueue.region)).stream()
        .filter(
            queue -> {
              QueueSettings.RedrivePolicy policy = queue.settings().redrivePolicy();
              return policy != null && policy.deadLetterTargetArn().equals(deadLetterQueue.arn);
            })
        .toList();
  }

  /** Forgets every queue and task; long polls in progress end empty. */
  public void reset() {
    List<SqsQueue> closing;
    synchronized (queues) {
      closing = queues.clear();
      closing.forEach(this::unregister);
      deletedAt.clear();
    }
    synchronized (moveTasks) {
      scheduledMoves.values().forEach(StackClock.Scheduled::cancel);
      scheduledMoves.clear();
      moveTasks.clear();
    }
    closing.forEach(SqsQueue::close);
  }

  // ---- sending

  /**
   * Sends a message as SendMessage does, with the same checks, errors and journal events, for the
   * stack's other services (SNS subscriptions, API Gateway and Step Functions integrations, the
   * delivery bus): no HTTP involved.
   *
   * @param accountId the sender's account, which is also where a queue given by name lives
   * @param region where a queue given by name lives
   * @param queue the queue's name, or its ARN (which names its own account and region)
   * @param attributes message attributes, validated as SendMessage validates them
   * @param groupId the message group (FIFO queues), or {@code null}
   * @param deduplicationId the deduplication id (FIFO queues), or {@code null}
   * @param delaySeconds the delay (standard queues), or {@code null} for the queue's own
   * @return the message id (of the message already sent, when FIFO deduplication swallowed this
   *     one)
   * @throws io.serverlessstack.fake.internal.protocol.AwsErrorException as SendMessage would answer
   */
  public String sendMessage(
      String accountId,
      String region,
      String queue,
      String body,
      Map<String, MessageAttributeValue> attributes,
      String groupId,
      String deduplicationId,
      Integer delaySeconds) {
    Objects.requireNonNull(queue, "queue");
    SqsQueue target;
    if (queue.startsWith("arn:")) {
      target = existingQueue(queue);
    } else {
      target = queue(accountId, region, queue);
    }
    return send(
            target,
            new SqsQueue.Outgoing(
                body,
                attributes == null ? Map.of() : attributes,
                Map.of(),
                groupId,
                deduplicationId,
                delaySeconds,
                accountId))
        .message()
        .messageId;
  }

  /**
   * Validates, sends and journals one message: the one path of SendMessage, SendMessageBatch and
   * {@link #sendMessage}.
   */
  SqsQueue.Sent send(SqsQueue queue, SqsQueue.Outgoing outgoing) {
    SqsMessageRules.validate(queue, outgoing);
    SqsQueue.Sent sent = queue.send(outgoing, clock.now());
    Map<String, String> details = new LinkedHashMap<>();
    if (outgoing.delaySeconds() != null) {
      details.put(Details.DELAY_SECONDS, String.valueOf(outgoing.delaySeconds()));
    }
    outgoing
        .attributes()
        .forEach(
            (name, value) ->
                details.put(Details.ATTRIBUTE_PREFIX + name, SqsMessageRules.attributeText(value)));
    journalMessage(
        queue,
        sent.duplicate() ? SqsEvents.MESSAGE_DEDUPLICATED : SqsEvents.MESSAGE_SENT,
        sent.message(),
        details);
    return sent;
  }

  // ---- the delivery bus

  private void unregister(SqsQueue queue) {
    if (bus != null) {
      bus.unregister(queue.arn, queue.deliveryTarget);
    }
  }

  /**
   * What a queue does with a delivery from the bus: sends it as a message from the delivery's
   * source account (the queue's own when the source names none), as {@link #sendMessage} would.
   */
  String deliver(SqsQueue queue, Delivery delivery) {
    String sender = accountOf(delivery.sourceArn());
    Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
    delivery
        .attributes()
        .forEach(
            (name, value) ->
                attributes.put(
                    name,
                    MessageAttributeValue.builder()
                        .dataType(value.dataType())
                        .stringValue(value.stringValue())
                        .binaryValue(
                            value.binaryValue() == null
                                ? null
                                : SdkBytes.fromByteArrayUnsafe(value.binaryValue()))
                        .build()));
    return send(
            queue,
            new SqsQueue.Outgoing(
                delivery.body(),
                attributes,
                Map.of(),
                delivery.groupId(),
                delivery.deduplicationId(),
                null,
                sender == null ? queue.accountId : sender))
        .message()
        .messageId;
  }

  private static String accountOf(String arn) {
    return Arn.parse(arn).map(Arn::accountId).filter(id -> !id.isEmpty()).orElse(null);
  }

  // ---- consumers inside the stack

  /** What a consumer inside the stack checks of the queue it reads. */
  public record SourceQueue(boolean fifo, int visibilityTimeoutSeconds) {}

  /**
   * The queue {@code queueArn} names, for consumers inside the stack (Lambda's event source
   * mappings).
   *
   * @throws io.serverlessstack.fake.internal.protocol.AwsErrorException {@code QueueDoesNotExist}
   */
  public SourceQueue sourceQueue(String queueArn) {
    SqsQueue queue = existingQueue(queueArn);
    return new SourceQueue(queue.fifo, queue.settings().getInt(QueueSettings.VISIBILITY_TIMEOUT));
  }

  /**
   * Receives up to {@code maxMessages} messages at once (no long poll), hidden for the queue's own
   * visibility timeout, as ReceiveMessage asking for every attribute would, with the same journal
   * events and dead-lettering: for consumers inside the stack.
   *
   * @return the messages as ReceiveMessage answers them; none when nothing is visible
   * @throws io.serverlessstack.fake.internal.protocol.AwsErrorException as ReceiveMessage would
   *     ({@code QueueDoesNotExist}, {@code OverLimit})
   */
  public List<Message> receiveMessages(String queueArn, int maxMessages) {
    SqsQueue queue = existingQueue(queueArn);
    int visibility = queue.settings().getInt(QueueSettings.VISIBILITY_TIMEOUT);
    // Without a wait the receive is answered before it returns: join() never blocks.
    return queue
        .receive(new SqsQueue.ReceiveRequest(maxMessages, visibility, null), 0, clock.now())
        .join()
        .stream()
        .map(delivery -> delivery.toMessage(ALL_SYSTEM_ATTRIBUTES, ALL_MESSAGE_ATTRIBUTES))
        .toList();
  }

  /**
   * Deletes a received message as DeleteMessage does, for consumers inside the stack.
   *
   * @throws io.serverlessstack.fake.internal.protocol.AwsErrorException as DeleteMessage would
   */
  public void deleteMessage(String queueArn, String receiptHandle) {
    existingQueue(queueArn).delete(receiptHandle, clock.now());
  }

  private SqsQueue existingQueue(String queueArn) {
    SqsQueue queue = queueByArn(queueArn);
    if (queue == null) {
      throw SqsErrors.queueDoesNotExist();
    }
    return queue;
  }

  // ---- messages between queues

  void moveToDeadLetterQueue(SqsQueue source, SqsQueue target, List<SqsMessage> messages) {
    Instant now = clock.now();
    for (SqsMessage message : messages) {
      target.accept(message.deadLettered(target.nextSequenceNumberFor(), source.arn), now);
      journalMessage(
          source,
          SqsEvents.MESSAGE_MOVED_TO_DEAD_LETTER_QUEUE,
          message,
          Map.of(
              Details.DEAD_LETTER_QUEUE, target.name,
              Details.DEAD_LETTER_QUEUE_ARN, target.arn,
              Details.RECEIVE_COUNT, String.valueOf(message.receiveCount)));
    }
  }

  void journalMessage(SqsQueue queue, String type, SqsMessage message, Map<String, String> extra) {
    // Built straight into an immutable map, which the event then keeps without copying.
    List<Map.Entry<String, String>> details = new ArrayList<>(5 + extra.size());
    details.add(Map.entry(Details.MESSAGE_ID, message.messageId));
    details.add(Map.entry(Details.BODY, message.body));
    if (message.groupId != null) {
      details.add(Map.entry(Details.MESSAGE_GROUP_ID, message.groupId));
    }
    if (message.sequenceNumber != null) {
      details.add(Map.entry(Details.SEQUENCE_NUMBER, message.sequenceNumber));
    }
    if (message.deduplicationId != null) {
      details.add(Map.entry(Details.MESSAGE_DEDUPLICATION_ID, message.deduplicationId));
    }
    details.addAll(extra.entrySet());
    @SuppressWarnings({"unchecked", "rawtypes"}) // a generic array can only be made raw
    Map.Entry<String, String>[] entries = details.toArray(new Map.Entry[0]);
    journal.append(SERVICE, type, queue.name, queue.arn, Map.ofEntries(entries));
  }

  // ---- inspection

  /** A snapshot of every queue and its messages; URLs point at {@code baseUrl}. */
  public List<QueueView> inspect(String baseUrl) {
    Instant now = clock.now();
    List<QueueView> views = new ArrayList<>();
    for (SqsQueue queue : allQueues()) {
      views.add(view(queue, baseUrl, now));
    }
    return views;
  }

  /**
   * A snapshot of the queue with this name, URL or ARN (the first by account and region if names
   * repeat), without looking at any other queue's messages; URLs point at {@code baseUrl}.
   */
  public Optional<QueueView> inspect(String baseUrl, String nameUrlOrArn) {
    SqsQueue found = queueByArn(nameUrlOrArn);
    if (found == null) {
      String name =
          nameUrlOrArn.substring(
              Math.max(nameUrlOrArn.lastIndexOf('/'), nameUrlOrArn.lastIndexOf(':')) + 1);
      found =
          allQueues().stream()
              .filter(
                  queue ->
                      queue.name.equals(nameUrlOrArn)
                          || (queue.name.equals(name)
                              && nameUrlOrArn.endsWith("/" + queue.accountId + "/" + name)))
              .findFirst()
              .orElse(null);
    }
    return found == null ? Optional.empty() : Optional.of(view(found, baseUrl, clock.now()));
  }

  private static QueueView view(SqsQueue queue, String baseUrl, Instant now) {
    List<MessageView> messages = new ArrayList<>();
    for (SqsQueue.MessageSnapshot snapshot : queue.snapshot(now)) {
      SqsMessage message = snapshot.message();
      Map<String, String> attributes = new LinkedHashMap<>();
      message.attributes.forEach(
          (name, value) -> attributes.put(name, SqsMessageRules.attributeText(value)));
      messages.add(
          new MessageView(
              message.messageId,
              message.body,
              MessageState.valueOf(snapshot.state().name()),
              attributes,
              message.groupId,
              message.deduplicationId,
              message.sequenceNumber,
              snapshot.receiveCount(),
              message.sentAt,
              snapshot.visibleAt()));
    }
    return new QueueView(
        queue.name,
        baseUrl + "/" + queue.accountId + "/" + queue.name,
        queue.arn,
        queue.accountId,
        queue.region,
        queue.fifo,
        queue.attributes(now),
        messages);
  }

  // ---- message move tasks

  /** One StartMessageMoveTask and its outcome. */
  record MoveTask(
      String handle,
      String sourceArn,
      String destinationArn,
      Integer maxPerSecond,
      String status,
      long moved,
      long toMove,
      Instant startedAt,
      String failureReason) {

    MoveTask ended(String nextStatus, long nextMoved, String reason) {
      return new MoveTask(
          handle,
          sourceArn,
          destinationArn,
          maxPerSecond,
          nextStatus,
          nextMoved,
          toMove,
          startedAt,
          reason);
    }
  }

  /**
   * Moves the messages that are not in flight from a dead-letter queue to {@code destinationArn},
   * or back to the queue each came from. Without a rate the move completes within the call; with
   * {@code maxPerSecond} the task runs on the stack's clock, moving at most that many messages each
   * second, and can be cancelled meanwhile.
   */
  MoveTask startMoveTask(String sourceArn, String destinationArn, Integer maxPerSecond) {
    SqsQueue source = queueByArn(sourceArn);
    if (source == null) {
      throw SqsErrors.resourceNotFound(
          "The resource that you specified for the SourceArn parameter doesn't exist.");
    }
    if (deadLetterSources(source).isEmpty()) {
      throw SqsErrors.invalidParameterValue(
          "Source queue must be configured as a Dead Letter Queue.");
    }
    SqsQueue destination = null;
    if (destinationArn != null) {
      destination = queueByArn(destinationArn);
      if (destination == null) {
        throw SqsErrors.resourceNotFound(
            "The resource that you specified for the DestinationArn parameter doesn't exist.");
      }
    }
    if (maxPerSecond != null && (maxPerSecond < 1 || maxPerSecond > 500)) {
      throw SqsErrors.invalidParameterValue(
          "MaxNumberOfMessagesPerSecond", maxPerSecond, "Must be between 1 and 500.");
    }
    Instant now = clock.now();
    String handle =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString((sourceArn + " " + Ids.randomUuid()).getBytes(StandardCharsets.UTF_8));
    synchronized (moveTasks) {
      for (MoveTask task : moveTasks.values()) {
        if (task.sourceArn().equals(sourceArn) && task.status().equals("RUNNING")) {
          throw SqsErrors.invalidParameterValue(
              "There is already a task running. Only one active task is allowed for a source"
                  + " queue arn at a given time.");
        }
      }
      if (maxPerSecond != null) {
        MoveTask task =
            new MoveTask(
                handle,
                sourceArn,
                destinationArn,
                maxPerSecond,
                "RUNNING",
                0,
                source.availableCount(now),
                now,
                null);
        moveTasks.put(handle, task);
        scheduledMoves.put(handle, clock.schedule(now.plusSeconds(1), () -> moveStep(handle)));
        return task;
      }
    }
    List<SqsMessage> messages = source.drainAvailable(now, Long.MAX_VALUE);
    int unmovable = move(source, destination, messages, now);
    MoveTask task =
        new MoveTask(
            handle,
            sourceArn,
            destinationArn,
            null,
            unmovable == 0 ? "COMPLETED" : "FAILED",
            messages.size() - unmovable,
            messages.size(),
            now,
            unmovable == 0 ? null : unmovable + " messages have no source queue to return to.");
    synchronized (moveTasks) {
      moveTasks.put(handle, task);
    }
    journalMoveTaskEnd(source.name, task);
    return task;
  }

  /**
   * Moves {@code messages} out of {@code source}, to {@code destination} or, when it is {@code
   * null}, to the queue each was dead-lettered from; those with nowhere to go stay on the source.
   *
   * @return how many stayed
   */
  private int move(SqsQueue source, SqsQueue destination, List<SqsMessage> messages, Instant now) {
    List<SqsMessage> unmovable = new ArrayList<>();
    for (SqsMessage message : messages) {
      SqsQueue target = destination != null ? destination : queueByArn(message.deadLetterSourceArn);
      if (target == null) {
        unmovable.add(message);
        continue;
      }
      target.accept(message.redriven(target.nextSequenceNumberFor()), now);
      journalMessage(
          source, SqsEvents.MESSAGE_MOVED, message, Map.of(Details.DESTINATION_ARN, target.arn));
    }
    unmovable.forEach(message -> source.accept(message, now));
    return unmovable.size();
  }

  /** One second's worth of a rate-limited task, run by the clock. */
  private void moveStep(String handle) {
    MoveTask task;
    synchronized (moveTasks) {
      scheduledMoves.remove(handle);
      task = moveTasks.get(handle);
      if (task == null || !task.status().equals("RUNNING")) {
        return;
      }
    }
    Instant now = clock.now();
    SqsQueue source = queueByArn(task.sourceArn());
    SqsQueue destination = task.destinationArn() == null ? null : queueByArn(task.destinationArn());
    MoveTask next;
    if (source == null || (task.destinationArn() != null && destination == null)) {
      next = task.ended("FAILED", task.moved(), "AWS.SimpleQueueService.NonExistentQueue");
    } else {
      long limit = Math.min(task.maxPerSecond(), task.toMove() - task.moved());
      List<SqsMessage> messages = source.drainAvailable(now, Math.max(limit, 0));
      int unmovable = move(source, destination, messages, now);
      long moved = task.moved() + messages.size() - unmovable;
      if (unmovable > 0) {
        next =
            task.ended("FAILED", moved, unmovable + " messages have no source queue to return to.");
      } else if (messages.isEmpty() || moved >= task.toMove()) {
        next = task.ended("COMPLETED", moved, null);
      } else {
        next = task.ended("RUNNING", moved, null);
      }
    }
    synchronized (moveTasks) {
      MoveTask current = moveTasks.get(handle);
      if (current == null) {
        return; // the stack was reset meanwhile
      }
      if (!current.status().equals("RUNNING")) {
        // Cancelled while this step moved messages: they stay moved, and are counted.
        moveTasks.put(
            handle, current.ended(current.status(), next.moved(), current.failureReason()));
        return;
      }
      moveTasks.put(handle, next);
      if (next.status().equals("RUNNING")) {
        scheduledMoves.put(handle, clock.schedule(now.plusSeconds(1), () -> moveStep(handle)));
        return;
      }
    }
    journalMoveTaskEnd(source == null ? task.sourceArn() : source.name, next);
  }

  private void journalMoveTaskEnd(String sourceName, MoveTask task) {
    journal.append(
        SERVICE,
        task.status().equals("COMPLETED")
            ? SqsEvents.MESSAGE_MOVE_TASK_COMPLETED
            : SqsEvents.MESSAGE_MOVE_TASK_ENDED,
        sourceName,
        task.sourceArn(),
        Map.of(
            Details.TASK_HANDLE,
            task.handle(),
            Details.STATUS,
            task.status(),
            Details.MOVED,
            String.valueOf(task.moved())));
  }

  /** The most recent tasks of {@code sourceArn}, newest first. */
  List<MoveTask> moveTasks(String sourceArn, int max) {
    if (queueByArn(sourceArn) == null) {
      throw SqsErrors.resourceNotFound(
          "The resource that you specified for the SourceArn parameter doesn't exist.");
    }
    synchronized (moveTasks) {
      List<MoveTask> tasks = new ArrayList<>();
      for (MoveTask task : moveTasks.values()) {
        if (task.sourceArn().equals(sourceArn)) {
          tasks.add(0, task);
        }
      }
      return tasks.subList(0, Math.min(max, tasks.size()));
    }
  }

  /** Cancels a running task: the messages it moved stay moved, the rest stay on the source. */
  MoveTask cancelMoveTask(String handle) {
    String sourceArn = moveTaskSource(handle);
    if (queueByArn(sourceArn) == null) {
      throw SqsErrors.resourceNotFound(
          "The resource that you specified for the SourceArn parameter doesn't exist.");
    }
    synchronized (moveTasks) {
      MoveTask task = moveTasks.get(handle);
      if (task == null) {
        throw SqsErrors.resourceNotFound("Task does not exist.");
      }
      if (!Objects.equals(task.status(), "RUNNING")) {
        throw SqsErrors.resourceNotFound("Task does not exist or is not running.");
      }
      StackClock.Scheduled step = scheduledMoves.remove(handle);
      if (step != null) {
        step.cancel();
      }
      MoveTask cancelled = task.ended("CANCELLED", task.moved(), null);
      moveTasks.put(handle, cancelled);
      return cancelled;
    }
  }

  /** The source queue ARN a task handle names, as AWS checks it before looking the task up. */
  private static String moveTaskSource(String handle) {
    try {
      String[] parts =
          new String(Base64.getUrlDecoder().decode(handle), StandardCharsets.UTF_8).split(" ");
      if (parts.length == 2 && parts[0].startsWith("arn:")) {
        return parts[0];
      }
    } catch (IllegalArgumentException notBase64) {
      // answered below
    }
    throw SqsErrors.invalidParameterValue("Value for parameter TaskHandle is invalid.");
  }
}
