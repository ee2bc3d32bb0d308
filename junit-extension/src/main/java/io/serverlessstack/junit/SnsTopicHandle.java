package io.serverlessstack.junit;

import io.serverlessstack.api.InspectableTopic;
import io.serverlessstack.api.StackInspector;
import java.util.Objects;
import java.util.UUID;

/**
 * A topic on the test's stack: its name and ARN for SDK calls, the stack's inspector, so {@code
 * StackAssertions.assertThat(handle)} can check it, and {@link #publish(String)} for a test that
 * only needs a message on its way. Inject one with {@link SnsTopicName}. The ARN stays valid when
 * the stack resets between tests, as declared topics are re-created under the same names.
 */
public final class SnsTopicHandle implements InspectableTopic {

  /** Publishes through the stack's {@code SnsClient}; keeps SDK types out of this class. */
  interface Publisher {
    /**
     * @return the message id
     */
    String publish(String topicArn, String message, String groupId, String deduplicationId);
  }

  private final String name;
  private final String arn;
  private final StackInspector inspector;
  private final Publisher publisher;

  SnsTopicHandle(String name, String arn, StackInspector inspector, Publisher publisher) {
    this.name = Objects.requireNonNull(name, "name");
    this.arn = Objects.requireNonNull(arn, "arn");
    this.inspector = Objects.requireNonNull(inspector, "inspector");
    this.publisher = Objects.requireNonNull(publisher, "publisher");
  }

  /** The topic's name, e.g. {@code orders.fifo}. */
  public String name() {
    return name;
  }

  /** The ARN that SDK calls take as {@code topicArn}. */
  public String arn() {
    return arn;
  }

  /** Whether it is a FIFO topic (its name ends in {@code .fifo}). */
  public boolean fifo() {
    return name.endsWith(".fifo");
  }

  /** The ARN: what assertions look the topic up by. */
  @Override
  public String nameOrArn() {
    return arn;
  }

  /** The inspector of the stack that holds the topic. */
  @Override
  public StackInspector inspector() {
    return inspector;
  }

  /**
   * Publishes {@code message} to this standard topic with the stack's {@code SnsClient}, as {@code
   * Publish} with only a message does.
   *
   * @return the message id SNS answered
   * @throws IllegalStateException for a FIFO topic, which needs {@link #publish(String, String)}
   */
  public String publish(String message) {
    Objects.requireNonNull(message, "message");
    if (fifo()) {
      throw new IllegalStateException(
          "FIFO topic " + name + " needs a message group: call publish(groupId, message)");
    }
    return publisher.publish(arn, message, null, null);
  }

  /**
   * Publishes {@code message} to message group {@code groupId} of this FIFO topic with the stack's
   * {@code SnsClient}. With content-based deduplication on, the topic deduplicates it by its
   * content; without, each call is a new message (it carries a fresh deduplication id).
   *
   * @return the message id SNS answered (a duplicate's is the first one's)
   * @throws IllegalStateException for a standard topic, which has no message groups
   */
  public String publish(String groupId, String message) {
    Objects.requireNonNull(groupId, "groupId");
    Objects.requireNonNull(message, "message");
    if (!fifo()) {
      throw new IllegalStateException(
          "Standard topic " + name + " has no message groups: call publish(message)");
    }
    boolean contentBased =
        inspector
            .topic(arn)
            .map(topic -> "true".equals(topic.attributes().get("ContentBasedDeduplication")))
            .orElse(false);
    return publisher.publish(
        arn, message, groupId, contentBased ? null : UUID.randomUUID().toString());
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SnsTopicHandle handle && handle.arn.equals(arn);
  }

  @Override
  public int hashCode() {
    return arn.hashCode();
  }

  @Override
  public String toString() {
    return "SnsTopicHandle[" + arn + "]";
  }
}
