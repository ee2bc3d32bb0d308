package io.serverlessstack.fake.journal;

import io.serverlessstack.fake.clock.StackClock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The append-only record of everything observable. Bounded: past {@code capacity} events the oldest
 * are dropped, so a long run cannot exhaust memory.
 */
public final class Journal {

  private final StackClock clock;
  private final int capacity;
  private final ArrayDeque<JournalEvent> events = new ArrayDeque<>();
  private long nextSequence = 1;

  public Journal(StackClock clock, int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("journal capacity must be positive: " + capacity);
    }
    this.clock = clock;
    this.capacity = capacity;
  }

  public JournalEvent append(
      String service, String type, String resource, Map<String, String> details) {
    synchronized (events) {
      JournalEvent event =
          new JournalEvent(nextSequence++, clock.now(), service, type, resource, details);
      if (events.size() == capacity) {
        events.removeFirst();
      }
      events.addLast(event);
      return event;
    }
  }

  /** Every retained event, oldest first. */
  public List<JournalEvent> events() {
    return select(event -> true);
  }

  /** The retained events that {@code filter} accepts, oldest first. */
  public List<JournalEvent> select(Predicate<JournalEvent> filter) {
    synchronized (events) {
      List<JournalEvent> selected = new ArrayList<>();
      for (JournalEvent event : events) {
        if (filter.test(event)) {
          selected.add(event);
        }
      }
      return selected;
    }
  }

  public void clear() {
    synchronized (events) {
      events.clear();
    }
  }
}
