package io.serverlessstack.assertions;

import java.util.List;
import org.assertj.core.error.ErrorMessageFactory;

/** Fails the assertions that a message was published to a topic, and in which order. */
final class ShouldHavePublished extends TopicErrorMessage {

  static ErrorMessageFactory shouldHavePublished(TopicSnapshot snapshot, String wanted) {
    return new ShouldHavePublished(snapshot, wanted);
  }

  static ErrorMessageFactory shouldHavePublishedInOrder(
      TopicSnapshot snapshot, String groupId, List<String> expected, List<String> actual) {
    return new ShouldHavePublished(snapshot, groupId, expected, actual);
  }

  private ShouldHavePublished(TopicSnapshot snapshot, String wanted) {
    super(
        snapshot,
        "%nExpecting topic %s to have published %s%nbut none of the %s messages published to it"
            + " matched.",
        snapshot.name(),
        verbatim(wanted),
        snapshot.published().size());
  }

  private ShouldHavePublished(
      TopicSnapshot snapshot, String groupId, List<String> expected, List<String> actual) {
    super(
        snapshot,
        "%nExpecting the messages of group %s published to topic %s to be exactly, in this order:%n"
            + "  %s%nbut these were published to the group, in this order:%n  %s%s",
        groupId,
        snapshot.name(),
        expected,
        actual,
        verbatim(
            snapshot.view().map(topic -> !topic.fifo()).orElse(false)
                ? System.lineSeparator()
                    + "(The topic is a standard topic: its messages have no group and no order.)"
                : ""));
  }
}
