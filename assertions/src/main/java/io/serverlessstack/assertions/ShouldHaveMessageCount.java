package io.serverlessstack.assertions;

import org.assertj.core.error.ErrorMessageFactory;

/** Fails the assertions on how many messages a queue holds (in one state or in all). */
final class ShouldHaveMessageCount extends QueueErrorMessage {

  /**
   * @param kind what was counted, e.g. {@code "visible messages"}
   */
  static ErrorMessageFactory shouldHaveMessageCount(
      QueueSnapshot snapshot, String kind, int expected, int actual) {
    return new ShouldHaveMessageCount(snapshot, kind, expected, actual);
  }

  static ErrorMessageFactory shouldBeEmpty(QueueSnapshot snapshot) {
    return new ShouldHaveMessageCount(snapshot);
  }

  private ShouldHaveMessageCount(QueueSnapshot snapshot, String kind, int expected, int actual) {
    super(
        snapshot,
        "%nExpecting queue %s to hold %s %s%nbut it holds %s.",
        snapshot.name(),
        expected,
        verbatim(kind),
        actual);
  }

  private ShouldHaveMessageCount(QueueSnapshot snapshot) {
    super(
        snapshot,
        "%nExpecting queue %s to be empty%nbut it holds %s messages.",
        snapshot.name(),
        snapshot.messageCount());
  }
}
