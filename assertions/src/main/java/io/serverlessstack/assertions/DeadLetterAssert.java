package io.serverlessstack.assertions;

import static io.serverlessstack.assertions.ShouldHaveMovedToDeadLetterQueue.shouldHaveMovedToDeadLetterQueue;

import io.serverlessstack.fake.inspect.InspectableQueue;
import io.serverlessstack.fake.journal.JournalEvent;
import java.util.List;
import java.util.function.Predicate;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * Assertions on a message that a queue moved to its dead-letter queue, from {@link
 * QueueAssert#movedToDeadLetterQueue(String)}. A message counts as moved when the source queue's
 * journal records {@code MessageMovedToDeadLetterQueue} for it and the dead-letter queue holds it
 * or has recorded what happened to it there (a consumer may already have received or deleted it).
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
   * Verifies that the message was moved after exactly {@code receiveCount} receives from the source
   * queue (its redrive policy's {@code maxReceiveCount}, unless the policy changed).
   */
  public DeadLetterAssert afterReceives(int receiveCount) {
    if (receiveCount < 1) {
      throw new IllegalArgumentException("A moved message was received at least once");
    }
    return check(receiveCount);
  }

  /** Checks the move; {@code receiveCount} 0 accepts any count. */
  DeadLetterAssert check(int receiveCount) {
    ErrorMessageFactory failure =
        patience.await(
            () -> QueueSnapshot.take(actual), snapshot -> failure(snapshot, receiveCount));
    if (failure != null) {
      throwAssertionError(failure);
    }
    return myself;
  }

  private ErrorMessageFactory failure(QueueSnapshot snapshot, int receiveCount) {
    List<JournalEvent> moves =
        snapshot.events(QueueSnapshot.MOVED_TO_DEAD_LETTER_QUEUE).stream().filter(body).toList();
    String wanted = bodyDescription + (receiveCount == 0 ? "" : " after " + receives(receiveCount));
    if (moves.isEmpty()) {
      long received = snapshot.events(QueueSnapshot.MESSAGE_RECEIVED).stream().filter(body).count();
      return shouldHaveMovedToDeadLetterQueue(
          snapshot,
          wanted,
          "no such message was moved ("
              + received
              + " receives of such a message were recorded; a message moves on the first receive"
              + " after its maxReceiveCount-th, redrive policy: "
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
                        || String.valueOf(receiveCount).equals(move.detail("receiveCount")))
            .toList();
    if (counted.isEmpty()) {
      return shouldHaveMovedToDeadLetterQueue(
          snapshot,
          wanted,
          "it was moved after "
              + String.join(
                  " and ",
                  moves.stream().map(move -> receives(move.detail("receiveCount"))).toList())
              + ".");
    }
    for (JournalEvent move : counted) {
      if (snapshot.seenOn(move.detail("deadLetterQueue"), move.detail("messageId"))) {
        return null;
      }
    }
    JournalEvent move = counted.get(0);
    return shouldHaveMovedToDeadLetterQueue(
        snapshot,
        wanted,
        "dead-letter queue "
            + JournalListing.quote(move.detail("deadLetterQueue"))
            + " neither holds message "
            + move.detail("messageId")
            + " nor has recorded anything about it.");
  }

  private static String receives(Object count) {
    return count + ("1".equals(String.valueOf(count)) ? " receive" : " receives");
  }
}
