package io.serverlessstack.assertions;

import org.assertj.core.error.BasicErrorMessageFactory;

/**
 * The shape of every topic failure: what was expected and found, then the topic's subscriptions now
 * and what the journal recorded for it, so a failure explains itself without a debugger.
 */
abstract class TopicErrorMessage extends BasicErrorMessageFactory {

  TopicErrorMessage(TopicSnapshot snapshot, String format, Object... arguments) {
    super(format + "%n%nSubscriptions now: %s%n%s", withEvidence(snapshot, arguments));
  }

  private static Object[] withEvidence(TopicSnapshot snapshot, Object[] arguments) {
    Object[] all = new Object[arguments.length + 2];
    System.arraycopy(arguments, 0, all, 0, arguments.length);
    all[arguments.length] = unquotedString(snapshot.describeSubscriptions());
    all[arguments.length + 1] = unquotedString(snapshot.describeJournal());
    return all;
  }

  /** Text that goes into the message as it is, without the quotes strings get. */
  static CharSequence verbatim(String text) {
    return unquotedString(text);
  }
}
