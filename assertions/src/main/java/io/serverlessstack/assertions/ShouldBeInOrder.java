package io.serverlessstack.assertions;

import java.util.List;
import org.assertj.core.error.ErrorMessageFactory;

/** Fails {@code wereSentInOrder} and {@code wereReceivedInOrder} of a message group. */
final class ShouldBeInOrder extends QueueErrorMessage {

  /**
   * @param happened what the order is of: {@code "sent"} or {@code "received"}
   */
  static ErrorMessageFactory shouldBeInOrder(
      QueueSnapshot snapshot,
      String groupId,
      String happened,
      List<String> expected,
      List<String> actual) {
    return new ShouldBeInOrder(snapshot, groupId, happened, expected, actual);
  }

  private ShouldBeInOrder(
      QueueSnapshot snapshot,
      String groupId,
      String happened,
      List<String> expected,
      List<String> actual) {
    super(
        snapshot,
        "%nExpecting the messages of group %s on queue %s to have been %s exactly in this order:%n"
            + "  %s%nbut these were %s, in this order:%n  %s",
        groupId,
        snapshot.name(),
        verbatim(happened),
        expected,
        verbatim(happened),
        actual);
  }
}
