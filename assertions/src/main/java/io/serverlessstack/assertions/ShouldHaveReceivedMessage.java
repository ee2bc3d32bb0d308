package io.serverlessstack.assertions;

import java.util.List;
import org.assertj.core.error.ErrorMessageFactory;

/** Fails the assertions that a message arrived on a queue. */
final class ShouldHaveReceivedMessage extends QueueErrorMessage {

  static ErrorMessageFactory shouldHaveReceivedMessage(QueueSnapshot snapshot, String wanted) {
    return new ShouldHaveReceivedMessage(snapshot, wanted);
  }

  static ErrorMessageFactory shouldHaveReceivedMessages(
      QueueSnapshot snapshot, List<String> expected, List<String> missing) {
    return new ShouldHaveReceivedMessage(snapshot, expected, missing);
  }

  private ShouldHaveReceivedMessage(
      QueueSnapshot snapshot, List<String> expected, List<String> missing) {
    super(
        snapshot,
        "%nExpecting queue %s to have received messages with each of the bodies:%n  %s%nbut"
            + " none arrived with these:%n  %s",
        snapshot.name(),
        expected,
        missing);
  }

  private ShouldHaveReceivedMessage(QueueSnapshot snapshot, String wanted) {
    super(
        snapshot,
        "%nExpecting queue %s to have received a message %s%nbut none of the %s messages that"
            + " arrived on it matched.",
        snapshot.name(),
        verbatim(wanted),
        snapshot.arrivals().size());
  }
}
