package io.serverlessstack.fake.internal.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.serverlessstack.api.JournalEvent;
import io.serverlessstack.api.JournalFilter;
import io.serverlessstack.api.KinesisEvents;
import io.serverlessstack.api.LambdaEvents;
import io.serverlessstack.fake.Await;
import io.serverlessstack.fake.SqsStack;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.lambda.model.CreateEventSourceMappingRequest;
import software.amazon.awssdk.services.lambda.model.EventSourcePosition;
import software.amazon.awssdk.services.lambda.model.Filter;
import software.amazon.awssdk.services.lambda.model.FunctionResponseType;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Records put with the real Kinesis client reach functions through event source mappings, on a
 * manual virtual clock: a mapping polls once per second of it, so each {@code advance} of a second
 * is one poll; a batch that succeeds lets the next one go at once, and one that fails is tried
 * again at the next poll.
 */
class KinesisEventSourceTest {

  @RegisterExtension static final SqsStack stack = SqsStack.withVirtualClock();

  static final String ECHO = "io.serverlessstack.fake.handlers.KinesisEventEcho";
  static final String FAILER = "io.serverlessstack.fake.handlers.StreamFailer";
  static final String WORKER = "io.serverlessstack.fake.handlers.StreamWorker";
  static final String MISREPORTER = "io.serverlessstack.fake.handlers.StreamMisreporter";
  static final ObjectMapper JSON = new ObjectMapper();

  static String streamArn(String name) {
    return "arn:aws:kinesis:us-east-1:000000000000:stream/" + name;
  }

  static void createStream(String name, int shards) {
    stack.kinesis().createStream(b -> b.streamName(name).shardCount(shards));
  }

  /** Puts one record; answers its sequence number. */
  static String put(String stream, String key, String data) {
    return stack
        .kinesis()
        .putRecord(b -> b.streamName(stream).partitionKey(key).data(SdkBytes.fromUtf8String(data)))
        .sequenceNumber();
  }

  /** Puts records of one key in one PutRecords; answers their sequence numbers. */
  static List<String> putAll(String stream, String key, String... data) {
    List<PutRecordsRequestEntry> entries = new ArrayList<>();
    for (String each : data) {
      entries.add(
          PutRecordsRequestEntry.builder()
              .partitionKey(key)
              .data(SdkBytes.fromUtf8String(each))
              .build());
    }
    return stack.kinesis().putRecords(b -> b.streamName(stream).records(entries)).records().stream()
        .map(PutRecordsResultEntry::sequenceNumber)
        .toList();
  }

  static String map(String stream, String function) {
    return map(stream, function, request -> {});
  }

  /** A mapping from TRIM_HORIZON unless {@code more} says otherwise. */
  static String map(
      String stream, String function, Consumer<CreateEventSourceMappingRequest.Builder> more) {
    return stack
        .lambda()
        .createEventSourceMapping(
            request -> {
              request
                  .eventSourceArn(streamArn(stream))
                  .functionName(function)
                  .startingPosition(EventSourcePosition.TRIM_HORIZON);
              more.accept(request);
            })
        .uuid();
  }

  /** One poll of every mapping. */
  static void poll() {
    stack.advance(Duration.ofSeconds(1));
  }

  static List<JournalEvent> journal(String service, String type, String resource) {
    return stack
        .server()
        .inspector()
        .journal(
            0, JournalFilter.all().withService(service).withTypes(type).withResource(resource));
  }

  static List<JournalEvent> lambdaEvents(String type, String function) {
    return journal(LambdaEvents.SERVICE, type, function);
  }

  static int ended(String function) {
    return lambdaEvents(LambdaEvents.SUCCEEDED, function).size()
        + lambdaEvents(LambdaEvents.FAILED, function).size();
  }

  /** Waits until {@code function} ran {@code count} times (succeeded or failed). */
  static void awaitEnded(String function, int count) throws InterruptedException {
    Await.until(() -> ended(function) >= count);
  }

  static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }

  static List<JsonNode> records(JournalEvent invoked) {
    List<JsonNode> records = new ArrayList<>();
    try {
      json(invoked.detail(LambdaEvents.Details.PAYLOAD)).get("Records").forEach(records::add);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    return records;
  }

  static String data(JsonNode record) {
    return new String(
        Base64.getDecoder().decode(record.get("kinesis").get("data").asText()),
        StandardCharsets.UTF_8);
  }

  /** The data of each invocation's records, one list per invocation, in invocation order. */
  static List<List<String>> batches(String function) {
    return lambdaEvents(LambdaEvents.INVOKED, function).stream()
        .map(invoked -> records(invoked).stream().map(KinesisEventSourceTest::data).toList())
        .toList();
  }

  static int recordsInvoked(String function) {
    return batches(function).stream().mapToInt(List::size).sum();
  }

  /** A time as on-failure records write it, always with milliseconds. */
  static String iso(Instant time) {
    return DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
        .withZone(ZoneOffset.UTC)
        .format(time);
  }

  static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  /** The bodies of the messages a queue holds, received (and deleted) now. */
  static List<JsonNode> drain(String url) throws Exception {
    List<JsonNode> bodies = new ArrayList<>();
    for (Message message : stack.receive(url, 10)) {
      bodies.add(json(message.body()));
      stack.delete(url, message);
    }
    return bodies;
  }

  // ---- the event

  @Test
  void theHandlerGetsTheKinesisEventAwsSends() throws Exception {
    TestFunctions.create(stack, "echo", ECHO);
    createStream("orders", 1);
    stack.advance(Duration.ofMillis(1234));
    Instant putAt = stack.now();
    String first = put("orders", "customer-1", "{\"order\":1}");
    String second = put("orders", "customer-2", "second");
    map("orders", "echo");

    poll();
    awaitEnded("echo", 1);

    List<JournalEvent> invoked = lambdaEvents(LambdaEvents.INVOKED, "echo");
    assertThat(invoked).hasSize(1);
    assertThat(invoked.get(0).detail(LambdaEvents.Details.TRIGGER)).isEqualTo(streamArn("orders"));
    assertThat(invoked.get(0).detail(LambdaEvents.Details.INVOCATION_TYPE))
        .isEqualTo("RequestResponse");
    String payload = invoked.get(0).detail(LambdaEvents.Details.PAYLOAD);
    // Epoch seconds with milliseconds, as a JSON number.
    assertThat(payload)
        .contains(
            "\"approximateArrivalTimestamp\":"
                + putAt.getEpochSecond()
                + "."
                + String.format("%03d", putAt.getNano() / 1_000_000));
    List<JsonNode> records = records(invoked.get(0));
    assertThat(records).hasSize(2);
    for (JsonNode record : records) {
      // AWS's members, in AWS's order (as its documented events have them).
      assertThat(fieldNames(record))
          .containsExactly(
              "kinesis",
              "eventSource",
              "eventVersion",
              "eventID",
              "eventName",
              "invokeIdentityArn",
              "awsRegion",
              "eventSourceARN");
      assertThat(fieldNames(record.get("kinesis")))
          .containsExactly(
              "kinesisSchemaVersion",
              "partitionKey",
              "sequenceNumber",
              "data",
              "approximateArrivalTimestamp");
      assertThat(record.get("kinesis").get("kinesisSchemaVersion").asText()).isEqualTo("1.0");
      assertThat(record.get("eventSource").asText()).isEqualTo("aws:kinesis");
      assertThat(record.get("eventVersion").asText()).isEqualTo("1.0");
      assertThat(record.get("eventName").asText()).isEqualTo("aws:kinesis:record");
      assertThat(record.get("invokeIdentityArn").asText()).isEqualTo(TestFunctions.ROLE);
      assertThat(record.get("awsRegion").asText()).isEqualTo("us-east-1");
      assertThat(record.get("eventSourceARN").asText()).isEqualTo(streamArn("orders"));
    }
    assertThat(records.get(0).get("kinesis").get("partitionKey").asText()).isEqualTo("customer-1");
    assertThat(records.get(0).get("kinesis").get("sequenceNumber").asText()).isEqualTo(first);
    assertThat(records.get(0).get("kinesis").get("data").asText())
        .isEqualTo(Base64.getEncoder().encodeToString("{\"order\":1}".getBytes()));
    assertThat(records.get(0).get("eventID").asText()).isEqualTo("shardId-000000000000:" + first);
    assertThat(records.get(1).get("kinesis").get("sequenceNumber").asText()).isEqualTo(second);

    // What the Java handler read from its typed KinesisEvent.
    JsonNode typed =
        json(
            lambdaEvents(LambdaEvents.SUCCEEDED, "echo")
                .get(0)
                .detail(LambdaEvents.Details.RESPONSE));
    assertThat(typed).hasSize(2);
    JsonNode read = typed.get(0);
    assertThat(read.get("data").asText()).isEqualTo("{\"order\":1}");
    assertThat(read.get("partitionKey").asText()).isEqualTo("customer-1");
    assertThat(read.get("sequenceNumber").asText()).isEqualTo(first);
    assertThat(read.get("kinesisSchemaVersion").asText()).isEqualTo("1.0");
    assertThat(read.get("approximateArrivalTimestamp").asLong()).isEqualTo(putAt.toEpochMilli());
    assertThat(read.get("eventID").asText()).isEqualTo("shardId-000000000000:" + first);
    assertThat(read.get("eventSourceARN").asText()).isEqualTo(streamArn("orders"));
    assertThat(read.get("invokeIdentityArn").asText()).isEqualTo(TestFunctions.ROLE);
    assertThat(read.get("eventName").asText()).isEqualTo("aws:kinesis:record");
    assertThat(read.get("awsRegion").asText()).isEqualTo("us-east-1");
    assertThat(typed.get(1).get("data").asText()).isEqualTo("second");

    // The stream's journal shows the mapping's read, as GetRecords'.
    List<JournalEvent> reads = journal(KinesisEvents.SERVICE, KinesisEvents.RECORDS_READ, "orders");
    assertThat(reads).hasSize(1);
    assertThat(reads.get(0).detail(KinesisEvents.Details.RECORD_COUNT)).isEqualTo("2");
  }

  // ---- order and batches

  @Test
  void eachKeysRecordsArriveInOrderAcrossTwoShardsAndEveryBatchComesFromOneShard()
      throws Exception {
    TestFunctions.create(stack, "consumer", FAILER);
    createStream("orders", 2);
    List<String> keys = List.of("k0", "k1", "k2", "k3", "k4", "k5", "k6", "k7");
    for (int i = 0; i < 5; i++) {
      for (String key : keys) {
        put("orders", key, key + "-" + i);
      }
    }
    map("orders", "consumer", r -> r.batchSize(3));

    poll();
    Await.until(() -> recordsInvoked("consumer") == 40 && ended("consumer") == 14);

    Map<String, List<String>> byKey = new LinkedHashMap<>();
    Map<String, String> shardOfKey = new LinkedHashMap<>();
    for (JournalEvent invoked : lambdaEvents(LambdaEvents.INVOKED, "consumer")) {
      List<JsonNode> records = records(invoked);
      assertThat(records).hasSizeBetween(1, 3);
      String shard = records.get(0).get("eventID").asText().split(":")[0];
      for (JsonNode record : records) {
        assertThat(record.get("eventID").asText()).startsWith(shard + ":");
        String key = record.get("kinesis").get("partitionKey").asText();
        byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(data(record));
        assertThat(shardOfKey.computeIfAbsent(key, k -> shard)).isEqualTo(shard);
      }
    }
    assertThat(shardOfKey.values()).contains("shardId-000000000000", "shardId-000000000001");
    for (String key : keys) {
      assertThat(byKey.get(key))
          .containsExactly(key + "-0", key + "-1", key + "-2", key + "-3", key + "-4");
    }
    assertThat(lambdaEvents(LambdaEvents.FAILED, "consumer")).isEmpty();
  }

  @Test
  void batchSizeCutsABacklogIntoBatchesThatFollowEachOtherWithoutWaitingForAPoll()
      throws Exception {
    TestFunctions.create(stack, "consumer", FAILER);
    createStream("orders", 1);
    putAll("orders", "k", "r1", "r2", "r3", "r4", "r5", "r6", "r7");
    map("orders", "consumer", r -> r.batchSize(3));

    poll();
    awaitEnded("consumer", 3);

    assertThat(batches("consumer"))
        .containsExactly(List.of("r1", "r2", "r3"), List.of("r4", "r5", "r6"), List.of("r7"));
  }

  @Test
  void aBatchingWindowGathersRecordsUntilItHasPassed() throws Exception {
    TestFunctions.create(stack, "consumer", FAILER);
    createStream("orders", 1);
    map("orders", "consumer", r -> r.batchSize(10).maximumBatchingWindowInSeconds(5));
    putAll("orders", "k", "r1", "r2", "r3");
    Instant start = stack.now();

    poll(); // reads the three records, one second in
    Await.until(
        () -> !journal(KinesisEvents.SERVICE, KinesisEvents.RECORDS_READ, "orders").isEmpty());
    assertThat(lambdaEvents(LambdaEvents.INVOKED, "consumer")).isEmpty();
    stack.advance(Duration.ofSeconds(5));
    awaitEnded("consumer", 1);

    assertThat(batches("consumer")).containsExactly(List.of("r1", "r2", "r3"));
    assertThat(lambdaEvents(LambdaEvents.INVOKED, "consumer").get(0).time())
        .isEqualTo(start.plusSeconds(6));
  }

  // ---- starting positions

  @Test
  void latestReadsWhatComesAfterTheMappingTrimHorizonEverythingAndAtTimestampFromItsTime()
      throws Exception {
    TestFunctions.create(stack, "latest", FAILER);
    TestFunctions.create(stack, "horizon", FAILER);
    TestFunctions.create(stack, "stamped", FAILER);
    createStream("orders", 1);
    Instant start = stack.now();
    put("orders", "k", "before");
    stack.advance(Duration.ofSeconds(10));
    put("orders", "k", "middle");
    map("orders", "latest", r -> r.startingPosition(EventSourcePosition.LATEST));
    map("orders", "horizon", r -> r.startingPosition(EventSourcePosition.TRIM_HORIZON));
    map(
        "orders",
        "stamped",
        r ->
            r.startingPosition(EventSourcePosition.AT_TIMESTAMP)
                .startingPositionTimestamp(start.plusSeconds(5)));
    put("orders", "k", "after");

    poll();
    awaitEnded("latest", 1);
    awaitEnded("horizon", 1);
    awaitEnded("stamped", 1);

    assertThat(batches("latest")).containsExactly(List.of("after"));
    assertThat(batches("horizon")).containsExactly(List.of("before", "middle", "after"));
    assertThat(batches("stamped")).containsExactly(List.of("middle", "after"));
  }

  // ---- resharding

  @Test
  void aMappingCreatedAfterAReshardReadsTheParentBeforeItsChildren() throws Exception {
    TestFunctions.create(stack, "consumer", FAILER);
    createStream("orders", 1);
    List<String> keys = List.of("k0", "k1", "k2", "k3", "k4", "k5");
    for (int i = 0; i < 2; i++) {
      for (String key : keys) {
        put("orders", key, key + "-" + i);
      }
    }
    stack
        .kinesis()
        .splitShard(
            b ->
                b.streamName("orders")
                    .shardToSplit("shardId-000000000000")
                    .newStartingHashKey(BigInteger.TWO.pow(127).toString()));
    for (int i = 2; i < 4; i++) {
      for (String key : keys) {
        put("orders", key, key + "-" + i);
      }
    }
    map("orders", "consumer", r -> r.batchSize(2));

    poll();
    Await.until(() -> recordsInvoked("consumer") == 24 && ended("consumer") == 12);

    List<JournalEvent> invoked = lambdaEvents(LambdaEvents.INVOKED, "consumer");
    List<String> shards =
        invoked.stream()
            .map(event -> records(event).get(0).get("eventID").asText().split(":")[0])
            .toList();
    assertThat(shards.subList(0, 6)).containsOnly("shardId-000000000000");
    assertThat(shards.subList(6, 12))
        .doesNotContain("shardId-000000000000")
        .contains("shardId-000000000001", "shardId-000000000002");
    Map<String, List<String>> byKey = new LinkedHashMap<>();
    invoked.forEach(
        event ->
            records(event)
                .forEach(
                    record ->
                        byKey
                            .computeIfAbsent(
                                record.get("kinesis").get("partitionKey").asText(),
                                k -> new ArrayList<>())
                            .add(data(record))));
    for (String key : keys) {
      assertThat(byKey.get(key)).containsExactly(key + "-0", key + "-1", key + "-2", key + "-3");
    }
  }

  @Test
  void childrenOfAShardWaitUntilTheParentsLastBatchIsSettled() throws Exception {
    TestFunctions.create(stack, "consumer", FAILER);
    createStream("orders", 1);
    String failures = stack.createQueue("failures");
    map(
        "orders",
        "consumer",
        r ->
            r.maximumRetryAttempts(1)
                .destinationConfig(d -> d.onFailure(f -> f.destination(stack.arn(failures)))));
    put("orders", "k", "poison");
    stack
        .kinesis()
        .splitShard(
            b ->
                b.streamName("orders")
                    .shardToSplit("shardId-000000000000")
                    .newStartingHashKey(BigInteger.TWO.pow(127).toString()));
    put("orders", "k", "after-the-split");

    poll();
    awaitEnded("consumer", 1);
    poll(); // the retry fails too: the batch is given up on, the parent is done
    Await.until(() -> recordsInvoked("consumer") == 3 && ended("consumer") == 3);

    assertThat(batches("consumer"))
        .containsExactly(List.of("poison"), List.of("poison"), List.of("after-the-split"));
    assertThat(drain(failures)).hasSize(1);
  }

  // ---- failures

  @Test
  void aFailingBatchBlocksItsShardIsRetriedThenGoesToTheOnFailureQueueAsAwsWritesIt()
      throws Exception {
    TestFunctions.create(stack, "consumer", FAILER);
    createStream("orders", 1);
    String failures = stack.createQueue("failures");
    map(
        "orders",
        "consumer",
        r ->
            r.maximumRetryAttempts(2)
                .destinationConfig(d -> d.onFailure(f -> f.destination(stack.arn(failures)))));
    Instant start = stack.now();
    List<String> sequences = putAll("orders", "k", "poison", "innocent");

    poll();
    awaitEnded("consumer", 1);
    put("orders", "k", "later"); // waits behind the failing batch
    poll();
    awaitEnded("consumer", 2);
    poll(); // the second retry, the last
    awaitEnded("consumer", 3);
    Await.until(() -> recordsInvoked("consumer") == 7 && ended("consumer") == 4);

    assertThat(batches("consumer"))
        .containsExactly(
            List.of("poison", "innocent"),
            List.of("poison", "innocent"),
            List.of("poison", "innocent"),
            List.of("later"));
    assertThat(lambdaEvents(LambdaEvents.INVOKED, "consumer"))
        .extracting(event -> event.detail(LambdaEvents.Details.ATTEMPT))
        .containsExactly("1", "2", "3", "1");
    List<JsonNode> records = drain(failures);
    assertThat(records).hasSize(1);
    JsonNode record = records.get(0);
    assertThat(fieldNames(record))
        .containsExactly(
            "requestContext", "responseContext", "version", "timestamp", "KinesisBatchInfo");
    JournalEvent lastFailure = lambdaEvents(LambdaEvents.FAILED, "consumer").get(2);
    assertThat(record.get("requestContext").toString())
        .isEqualTo(
            "{\"requestId\":\""
                + lastFailure.detail(LambdaEvents.Details.REQUEST_ID)
                + "\",\"functionArn\":\"arn:aws:lambda:us-east-1:000000000000:function:consumer\","
                + "\"condition\":\"RetryAttemptsExhausted\",\"approximateInvokeCount\":3}");
    assertThat(record.get("responseContext").toString())
        .isEqualTo(
            "{\"statusCode\":200,\"executedVersion\":\"$LATEST\",\"functionError\":\"Unhandled\"}");
    assertThat(record.get("version").asText()).isEqualTo("1.0");
    assertThat(record.get("timestamp").asText()).isEqualTo(iso(start.plusSeconds(3)));
    assertThat(record.get("KinesisBatchInfo").toString())
        .isEqualTo(
            "{\"shardId\":\"shardId-000000000000\",\"startSequenceNumber\":\""
                + sequences.get(0)
                + "\",\"endSequenceNumber\":\""
                + sequences.get(1)
                + "\",\"approximateArrivalOfFirstRecord\":\""
                + iso(start)
                + "\",\"approximateArrivalOfLastRecord\":\""
                + iso(start)
                + "\",\"batchSize\":2,\"streamArn\":\""
                + streamArn("orders")
                + "\"}");
    List<JournalEvent> discarded = lambdaEvents(LambdaEvents.EVENT_DISCARDED, "consumer");
    assertThat(discarded).hasSize(1);
    assertThat(discarded.get(0).detail(LambdaEvents.Details.ATTEMPT)).isEqualTo("3");
    assertThat(discarded.get(0).detail(LambdaEvents.Details.ERROR_TYPE))
        .isEqualTo(IllegalStateException.class.getName());
    assertThat(discarded.get(0).detail(LambdaEvents.Details.DESTINATION))
        .isEqualTo(stack.arn(failures));
    assertThat(discarded.get(0).detail(LambdaEvents.Details.TRIGGER))
        .isEqualTo(streamArn("orders"));
  }

  @Test
  void anOnFailureTopicPublishesTheRecordToItsSubscribers() throws Exception {
    TestFunctions.create(stack, "consumer", FAILER);
    createStream("orders", 1);
    String topicArn = stack.sns().createTopic(b -> b.name("alarms")).topicArn();
    String inbox = stack.createQueue("inbox");
    stack
        .sns()
        .subscribe(
            b ->
                b.topicArn(topicArn)
                    .protocol("sqs")
                    .endpoint(stack.arn(inbox))
                    .attributes(Map.of("RawMessageDelivery", "true")));
    map(
        "orders",
        "consumer",
        r ->
            r.maximumRetryAttempts(0)
                .destinationConfig(d -> d.onFailure(f -> f.destination(topicArn))));
    String sequence = put("orders", "k", "poison");

    poll();
    awaitEnded("consumer", 1);
    Await.until(() -> stack.count(inbox, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES) == 1);

    JsonNode record = drain(inbox).get(0);
    assertThat(record.get("requestContext").get("condition").asText())
        .isEqualTo("RetryAttemptsExhausted");
    assertThat(record.get("requestContext").get("approximateInvokeCount").asInt()).isEqualTo(1);
    assertThat(record.get("KinesisBatchInfo").get("startSequenceNumber").asText())
        .isEqualTo(sequence);
  }

  @Test
  void bisectingSplitsAFailingBatchUntilTheBadRecordIsAlone() throws Exception {
    TestFunctions.create(stack, "consumer", FAILER);
    createStream("orders", 1);
    String failures = stack.createQueue("failures");
    map(
        "orders",
        "consumer",
        r ->
            r.bisectBatchOnFunctionError(true)
                .maximumRetryAttempts(0)
                .destinationConfig(d -> d.onFailure(f -> f.destination(stack.arn(failures)))));
    List<String> sequences = putAll("orders", "k", "r1", "r2", "poison", "r4");

    poll();
    awaitEnded("consumer", 1); // [r1 r2 poison r4] fails and is split in two
    poll();
    awaitEnded("consumer", 3); // [r1 r2] is handled, then [poison r4] fails and is split
    poll();
    awaitEnded("consumer", 4); // [poison] fails, and with no retries is given up on
    poll();
    awaitEnded("consumer", 5);

    assertThat(batches("consumer"))
        .containsExactly(
            List.of("r1", "r2", "poison", "r4"),
            List.of("r1", "r2"),
            List.of("poison", "r4"),
            List.of("poison"),
            List.of("r4"));
    List<JsonNode> records = drain(failures);
    assertThat(records).hasSize(1);
    JsonNode info = records.get(0).get("KinesisBatchInfo");
    assertThat(info.get("batchSize").asInt()).isEqualTo(1);
    assertThat(info.get("startSequenceNumber").asText()).isEqualTo(sequences.get(2));
    assertThat(info.get("endSequenceNumber").asText()).isEqualTo(sequences.get(2));
    assertThat(records.get(0).get("requestContext").get("condition").asText())
        .isEqualTo("RetryAttemptsExhausted");
  }

  @Test
  void recordsOlderThanTheMaximumAgeAreGivenUpOnWithoutAnInvocation() throws Exception {
    TestFunctions.create(stack, "consumer", FAILER);
    createStream("orders", 1);
    String failures = stack.createQueue("failures");
    String sequence = put("orders", "k", "stale");
    stack.advance(Duration.ofSeconds(90));
    put("orders", "k", "fresh");
    map(
        "orders",
        "consumer",
        r ->
            r.maximumRecordAgeInSeconds(60)
                .destinationConfig(d -> d.onFailure(f -> f.destination(stack.arn(failures)))));

    poll();
    awaitEnded("consumer", 1);
    Await.until(
        () -> stack.count(failures, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES) == 1);

    assertThat(batches("consumer")).containsExactly(List.of("fresh"));
    JsonNode record = drain(failures).get(0);
    assertThat(fieldNames(record))
        .containsExactly("requestContext", "version", "timestamp", "KinesisBatchInfo");
    assertThat(record.get("requestContext").get("condition").asText())
        .isEqualTo("RecordAgeExceeded");
    assertThat(record.get("requestContext").get("approximateInvokeCount").asInt()).isZero();
    assertThat(record.get("KinesisBatchInfo").get("startSequenceNumber").asText())
        .isEqualTo(sequence);
  }

  // ---- ReportBatchItemFailures

  @Test
  void aReportedFailureMakesTheNextAttemptStartAtThatRecord() throws Exception {
    TestFunctions.create(stack, "worker", WORKER);
    createStream("orders", 1);
    String flaky = "b-" + UUID.randomUUID() + ":fail-once";
    List<String> sequences = putAll("orders", "k", "a", flaky, "c");
    map(
        "orders",
        "worker",
        r -> r.functionResponseTypes(FunctionResponseType.REPORT_BATCH_ITEM_FAILURES));

    poll();
    awaitEnded("worker", 1);
    poll();
    awaitEnded("worker", 2);

    assertThat(batches("worker")).containsExactly(List.of("a", flaky, "c"), List.of(flaky, "c"));
    List<JournalEvent> reported = lambdaEvents(LambdaEvents.BATCH_ITEMS_FAILED, "worker");
    assertThat(reported).hasSize(1);
    assertThat(reported.get(0).detail(LambdaEvents.Details.FAILED_ITEMS))
        .isEqualTo(sequences.get(1));
    assertThat(reported.get(0).detail(LambdaEvents.Details.TRIGGER)).isEqualTo(streamArn("orders"));
  }

  @Test
  void aRecordReportedFailedUntilRetriesRunOutGoesOnFailureWithTheRestOfItsBatch()
      throws Exception {
    TestFunctions.create(stack, "worker", WORKER);
    createStream("orders", 1);
    String failures = stack.createQueue("failures");
    List<String> sequences = putAll("orders", "k", "a", "b:fail", "c");
    map(
        "orders",
        "worker",
        r ->
            r.functionResponseTypes(FunctionResponseType.REPORT_BATCH_ITEM_FAILURES)
                .maximumRetryAttempts(1)
                .destinationConfig(d -> d.onFailure(f -> f.destination(stack.arn(failures)))));

    poll();
    awaitEnded("worker", 1);
    poll();
    awaitEnded("worker", 2);
    Await.until(
        () -> stack.count(failures, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES) == 1);

    assertThat(batches("worker"))
        .containsExactly(List.of("a", "b:fail", "c"), List.of("b:fail", "c"));
    JsonNode record = drain(failures).get(0);
    // The function answered: a partial failure is no function error.
    assertThat(record.get("responseContext").toString())
        .isEqualTo("{\"statusCode\":200,\"executedVersion\":\"$LATEST\"}");
    assertThat(record.get("requestContext").get("approximateInvokeCount").asInt()).isEqualTo(2);
    JsonNode info = record.get("KinesisBatchInfo");
    assertThat(info.get("startSequenceNumber").asText()).isEqualTo(sequences.get(1));
    assertThat(info.get("endSequenceNumber").asText()).isEqualTo(sequences.get(2));
    assertThat(info.get("batchSize").asInt()).isEqualTo(2);
  }

  @Test
  void anAnswerLambdaCannotReadFailsTheWholeBatch() throws Exception {
    TestFunctions.create(stack, "misreporter", MISREPORTER);
    createStream("orders", 1);
    String failures = stack.createQueue("failures");
    putAll("orders", "k", "a", "b");
    map(
        "orders",
        "misreporter",
        r ->
            r.functionResponseTypes(FunctionResponseType.REPORT_BATCH_ITEM_FAILURES)
                .maximumRetryAttempts(1)
                .destinationConfig(d -> d.onFailure(f -> f.destination(stack.arn(failures)))));

    poll();
    awaitEnded("misreporter", 1);
    poll();
    awaitEnded("misreporter", 2);
    Await.until(
        () -> stack.count(failures, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES) == 1);

    assertThat(batches("misreporter")).containsExactly(List.of("a", "b"), List.of("a", "b"));
    assertThat(lambdaEvents(LambdaEvents.BATCH_ITEMS_FAILED, "misreporter")).isEmpty();
    assertThat(drain(failures).get(0).get("KinesisBatchInfo").get("batchSize").asInt())
        .isEqualTo(2);
  }

  // ---- filters, concurrency, consumers, states

  @Test
  void filterCriteriaMatchTheDataAsJsonAndSkipTheRest() throws Exception {
    TestFunctions.create(stack, "buyer", FAILER);
    createStream("orders", 1);
    map(
        "orders",
        "buyer",
        r ->
            r.filterCriteria(
                f ->
                    f.filters(
                        Filter.builder().pattern("{\"data\":{\"type\":[\"buy\"]}}").build())));
    putAll(
        "orders",
        "k",
        "{\"type\":\"buy\",\"n\":1}",
        "{\"type\":\"sell\",\"n\":2}",
        "buy, but not JSON",
        "{\"type\":\"buy\",\"n\":3}");

    poll();
    awaitEnded("buyer", 1);

    assertThat(batches("buyer"))
        .containsExactly(List.of("{\"type\":\"buy\",\"n\":1}", "{\"type\":\"buy\",\"n\":3}"));
  }

  @Test
  void withAParallelizationFactorAFailingKeyHoldsUpOnlyItsOwnRecords() throws Exception {
    TestFunctions.create(stack, "serial", FAILER);
    TestFunctions.create(stack, "parallel", FAILER);
    createStream("orders", 1);
    map("orders", "serial");
    map("orders", "parallel", r -> r.parallelizationFactor(10));
    put("orders", "bad-key", "poison");
    for (int i = 0; i < 9; i++) {
      put("orders", "key-" + i, "ok-" + i);
    }

    poll();
    Await.until(
        () ->
            ended("serial") >= 1
                && !lambdaEvents(LambdaEvents.SUCCEEDED, "parallel").isEmpty()
                && !lambdaEvents(LambdaEvents.FAILED, "parallel").isEmpty());

    // One batch per shard: the poisoned record fails every record behind it.
    assertThat(lambdaEvents(LambdaEvents.SUCCEEDED, "serial")).isEmpty();
    assertThat(batches("serial").get(0)).hasSize(10);
    // Ten batches per shard, each for its own keys: only the poisoned key's batch fails.
    List<String> failed =
        lambdaEvents(LambdaEvents.FAILED, "parallel").stream()
            .map(event -> event.detail(LambdaEvents.Details.REQUEST_ID))
            .toList();
    for (JournalEvent invoked : lambdaEvents(LambdaEvents.INVOKED, "parallel")) {
      List<String> keys =
          records(invoked).stream()
              .map(record -> record.get("kinesis").get("partitionKey").asText())
              .toList();
      assertThat(keys.contains("bad-key"))
          .isEqualTo(failed.contains(invoked.detail(LambdaEvents.Details.REQUEST_ID)));
    }
  }

  @Test
  void aStreamConsumerArnIsReadLikeItsStreamUnderTheConsumersName() throws Exception {
    TestFunctions.create(stack, "echo", ECHO);
    createStream("orders", 1);
    String consumerArn =
        stack
            .kinesis()
            .registerStreamConsumer(b -> b.streamARN(streamArn("orders")).consumerName("lambda"))
            .consumer()
            .consumerARN();
    String uuid =
        stack
            .lambda()
            .createEventSourceMapping(
                r ->
                    r.eventSourceArn(consumerArn)
                        .functionName("echo")
                        .startingPosition(EventSourcePosition.LATEST))
            .uuid();
    put("orders", "k", "fan-out");

    poll();
    awaitEnded("echo", 1);

    assertThat(batches("echo")).containsExactly(List.of("fan-out"));
    JsonNode record = records(lambdaEvents(LambdaEvents.INVOKED, "echo").get(0)).get(0);
    assertThat(record.get("eventSourceARN").asText()).isEqualTo(streamArn("orders"));
    assertThat(stack.lambda().getEventSourceMapping(r -> r.uuid(uuid)).eventSourceArn())
        .isEqualTo(consumerArn);
    assertThat(
            journal(KinesisEvents.SERVICE, KinesisEvents.RECORDS_READ, "orders")
                .get(0)
                .detail(KinesisEvents.Details.CONSUMER))
        .isEqualTo("lambda");
  }

  @Test
  void aDisabledMappingReadsNothingAndGoesOnWhereItStoppedWhenEnabledAgain() throws Exception {
    TestFunctions.create(stack, "consumer", FAILER);
    createStream("orders", 1);
    put("orders", "k", "first");
    String uuid = map("orders", "consumer");
    poll();
    awaitEnded("consumer", 1);

    stack.lambda().updateEventSourceMapping(r -> r.uuid(uuid).enabled(false));
    put("orders", "k", "second");
    poll();
    poll();
    int readsWhileDisabled =
        journal(KinesisEvents.SERVICE, KinesisEvents.RECORDS_READ, "orders").size();
    stack.lambda().updateEventSourceMapping(r -> r.uuid(uuid).enabled(true));
    poll();
    awaitEnded("consumer", 2);

    assertThat(readsWhileDisabled).isEqualTo(1);
    assertThat(batches("consumer")).containsExactly(List.of("first"), List.of("second"));
    assertThat(stack.lambda().getEventSourceMapping(r -> r.uuid(uuid)).lastProcessingResult())
        .isEqualTo("OK");
  }
}
