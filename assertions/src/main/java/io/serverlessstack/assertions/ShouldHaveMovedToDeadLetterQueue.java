package io.serverlessstack.assertions;

import org.assertj.core.error.ErrorMessageFactory;

/** Fails {@code hasMovedMessageToDeadLetterQueue} and its refinements. */
final class ShouldHaveMovedToDeadLetterQueue extends QueueErrorMessage {

  /**
   * @param message which message, e.g. {@code with body "x"}
   * @param afterBeingReceived empty, or e.g. {@code after being received 3 times}
   * @param found what the journal shows instead
   */
  static ErrorMessageFactory shouldHaveMovedToDeadLetterQueue(
      QueueSnapshot snapshot, String message, String afterBeingReceived, String found) {
    return new ShouldHaveMovedToDeadLetterQueue(snapshot, message, afterBeingReceived, found);
  }

  private ShouldHaveMovedToDeadLetterQueue(
      QueueSnapshot snapshot, String message, String afterBeingReceived, String found) {
    super(
        snapshot,
        "%nExpecting queue %s to have moved a message %s to its dead-letter queue%s%nbut %s",
        snapshot.name(),
        verbatim(message),
        verbatim(afterBeingReceived),
        verbatim(found));
  }
}
