package io.serverlessstack.assertions;

import io.serverlessstack.api.InspectableQueue;
import io.serverlessstack.api.JournalEvent;
import io.serverlessstack.api.LambdaEvents;
import io.serverlessstack.api.MessageState;
import io.serverlessstack.api.MessageView;
import io.serverlessstack.api.QueueView;
import io.serverlessstack.api.SqsEvents;
import io.serverlessstack.api.SqsEvents.Details;
import io.serverlessstack.api.StackInspector;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * One look at a queue through the inspector: its contents now and every journal event about it. The
 * journal is read before the queue, so anything the journal shows as sent is already reflected in
 * the queue's contents (engines change state first, then record it).
 */
final class QueueSnapshot {

  /** The messages a failure lists, in send order, before it only counts the rest. */
  static final int MAX_MESSAGES = 20;

  private final String name;
  private final QueueView view;
  private final List<JournalEvent> events;
  private final List<JournalEvent> journal;
  private final StackInspector inspector;

  private QueueSnapshot(
      String name,
      QueueView view,
      List<JournalEvent> events,
      List<JournalEvent> journal,
      StackInspector inspector) {
    this.name = name;
    this.view = view;
    this.events = events;
    this.journal = journal;
    this.inspector = inspector;
  }

  /**
   * One look: reads the queue, and from {@code tail} the journal events new since its last look.
   */
  static QueueSnapshot take(InspectableQueue queue, JournalTail tail) {
    StackInspector inspector = queue.inspector();
    List<JournalEvent> journal = tail.read();
    QueueView view = inspector.queue(queue.name()).orElse(null);
    String arn = view == null ? null : view.arn();
    List<JournalEvent> about = new ArrayList<>();
    for (JournalEvent event : journal) {
      if (event.service().equals(SqsEvents.SERVICE)
          && (event.isAbout(queue.name()) || movedInto(event, queue.name(), arn))) {
        about.add(event);
      }
    }
    return new QueueSnapshot(queue.name(), view, List.copyOf(about), journal, inspector);
  }

  /** Whether {@code event} put a message from another queue onto queue {@code name}. */
  private static boolean movedInto(JournalEvent event, String name, String arn) {
    if (event.type().equals(SqsEvents.MESSAGE_MOVED_TO_DEAD_LETTER_QUEUE)) {
      return name.equals(event.detail(Details.DEAD_LETTER_QUEUE));
    }
    if (event.type().equals(SqsEvents.MESSAGE_MOVED)) {
      String destination = event.detail(Details.DESTINATION_ARN);
      return destination != null
          && (destination.equals(arn) || (arn == null && destination.endsWith(":" + name)));
    }
    return false;
  }

  String name() {
    return name;
  }

  boolean exists() {
    return view != null;
  }

  Optional<QueueView> view() {
    return Optional.ofNullable(view);
  }

  /** Every journal event about this queue, oldest first. */
  List<JournalEvent> events() {
    return events;
  }

  /**
   * Every message that has been sent to this queue: accepted sends (not those FIFO deduplication
   * swallowed), dead-lettered messages from its sources and messages a move task brought.
   */
  List<JournalEvent> sent() {
    return events.stream()
        .filter(
            event ->
                (event.type().equals(SqsEvents.MESSAGE_SENT) && event.resource().equals(name))
                    || !event.resource().equals(name))
        .toList();
  }

  /** The sends this queue accepted ({@code MessageSent}), without messages moved here. */
  List<JournalEvent> acceptedSends() {
    return events(SqsEvents.MESSAGE_SENT);
  }

  /** The events of {@code type} that happened on this queue itself. */
  List<JournalEvent> events(String type) {
    return events.stream()
        .filter(event -> event.type().equals(type) && event.resource().equals(name))
        .toList();
  }

  /** The accepted sends to this queue in message group {@code groupId}, in FIFO order. */
  List<JournalEvent> sentToGroup(String groupId) {
    return acceptedSends().stream()
        .filter(event -> Objects.equals(event.detail(Details.MESSAGE_GROUP_ID), groupId))
        .sorted(Comparator.comparing(QueueSnapshot::fifoOrder))
        .toList();
  }

  /** Sequence numbers are zero-padded to one width, so they sort as text. */
  private static String fifoOrder(JournalEvent event) {
    String sequenceNumber = event.detail(Details.SEQUENCE_NUMBER);
    return sequenceNumber != null ? sequenceNumber : String.format("%020d", event.sequence());
  }

  /** Whether queue {@code queueName} holds, or its journal has seen, message {@code messageId}. */
  boolean seenOn(String queueName, String messageId) {
    boolean holds =
        inspector
            .queue(queueName)
            .map(
                queue ->
                    queue.messages().stream()
                        .anyMatch(message -> message.messageId().equals(messageId)))
            .orElse(false);
    return holds
        || journal.stream()
            .anyMatch(
                event ->
                    event.service().equals(SqsEvents.SERVICE)
                        && event.resource().equals(queueName)
                        && messageId.equals(event.detail(Details.MESSAGE_ID)));
  }

  int count(MessageState state) {
    return view == null ? 0 : view.messages(state).size();
  }

  int messageCount() {
    return view == null ? 0 : view.messages().size();
  }

  /**
   * Events whose body satisfies {@code body}, or, when the body is an SNS notification envelope,
   * whose envelope's {@code Message} does.
   */
  static Predicate<JournalEvent> body(Predicate<String> body) {
    return event -> bodyMatches(event.detail(Details.BODY), body);
  }

  /** Whether {@code text}, or the message of the SNS envelope it is, satisfies {@code body}. */
  static boolean bodyMatches(String text, Predicate<String> body) {
    if (text == null) {
      return false;
    }
    if (body.test(text)) {
      return true;
    }
    SnsEnvelope envelope = SnsEnvelope.of(text);
    return envelope != null && body.test(envelope.message());
  }

  /** The queue's contents now, for failure messages. */
  String describeContents() {
    if (view == null) {
      return "the queue does not exist (now)";
    }
    StringBuilder text =
        new StringBuilder()
            .append(count(MessageState.VISIBLE))
            .append(" visible, ")
            .append(count(MessageState.IN_FLIGHT))
            .append(" in flight, ")
            .append(count(MessageState.DELAYED))
            .append(" delayed");
    List<MessageView> messages = view.messages();
    for (MessageView message : messages.subList(0, Math.min(messages.size(), MAX_MESSAGES))) {
      text.append(System.lineSeparator())
          .append("  ")
          .append(message.state())
          .append(' ')
          .append(JournalListing.body(message.body()));
      if (message.groupId() != null) {
        text.append(" group=").append(JournalListing.quote(message.groupId()));
      }
      text.append(" receiveCount=").append(message.receiveCount());
    }
    int hidden = messages.size() - MAX_MESSAGES;
    if (hidden > 0) {
      text.append(System.lineSeparator())
          .append("  … ")
          .append(hidden)
          .append(hidden == 1 ? " more message not shown" : " more messages not shown");
    }
    return text.toString();
  }

  /**
   * The journal about this queue, for failure messages, with the invocations of the functions it
   * triggered (an event source mapping's) on the same timeline.
   */
  String describeJournal() {
    List<JournalEvent> triggered = new ArrayList<>();
    if (view != null) {
      for (JournalEvent event : journal) {
        if (event.service().equals(LambdaEvents.SERVICE)
            && view.arn().equals(event.detail(LambdaEvents.Details.TRIGGER))) {
          triggered.add(event);
        }
      }
    }
    if (triggered.isEmpty()) {
      return JournalListing.of(name, events);
    }
    List<JournalEvent> timeline = new ArrayList<>(events);
    timeline.addAll(triggered);
    timeline.sort(Comparator.comparingLong(JournalEvent::sequence));
    return JournalListing.of(
        "queue",
        name,
        timeline,
        event ->
            event.service().equals(LambdaEvents.SERVICE)
                ? FunctionSnapshot.line(event, true)
                : JournalListing.line(name, event));
  }
}
