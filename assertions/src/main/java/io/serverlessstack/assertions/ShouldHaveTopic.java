package io.serverlessstack.assertions;

import io.serverlessstack.api.TopicView;
import java.util.List;
import org.assertj.core.error.ErrorMessageFactory;

/** Fails a topic assertion that needs the topic to exist now. */
final class ShouldHaveTopic extends TopicErrorMessage {

  static ErrorMessageFactory shouldHaveTopic(TopicSnapshot snapshot, List<TopicView> topics) {
    return new ShouldHaveTopic(snapshot, topics.stream().map(TopicView::name).toList());
  }

  private ShouldHaveTopic(TopicSnapshot snapshot, List<String> names) {
    super(
        snapshot,
        "%nExpecting topic %s to exist%nbut the stack has no topic of that name; its topics are:%n"
            + "  %s",
        snapshot.name(),
        names);
  }
}
