package io.serverlessstack.assertions;

import static io.serverlessstack.assertions.ShouldBeInOrder.shouldBeInOrder;

import io.serverlessstack.fake.inspect.InspectableQueue;
import io.serverlessstack.fake.journal.JournalEvent;
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
   * Verifies that exactly these bodies arrived in the group, in this order: the queue's accepted
   * sends to the group ({@code MessageSent}; deduplicated sends do not count) ordered by their
   * sequence numbers. A missing, extra or repeated message fails it as a reordering does.
   */
  public MessageGroupAssert arrivedInOrder(String... bodies) {
    List<String> expected = List.of(bodies);
    return check(
        snapshot -> {
          List<String> arrived = bodies(snapshot.sentToGroup(groupId));
          return arrived.equals(expected)
              ? null
              : shouldBeInOrder(snapshot, groupId, "arrived", expected, arrived);
        });
  }

  /**
   * Verifies that consumers were first handed exactly these bodies of the group, in this order: the
   * first {@code MessageReceived} of each message of the group, in journal order. Redeliveries of a
   * message after its visibility timeout do not change its place.
   */
  public MessageGroupAssert wereDeliveredInOrder(String... bodies) {
    List<String> expected = List.of(bodies);
    return check(
        snapshot -> {
          Set<String> seen = new LinkedHashSet<>();
          List<JournalEvent> firstDeliveries =
              snapshot.events(QueueSnapshot.MESSAGE_RECEIVED).stream()
                  .filter(event -> Objects.equals(event.detail("messageGroupId"), groupId))
                  .filter(event -> seen.add(event.detail("messageId")))
                  .toList();
          List<String> delivered = bodies(firstDeliveries);
          return delivered.equals(expected)
              ? null
              : shouldBeInOrder(snapshot, groupId, "been delivered", expected, delivered);
        });
  }

  private static List<String> bodies(List<JournalEvent> events) {
    return events.stream().map(event -> event.detail("body")).toList();
  }

  private MessageGroupAssert check(Function<QueueSnapshot, ErrorMessageFactory> failureOf) {
    ErrorMessageFactory failure = patience.await(() -> QueueSnapshot.take(actual), failureOf);
    if (failure != null) {
      throwAssertionError(failure);
    }
    return myself;
  }
}
