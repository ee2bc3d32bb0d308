package io.serverlessstack.fake.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORParser;
import io.serverlessstack.fake.Await;
import io.serverlessstack.fake.RawHttp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.InternalFailureException;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardEvent;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardRequest;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardResponse;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardResponseHandler;
import software.amazon.eventstream.Message;
import software.amazon.eventstream.MessageDecoder;

/**
 * SubscribeToShard as an AWS event stream, read by the real {@code KinesisAsyncClient} over HTTP/2
 * (its default, h2c with prior knowledge) and HTTP/1.1, built with CBOR on and off: the events
 * arrive in order with their records, an exception event becomes the SDK's modelled exception, a
 * slow reader holds the server's publisher back without stopping the server, and a reader that
 * cancels cancels the publisher.
 */
class KinesisEventStreamTest {

  @RegisterExtension static final PlatformStack stack = new PlatformStack();

  private static final String STREAM = "events";
  private static final Map<String, KinesisAsyncClient> CLIENTS = new ConcurrentHashMap<>();
  private static final Map<String, List<String>> SENT = new ConcurrentHashMap<>();

  static Stream<Arguments> clients() {
    List<Arguments> arguments = new ArrayList<>();
    for (ClientKind kind : List.of(ClientKind.ASYNC_HTTP2, ClientKind.ASYNC_HTTP1)) {
      arguments.add(Arguments.of(kind, true));
      arguments.add(Arguments.of(kind, false));
    }
    return arguments.stream();
  }

  @ParameterizedTest(name = "{0}, cbor={1}")
  @MethodSource("clients")
  void eventsArriveInOrderWithTheirRecords(ClientKind kind, boolean cbor) throws Exception {
    KinesisAsyncClient kinesis = kinesis(kind, cbor);
    createStream(kinesis);
    stack.kinesis.scriptSubscriptions(TestShardPublisher.Script.events(25).withDataBytes(300));
    List<String> sent = SENT.get(kind + "/" + cbor);
    sent.clear();
    EventStreamSubscriber subscriber = EventStreamSubscriber.readingAll();
    CompletableFuture<SubscribeToShardResponse> initial = new CompletableFuture<>();

    kinesis
        .subscribeToShard(
            request(),
            SubscribeToShardResponseHandler.builder()
                .onResponse(initial::complete)
                .subscriber(() -> subscriber)
                .build())
        .get(30, TimeUnit.SECONDS);

    assertThat(initial).isCompleted();
    assertThat(subscriber.completed()).isTrue();
    assertEvents(subscriber.events, 25, 300);
    // The Java SDK marshals SubscribeToShard with its JSON protocol even when CBOR is on.
    assertThat(sent)
        .as("what the client sent for SubscribeToShard")
        .containsExactly("application/x-amz-json-1.1");
  }

  @ParameterizedTest(name = "{0}, cbor={1}")
  @MethodSource("clients")
  void anExceptionEventIsTheModelledException(ClientKind kind, boolean cbor) throws Exception {
    KinesisAsyncClient kinesis = kinesis(kind, cbor);
    createStream(kinesis);
    stack.kinesis.scriptSubscriptions(
        TestShardPublisher.Script.events(3)
            .failingWith(
                new AwsErrorException(
                    "ResourceNotFoundException",
                    "ResourceNotFoundException",
                    400,
                    "Stream events was deleted.")));
    EventStreamSubscriber subscriber = EventStreamSubscriber.readingAll();

    Throwable failure = failureOfSubscribing(kinesis, subscriber);

    assertThat(failure).isInstanceOf(ResourceNotFoundException.class);
    ResourceNotFoundException error = (ResourceNotFoundException) failure;
    assertThat(error.awsErrorDetails().errorCode()).isEqualTo("ResourceNotFoundException");
    assertThat(error.awsErrorDetails().errorMessage()).isEqualTo("Stream events was deleted.");
    assertEvents(subscriber.events, 3, 16);
    assertThat(subscriber.error()).isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void anInternalFailureEventIsTheModelledException() throws Exception {
    KinesisAsyncClient kinesis = kinesis(ClientKind.ASYNC_HTTP2, true);
    createStream(kinesis);
    stack.kinesis.scriptSubscriptions(
        TestShardPublisher.Script.events(0)
            .failingWith(
                new AwsErrorException(
                    "InternalFailureException", "InternalFailureException", 500, "Oops.")));

    Throwable failure = failureOfSubscribing(kinesis, EventStreamSubscriber.readingAll());

    assertThat(failure).isInstanceOf(InternalFailureException.class);
    assertThat(((InternalFailureException) failure).awsErrorDetails().errorMessage())
        .isEqualTo("Oops.");
  }

  @ParameterizedTest
  @EnumSource(
      value = ClientKind.class,
      names = {"ASYNC_HTTP2", "ASYNC_HTTP1"})
  void aSubscriptionThatCannotStartIsAnErrorResponse(ClientKind kind) {
    KinesisAsyncClient kinesis = kinesis(kind, true);

    Throwable failure = failureOfSubscribing(kinesis, EventStreamSubscriber.readingAll());

    assertThat(failure).isInstanceOf(ResourceNotFoundException.class);
    assertThat(((ResourceNotFoundException) failure).statusCode()).isEqualTo(400);
    assertThat(stack.kinesis.publishers()).isEmpty();
  }

  /**
   * A client that stops reading stops the server's publisher once the socket and flow-control
   * buffers are full, far short of the whole stream; meanwhile the event loop serves other calls on
   * the same client (over HTTP/2, the same connection). Read one at a time, everything arrives.
   */
  @ParameterizedTest
  @EnumSource(
      value = ClientKind.class,
      names = {"ASYNC_HTTP2", "ASYNC_HTTP1"})
  void aSlowReaderHoldsThePublisherBackAndStillGetsEverything(ClientKind kind) throws Exception {
    int events = 400;
    int dataBytes = 64 * 1024; // 400 events of 87 KB on the wire: 35 MB, beyond any buffer
    KinesisAsyncClient kinesis = kinesis(kind, false);
    createStream(kinesis);
    stack.kinesis.scriptSubscriptions(
        TestShardPublisher.Script.events(events).withDataBytes(dataBytes));
    EventStreamSubscriber subscriber = EventStreamSubscriber.holdingAfter(1);

    CompletableFuture<Void> done = kinesis.subscribeToShard(request(), handler(subscriber));
    assertThat(subscriber.held.await(30, TimeUnit.SECONDS)).isTrue();
    TestShardPublisher publisher = stack.kinesis.publishers().get(0);
    long askedWhileHeld = settled(publisher);
    // The event loop is free: other calls are answered while the stream is held up.
    for (int i = 0; i < 4; i++) {
      assertThat(
              kinesis
                  .describeStreamSummary(b -> b.streamName(STREAM))
                  .get(10, TimeUnit.SECONDS)
                  .streamDescriptionSummary()
                  .streamName())
          .isEqualTo(STREAM);
    }
    assertThat(publisher.requested()).isEqualTo(askedWhileHeld);
    subscriber.release();
    done.get(60, TimeUnit.SECONDS);

    assertThat(askedWhileHeld)
        .as("events the server asked for while its client read one")
        .isLessThan(events / 2);
    assertThat(publisher.emitted()).isEqualTo(events);
    assertEvents(subscriber.events, events, dataBytes);
  }

  @ParameterizedTest
  @EnumSource(
      value = ClientKind.class,
      names = {"ASYNC_HTTP2", "ASYNC_HTTP1"})
  void aReaderThatCancelsCancelsThePublisher(ClientKind kind) throws Exception {
    KinesisAsyncClient kinesis = kinesis(kind, true);
    createStream(kinesis);
    stack.kinesis.scriptSubscriptions(TestShardPublisher.Script.events(5).stayingOpen());
    EventStreamSubscriber subscriber = EventStreamSubscriber.cancellingAfter(3);

    kinesis.subscribeToShard(request(), handler(subscriber));

    assertThat(subscriber.cancelled.await(30, TimeUnit.SECONDS)).isTrue();
    TestShardPublisher publisher = stack.kinesis.publishers().get(0);
    assertThat(publisher.cancelled().await(10, TimeUnit.SECONDS))
        .as("the server cancelled its publisher")
        .isTrue();
    // The stack serves on, on a new stream of the same client.
    assertThat(
            kinesis
                .describeStreamSummary(b -> b.streamName(STREAM))
                .get(10, TimeUnit.SECONDS)
                .streamDescriptionSummary()
                .streamName())
        .isEqualTo(STREAM);
  }

  // ---- on the wire

  @Test
  void aCborRequestGetsCborEventsFramedAsAwsEventStreamMessages() throws Exception {
    KinesisAsyncClient kinesis = kinesis(ClientKind.ASYNC_HTTP2, true);
    createStream(kinesis);
    stack.kinesis.scriptSubscriptions(
        TestShardPublisher.Script.events(2)
            .withDataBytes(3)
            .failingWith(
                new AwsErrorException(
                    "ResourceInUseException", "ResourceInUseException", 400, "Taken over.")));

    HttpResponse<byte[]> response = raw("application/x-amz-cbor-1.1", cborSubscribeRequest());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type"))
        .hasValue("application/vnd.amazon.eventstream");
    assertThat(response.headers().firstValue("transfer-encoding")).hasValue("chunked");
    List<Message> messages =
        new MessageDecoder().feed(java.nio.ByteBuffer.wrap(response.body())).getDecodedMessages();
    assertThat(messages)
        .extracting(m -> headers(m))
        .containsExactly(
            Map.of(
                ":message-type", "event",
                ":event-type", "initial-response",
                ":content-type", "application/x-amz-cbor-1.1"),
            Map.of(
                ":message-type", "event",
                ":event-type", "SubscribeToShardEvent",
                ":content-type", "application/x-amz-cbor-1.1"),
            Map.of(
                ":message-type", "event",
                ":event-type", "SubscribeToShardEvent",
                ":content-type", "application/x-amz-cbor-1.1"),
            Map.of(
                ":message-type", "exception",
                ":exception-type", "ResourceInUseException",
                ":content-type", "application/x-amz-cbor-1.1"));
    assertThat(firstRecordData(messages.get(2).getPayload())).containsExactly(1, 1, 1);
    try (CBORParser parser = new CBORFactory().createParser(messages.get(3).getPayload())) {
      assertThat(parser.nextToken()).isEqualTo(JsonToken.START_OBJECT);
      assertThat(parser.nextFieldName()).isEqualTo("message");
      assertThat(parser.nextTextValue()).isEqualTo("Taken over.");
    }
  }

  @Test
  void aJsonRequestGetsJsonEvents() throws Exception {
    KinesisAsyncClient kinesis = kinesis(ClientKind.ASYNC_HTTP2, false);
    createStream(kinesis);
    stack.kinesis.scriptSubscriptions(TestShardPublisher.Script.events(1).withDataBytes(2));

    HttpResponse<byte[]> response =
        raw(
            "application/x-amz-json-1.1",
            ("{\"ConsumerARN\":\""
                    + TestKinesis.consumerArn(STREAM, "app")
                    + "\",\"ShardId\":\"shardId-000000000000\","
                    + "\"StartingPosition\":{\"Type\":\"TRIM_HORIZON\"}}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));

    List<Message> messages =
        new MessageDecoder().feed(java.nio.ByteBuffer.wrap(response.body())).getDecodedMessages();
    assertThat(messages).hasSize(2);
    assertThat(headers(messages.get(1)))
        .containsEntry(":content-type", "application/json")
        .containsEntry(":event-type", "SubscribeToShardEvent");
    assertThat(new String(messages.get(0).getPayload(), java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo("{}");
    assertThat(new String(messages.get(1).getPayload(), java.nio.charset.StandardCharsets.UTF_8))
        .startsWith("{\"Records\":[{\"SequenceNumber\":\"")
        .contains("\"Data\":\"AAA=\"", "\"PartitionKey\":\"key-0\"");
  }

  // ---- helpers

  /** The publisher's demand once it has not changed for half a second: what the server let in. */
  private static long settled(TestShardPublisher publisher) throws InterruptedException {
    long[] last = {-1};
    long[] since = {System.nanoTime()};
    Await.until(
        () -> {
          long now = publisher.requested();
          if (now != last[0]) {
            last[0] = now;
            since[0] = System.nanoTime();
            return false;
          }
          return System.nanoTime() - since[0] > TimeUnit.MILLISECONDS.toNanos(500);
        });
    return last[0];
  }

  private static void assertEvents(List<SubscribeToShardEvent> events, int count, int dataBytes) {
    List<Record> records =
        events.stream().flatMap(event -> event.records().stream()).collect(Collectors.toList());
    assertThat(events).hasSize(count).allMatch(event -> event.records().size() == 1);
    assertThat(records)
        .extracting(Record::partitionKey)
        .containsExactlyElementsOf(
            IntStream.range(0, count).mapToObj(i -> "key-" + i).collect(Collectors.toList()));
    for (int i = 0; i < count; i++) {
      Record expected = TestShardPublisher.record(i, dataBytes);
      assertThat(records.get(i)).isEqualTo(expected);
      assertThat(events.get(i).continuationSequenceNumber()).isEqualTo(expected.sequenceNumber());
    }
  }

  private static SubscribeToShardRequest request() {
    return SubscribeToShardRequest.builder()
        .consumerARN(TestKinesis.consumerArn(STREAM, "app"))
        .shardId(TestKinesis.SHARD)
        .startingPosition(p -> p.type(ShardIteratorType.TRIM_HORIZON))
        .build();
  }

  private static SubscribeToShardResponseHandler handler(EventStreamSubscriber subscriber) {
    return SubscribeToShardResponseHandler.builder().subscriber(() -> subscriber).build();
  }

  private static void createStream(KinesisAsyncClient kinesis) throws Exception {
    kinesis.createStream(b -> b.streamName(STREAM).shardCount(1)).get(10, TimeUnit.SECONDS);
  }

  private static Map<String, String> headers(Message message) {
    return message.getHeaders().entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().getString()));
  }

  private static byte[] cborSubscribeRequest() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator generator = new CBORFactory().createGenerator(out)) {
      generator.writeStartObject();
      generator.writeStringField("ConsumerARN", TestKinesis.consumerArn(STREAM, "app"));
      generator.writeStringField("ShardId", TestKinesis.SHARD);
      generator.writeObjectFieldStart("StartingPosition");
      generator.writeStringField("Type", "TRIM_HORIZON");
      generator.writeEndObject();
      generator.writeEndObject();
    }
    return out.toByteArray();
  }

  /** The {@code Data} of the first record of a CBOR {@code SubscribeToShardEvent} payload. */
  private static byte[] firstRecordData(byte[] payload) throws IOException {
    try (CBORParser parser = new CBORFactory().createParser(payload)) {
      while (parser.nextToken() != null) {
        if (parser.currentToken() == JsonToken.FIELD_NAME && "Data".equals(parser.currentName())) {
          assertThat(parser.nextToken()).isEqualTo(JsonToken.VALUE_EMBEDDED_OBJECT);
          return parser.getBinaryValue();
        }
      }
    }
    throw new AssertionError("no Data in the event");
  }

  private static HttpResponse<byte[]> raw(String contentType, byte[] body) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(stack.endpoint() + "/"))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", contentType)
            .header("X-Amz-Target", TestKinesis.TARGET_PREFIX + ".SubscribeToShard")
            .header("Authorization", RawHttp.authorization("test", "us-east-1", "kinesis"))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .build()
        .send(request, HttpResponse.BodyHandlers.ofByteArray());
  }

  /** The class's async Kinesis client of {@code kind}, built with CBOR on or off. */
  private static KinesisAsyncClient kinesis(ClientKind kind, boolean cbor) {
    return CLIENTS.computeIfAbsent(kind + "/" + cbor, key -> newKinesis(kind, cbor, key));
  }

  private static KinesisAsyncClient newKinesis(ClientKind kind, boolean cbor, String key) {
    List<String> sent = new CopyOnWriteArrayList<>();
    SENT.put(key, sent);
    ExecutionInterceptor subscribeContentType =
        new ExecutionInterceptor() {
          @Override
          public void beforeTransmission(
              Context.BeforeTransmission context, ExecutionAttributes attributes) {
            if (context.request() instanceof SubscribeToShardRequest) {
              sent.add(context.httpRequest().firstMatchingHeader("Content-Type").orElse("(none)"));
            }
          }
        };
    String previous = System.getProperty("aws.cborEnabled");
    System.setProperty("aws.cborEnabled", Boolean.toString(cbor));
    try {
      return stack
          .track(
              kind.clients(
                  stack.endpoint(),
                  KinesisClient::builder,
                  KinesisAsyncClient::builder,
                  List.of(subscribeContentType)))
          .async();
    } finally {
      if (previous == null) {
        System.clearProperty("aws.cborEnabled");
      } else {
        System.setProperty("aws.cborEnabled", previous);
      }
    }
  }

  /** What a subscription that must fail failed with, as the SDK's future reports it. */
  private static Throwable failureOfSubscribing(
      KinesisAsyncClient kinesis, EventStreamSubscriber subscriber) {
    Throwable thrown =
        catchThrowable(
            () ->
                kinesis.subscribeToShard(request(), handler(subscriber)).get(30, TimeUnit.SECONDS));
    assertThat(thrown).isInstanceOf(ExecutionException.class);
    return thrown.getCause();
  }
}
