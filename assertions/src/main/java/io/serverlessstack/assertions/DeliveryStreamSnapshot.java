package io.serverlessstack.assertions;

import io.serverlessstack.api.DeliveryDestinationView;
import io.serverlessstack.api.DeliveryStreamView;
import io.serverlessstack.api.DeliveryView;
import io.serverlessstack.api.FirehoseEvents;
import io.serverlessstack.api.InspectableDeliveryStream;
import io.serverlessstack.api.JournalEvent;
import io.serverlessstack.api.JournalFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One look at a delivery stream through the inspector: its destination, what it buffers and what it
 * delivered, and the Firehose journal events about it (failures and retries explain a delivery that
 * did not happen).
 */
final class DeliveryStreamSnapshot {

  /** The deliveries a failure lists before it only counts the rest. */
  static final int MAX_DELIVERIES = 20;

  private final String name;
  private final DeliveryStreamView view;
  private final List<JournalEvent> events;

  private DeliveryStreamSnapshot(String name, DeliveryStreamView view, List<JournalEvent> events) {
    this.name = name;
    this.view = view;
    this.events = events;
  }

  /** The tail an assertion on {@code stream} reads: Firehose events about that stream only. */
  static JournalTail tail(InspectableDeliveryStream stream) {
    return new JournalTail(
        stream.inspector(),
        JournalFilter.all().withService(FirehoseEvents.SERVICE).withResource(stream.nameOrArn()));
  }

  /** One look: the journal events new since {@code tail}'s last look, then the stream. */
  static DeliveryStreamSnapshot take(InspectableDeliveryStream stream, JournalTail tail) {
    List<JournalEvent> events = tail.read();
    DeliveryStreamView view = stream.inspector().deliveryStream(stream.nameOrArn()).orElse(null);
    String name = ResourceNames.nameOf(view == null ? null : view.name(), stream.nameOrArn());
    return new DeliveryStreamSnapshot(name, view, events);
  }

  String name() {
    return name;
  }

  Optional<DeliveryStreamView> view() {
    return Optional.ofNullable(view);
  }

  /** What reached the destination itself; none if the stream does not exist. */
  List<DeliveryView> destinationDeliveries() {
    return view == null ? List.of() : view.destinationDeliveries();
  }

  int recordsDelivered() {
    return view == null ? 0 : view.recordsDelivered();
  }

  List<JournalEvent> events(String type) {
    return events.stream().filter(event -> event.type().equals(type)).toList();
  }

  /** The destination, the buffer, the deliveries and the failures now, for a failure message. */
  String describe() {
    if (view == null) {
      return "(the delivery stream does not exist)";
    }
    List<String> lines = new ArrayList<>();
    for (DeliveryDestinationView destination : view.destinations()) {
      lines.add(
          view.type()
              + (view.sourceStreamArn() == null ? "" : " from " + view.sourceStreamArn())
              + " to "
              + destination.kind()
              + " "
              + destination.target()
              + " (buffering "
              + destination.bufferSizeMiB()
              + " MiB or "
              + destination.bufferIntervalSeconds()
              + " s"
              + (destination.processorArn() == null
                  ? ""
                  : ", transformed by " + destination.processorArn())
              + "), "
              + view.bufferedRecords()
              + " records buffered");
    }
    List<DeliveryView> deliveries = view.deliveries();
    lines.add("Deliveries now (" + deliveries.size() + "):");
    for (DeliveryView delivery :
        deliveries.subList(0, Math.min(MAX_DELIVERIES, deliveries.size()))) {
      lines.add(
          "  "
              + delivery.output()
              + " "
              + delivery.target()
              + ", "
              + delivery.recordCount()
              + " records: "
              + JournalListing.quote(delivery.content()));
    }
    if (deliveries.size() > MAX_DELIVERIES) {
      lines.add("  … and " + (deliveries.size() - MAX_DELIVERIES) + " more");
    }
    List<JournalEvent> failures = new ArrayList<>();
    failures.addAll(events(FirehoseEvents.DELIVERY_RETRIED));
    failures.addAll(events(FirehoseEvents.DELIVERY_FAILED));
    failures.addAll(events(FirehoseEvents.TRANSFORMATION_FAILED));
    failures.sort(java.util.Comparator.comparingLong(JournalEvent::sequence));
    if (!failures.isEmpty()) {
      lines.add("Failures in the journal (" + failures.size() + "):");
      for (JournalEvent failure : failures.subList(0, Math.min(MAX_DELIVERIES, failures.size()))) {
        lines.add(
            "  "
                + failure.type()
                + " "
                + failure.detail(FirehoseEvents.Details.ERROR_CODE)
                + ": "
                + failure.detail(FirehoseEvents.Details.REASON));
      }
    }
    return String.join(System.lineSeparator(), lines);
  }
}
