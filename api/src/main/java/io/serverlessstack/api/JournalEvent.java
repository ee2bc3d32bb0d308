package io.serverlessstack.api;

import java.time.Instant;
import java.util.Map;

/**
 * One observable happening of the stack, e.g. {@code sqs MessageSent orders {messageId=…}}.
 *
 * @param sequence strictly increasing over the stack's life, never reused after a reset
 * @param time the stack clock's time when it happened
 * @param service the service that recorded it ({@code sqs}, {@code sns}, …)
 * @param type what happened ({@code MessageSent}, {@code MessageMovedToDeadLetterQueue}, …)
 * @param resource the resource it happened to, as the service names it (a queue name, a topic ARN,
 *     …)
 * @param resourceArn the ARN of that resource, or {@code null} if it has none
 * @param details the facts of the event, in a stable order
 */
public record JournalEvent(
    long sequence,
    Instant time,
    String service,
    String type,
    String resource,
    String resourceArn,
    Map<String, String> details) {

  public JournalEvent {
    details = Map.copyOf(details);
  }

  /** An event about a resource that has no ARN. */
  public JournalEvent(
      long sequence,
      Instant time,
      String service,
      String type,
      String resource,
      Map<String, String> details) {
    this(sequence, time, service, type, resource, null, details);
  }

  /** Whether this event is about the resource with this ARN or name. */
  public boolean isAbout(String arnOrName) {
    return arnOrName.equals(resource) || arnOrName.equals(resourceArn);
  }

  /** The value of one detail, or {@code null}. */
  public String detail(String name) {
    return details.get(name);
  }

  @Override
  public String toString() {
    return "#" + sequence + " " + time + " " + service + " " + type + " " + resource + " "
        + details;
  }
}
