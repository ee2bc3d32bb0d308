package io.serverlessstack.assertions;

import java.util.List;
import org.assertj.core.error.ErrorMessageFactory;

/** Fails the assertions that a message has been sent to a queue. */
final class ShouldHaveBeenSentMessage extends QueueErrorMessage {

  static ErrorMessageFactory shouldHaveBeenSentMessage(QueueSnapshot snapshot, String wanted) {
    return new ShouldHaveBeenSentMessage(snapshot, wanted);
  }

  static ErrorMessageFactory shouldHaveBeenSentMessages(
      QueueSnapshot snapshot, List<String> expected, List<String> missing) {
    return new ShouldHaveBeenSentMessage(snapshot, expected, missing);
  }

  private ShouldHaveBeenSentMessage(
      QueueSnapshot snapshot, List<String> expected, List<String> missing) {
    super(
        snapshot,
        "%nExpecting queue %s to have been sent messages with each of the bodies:%n  %s%nbut"
            + " none was sent with these:%n  %s",
        snapshot.name(),
        expected,
        missing);
  }

  private ShouldHaveBeenSentMessage(QueueSnapshot snapshot, String wanted) {
    super(
        snapshot,
        "%nExpecting queue %s to have been sent a message %s%nbut none of the %s messages sent"
            + " to it matched.",
        snapshot.name(),
        verbatim(wanted),
        snapshot.sent().size());
  }
}
