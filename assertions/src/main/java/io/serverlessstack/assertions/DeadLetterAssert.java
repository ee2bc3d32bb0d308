package io.serverlessstack.assertions;

import static io.serverlessstack.assertions.ShouldHaveMovedToDeadLetterQueue.shouldHaveMovedToDeadLetterQueue;

import io.serverlessstack.api.InspectableQueue;
import io.serverlessstack.api.JournalEvent;
import io.serverlessstack.api.SqsEvents;
import io.serverlessstack.api.SqsEvents.Details;
import java.util.List;
import java.util.function.Predicate;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * Assertions on a message that a queue moved to its dead-letter queue, from {@link
 * QueueAssert#hasMovedMessageToDeadLetterQueue(String)}. A message counts as moved when the source
 * queue's journal records {@code MessageMovedToDeadLetterQueue} for it and the dead-letter queue
 * holds it or has recorded what happened to it there (a consumer may already have received or
 * deleted it).
 *
 * <p>SQS moves a message when a receive finds it already received {@code maxReceiveCount} times,
 * not when its last visibility timeout ends: a test advances the clock past the timeout and
 * receives once more.
 */
public final class DeadLetterAssert extends AbstractAssert<DeadLetterAssert, InspectableQueue> {

  private final Predicate<JournalEvent> body;
  private final String bodyDescription;
  private final Patience patience;

  DeadLetterAssert(
      InspectableQueue source, Predicate<String> body, String bodyDescription, Patience patience) {
    super(source, DeadLetterAssert.class);
    this.body = QueueSnapshot.body(body);
    this.bodyDescription = bodyDescription;
    this.patience = patience;
  }

  /**
   * Verifies that the message was moved after being received exactly {@code times} from the source
   * queue (its redrive policy's {@code maxReceiveCount}, unless the policy changed).
   */
  public DeadLetterAssert afterBeingReceived(int times) {
    if (times < 1) {
      throw new IllegalArgumentException("A moved message was received at least once");
    }
    return check(times);
  }

  /** Checks the move; {@code receiveCount} 0 accepts any count. */
  DeadLetterAssert check(int receiveCount) {
    JournalTail tail = new JournalTail(actual.inspector());
    ErrorMessageFactory failure =
        patience.await(
            () -> QueueSnapshot.take(actual, tail), snapshot -> failure(snapshot, receiveCount));
    if (failure != null) {
      throwAssertionError(failure);
    }
    return myself;
  }

  private ErrorMessageFactory failure(QueueSnapshot snapshot, int receiveCount) {
    List<JournalEvent> moves =
        snapshot.events(SqsEvents.MESSAGE_MOVED_TO_DEAD_LETTER_QUEUE).stream()
            .filter(body)
            .toList();
    String afterBeingReceived =
        receiveCount == 0 ? "" : " after being received " + times(receiveCount);
    if (moves.isEmpty()) {
      long received = snapshot.events(SqsEvents.MESSAGE_RECEIVED).stream().filter(body).count();
      return shouldHaveMovedToDeadLetterQueue(
          snapshot,
          bodyDescription,
          afterBeingReceived,
          "it moved no such message (such messages were received "
              + times(received)
              + " in all; a message is moved on the first receive after its maxReceiveCount-th,"
              + " redrive policy: "
              + snapshot
                  .view()
                  .map(queue -> queue.attributes().getOrDefault("RedrivePolicy", "none"))
                  .orElse("unknown, the queue does not exist")
              + ").");
    }
    List<JournalEvent> counted =
        moves.stream()
            .filter(
                move ->
                    receiveCount == 0
                        || String.valueOf(receiveCount).equals(move.detail(Details.RECEIVE_COUNT)))
            .toList();
    if (counted.isEmpty()) {
      return shouldHaveMovedToDeadLetterQueue(
          snapshot,
          bodyDescription,
          afterBeingReceived,
          "it moved such a message after being received "
              + String.join(
                  " and ",
                  moves.stream().map(move -> times(move.detail(Details.RECEIVE_COUNT))).toList())
              + ".");
    }
    for (JournalEvent move : counted) {
      if (snapshot.seenOn(
          move.detail(Details.DEAD_LETTER_QUEUE), move.detail(Details.MESSAGE_ID))) {
        return null;
      }
    }
    JournalEvent move = counted.get(0);
    return shouldHaveMovedToDeadLetterQueue(
        snapshot,
        bodyDescription,
        afterBeingReceived,
        "dead-letter queue "
            + JournalListing.quote(move.detail(Details.DEAD_LETTER_QUEUE))
            + " neither holds message "
            + move.detail(Details.MESSAGE_ID)
            + " nor has recorded anything about it.");
  }

  private static String times(Object count) {
    return count + ("1".equals(String.valueOf(count)) ? " time" : " times");
  }
}
