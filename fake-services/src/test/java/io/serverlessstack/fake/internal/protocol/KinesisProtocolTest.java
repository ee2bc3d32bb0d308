package io.serverlessstack.fake.internal.protocol;

import static io.serverlessstack.fake.AwsErrors.assertAwsError;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORParser;
import io.serverlessstack.fake.RawHttp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamDescriptionSummary;

/**
 * awsJson 1.1 and its CBOR form, on the Kinesis client model: the real Kinesis clients (sync and
 * async, HTTP/1.1 and HTTP/2), sending CBOR as they do by default and JSON 1.1 with {@code
 * aws.cborEnabled=false}, against a small Kinesis-shaped service. Timestamps keep their
 * milliseconds and binary data its bytes both ways, in both encodings; errors come back as the
 * SDK's modelled exceptions.
 */
class KinesisProtocolTest {

  @RegisterExtension static final PlatformStack stack = new PlatformStack();

  private static final Instant FIRST = Instant.parse("2030-01-02T03:04:05.678Z");
  private static final byte[] ALL_BYTES = allBytes();
  private static final Map<String, ClientKind.Clients<KinesisClient, KinesisAsyncClient>> CLIENTS =
      new ConcurrentHashMap<>();
  private static final Map<String, ContentTypes> SENT = new ConcurrentHashMap<>();

  static Stream<Arguments> clients() {
    List<Arguments> arguments = new ArrayList<>();
    for (ClientKind kind : ClientKind.values()) {
      arguments.add(Arguments.of(kind, true));
      arguments.add(Arguments.of(kind, false));
    }
    return arguments.stream();
  }

  @ParameterizedTest(name = "{0}, cbor={1}")
  @MethodSource("clients")
  void recordsKeepTheirBytesAndMillisecondTimestamps(ClientKind kind, boolean cbor) {
    ClientKind.Clients<KinesisClient, KinesisAsyncClient> kinesis = kinesis(kind, cbor);
    ContentTypes sent = SENT.get(kind + "/" + cbor);
    sent.seen.clear();
    stack.kinesis.setNow(FIRST.minusSeconds(60));
    kinesis.call(
        c -> c.createStream(b -> b.streamName("orders").shardCount(1)),
        c -> c.createStream(b -> b.streamName("orders").shardCount(1)));
    stack.kinesis.setNow(FIRST);
    PutRecordResponse put =
        kinesis.call(
            c -> c.putRecord(b -> b.streamName("orders").partitionKey("a").data(bytes(ALL_BYTES))),
            c -> c.putRecord(b -> b.streamName("orders").partitionKey("a").data(bytes(ALL_BYTES))));
    stack.kinesis.setNow(FIRST.plusMillis(1));
    kinesis.call(
        c -> c.putRecord(b -> b.streamName("orders").partitionKey("é").data(utf8("second"))),
        c -> c.putRecord(b -> b.streamName("orders").partitionKey("é").data(utf8("second"))));

    StreamDescriptionSummary summary =
        kinesis
            .call(
                c -> c.describeStreamSummary(b -> b.streamName("orders")),
                c -> c.describeStreamSummary(b -> b.streamName("orders")))
            .streamDescriptionSummary();
    List<Record> all = records(kinesis, ShardIteratorType.TRIM_HORIZON, null);
    List<Record> fromSecond = records(kinesis, ShardIteratorType.AT_TIMESTAMP, FIRST.plusMillis(1));

    assertThat(put.shardId()).isEqualTo(TestKinesis.SHARD);
    assertThat(put.sequenceNumber()).endsWith("1");
    assertThat(summary.streamCreationTimestamp()).isEqualTo(FIRST.minusSeconds(60));
    assertThat(summary.streamARN())
        .isEqualTo("arn:aws:kinesis:us-east-1:000000000000:stream/orders");
    assertThat(all).extracting(Record::partitionKey).containsExactly("a", "é");
    assertThat(all.get(0).data().asByteArray()).isEqualTo(ALL_BYTES);
    assertThat(all.get(1).data().asUtf8String()).isEqualTo("second");
    assertThat(all)
        .extracting(Record::approximateArrivalTimestamp)
        .containsExactly(FIRST, FIRST.plusMillis(1));
    assertThat(fromSecond).extracting(Record::partitionKey).containsExactly("é");
    assertThat(sent.seen)
        .as("what the client sent")
        .isNotEmpty()
        .allMatch(
            type ->
                type.equals(cbor ? "application/x-amz-cbor-1.1" : "application/x-amz-json-1.1"));
  }

  @ParameterizedTest(name = "{0}, cbor={1}")
  @MethodSource("clients")
  void errorsAreTheModelledExceptions(ClientKind kind, boolean cbor) {
    ClientKind.Clients<KinesisClient, KinesisAsyncClient> kinesis = kinesis(kind, cbor);
    kinesis.call(
        c -> c.createStream(b -> b.streamName("taken").shardCount(1)),
        c -> c.createStream(b -> b.streamName("taken").shardCount(1)));

    ResourceNotFoundException missing =
        assertAwsError(
            () ->
                kinesis.call(
                    c ->
                        c.putRecord(b -> b.streamName("missing").partitionKey("k").data(utf8("x"))),
                    c ->
                        c.putRecord(
                            b -> b.streamName("missing").partitionKey("k").data(utf8("x")))),
            ResourceNotFoundException.class,
            "ResourceNotFoundException",
            400);
    assertAwsError(
        () ->
            kinesis.call(
                c -> c.createStream(b -> b.streamName("taken").shardCount(1)),
                c -> c.createStream(b -> b.streamName("taken").shardCount(1))),
        ResourceInUseException.class,
        "ResourceInUseException",
        400);
    assertThat(missing.awsErrorDetails().errorMessage())
        .isEqualTo("Stream missing under account 000000000000 not found.");
  }

  // ---- on the CBOR wire

  @Test
  void cborAnswersCarryTaggedEpochMillisecondsAndByteStrings() throws IOException {
    cbor("CreateStream", Map.of("StreamName", "wire", "ShardCount", 1));
    stack.kinesis.setNow(FIRST);
    Map<String, Object> put = new LinkedHashMap<>();
    put.put("StreamName", "wire");
    put.put("PartitionKey", "k");
    put.put("Data", new byte[] {0, (byte) 0xff, 10});
    assertThat(cbor("PutRecord", put).statusCode()).isEqualTo(200);
    String iterator =
        (String)
            read(cbor(
                        "GetShardIterator",
                        Map.of(
                            "StreamName",
                            "wire",
                            "ShardId",
                            TestKinesis.SHARD,
                            "ShardIteratorType",
                            "TRIM_HORIZON"))
                    .body())
                .get("ShardIterator")
                .value();

    HttpResponse<byte[]> records = cbor("GetRecords", Map.of("ShardIterator", iterator));

    assertThat(records.headers().firstValue("content-type")).hasValue("application/x-amz-cbor-1.1");
    Map<String, Token> record = firstRecord(records.body());
    assertThat(record.get("ApproximateArrivalTimestamp"))
        .isEqualTo(new Token(JsonToken.VALUE_NUMBER_INT, 1, FIRST.toEpochMilli()));
    assertThat(record.get("Data").token()).isEqualTo(JsonToken.VALUE_EMBEDDED_OBJECT);
    assertThat((byte[]) record.get("Data").value()).containsExactly(0, 0xff, 10);
  }

  @Test
  void cborErrorsCarryTheirCodeInTheHeaderAndTheBody() throws IOException {
    HttpResponse<byte[]> unknown = cbor("NoSuchOperation", Map.of());
    HttpResponse<byte[]> missing = cbor("DescribeStreamSummary", Map.of("StreamName", "nope"));
    HttpResponse<byte[]> malformed =
        post(
            "Kinesis_20131202.CreateStream",
            "application/x-amz-cbor-1.1",
            new byte[] {(byte) 0xbf});

    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(unknown.headers().firstValue("x-amzn-ErrorType"))
        .hasValue("UnknownOperationException");
    assertThat(read(unknown.body()).get("__type").value()).isEqualTo("UnknownOperationException");
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(read(missing.body()).get("__type").value()).isEqualTo("ResourceNotFoundException");
    assertThat(read(missing.body()).get("message").value())
        .isEqualTo("Stream nope under account 000000000000 not found.");
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(malformed.headers().firstValue("x-amzn-ErrorType"))
        .hasValue("SerializationException");
  }

  @Test
  void contentTypeChoosesTheEncodingOfOneTarget() throws IOException {
    HttpResponse<byte[]> json =
        post(
            "Kinesis_20131202.CreateStream",
            "application/x-amz-json-1.1",
            "{\"StreamName\":\"by-json\",\"ShardCount\":1}".getBytes(UTF_8));
    HttpResponse<byte[]> cborAsJson =
        post(
            "Kinesis_20131202.DescribeStreamSummary",
            "application/x-amz-json-1.1",
            encode(Map.of("StreamName", "by-json")));
    HttpResponse<byte[]> cbor = cbor("DescribeStreamSummary", Map.of("StreamName", "by-json"));

    assertThat(json.statusCode()).isEqualTo(200);
    assertThat(json.headers().firstValue("content-type")).hasValue("application/x-amz-json-1.1");
    assertThat(cborAsJson.statusCode()).as("a CBOR body sent as JSON").isEqualTo(400);
    assertThat(new String(cborAsJson.body(), UTF_8))
        .contains("\"__type\":\"SerializationException\"");
    assertThat(cbor.statusCode()).isEqualTo(200);
    assertThat(cbor.headers().firstValue("content-type")).hasValue("application/x-amz-cbor-1.1");
  }

  // ---- helpers

  private static List<Record> records(
      ClientKind.Clients<KinesisClient, KinesisAsyncClient> kinesis,
      ShardIteratorType type,
      Instant timestamp) {
    String iterator =
        kinesis
            .call(
                c ->
                    c.getShardIterator(
                        b ->
                            b.streamName("orders")
                                .shardId(TestKinesis.SHARD)
                                .shardIteratorType(type)
                                .timestamp(timestamp)),
                c ->
                    c.getShardIterator(
                        b ->
                            b.streamName("orders")
                                .shardId(TestKinesis.SHARD)
                                .shardIteratorType(type)
                                .timestamp(timestamp)))
            .shardIterator();
    GetRecordsResponse records =
        kinesis.call(
            c -> c.getRecords(b -> b.shardIterator(iterator)),
            c -> c.getRecords(b -> b.shardIterator(iterator)));
    return records.records();
  }

  /**
   * The class's Kinesis client of {@code kind} that sends CBOR or, built with {@code
   * aws.cborEnabled=false}, JSON 1.1.
   */
  private static ClientKind.Clients<KinesisClient, KinesisAsyncClient> kinesis(
      ClientKind kind, boolean cbor) {
    return CLIENTS.computeIfAbsent(kind + "/" + cbor, key -> newKinesis(kind, cbor, key));
  }

  private static ClientKind.Clients<KinesisClient, KinesisAsyncClient> newKinesis(
      ClientKind kind, boolean cbor, String key) {
    ContentTypes sent = new ContentTypes();
    SENT.put(key, sent);
    String previous = System.getProperty("aws.cborEnabled");
    System.setProperty("aws.cborEnabled", Boolean.toString(cbor));
    try {
      return stack.track(
          kind.clients(
              stack.endpoint(),
              KinesisClient::builder,
              KinesisAsyncClient::builder,
              List.of(sent)));
    } finally {
      if (previous == null) {
        System.clearProperty("aws.cborEnabled");
      } else {
        System.setProperty("aws.cborEnabled", previous);
      }
    }
  }

  /** The {@code Content-Type} of every request a client sent. */
  private static final class ContentTypes implements ExecutionInterceptor {
    final List<String> seen = new CopyOnWriteArrayList<>();

    @Override
    public void beforeTransmission(
        Context.BeforeTransmission context, ExecutionAttributes attributes) {
      seen.add(context.httpRequest().firstMatchingHeader("Content-Type").orElse("(none)"));
    }
  }

  private static HttpResponse<byte[]> cbor(String operation, Map<String, Object> members)
      throws IOException {
    return post("Kinesis_20131202." + operation, "application/x-amz-cbor-1.1", encode(members));
  }

  private static HttpResponse<byte[]> post(String target, String contentType, byte[] body) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(stack.endpoint() + "/"))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", contentType)
            .header("X-Amz-Target", target)
            .header("Authorization", RawHttp.authorization("test", "us-east-1", "kinesis"))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    try {
      return HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .build()
          .send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A CBOR map of strings, ints and byte strings, as the SDK writes them. */
  private static byte[] encode(Map<String, Object> members) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator generator = new CBORFactory().createGenerator(out)) {
      generator.writeStartObject();
      for (Map.Entry<String, Object> member : members.entrySet()) {
        generator.writeFieldName(member.getKey());
        Object value = member.getValue();
        if (value instanceof byte[] bytes) {
          generator.writeBinary(bytes);
        } else if (value instanceof Integer number) {
          generator.writeNumber(number);
        } else {
          generator.writeString((String) value);
        }
      }
      generator.writeEndObject();
    }
    return out.toByteArray();
  }

  /** A scalar as the CBOR parser saw it: its token, its tag (-1 for none) and its value. */
  record Token(JsonToken token, int tag, Object value) {}

  /** The scalar members of a CBOR object's top level. */
  private static Map<String, Token> read(byte[] cbor) throws IOException {
    try (CBORParser parser = new CBORFactory().createParser(cbor)) {
      assertThat(parser.nextToken()).isEqualTo(JsonToken.START_OBJECT);
      return members(parser);
    }
  }

  private static Map<String, Token> members(CBORParser parser) throws IOException {
    Map<String, Token> members = new LinkedHashMap<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken token = parser.nextToken();
      if (token.isStructStart()) {
        parser.skipChildren();
      } else {
        members.put(name, new Token(token, parser.getCurrentTag(), value(parser)));
      }
    }
    return members;
  }

  private static Object value(JsonParser parser) throws IOException {
    return switch (parser.currentToken()) {
      case VALUE_NUMBER_INT -> parser.getLongValue();
      case VALUE_EMBEDDED_OBJECT -> parser.getBinaryValue();
      default -> parser.getText();
    };
  }

  /** The scalar members of the first of a GetRecords answer's records. */
  private static Map<String, Token> firstRecord(byte[] cbor) throws IOException {
    try (CBORParser parser = new CBORFactory().createParser(cbor)) {
      parser.nextToken();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken token = parser.nextToken();
        if (name.equals("Records")) {
          assertThat(token).isEqualTo(JsonToken.START_ARRAY);
          assertThat(parser.nextToken()).isEqualTo(JsonToken.START_OBJECT);
          return members(parser);
        }
        parser.skipChildren();
      }
    }
    throw new AssertionError("no Records in the answer");
  }

  private static SdkBytes bytes(byte[] bytes) {
    return SdkBytes.fromByteArray(bytes);
  }

  private static SdkBytes utf8(String text) {
    return SdkBytes.fromUtf8String(text);
  }

  private static byte[] allBytes() {
    byte[] bytes = new byte[256];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) i;
    }
    return bytes;
  }
}
