package io.serverlessstack.fake.internal.kinesis;

import io.serverlessstack.fake.internal.clock.StackClock;
import io.serverlessstack.fake.internal.server.Scope;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * AWS's rate limits of Kinesis's control plane, per second of the stack's clock: each operation
 * allows so many calls per account, or per stream (or per shard, for GetShardIterator), and answers
 * {@code LimitExceededException} beyond that, as AWS does. Applied when the stack's {@code
 * kinesis.throughputLimits} setting is on.
 */
final class ControlPlaneLimits {

  /** What a limit counts calls of. */
  enum Per {
    ACCOUNT,
    STREAM,
    SHARD
  }

  /** A limit: {@code calls} per second, counted per account, stream or shard. */
  record Rule(int calls, Per per) {}

  /** AWS's documented quotas of the operations that have them. */
  static final Map<String, Rule> RULES =
      Map.ofEntries(
          Map.entry("CreateStream", new Rule(5, Per.ACCOUNT)),
          Map.entry("DeleteStream", new Rule(5, Per.ACCOUNT)),
          Map.entry("DescribeStream", new Rule(10, Per.ACCOUNT)),
          Map.entry("DescribeStreamSummary", new Rule(20, Per.ACCOUNT)),
          Map.entry("ListStreams", new Rule(5, Per.ACCOUNT)),
          Map.entry("ListShards", new Rule(1000, Per.STREAM)),
          Map.entry("SplitShard", new Rule(5, Per.ACCOUNT)),
          Map.entry("MergeShards", new Rule(5, Per.ACCOUNT)),
          Map.entry("AddTagsToStream", new Rule(5, Per.ACCOUNT)),
          Map.entry("RemoveTagsFromStream", new Rule(5, Per.ACCOUNT)),
          Map.entry("ListTagsForStream", new Rule(5, Per.ACCOUNT)),
          Map.entry("IncreaseStreamRetentionPeriod", new Rule(5, Per.ACCOUNT)),
          Map.entry("DecreaseStreamRetentionPeriod", new Rule(5, Per.ACCOUNT)),
          Map.entry("RegisterStreamConsumer", new Rule(5, Per.STREAM)),
          Map.entry("DeregisterStreamConsumer", new Rule(5, Per.STREAM)),
          Map.entry("DescribeStreamConsumer", new Rule(20, Per.STREAM)),
          Map.entry("ListStreamConsumers", new Rule(5, Per.STREAM)),
          Map.entry("GetShardIterator", new Rule(5, Per.SHARD)));

  private record Window(long second, int calls) {}

  private final StackClock clock;
  private final Map<String, Window> windows = new ConcurrentHashMap<>();

  ControlPlaneLimits(StackClock clock) {
    this.clock = clock;
  }

  /**
   * Counts a call of {@code operation} and refuses it beyond its quota this second.
   *
   * @param stream the stream the call is about, or {@code null} for ListStreams
   * @param shardId the shard, for GetShardIterator, else {@code null}
   * @throws io.serverlessstack.fake.internal.protocol.AwsErrorException {@code
   *     LimitExceededException}, in AWS's words
   */
  void count(String operation, Scope scope, String stream, String shardId) {
    Rule rule = RULES.get(operation);
    if (rule == null) {
      return;
    }
    String key =
        switch (rule.per()) {
          case ACCOUNT -> operation + "|" + scope.accountId() + "|" + scope.region();
          case STREAM -> operation + "|" + scope.accountId() + "|" + scope.region() + "|" + stream;
          case SHARD ->
              operation
                  + "|"
                  + scope.accountId()
                  + "|"
                  + scope.region()
                  + "|"
                  + stream
                  + "|"
                  + shardId;
        };
    long second = clock.now().getEpochSecond();
    Window window =
        windows.compute(
            key,
            (k, current) ->
                current == null || current.second() != second
                    ? new Window(second, 1)
                    : new Window(second, current.calls() + 1));
    if (window.calls() > rule.calls()) {
      throw KinesisErrors.limitExceeded(
          stream == null
              ? "Rate exceeded for account " + scope.accountId() + "."
              : "Rate exceeded for stream " + stream + " under account " + scope.accountId() + ".");
    }
  }

  void reset() {
    windows.clear();
  }
}
