package io.serverlessstack.assertions;

import io.serverlessstack.api.InspectableStream;
import io.serverlessstack.api.JournalEvent;
import io.serverlessstack.api.JournalFilter;
import io.serverlessstack.api.KinesisEvents;
import io.serverlessstack.api.ShardView;
import io.serverlessstack.api.StreamRecordView;
import io.serverlessstack.api.StreamView;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One look at a stream through the inspector: its shards and the records they keep now, and every
 * Kinesis journal event about it (puts, reads, throttles, reshards).
 */
final class StreamSnapshot {

  /** The records a failure lists before it only counts the rest. */
  static final int MAX_RECORDS = 20;

  private final String name;
  private final StreamView view;
  private final List<JournalEvent> events;

  private StreamSnapshot(String name, StreamView view, List<JournalEvent> events) {
    this.name = name;
    this.view = view;
    this.events = events;
  }

  /** The tail an assertion on {@code stream} reads: Kinesis events about that stream only. */
  static JournalTail tail(InspectableStream stream) {
    return new JournalTail(
        stream.inspector(),
        JournalFilter.all().withService(KinesisEvents.SERVICE).withResource(stream.nameOrArn()));
  }

  /** One look: the journal events new since {@code tail}'s last look, then the stream. */
  static StreamSnapshot take(InspectableStream stream, JournalTail tail) {
    List<JournalEvent> events = tail.read();
    StreamView view = stream.inspector().stream(stream.nameOrArn()).orElse(null);
    String name = ResourceNames.nameOf(view == null ? null : view.name(), stream.nameOrArn());
    return new StreamSnapshot(name, view, events);
  }

  String name() {
    return name;
  }

  Optional<StreamView> view() {
    return Optional.ofNullable(view);
  }

  /** The records the stream keeps, in put order; none if it does not exist. */
  List<StreamRecordView> records() {
    return view == null ? List.of() : view.records();
  }

  List<StreamRecordView> recordsOf(String partitionKey) {
    return records().stream().filter(r -> r.partitionKey().equals(partitionKey)).toList();
  }

  List<JournalEvent> events(String type) {
    return events.stream().filter(event -> event.type().equals(type)).toList();
  }

  /** The shards now, one line each, then the records, for a failure message. */
  String describe() {
    if (view == null) {
      return "(the stream does not exist)";
    }
    List<String> lines = new ArrayList<>();
    for (ShardView shard : view.shards()) {
      lines.add(
          shard.shardId()
              + (shard.isOpen() ? " open" : " closed")
              + (shard.parentShardId() == null ? "" : ", parent " + shard.parentShardId())
              + (shard.adjacentParentShardId() == null
                  ? ""
                  : ", adjacent parent " + shard.adjacentParentShardId())
              + ", "
              + shard.records().size()
              + " records");
    }
    List<StreamRecordView> records = records();
    lines.add("Records now (" + records.size() + ", in put order):");
    for (StreamRecordView record : records.subList(0, Math.min(MAX_RECORDS, records.size()))) {
      lines.add(
          "  "
              + record.shardId()
              + " "
              + record.partitionKey()
              + " "
              + JournalListing.quote(record.text()));
    }
    if (records.size() > MAX_RECORDS) {
      lines.add("  … and " + (records.size() - MAX_RECORDS) + " more");
    }
    return String.join(System.lineSeparator(), lines);
  }
}
