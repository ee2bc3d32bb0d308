package io.serverlessstack.assertions;

import org.assertj.core.error.BasicErrorMessageFactory;

/**
 * Every function failure: what was expected and found, then the function now and one timeline of
 * what the journal recorded for it and for what triggered it.
 */
final class FunctionErrorMessage extends BasicErrorMessageFactory {

  private FunctionErrorMessage(FunctionSnapshot snapshot, String format, Object... arguments) {
    super(format + "%n%nFunction now: %s%n%s", withEvidence(snapshot, arguments));
  }

  /**
   * @param expectation what the function should have done, e.g. {@code "to have been invoked 3
   *     times"}
   * @param found what it did instead, e.g. {@code "it was invoked once"}
   */
  static FunctionErrorMessage shouldHave(
      FunctionSnapshot snapshot, String expectation, String found) {
    return new FunctionErrorMessage(
        snapshot,
        "%nExpecting function %s %s%nbut %s.",
        snapshot.name(),
        unquotedString(expectation),
        unquotedString(found));
  }

  private static Object[] withEvidence(FunctionSnapshot snapshot, Object[] arguments) {
    Object[] all = new Object[arguments.length + 2];
    System.arraycopy(arguments, 0, all, 0, arguments.length);
    all[arguments.length] = unquotedString(snapshot.describe());
    all[arguments.length + 1] = unquotedString(snapshot.describeTimeline());
    return all;
  }
}
