package io.serverlessstack.assertions;

import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * The shape of every stream failure: what was expected, what was found, then the stream's shards
 * and records now, so a failure explains itself without a debugger.
 */
final class StreamErrorMessage extends BasicErrorMessageFactory {

  /**
   * @param expectation what the stream should have, after "Expecting stream NAME to …"
   * @param found what it has instead
   */
  static ErrorMessageFactory streamShould(
      StreamSnapshot snapshot, String expectation, String found) {
    return new StreamErrorMessage(snapshot, expectation, found);
  }

  private StreamErrorMessage(StreamSnapshot snapshot, String expectation, String found) {
    super(
        "%nExpecting stream %s to %s%nbut %s%n%nShards now:%n%s",
        snapshot.name(),
        unquotedString(expectation),
        unquotedString(found),
        unquotedString(snapshot.describe()));
  }
}
