package io.serverlessstack.assertions;

import io.serverlessstack.api.QueueView;
import java.util.List;
import org.assertj.core.error.ErrorMessageFactory;

/** Fails an assertion that needs the queue to exist now. */
final class ShouldExist extends QueueErrorMessage {

  static ErrorMessageFactory shouldExist(QueueSnapshot snapshot, List<QueueView> queues) {
    return new ShouldExist(snapshot, queues.stream().map(QueueView::name).toList());
  }

  private ShouldExist(QueueSnapshot snapshot, List<String> names) {
    super(
        snapshot,
        "%nExpecting queue %s to exist%nbut the stack has no queue of that name; its queues are:%n  %s",
        snapshot.name(),
        names);
  }
}
