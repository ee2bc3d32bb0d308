package io.serverlessstack.assertions;

import org.assertj.core.error.BasicErrorMessageFactory;

/**
 * The shape of every queue failure: what was expected and found, then what is on the queue now and
 * what the journal recorded for it, so a failure explains itself without a debugger.
 */
abstract class QueueErrorMessage extends BasicErrorMessageFactory {

  QueueErrorMessage(QueueSnapshot snapshot, String format, Object... arguments) {
    super(format + "%n%nNow on the queue: %s%n%s", withEvidence(snapshot, arguments));
  }

  private static Object[] withEvidence(QueueSnapshot snapshot, Object[] arguments) {
    Object[] all = new Object[arguments.length + 2];
    System.arraycopy(arguments, 0, all, 0, arguments.length);
    all[arguments.length] = unquotedString(snapshot.describeContents());
    all[arguments.length + 1] = unquotedString(snapshot.describeJournal());
    return all;
  }

  /** Text that goes into the message as it is, without the quotes strings get. */
  static CharSequence verbatim(String text) {
    return unquotedString(text);
  }
}
