package io.serverlessstack.fake.internal.kinesis;

import static io.serverlessstack.fake.AwsErrors.assertAwsError;
import static io.serverlessstack.fake.internal.kinesis.KinesisRecordsTest.put;
import static org.assertj.core.api.Assertions.assertThat;

import io.serverlessstack.fake.KinesisClients;
import io.serverlessstack.fake.RawHttp;
import io.serverlessstack.fake.SqsStack;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesis.model.KinesisException;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * What AWS answers to bad Kinesis requests, over CBOR and JSON: unknown streams and shards,
 * malformed bodies, invalid hash keys and sequence numbers, forged iterators, oversize records and
 * batches. Each is a 400 with AWS's code and message, and the server keeps serving.
 */
class KinesisBadInputTest {

  @RegisterExtension static final SqsStack stack = SqsStack.withVirtualClock();

  @AfterEach
  void stillServes() {
    stack.kinesis().createStream(b -> b.streamName("after-bad-input").shardCount(1));
    assertThat(
            stack
                .kinesis()
                .putRecord(put("after-bad-input", "k", SdkBytes.fromUtf8String("x")))
                .shardId())
        .isEqualTo("shardId-000000000000");
  }

  @ParameterizedTest(name = "cbor={0}")
  @ValueSource(booleans = {true, false})
  void anUnknownStreamIsResourceNotFound(boolean cbor) {
    KinesisClient client = stack.track(KinesisClients.sync(stack.server(), cbor));

    ResourceNotFoundException error =
        assertAwsError(
            () -> client.putRecord(put("nope", "k", SdkBytes.fromUtf8String("x"))),
            ResourceNotFoundException.class,
            "ResourceNotFoundException",
            400);

    assertThat(error.awsErrorDetails().errorMessage())
        .isEqualTo("Stream nope under account 000000000000 not found.");
    assertAwsError(
        () ->
            client.describeStream(
                b -> b.streamARN("arn:aws:kinesis:us-east-1:000000000000:stream/nope")),
        ResourceNotFoundException.class,
        "ResourceNotFoundException",
        400);
  }

  @Test
  void aStreamThatExistsIsInUse() {
    stack.kinesis().createStream(b -> b.streamName("orders").shardCount(1));

    ResourceInUseException error =
        assertAwsError(
            () -> stack.kinesis().createStream(b -> b.streamName("orders").shardCount(1)),
            ResourceInUseException.class,
            "ResourceInUseException",
            400);

    assertThat(error.awsErrorDetails().errorMessage())
        .isEqualTo("Stream orders under account 000000000000 already exists.");
  }

  @Test
  void membersOutsideTheirModelledConstraintsAreValidationErrors() {
    stack.kinesis().createStream(b -> b.streamName("orders").shardCount(1));

    KinesisException badName =
        assertAwsError(
            () -> stack.kinesis().createStream(b -> b.streamName("bad name!").shardCount(1)),
            KinesisException.class,
            "ValidationException",
            400);
    KinesisException longKey =
        assertAwsError(
            () ->
                stack
                    .kinesis()
                    .putRecord(put("orders", "k".repeat(257), SdkBytes.fromUtf8String("x"))),
            KinesisException.class,
            "ValidationException",
            400);
    KinesisException badHashKey =
        assertAwsError(
            () ->
                stack
                    .kinesis()
                    .putRecord(
                        put("orders", "k", SdkBytes.fromUtf8String("x")).toBuilder()
                            .explicitHashKey("-1")
                            .build()),
            KinesisException.class,
            "ValidationException",
            400);

    assertThat(badName.awsErrorDetails().errorMessage())
        .isEqualTo(
            "1 validation error detected: Value 'bad name!' at 'streamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
    assertThat(longKey.awsErrorDetails().errorMessage())
        .contains(
            "at 'partitionKey' failed to satisfy constraint: Member must have length less than or equal to 256");
    assertThat(badHashKey.awsErrorDetails().errorMessage()).contains("at 'explicitHashKey'");
  }

  @Test
  void aHashKeyBeyondTheSpaceIsRefused() {
    stack.kinesis().createStream(b -> b.streamName("orders").shardCount(1));
    String tooBig = java.math.BigInteger.TWO.pow(128).toString();

    InvalidArgumentException error =
        assertAwsError(
            () ->
                stack
                    .kinesis()
                    .putRecord(
                        put("orders", "k", SdkBytes.fromUtf8String("x")).toBuilder()
                            .explicitHashKey(tooBig)
                            .build()),
            InvalidArgumentException.class,
            "InvalidArgumentException",
            400);

    assertThat(error.awsErrorDetails().errorMessage())
        .isEqualTo(
            "Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1]. Specified value was "
                + tooBig);
  }

  @Test
  void oversizeRecordsAndBatchesAreRefused() {
    stack.kinesis().createStream(b -> b.streamName("orders").shardCount(1));
    SdkBytes overOneMiB = SdkBytes.fromByteArray(new byte[1024 * 1024 + 1]);
    SdkBytes oneMiB = SdkBytes.fromByteArray(new byte[1024 * 1024 - 10]);

    assertAwsError(
        () -> stack.kinesis().putRecord(put("orders", "k", overOneMiB)),
        KinesisException.class,
        "ValidationException",
        400);
    List<PutRecordsRequestEntry> sixMiB =
        IntStream.range(0, 6)
            .mapToObj(i -> PutRecordsRequestEntry.builder().partitionKey("k").data(oneMiB).build())
            .toList();
    InvalidArgumentException batch =
        assertAwsError(
            () -> stack.kinesis().putRecords(b -> b.streamName("orders").records(sixMiB)),
            InvalidArgumentException.class,
            "InvalidArgumentException",
            400);
    List<PutRecordsRequestEntry> tooMany =
        IntStream.range(0, 501)
            .mapToObj(
                i ->
                    PutRecordsRequestEntry.builder()
                        .partitionKey("k")
                        .data(SdkBytes.fromUtf8String("x"))
                        .build())
            .toList();
    KinesisException count =
        assertAwsError(
            () -> stack.kinesis().putRecords(b -> b.streamName("orders").records(tooMany)),
            KinesisException.class,
            "ValidationException",
            400);

    assertThat(batch.awsErrorDetails().errorMessage()).isEqualTo("Records size exceeds 5 MB limit");
    assertThat(count.awsErrorDetails().errorMessage())
        .contains("Member must have length less than or equal to 500");
    assertThat(KinesisRecordsTest.readAll(stack.kinesis(), "orders", "shardId-000000000000"))
        .isEmpty();
  }

  @Test
  void forgedAndAlteredIteratorsAreInvalid() {
    stack.kinesis().createStream(b -> b.streamName("orders").shardCount(1));
    String real =
        stack
            .kinesis()
            .getShardIterator(
                b ->
                    b.streamName("orders")
                        .shardId("shardId-000000000000")
                        .shardIteratorType(ShardIteratorType.TRIM_HORIZON))
            .shardIterator();
    byte[] bytes = Base64.getDecoder().decode(real);
    bytes[5] ^= 1;
    String altered = Base64.getEncoder().encodeToString(bytes);

    for (String iterator :
        List.of(
            "not-an-iterator",
            altered,
            Base64.getEncoder()
                .encodeToString(
                    "000000000000\nus-east-1\norders\n1\n0\n0\n0"
                        .getBytes(StandardCharsets.UTF_8)))) {
      InvalidArgumentException error =
          assertAwsError(
              () -> stack.kinesis().getRecords(b -> b.shardIterator(iterator)),
              InvalidArgumentException.class,
              "InvalidArgumentException",
              400);
      assertThat(error.awsErrorDetails().errorMessage()).isEqualTo("Invalid ShardIterator.");
    }
  }

  @Test
  void sequenceNumbersOfOtherShardsOrStreamsAreInvalid() {
    stack.kinesis().createStream(b -> b.streamName("orders").shardCount(2));
    stack.kinesis().createStream(b -> b.streamName("other").shardCount(1));
    String onShard1 =
        stack
            .kinesis()
            .putRecord(
                put("orders", "k", SdkBytes.fromUtf8String("x")).toBuilder()
                    .explicitHashKey(java.math.BigInteger.TWO.pow(127).toString())
                    .build())
            .sequenceNumber();
    String ofOther =
        stack.kinesis().putRecord(put("other", "k", SdkBytes.fromUtf8String("x"))).sequenceNumber();

    InvalidArgumentException wrongShard =
        assertAwsError(
            () ->
                stack
                    .kinesis()
                    .getShardIterator(
                        b ->
                            b.streamName("orders")
                                .shardId("shardId-000000000000")
                                .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER)
                                .startingSequenceNumber(onShard1)),
            InvalidArgumentException.class,
            "InvalidArgumentException",
            400);
    InvalidArgumentException wrongStream =
        assertAwsError(
            () ->
                stack
                    .kinesis()
                    .getShardIterator(
                        b ->
                            b.streamName("orders")
                                .shardId("shardId-000000000000")
                                .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER)
                                .startingSequenceNumber(ofOther)),
            InvalidArgumentException.class,
            "InvalidArgumentException",
            400);
    InvalidArgumentException missing =
        assertAwsError(
            () ->
                stack
                    .kinesis()
                    .getShardIterator(
                        b ->
                            b.streamName("orders")
                                .shardId("shardId-000000000000")
                                .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER)),
            InvalidArgumentException.class,
            "InvalidArgumentException",
            400);
    ResourceNotFoundException noShard =
        assertAwsError(
            () ->
                stack
                    .kinesis()
                    .getShardIterator(
                        b ->
                            b.streamName("orders")
                                .shardId("shardId-000000000007")
                                .shardIteratorType(ShardIteratorType.LATEST)),
            ResourceNotFoundException.class,
            "ResourceNotFoundException",
            400);

    assertThat(wrongShard.awsErrorDetails().errorMessage())
        .isEqualTo(
            "Invalid StartingSequenceNumber. It encodes shardId-000000000001, while it was used in a call to a shard with shardId-000000000000");
    assertThat(wrongStream.awsErrorDetails().errorMessage())
        .endsWith("is invalid because it did not come from this stream.");
    assertThat(missing.awsErrorDetails().errorMessage())
        .endsWith("Request specified AT_SEQUENCE_NUMBER and no StartingSequenceNumber.");
    assertThat(noShard.awsErrorDetails().errorMessage())
        .isEqualTo(
            "Shard shardId-000000000007 in stream orders under account 000000000000 does not exist");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"application/x-amz-json-1.1", "application/x-amz-cbor-1.1"})
  void malformedBodiesAreSerializationErrorsNotServerErrors(String contentType) {
    RawHttp http = new RawHttp(stack.server().endpoint());

    HttpResponse<String> response =
        http.post(
            "/",
            Map.of(
                "Content-Type",
                contentType,
                "X-Amz-Target",
                "Kinesis_20131202.PutRecord",
                "Authorization",
                RawHttp.authorization("test", "us-east-1", "kinesis")),
            new byte[] {(byte) 0xbf, '{', 0x01, '"'});

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("x-amzn-ErrorType").orElse(response.body()))
        .contains("SerializationException");
  }
}
