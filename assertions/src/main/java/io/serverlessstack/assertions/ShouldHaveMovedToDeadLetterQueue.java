package io.serverlessstack.assertions;

import org.assertj.core.error.ErrorMessageFactory;

/** Fails {@code movedToDeadLetterQueue} and its refinements. */
final class ShouldHaveMovedToDeadLetterQueue extends QueueErrorMessage {

  /**
   * @param wanted which message and how it should have moved, e.g. {@code with body "x" after 3
   *     receives}
   * @param found what the journal shows instead
   */
  static ErrorMessageFactory shouldHaveMovedToDeadLetterQueue(
      QueueSnapshot snapshot, String wanted, String found) {
    return new ShouldHaveMovedToDeadLetterQueue(snapshot, wanted, found);
  }

  private ShouldHaveMovedToDeadLetterQueue(QueueSnapshot snapshot, String wanted, String found) {
    super(
        snapshot,
        "%nExpecting a message %s to have been moved from queue %s to its dead-letter queue%nbut %s",
        verbatim(wanted),
        snapshot.name(),
        verbatim(found));
  }
}
