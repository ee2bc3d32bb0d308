package io.serverlessstack.assertions;

import java.util.List;
import org.assertj.core.error.ErrorMessageFactory;

/** Fails {@code hasBeenSentNoDuplicates}. */
final class ShouldHaveBeenSentNoDuplicates extends QueueErrorMessage {

  /**
   * @param duplicates one line per duplicated body: the body, its group and how often it was sent
   */
  static ErrorMessageFactory shouldHaveBeenSentNoDuplicates(
      QueueSnapshot snapshot, List<String> duplicates) {
    return new ShouldHaveBeenSentNoDuplicates(snapshot, duplicates);
  }

  private ShouldHaveBeenSentNoDuplicates(QueueSnapshot snapshot, List<String> duplicates) {
    super(
        snapshot,
        "%nExpecting queue %s to have been sent no message body twice in one message group%nbut"
            + " these were sent more than once:%n  %s",
        snapshot.name(),
        verbatim(String.join(System.lineSeparator() + "  ", duplicates)));
  }
}
