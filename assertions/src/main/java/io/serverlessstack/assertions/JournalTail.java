package io.serverlessstack.assertions;

import io.serverlessstack.api.JournalEvent;
import io.serverlessstack.api.JournalFilter;
import io.serverlessstack.api.StackInspector;
import java.util.ArrayList;
import java.util.List;

/**
 * The journal (by default all of it: queue assertions read SQS's events and those of the functions
 * queues trigger) as one polling assertion has seen it: each look asks the inspector only for the
 * events after the last one it already holds, so a poll every 10 ms costs what happened in those 10
 * ms, not the whole journal again. One per assertion, used by one thread.
 */
final class JournalTail {

  private final StackInspector inspector;
  private final JournalFilter filter;
  private final List<JournalEvent> seen = new ArrayList<>();
  private long lastSequence;

  JournalTail(StackInspector inspector) {
    this(inspector, JournalFilter.all());
  }

  /** A tail of only the events {@code filter} accepts. */
  JournalTail(StackInspector inspector, JournalFilter filter) {
    this.inspector = inspector;
    this.filter = filter;
  }

  /** Every event seen so far, the new ones read now included, oldest first. */
  List<JournalEvent> read() {
    for (JournalEvent event : inspector.journal(lastSequence, filter)) {
      // An inspector hands back each event once; a repeat would double-count sends.
      if (event.sequence() > lastSequence) {
        seen.add(event);
        lastSequence = event.sequence();
      }
    }
    return List.copyOf(seen);
  }
}
