package io.serverlessstack.assertions;

import static io.serverlessstack.assertions.ShouldBeInOrder.shouldBeInOrder;

import io.serverlessstack.api.InspectableQueue;
import io.serverlessstack.api.JournalEvent;
import io.serverlessstack.api.SqsEvents;
import io.serverlessstack.api.SqsEvents.Details;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * Assertions on the messages of one FIFO message group of a queue, from {@link
 * QueueAssert#messagesOfGroup(String)}. Polls as the queue assertion it came from did.
 */
public final class MessageGroupAssert extends AbstractAssert<MessageGroupAssert, InspectableQueue> {

  private final String groupId;
  private final Patience patience;

  MessageGroupAssert(InspectableQueue queue, String groupId, Patience patience) {
    super(queue, MessageGroupAssert.class);
    this.groupId = groupId;
    this.patience = patience;
  }

  /**
   * Verifies that exactly these bodies (or SNS envelopes' messages, see {@link QueueAssert}) have
   * been sent to the group, in this order: the queue's accepted sends to the group ({@code
   * MessageSent}; deduplicated sends do not count) ordered by their sequence numbers. A missing,
   * extra or repeated message fails it as a reordering does.
   */
  public MessageGroupAssert wereSentInOrder(String... bodies) {
    List<String> expected = List.of(bodies);
    return check(
        snapshot -> {
          List<JournalEvent> sent = snapshot.sentToGroup(groupId);
          return inOrder(sent, expected)
              ? null
              : shouldBeInOrder(snapshot, groupId, "sent", expected, bodies(sent));
        });
  }

  /**
   * Verifies that exactly these bodies of the group were received by consumers, in this order: the
   * first {@code MessageReceived} of each message of the group, in journal order. A message that is
   * received again after its visibility timeout keeps the place of its first receive.
   */
  public MessageGroupAssert wereReceivedInOrder(String... bodies) {
    List<String> expected = List.of(bodies);
    return check(
        snapshot -> {
          Set<String> seen = new LinkedHashSet<>();
          List<JournalEvent> firstReceives =
              snapshot.events(SqsEvents.MESSAGE_RECEIVED).stream()
                  .filter(event -> Objects.equals(event.detail(Details.MESSAGE_GROUP_ID), groupId))
                  .filter(event -> seen.add(event.detail(Details.MESSAGE_ID)))
                  .toList();
          return inOrder(firstReceives, expected)
              ? null
              : shouldBeInOrder(snapshot, groupId, "received", expected, bodies(firstReceives));
        });
  }

  /** Whether each event's body (or its SNS envelope's message) is the expected one at its place. */
  private static boolean inOrder(List<JournalEvent> events, List<String> expected) {
    if (events.size() != expected.size()) {
      return false;
    }
    for (int i = 0; i < events.size(); i++) {
      if (!QueueSnapshot.body(expected.get(i)::equals).test(events.get(i))) {
        return false;
      }
    }
    return true;
  }

  /** The bodies as failures show them: an SNS envelope by its message. */
  private static List<String> bodies(List<JournalEvent> events) {
    return events.stream().map(event -> SnsEnvelope.content(event.detail(Details.BODY))).toList();
  }

  private MessageGroupAssert check(Function<QueueSnapshot, ErrorMessageFactory> failureOf) {
    JournalTail tail = new JournalTail(actual.inspector());
    ErrorMessageFactory failure = patience.await(() -> QueueSnapshot.take(actual, tail), failureOf);
    if (failure != null) {
      throwAssertionError(failure);
    }
    return myself;
  }
}
