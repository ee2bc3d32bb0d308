package io.serverlessstack.fake.internal.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.serverlessstack.api.ClockMode;
import io.serverlessstack.fake.internal.clock.StackClock;
import io.serverlessstack.fake.internal.delivery.DeliveryBus;
import io.serverlessstack.fake.internal.delivery.Poller;
import io.serverlessstack.fake.internal.protocol.AwsErrorException;
import io.serverlessstack.fake.internal.server.Arn;
import io.serverlessstack.fake.internal.server.Ids;
import io.serverlessstack.fake.internal.server.Scope;
import io.serverlessstack.fake.internal.sqs.SqsEngine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.lambda.model.EventSourceMappingConfiguration;
import software.amazon.awssdk.services.lambda.model.FilterCriteria;
import software.amazon.awssdk.services.lambda.model.ScalingConfig;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * One event source mapping from an SQS queue to a function, and, while it is enabled, the poller
 * that reads the queue as Lambda's pollers do.
 *
 * <p>Each poll receives messages (hidden for the queue's visibility timeout, so SQS counts the
 * receives and dead-letters as it always does), drops and deletes those the filter criteria reject,
 * and gathers the rest until the batch is full, the batching window has passed (at once without
 * one) or the event reaches Lambda's 6 MB payload limit; then it invokes the function synchronously
 * with the {@code SQSEvent} AWS sends. A batch the function handled is deleted; one it failed,
 * timed out on or was throttled for stays hidden until its visibility timeout ends and comes back
 * (with ReportBatchItemFailures, only the items the answer names). At most the mapping's maximum
 * concurrency of batches run at once; a FIFO queue hands out no message of a group while another of
 * the group is in flight, which keeps each group in order.
 *
 * <p>While its function or queue does not exist the mapping stays, as Lambda's does, and reads
 * nothing.
 */
final class SqsEventSource implements EventSource {

  private static final Logger LOG = LoggerFactory.getLogger(SqsEventSource.class);

  /** Lambda's defaults and limits for SQS sources. */
  static final int DEFAULT_BATCH_SIZE = 10;

  /** The largest batch without a batching window, and the largest for a FIFO queue. */
  static final int MAX_BATCH_SIZE_WITHOUT_WINDOW = 10;

  /** Batches run at once without a ScalingConfig: Lambda starts an SQS mapping with five. */
  static final int DEFAULT_CONCURRENT_BATCHES = 5;

  /** The system attributes of a record, in the order AWS's events list them. */
  private static final List<String> ATTRIBUTE_ORDER =
      List.of(
          "ApproximateReceiveCount",
          "AWSTraceHeader",
          "SentTimestamp",
          "SequenceNumber",
          "MessageGroupId",
          "SenderId",
          "MessageDeduplicationId",
          "ApproximateFirstReceiveTimestamp",
          "DeadLetterQueueSourceArn");

  /**
   * A mapping's settings, replaced as a whole by UpdateEventSourceMapping.
   *
   * @param function the function (and version or alias) it invokes
   * @param maximumConcurrency ScalingConfig's limit, or {@code null}
   * @param filterCriteria as given, for the configuration; {@code null} for none
   */
  record Settings(
      FunctionRef function,
      boolean enabled,
      int batchSize,
      int batchingWindowSeconds,
      boolean reportBatchItemFailures,
      FilterCriteria filterCriteria,
      EventFilter filter,
      Integer maximumConcurrency,
      Instant lastModified) {

    /** What a new mapping starts from; {@code function} and {@code lastModified} are always set. */
    static final Settings DEFAULTS =
        new Settings(null, true, DEFAULT_BATCH_SIZE, 0, false, null, EventFilter.NONE, null, null);

    /** The function's ARN as the mapping names it: qualified when it names a version or alias. */
    String functionArn() {
      return function.qualifiedArn();
    }

    int concurrentBatches() {
      return maximumConcurrency == null ? DEFAULT_CONCURRENT_BATCHES : maximumConcurrency;
    }
  }

  final String uuid;
  final Scope scope;
  final String arn;
  final String queueArn;
  private final String region;
  private final LambdaEngine engine;
  private final SqsEngine sqs;
  private final DeliveryBus bus;
  private final AtomicInteger batchesRunning = new AtomicInteger();
  private volatile Settings settings;

  /** The poll of the current enabled period; {@code null} while disabled. Guarded by this. */
  private Polling polling;

  SqsEventSource(
      String uuid,
      Scope scope,
      String arn,
      String queueArn,
      Settings settings,
      LambdaEngine engine,
      SqsEngine sqs,
      DeliveryBus bus) {
    this.uuid = uuid;
    this.scope = scope;
    this.arn = arn;
    this.queueArn = queueArn;
    this.region = Arn.parse(queueArn).map(Arn::region).orElse(scope.region());
    this.settings = settings;
    this.engine = engine;
    this.sqs = sqs;
    this.bus = bus;
  }

  Settings settings() {
    return settings;
  }

  @Override
  public String uuid() {
    return uuid;
  }

  @Override
  public String eventSourceArn() {
    return queueArn;
  }

  @Override
  public FunctionRef function() {
    return settings.function();
  }

  @Override
  public boolean enabled() {
    return settings.enabled();
  }

  /** Applies new settings: polling starts or stops with {@code enabled}. */
  synchronized void apply(Settings next) {
    settings = next;
    if (next.enabled() && polling == null && bus != null) {
      polling = new Polling();
      polling.poller = bus.poller("lambda-event-source-" + uuid, pollPeriod(), polling);
    } else if (!next.enabled() && polling != null) {
      polling.poller.close();
      polling = null;
    }
  }

  @Override
  public synchronized void close() {
    if (polling != null) {
      polling.poller.close();
      polling = null;
    }
  }

  /**
   * How often a mapping polls, on the stack's clock: every 100 ms on the system clock, which bounds
   * how long a message waits for its handler; every second on a virtual clock, where each poll is a
   * step the test (manual) or the clock (idle-skipping, a few milliseconds of wall time each) has
   * to take, so that skipping a visibility timeout takes few of them.
   */
  private Duration pollPeriod() {
    return engine.clock.mode() == ClockMode.SYSTEM ? Duration.ofMillis(100) : Duration.ofSeconds(1);
  }

  @Override
  public EventSourceMappingConfiguration configuration(String state) {
    Settings current = settings;
    return EventSourceMappingConfiguration.builder()
        .uuid(uuid)
        .eventSourceMappingArn(arn)
        .eventSourceArn(queueArn)
        .functionArn(current.functionArn())
        .batchSize(current.batchSize())
        .maximumBatchingWindowInSeconds(current.batchingWindowSeconds())
        .functionResponseTypesWithStrings(
            current.reportBatchItemFailures() ? List.of("ReportBatchItemFailures") : List.of())
        .filterCriteria(current.filter().passesEverything() ? null : current.filterCriteria())
        .scalingConfig(
            current.maximumConcurrency() == null
                ? null
                : ScalingConfig.builder().maximumConcurrency(current.maximumConcurrency()).build())
        .lastModified(current.lastModified())
        .state(state)
        .stateTransitionReason("USER_INITIATED")
        .build();
  }

  // ---- polling

  /** A received message waiting for its batch, as its record. */
  private record Gathered(Message message, ObjectNode record, int bytes) {}

  /**
   * One enabled period's poll. The poller calls it on one thread at a time, so what it gathers
   * needs no lock; a batch it invokes settles on a handler thread and touches only the queue and
   * {@link #batchesRunning}.
   */
  private final class Polling implements Poller.Poll {
    Poller poller;
    private final List<Gathered> gathered = new ArrayList<>();
    private int gatheredBytes;
    private Instant gatheringSince;

    @Override
    public void poll(Instant tick) {
      Settings current = settings;
      LambdaFunction function = engine.functionByArn(current.function().arn());
      LambdaFunction.Version version =
          function == null ? null : function.resolve(current.function().qualifier(), 0);
      if (version == null) {
        release(); // the function (or its version or alias) is gone: read nothing until it is back
        return;
      }
      while (batchesRunning.get() < current.concurrentBatches()) {
        int wanted = current.batchSize() - gathered.size();
        int received = wanted > 0 ? receive(current, wanted) : 0;
        if (received < 0) {
          release(); // the queue is gone
          return;
        }
        if (ready(current)) {
          invoke(function, current, takeBatch(current));
        } else if (received == 0) {
          return;
        }
      }
    }

    /** Receives up to {@code wanted} messages and gathers those the filter passes. */
    private int receive(Settings current, int wanted) {
      List<Message> messages;
      try {
        messages = sqs.receiveMessages(queueArn, wanted);
      } catch (AwsErrorException unreadable) {
        LOG.debug("Event source {} cannot read {}: {}", uuid, queueArn, unreadable.getMessage());
        return -1;
      }
      for (Message message : messages) {
        ObjectNode record = record(message);
        if (!passes(current.filter(), record)) {
          delete(message); // Lambda deletes what its filters reject
          continue;
        }
        if (gathered.isEmpty()) {
          gatheringSince = engine.clock.now();
        }
        int bytes = record.toString().getBytes(StandardCharsets.UTF_8).length;
        gathered.add(new Gathered(message, record, bytes));
        gatheredBytes += bytes;
      }
      return messages.size();
    }

    private boolean ready(Settings current) {
      return !gathered.isEmpty()
          && (gathered.size() >= current.batchSize()
              || gatheredBytes >= LambdaOperations.SYNC_PAYLOAD_LIMIT
              || !engine
                  .clock
                  .now()
                  .isBefore(gatheringSince.plusSeconds(current.batchingWindowSeconds())));
    }

    /** The gathered messages that fit one batch and one payload (at least one). */
    private List<Gathered> takeBatch(Settings current) {
      int count = 0;
      int bytes = 0;
      while (count < gathered.size() && count < current.batchSize()) {
        int next = gathered.get(count).bytes();
        if (count > 0 && bytes + next > LambdaOperations.SYNC_PAYLOAD_LIMIT) {
          break;
        }
        bytes += next;
        count++;
      }
      List<Gathered> batch = new ArrayList<>(gathered.subList(0, count));
      gathered.subList(0, count).clear();
      gatheredBytes -= bytes;
      return batch;
    }

    /** Forgets what was gathered: it comes back to the queue when its visibility timeout ends. */
    private void release() {
      gathered.clear();
      gatheredBytes = 0;
    }
  }

  // ---- one batch

  private void invoke(LambdaFunction function, Settings current, List<Gathered> batch) {
    LambdaFunction.Version version =
        function.resolve(current.function().qualifier(), LambdaEngine.roll());
    if (version == null) {
      return; // its alias or version went away since the poll began: the batch comes back
    }
    ObjectNode event = LambdaEngine.JSON.createObjectNode();
    ArrayNode records = event.putArray("Records");
    int attempt = 1;
    for (Gathered gathered : batch) {
      records.add(gathered.record());
      attempt =
          Math.max(
              attempt,
              Integer.parseInt(
                  gathered
                      .message()
                      .attributesAsStrings()
                      .getOrDefault("ApproximateReceiveCount", "1")));
    }
    // Held from the invocation until the batch is settled with its queue, so that an
    // idle-skipping clock cannot end the visibility timeout between the two.
    StackClock.InFlight holdsClock = engine.clock.requestStarted();
    batchesRunning.incrementAndGet();
    CompletableFuture<InvocationResult> result;
    try {
      result =
          engine.run(
              function,
              version,
              current.functionArn(),
              LambdaEngine.writeJson(event),
              LambdaEngine.Kind.REQUEST_RESPONSE,
              queueArn,
              attempt,
              Ids.randomUuid());
    } catch (RuntimeException unexpected) {
      // run() answers its failures as a failed future; this keeps the count and the hold honest.
      result = CompletableFuture.failedFuture(unexpected);
    }
    result.whenComplete(
        (ended, error) -> {
          try {
            settle(function, current, batch, ended, error);
          } finally {
            batchesRunning.decrementAndGet();
            holdsClock.finish();
          }
        });
  }

  /**
   * Deletes what the function handled. A failed, timed-out or throttled invocation leaves the whole
   * batch to come back after its visibility timeout, and so does an answer ReportBatchItemFailures
   * cannot read, as Lambda does.
   */
  private void settle(
      LambdaFunction function,
      Settings current,
      List<Gathered> batch,
      InvocationResult result,
      Throwable error) {
    if (error != null || result.failed()) {
      return;
    }
    Set<String> failed = Set.of();
    if (current.reportBatchItemFailures()) {
      Set<String> ids = new LinkedHashSet<>();
      batch.forEach(gathered -> ids.add(gathered.message().messageId()));
      failed = reportedFailures(result.payload(), ids);
      if (failed == null) {
        LOG.warn(
            "Function {} answered a batch from {} with no valid batchItemFailures; the whole batch"
                + " goes back to the queue: {}",
            function.name,
            queueArn,
            result.payloadText());
        failed = ids;
      }
      if (!failed.isEmpty()) {
        engine.batchItemsFailed(function, result.requestId(), queueArn, failed);
      }
    }
    for (Gathered gathered : batch) {
      if (!failed.contains(gathered.message().messageId())) {
        delete(gathered.message());
      }
    }
  }

  /**
   * The message ids a ReportBatchItemFailures answer names: none for an empty answer or list, and
   * {@code null} for an answer Lambda cannot read (not an object, or an item whose {@code
   * itemIdentifier} is missing, empty or not in the batch), which fails the whole batch.
   */
  static Set<String> reportedFailures(byte[] answer, Set<String> batchIds) {
    JsonNode response;
    try {
      response = answer.length == 0 ? null : LambdaEngine.JSON.readTree(answer);
    } catch (IOException notJson) {
      return null;
    }
    if (response == null || response.isNull()) {
      return Set.of();
    }
    if (!response.isObject()) {
      return null;
    }
    JsonNode failures = response.get("batchItemFailures");
    if (failures == null || failures.isNull()) {
      return Set.of();
    }
    if (!failures.isArray()) {
      return null;
    }
    Set<String> failed = new LinkedHashSet<>();
    for (JsonNode failure : failures) {
      JsonNode id = failure.get("itemIdentifier");
      if (id == null || !id.isTextual() || !batchIds.contains(id.asText())) {
        return null;
      }
      failed.add(id.asText());
    }
    return failed;
  }

  private void delete(Message message) {
    try {
      sqs.deleteMessage(queueArn, message.receiptHandle());
    } catch (AwsErrorException gone) {
      // The queue went away, or (FIFO) the message came back before the batch settled.
      LOG.debug(
          "Event source {} could not delete {}: {}", uuid, message.messageId(), gone.getMessage());
    }
  }

  // ---- the event

  /** One record of the {@code SQSEvent}, with AWS's members in AWS's order. */
  private ObjectNode record(Message message) {
    ObjectNode record = LambdaEngine.JSON.createObjectNode();
    record.put("messageId", message.messageId());
    record.put("receiptHandle", message.receiptHandle());
    record.put("body", message.body());
    ObjectNode attributes = record.putObject("attributes");
    for (String name : ATTRIBUTE_ORDER) {
      String value = message.attributesAsStrings().get(name);
      if (value != null) {
        attributes.put(name, value);
      }
    }
    ObjectNode messageAttributes = record.putObject("messageAttributes");
    message
        .messageAttributes()
        .forEach((name, value) -> messageAttributes.set(name, messageAttribute(value)));
    // AWS writes null here for a message without attributes.
    record.put("md5OfMessageAttributes", message.md5OfMessageAttributes());
    record.put("md5OfBody", message.md5OfBody());
    record.put("eventSource", "aws:sqs");
    record.put("eventSourceARN", queueArn);
    record.put("awsRegion", region);
    return record;
  }

  private static ObjectNode messageAttribute(MessageAttributeValue value) {
    ObjectNode attribute = LambdaEngine.JSON.createObjectNode();
    if (value.stringValue() != null) {
      attribute.put("stringValue", value.stringValue());
    }
    if (value.binaryValue() != null) {
      attribute.put(
          "binaryValue", Base64.getEncoder().encodeToString(value.binaryValue().asByteArray()));
    }
    // SQS has never filled the list values; AWS's events carry them empty.
    attribute.putArray("stringListValues");
    attribute.putArray("binaryListValues");
    attribute.put("dataType", value.dataType());
    return attribute;
  }

  /**
   * Whether the filter passes a record. Patterns see the body as JSON when it is JSON, and as a
   * string otherwise: a pattern on body fields then matches nothing, as Lambda documents.
   */
  private static boolean passes(EventFilter filter, ObjectNode record) {
    if (filter.passesEverything()) {
      return true;
    }
    ObjectNode seen = record.deepCopy();
    String body = record.get("body").asText();
    try {
      JsonNode json = LambdaEngine.JSON.readTree(body);
      if (json != null && !json.isMissingNode()) {
        seen.set("body", json);
      }
    } catch (IOException notJson) {
      // a plain string, as it is
    }
    return filter.passes(seen);
  }
}
