package io.serverlessstack.api;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Read-only access to a running stack: its resources, their contents and the journal. One interface
 * for a stack in this JVM and one in a container; assertions use nothing else.
 */
public interface StackInspector {

  /** The stack clock's time. */
  Instant now();

  /** Every queue of every account and region. */
  List<QueueView> queues();

  /** The queue with this name, URL or ARN (the first by account and region if names repeat). */
  default Optional<QueueView> queue(String nameUrlOrArn) {
    String name =
        nameUrlOrArn.substring(
            Math.max(nameUrlOrArn.lastIndexOf('/'), nameUrlOrArn.lastIndexOf(':')) + 1);
    return queues().stream()
        .filter(
            queue ->
                queue.name().equals(nameUrlOrArn)
                    || queue.arn().equals(nameUrlOrArn)
                    || (queue.name().equals(name)
                        && nameUrlOrArn.endsWith("/" + queue.accountId() + "/" + name)))
        .findFirst();
  }

  /** Every retained journal event, oldest first. */
  List<JournalEvent> journal();
}
