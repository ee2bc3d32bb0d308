package io.serverlessstack.fake.internal.kinesis;

import static io.serverlessstack.fake.AwsErrors.assertAwsError;
import static io.serverlessstack.fake.RealClients.requireClient;
import static io.serverlessstack.fake.internal.kinesis.KinesisRecordsTest.put;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.serverlessstack.api.KinesisEvents;
import io.serverlessstack.fake.RealClients;
import io.serverlessstack.fake.SqsStack;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesis.model.StreamDescriptionSummary;
import software.amazon.awssdk.services.kinesis.model.StreamMode;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;
import software.amazon.awssdk.services.kinesis.model.Tag;

/**
 * The Kinesis control plane (listing, describing, modes, retention, tags, monitoring, encryption,
 * limits), the per-shard throughput limits a stream can switch on, and the AWS CLI, which speaks
 * JSON 1.1.
 */
class KinesisStreamsTest {

  @RegisterExtension static final SqsStack stack = SqsStack.withVirtualClock();

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path DEBIAN_AWS_CLI = Path.of("/usr/bin/aws");

  @TempDir Path home;

  @Test
  void streamsAreListedInPagesWithSummariesAndDescribedByNameOrArn() {
    for (String name : List.of("c", "a", "b")) {
      stack.kinesis().createStream(b -> b.streamName(name).shardCount(1));
    }
    stack
        .kinesis()
        .createStream(
            b -> b.streamName("d").streamModeDetails(m -> m.streamMode(StreamMode.ON_DEMAND)));

    var first = stack.kinesis().listStreams(b -> b.limit(2));
    var rest = stack.kinesis().listStreams(b -> b.nextToken(first.nextToken()));

    assertThat(first.streamNames()).containsExactly("a", "b");
    assertThat(first.hasMoreStreams()).isTrue();
    assertThat(rest.streamNames()).containsExactly("c", "d");
    assertThat(rest.hasMoreStreams()).isFalse();
    assertThat(rest.streamSummaries().get(1).streamModeDetails().streamMode())
        .isEqualTo(StreamMode.ON_DEMAND);
    String arn = first.streamSummaries().get(0).streamARN();
    assertThat(arn).isEqualTo("arn:aws:kinesis:us-east-1:000000000000:stream/a");
    StreamDescriptionSummary summary =
        stack.kinesis().describeStreamSummary(b -> b.streamARN(arn)).streamDescriptionSummary();
    assertThat(summary.streamName()).isEqualTo("a");
    assertThat(summary.streamStatus()).isEqualTo(StreamStatus.ACTIVE);
    assertThat(summary.retentionPeriodHours()).isEqualTo(24);
    assertThat(summary.streamCreationTimestamp()).isEqualTo(stack.now());
    assertThat(
            stack
                .kinesis()
                .describeStreamSummary(b -> b.streamName("d"))
                .streamDescriptionSummary()
                .openShardCount())
        .isEqualTo(4);
    var limits = stack.kinesis().describeLimits();
    assertThat(limits.openShardCount()).isEqualTo(7);
    assertThat(limits.onDemandStreamCount()).isEqualTo(1);
  }

  @Test
  void describeStreamAndListShardsPageThroughShards() {
    stack.kinesis().createStream(b -> b.streamName("wide").shardCount(5));

    var firstTwo =
        stack.kinesis().describeStream(b -> b.streamName("wide").limit(2)).streamDescription();
    var next =
        stack
            .kinesis()
            .describeStream(b -> b.streamName("wide").exclusiveStartShardId("shardId-000000000001"))
            .streamDescription();
    var page = stack.kinesis().listShards(b -> b.streamName("wide").maxResults(3));
    var tail = stack.kinesis().listShards(b -> b.nextToken(page.nextToken()));

    assertThat(firstTwo.shards()).hasSize(2);
    assertThat(firstTwo.hasMoreShards()).isTrue();
    assertThat(next.shards()).hasSize(3);
    assertThat(next.hasMoreShards()).isFalse();
    assertThat(page.shards()).hasSize(3);
    assertThat(tail.shards())
        .extracting(s -> s.shardId())
        .containsExactly("shardId-000000000003", "shardId-000000000004");
    assertThat(tail.nextToken()).isNull();
  }

  @Test
  void retentionTagsMonitoringEncryptionAndModeChangeAsAsked() {
    stack
        .kinesis()
        .createStream(b -> b.streamName("orders").shardCount(1).tags(Map.of("team", "checkout")));

    stack
        .kinesis()
        .increaseStreamRetentionPeriod(b -> b.streamName("orders").retentionPeriodHours(48));
    InvalidArgumentException shorter =
        assertAwsError(
            () ->
                stack
                    .kinesis()
                    .increaseStreamRetentionPeriod(
                        b -> b.streamName("orders").retentionPeriodHours(30)),
            InvalidArgumentException.class,
            "InvalidArgumentException",
            400);
    stack.kinesis().addTagsToStream(b -> b.streamName("orders").tags(Map.of("env", "test")));
    stack.kinesis().removeTagsFromStream(b -> b.streamName("orders").tagKeys("team"));
    var monitoring =
        stack
            .kinesis()
            .enableEnhancedMonitoring(
                b -> b.streamName("orders").shardLevelMetricsWithStrings("IncomingBytes"));
    stack
        .kinesis()
        .startStreamEncryption(
            b -> b.streamName("orders").encryptionType("KMS").keyId("alias/aws/kinesis"));
    String arn =
        stack
            .kinesis()
            .describeStreamSummary(b -> b.streamName("orders"))
            .streamDescriptionSummary()
            .streamARN();
    stack
        .kinesis()
        .updateStreamMode(
            b -> b.streamARN(arn).streamModeDetails(m -> m.streamMode(StreamMode.ON_DEMAND)));

    StreamDescriptionSummary summary =
        stack
            .kinesis()
            .describeStreamSummary(b -> b.streamName("orders"))
            .streamDescriptionSummary();
    assertThat(summary.retentionPeriodHours()).isEqualTo(48);
    assertThat(shorter.awsErrorDetails().errorMessage())
        .contains("can not be shorter than existing retention period (48 hours)");
    assertThat(stack.kinesis().listTagsForStream(b -> b.streamName("orders")).tags())
        .extracting(Tag::key)
        .containsExactly("env");
    assertThat(stack.kinesis().listTagsForResource(b -> b.resourceARN(arn)).tags())
        .extracting(Tag::value)
        .containsExactly("test");
    assertThat(monitoring.desiredShardLevelMetricsAsStrings()).containsExactly("IncomingBytes");
    assertThat(summary.enhancedMonitoring().get(0).shardLevelMetricsAsStrings())
        .containsExactly("IncomingBytes");
    assertThat(summary.encryptionTypeAsString()).isEqualTo("KMS");
    assertThat(summary.streamModeDetails().streamMode()).isEqualTo(StreamMode.ON_DEMAND);
    assertThat(
            stack
                .kinesis()
                .putRecord(put("orders", "k", SdkBytes.fromUtf8String("x")))
                .encryptionTypeAsString())
        .isEqualTo("KMS");
  }

  @Test
  void deletedStreamsAreGoneAndTheirNamesFree() {
    stack.kinesis().createStream(b -> b.streamName("orders").shardCount(1));
    stack.kinesis().putRecord(put("orders", "k", SdkBytes.fromUtf8String("old")));

    stack.kinesis().deleteStream(b -> b.streamName("orders"));
    stack.kinesis().createStream(b -> b.streamName("orders").shardCount(1));

    assertThat(stack.kinesis().listStreams().streamNames()).containsExactly("orders");
    assertThat(KinesisRecordsTest.readAll(stack.kinesis(), "orders", "shardId-000000000000"))
        .isEmpty();
    assertThat(stack.server().inspector().journal())
        .filteredOn(e -> e.service().equals(KinesisEvents.SERVICE))
        .extracting(e -> e.type())
        .containsExactly(
            KinesisEvents.STREAM_CREATED,
            KinesisEvents.RECORD_PUT,
            KinesisEvents.STREAM_DELETED,
            KinesisEvents.STREAM_CREATED);
  }

  @Test
  void theAwsCliPutsAndReadsOverJson() throws Exception {
    requireClient(Files.isExecutable(DEBIAN_AWS_CLI), "Debian's awscli");
    aws("kinesis", "create-stream", "--stream-name", "cli", "--shard-count", "2");

    JsonNode put =
        aws(
            "kinesis",
            "put-record",
            "--stream-name",
            "cli",
            "--partition-key",
            "key-1",
            "--data",
            Base64.getEncoder().encodeToString("from the CLI".getBytes(StandardCharsets.UTF_8)));
    String iterator =
        aws(
                "kinesis",
                "get-shard-iterator",
                "--stream-name",
                "cli",
                "--shard-id",
                put.get("ShardId").asText(),
                "--shard-iterator-type",
                "TRIM_HORIZON")
            .get("ShardIterator")
            .asText();
    JsonNode records = aws("kinesis", "get-records", "--shard-iterator", iterator).get("Records");
    JsonNode shards = aws("kinesis", "list-shards", "--stream-name", "cli").get("Shards");

    assertThat(records).hasSize(1);
    assertThat(records.get(0).get("SequenceNumber").asText())
        .isEqualTo(put.get("SequenceNumber").asText());
    assertThat(
            new String(
                Base64.getDecoder().decode(records.get(0).get("Data").asText()),
                StandardCharsets.UTF_8))
        .isEqualTo("from the CLI");
    assertThat(records.get(0).get("ApproximateArrivalTimestamp").asText()).startsWith("2030-01-01");
    assertThat(shards).hasSize(2);
    assertThat(stack.kinesis().getRecords(b -> b.shardIterator(iterator)).records()).hasSize(1);
  }

  private JsonNode aws(String... arguments) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                DEBIAN_AWS_CLI.toString(),
                "--output",
                "json",
                "--endpoint-url",
                stack.server().endpoint().toString()));
    command.addAll(List.of(arguments));
    RealClients.Result result = RealClients.run(command, null, home);
    assertThat(result.exitCode()).as(result.output()).isZero();
    return result.output().isEmpty() ? JSON.createObjectNode() : JSON.readTree(result.output());
  }
}
