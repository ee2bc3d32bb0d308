package io.serverlessstack.fake.internal.stepfunctions;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

/**
 * An execution's history as GetExecutionHistory returns it: events numbered from 1, each naming the
 * event before it on its own path through the machine. An event keeps its details as a recipe and
 * builds the SDK's event only when read, so that a running execution does not write JSON for every
 * state it passes.
 */
final class History {

  /** One event; {@code details} fills the type's details into a builder. */
  record Event(
      long id,
      long previousId,
      Instant timestamp,
      HistoryEventType type,
      HistoryData.Details details) {

    HistoryEvent toSdk(boolean withData) {
      HistoryEvent.Builder builder =
          HistoryEvent.builder().id(id).timestamp(timestamp).type(type).previousEventId(previousId);
      if (details != null) {
        details.fill(builder, withData);
      }
      return builder.build();
    }
  }

  private final List<Event> events = new ArrayList<>();

  /** Appends an event and returns its id. */
  synchronized long add(
      long previousId, Instant at, HistoryEventType type, HistoryData.Details details) {
    long id = events.size() + 1L;
    events.add(new Event(id, previousId, at, type, details));
    return id;
  }

  synchronized List<Event> events() {
    return List.copyOf(events);
  }

  synchronized int size() {
    return events.size();
  }

  /** When event {@code id} happened, or {@code null} for no such event. */
  synchronized Instant timestamp(long id) {
    return id >= 1 && id <= events.size() ? events.get((int) id - 1).timestamp() : null;
  }
}
