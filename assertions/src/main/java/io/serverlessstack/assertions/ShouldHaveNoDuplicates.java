package io.serverlessstack.assertions;

import java.util.List;
import org.assertj.core.error.ErrorMessageFactory;

/** Fails {@code hasNoDuplicates}. */
final class ShouldHaveNoDuplicates extends QueueErrorMessage {

  /**
   * @param duplicates one line per duplicated body: the body, its group and how often it arrived
   */
  static ErrorMessageFactory shouldHaveNoDuplicates(
      QueueSnapshot snapshot, List<String> duplicates) {
    return new ShouldHaveNoDuplicates(snapshot, duplicates);
  }

  private ShouldHaveNoDuplicates(QueueSnapshot snapshot, List<String> duplicates) {
    super(
        snapshot,
        "%nExpecting queue %s to have accepted no message body twice in one message group%nbut"
            + " these were accepted more than once:%n  %s",
        snapshot.name(),
        verbatim(String.join(System.lineSeparator() + "  ", duplicates)));
  }
}
