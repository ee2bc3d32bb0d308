package io.serverlessstack.junit;

import io.serverlessstack.api.InspectableQueue;
import io.serverlessstack.api.StackInspector;
import java.util.Objects;

/**
 * A queue on the test's stack: its name, URL and ARN for SDK calls, and the stack's inspector, so
 * {@code StackAssertions.assertThat(handle)} can check it. Inject one with {@link SqsQueueName}.
 * The URL and ARN stay valid when the stack resets between tests, as declared queues are re-created
 * under the same names.
 */
public final class SqsQueueHandle implements InspectableQueue {

  private final String name;
  private final String url;
  private final String arn;
  private final StackInspector inspector;

  SqsQueueHandle(String name, String url, String arn, StackInspector inspector) {
    this.name = Objects.requireNonNull(name, "name");
    this.url = Objects.requireNonNull(url, "url");
    this.arn = Objects.requireNonNull(arn, "arn");
    this.inspector = Objects.requireNonNull(inspector, "inspector");
  }

  /** The queue's name, e.g. {@code orders.fifo}. */
  @Override
  public String name() {
    return name;
  }

  /** The URL that SDK calls take as {@code queueUrl}. */
  public String url() {
    return url;
  }

  /** The ARN, e.g. for a redrive policy or a subscription. */
  public String arn() {
    return arn;
  }

  /** The inspector of the stack that holds the queue. */
  @Override
  public StackInspector inspector() {
    return inspector;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SqsQueueHandle handle
        && handle.arn.equals(arn)
        && handle.url.equals(url);
  }

  @Override
  public int hashCode() {
    return Objects.hash(arn, url);
  }

  @Override
  public String toString() {
    return "SqsQueueHandle[" + url + "]";
  }
}
