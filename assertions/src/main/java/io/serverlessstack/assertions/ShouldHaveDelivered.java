package io.serverlessstack.assertions;

import org.assertj.core.error.ErrorMessageFactory;

/** Fails the assertions that a topic delivered a message to a subscriber, or filtered it out. */
final class ShouldHaveDelivered extends TopicErrorMessage {

  /**
   * @param message which message, e.g. {@code message "x"}
   * @param how empty, or e.g. {@code as a raw message}
   * @param found what the journal shows instead
   */
  static ErrorMessageFactory shouldHaveDelivered(
      TopicSnapshot snapshot, String message, String subscriber, String how, String found) {
    return new ShouldHaveDelivered(
        snapshot,
        "%nExpecting topic %s to have delivered %s to %s%s%nbut %s",
        snapshot.name(),
        verbatim(message),
        verbatim(subscriber),
        verbatim(how),
        verbatim(found));
  }

  static ErrorMessageFactory shouldHaveFilteredOut(
      TopicSnapshot snapshot, String message, String subscriber, String found) {
    return new ShouldHaveDelivered(
        snapshot,
        "%nExpecting topic %s to have kept %s from %s by the subscription's filter policy%nbut %s",
        snapshot.name(),
        verbatim(message),
        verbatim(subscriber),
        verbatim(found));
  }

  private ShouldHaveDelivered(TopicSnapshot snapshot, String format, Object... arguments) {
    super(snapshot, format, arguments);
  }
}
