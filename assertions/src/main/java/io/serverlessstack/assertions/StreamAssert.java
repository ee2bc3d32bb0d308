package io.serverlessstack.assertions;

import static io.serverlessstack.assertions.StreamErrorMessage.streamShould;

import io.serverlessstack.api.InspectableStream;
import io.serverlessstack.api.JournalEvent;
import io.serverlessstack.api.KinesisEvents;
import io.serverlessstack.api.KinesisEvents.Details;
import io.serverlessstack.api.StreamRecordView;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * Assertions on one Kinesis stream, made through the stack's {@link
 * io.serverlessstack.api.StackInspector} only, so they read the same for a stack in this JVM and
 * one in a container. Obtain one with {@link StackAssertions#assertThat(InspectableStream)} (a
 * stream handle) or {@code StackAssertions.assertThat(inspector).stream("clicks")}.
 *
 * <p>They look at the records the stream keeps now (a record is compared by its data read as UTF-8
 * text) and at the journal: puts, reads, throttled calls and reshards. Records are in <em>put
 * order</em>: per shard by sequence number, and across a reshard a child shard's records after its
 * parents', which is the order a partition key's records were put in.
 *
 * <p>By default each assertion looks once. After {@link #eventually()} or {@link
 * #within(Duration)}, every following assertion of the chain polls the inspector every 10 ms until
 * it holds or the timeout passes, and only then fails, with the last state it saw.
 *
 * <pre>{@code
 * assertThat(clicks).hasRecordsInOrder("session-7", "view", "cart", "checkout");
 * assertThat(clicks).hasRecordOnShard("checkout", "shardId-000000000001");
 * assertThat(clicks).hasKeptEveryRecordPut().hasThrottledReads(0);
 * }</pre>
 */
public final class StreamAssert extends AbstractAssert<StreamAssert, InspectableStream> {

  private Patience patience = Patience.NONE;

  StreamAssert(InspectableStream stream) {
    super(stream, StreamAssert.class);
  }

  /** Makes the following assertions of this chain poll for up to 5 seconds before failing. */
  public StreamAssert eventually() {
    return within(Patience.DEFAULT_EVENTUALLY);
  }

  /**
   * Makes the following assertions of this chain poll for up to {@code timeout} (wall clock) before
   * failing; {@link Duration#ZERO} makes them look once again.
   */
  public StreamAssert within(Duration timeout) {
    patience = new Patience(timeout);
    return myself;
  }

  /** Verifies that the stream exists on the stack now. */
  public StreamAssert exists() {
    return check(
        snapshot ->
            snapshot.view().isPresent()
                ? null
                : streamShould(
                    snapshot,
                    "exist",
                    "the stack has no stream of that name; its streams are "
                        + actual.inspector().streams().stream().map(s -> s.name()).toList()));
  }

  /** Verifies that the stream keeps exactly {@code count} records. */
  public StreamAssert hasRecordCount(int count) {
    return check(
        snapshot ->
            snapshot.records().size() == count
                ? null
                : streamShould(
                    snapshot,
                    "keep " + count + " records",
                    "it keeps " + snapshot.records().size()));
  }

  /** Verifies that the stream keeps a record whose data is exactly this text. */
  public StreamAssert hasRecord(String text) {
    Objects.requireNonNull(text, "text");
    return check(
        snapshot ->
            snapshot.records().stream().anyMatch(r -> r.text().equals(text))
                ? null
                : streamShould(
                    snapshot,
                    "keep a record " + JournalListing.quote(text),
                    "it keeps no such record"));
  }

  /**
   * Verifies that the records of {@code partitionKey} are exactly these texts, in this order: the
   * order they were put in, across shards and reshards. A missing, extra or repeated record fails
   * it as a reordering does.
   */
  public StreamAssert hasRecordsInOrder(String partitionKey, String... texts) {
    Objects.requireNonNull(partitionKey, "partitionKey");
    List<String> expected = List.of(texts);
    return check(
        snapshot -> {
          List<String> found =
              snapshot.recordsOf(partitionKey).stream().map(StreamRecordView::text).toList();
          return found.equals(expected)
              ? null
              : streamShould(
                  snapshot,
                  "keep the records of partition key "
                      + JournalListing.quote(partitionKey)
                      + " exactly in this order:%n  "
                      + expected,
                  "it keeps these, in this order:%n  " + found);
        });
  }

  /** Verifies that a record whose data is exactly this text is on shard {@code shardId}. */
  public StreamAssert hasRecordOnShard(String text, String shardId) {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(shardId, "shardId");
    return check(
        snapshot -> {
          List<String> shards =
              snapshot.records().stream()
                  .filter(r -> r.text().equals(text))
                  .map(StreamRecordView::shardId)
                  .toList();
          return shards.contains(shardId)
              ? null
              : streamShould(
                  snapshot,
                  "keep record " + JournalListing.quote(text) + " on " + shardId,
                  shards.isEmpty() ? "it keeps no such record" : "it is on " + shards);
        });
  }

  /**
   * Verifies that every record the journal saw put on the stream since it was last created is kept
   * exactly once: none lost, none duplicated, across reshards too. Records past the retention
   * period are trimmed, as in AWS, and then count as lost.
   */
  public StreamAssert hasKeptEveryRecordPut() {
    return check(
        snapshot -> {
          List<JournalEvent> created = snapshot.events(KinesisEvents.STREAM_CREATED);
          long since = created.isEmpty() ? 0 : created.get(created.size() - 1).sequence();
          List<String> put =
              snapshot.events(KinesisEvents.RECORD_PUT).stream()
                  .filter(event -> event.sequence() > since)
                  .map(event -> event.detail(Details.SEQUENCE_NUMBER))
                  .toList();
          Map<String, Integer> kept = new HashMap<>();
          snapshot.records().forEach(r -> kept.merge(r.sequenceNumber(), 1, Integer::sum));
          List<String> lost = put.stream().filter(s -> !kept.containsKey(s)).toList();
          List<String> doubled =
              kept.entrySet().stream()
                  .filter(e -> e.getValue() > 1)
                  .map(Map.Entry::getKey)
                  .toList();
          return lost.isEmpty() && doubled.isEmpty()
              ? null
              : streamShould(
                  snapshot,
                  "keep each of the " + put.size() + " records put exactly once",
                  lost.size()
                      + " are missing "
                      + first(lost)
                      + " and "
                      + doubled.size()
                      + " are kept more than once "
                      + first(doubled));
        });
  }

  /** Verifies that the stream's shards refused exactly {@code times} puts for their throughput. */
  public StreamAssert hasThrottledPuts(int times) {
    return throttled(KinesisEvents.PUT_THROTTLED, "puts", times);
  }

  /**
   * Verifies that the stream's shards refused exactly {@code times} reads (GetRecords calls, an
   * SDK's retries included) for their throughput.
   */
  public StreamAssert hasThrottledReads(int times) {
    return throttled(KinesisEvents.READ_THROTTLED, "reads", times);
  }

  private StreamAssert throttled(String type, String what, int times) {
    return check(
        snapshot -> {
          int found = snapshot.events(type).size();
          return found == times
              ? null
              : streamShould(
                  snapshot,
                  "have throttled " + times + " " + what,
                  "the journal records " + found + " throttled " + what);
        });
  }

  private static String first(List<String> sequenceNumbers) {
    return sequenceNumbers.isEmpty()
        ? ""
        : "("
            + String.join(", ", sequenceNumbers.subList(0, Math.min(5, sequenceNumbers.size())))
            + (sequenceNumbers.size() > 5 ? ", …" : "")
            + ")";
  }

  private StreamAssert check(Function<StreamSnapshot, ErrorMessageFactory> failureOf) {
    isNotNull();
    JournalTail tail = StreamSnapshot.tail(actual);
    ErrorMessageFactory failure =
        patience.await(() -> StreamSnapshot.take(actual, tail), failureOf);
    if (failure != null) {
      throwAssertionError(failure);
    }
    return myself;
  }
}
