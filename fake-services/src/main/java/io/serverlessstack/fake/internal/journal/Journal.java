package io.serverlessstack.fake.internal.journal;

import io.serverlessstack.api.JournalEvent;
import io.serverlessstack.fake.internal.clock.StackClock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The append-only record of everything observable. Bounded twice, so a long run cannot exhaust
 * memory: past {@code capacity} events, or past {@code maxChars} characters of details (events keep
 * message bodies, which the queues have long forgotten), the oldest events are dropped.
 */
public final class Journal {

  private final StackClock clock;
  private final int capacity;
  private final long maxChars;
  private final ArrayDeque<Retained> events = new ArrayDeque<>();
  private long retainedChars;
  private long nextSequence = 1;

  public Journal(StackClock clock, int capacity, long maxChars) {
    if (capacity < 1 || maxChars < 1) {
      throw new IllegalArgumentException(
          "journal limits must be positive: " + capacity + " events, " + maxChars + " chars");
    }
    this.clock = clock;
    this.capacity = capacity;
    this.maxChars = maxChars;
  }

  public JournalEvent append(
      String service, String type, String resource, Map<String, String> details) {
    return append(service, type, resource, null, details);
  }

  /** Records an event about {@code resource}, whose ARN is {@code resourceArn}. */
  public JournalEvent append(
      String service,
      String type,
      String resource,
      String resourceArn,
      Map<String, String> details) {
    synchronized (events) {
      JournalEvent event =
          new JournalEvent(
              nextSequence++, clock.now(), service, type, resource, resourceArn, details);
      Retained retained = new Retained(event, chars(event));
      events.addLast(retained);
      retainedChars += retained.chars();
      // The newest event stays even if it alone is over the limit.
      while (events.size() > 1 && (events.size() > capacity || retainedChars > maxChars)) {
        retainedChars -= events.removeFirst().chars();
      }
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
      for (Retained retained : events) {
        if (filter.test(retained.event())) {
          selected.add(retained.event());
        }
      }
      return selected;
    }
  }

  /**
   * The retained events with a sequence above {@code sinceSequence} that {@code filter} accepts,
   * oldest first. Reads back from the newest event and stops at {@code sinceSequence}, so a poller
   * that asks for what is new pays for what is new, not for the whole journal.
   */
  public List<JournalEvent> since(long sinceSequence, Predicate<JournalEvent> filter) {
    synchronized (events) {
      List<JournalEvent> selected = new ArrayList<>();
      Iterator<Retained> newestFirst = events.descendingIterator();
      while (newestFirst.hasNext()) {
        JournalEvent event = newestFirst.next().event();
        if (event.sequence() <= sinceSequence) {
          break;
        }
        if (filter.test(event)) {
          selected.add(event);
        }
      }
      Collections.reverse(selected);
      return selected;
    }
  }

  /** An event and its size, counted once. */
  private record Retained(JournalEvent event, long chars) {}

  private static long chars(JournalEvent event) {
    long chars = event.resource() == null ? 0 : event.resource().length();
    chars += event.resourceArn() == null ? 0 : event.resourceArn().length();
    for (Map.Entry<String, String> detail : event.details().entrySet()) {
      chars +=
          detail.getKey().length() + (detail.getValue() == null ? 0 : detail.getValue().length());
    }
    return chars;
  }

  public void clear() {
    synchronized (events) {
      events.clear();
      retainedChars = 0;
    }
  }
}
