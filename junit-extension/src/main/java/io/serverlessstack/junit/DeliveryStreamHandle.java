package io.serverlessstack.junit;

import io.serverlessstack.api.InspectableDeliveryStream;
import io.serverlessstack.api.StackInspector;
import java.util.Objects;

/**
 * A delivery stream on the test's stack: its name and ARN for SDK calls, and the stack's inspector,
 * so {@code StackAssertions.assertThat(handle)} can check it. Inject one with {@link
 * DeliveryStreamName}. The ARN stays valid when the stack resets between tests, as declared
 * delivery streams are re-created under the same names.
 */
public final class DeliveryStreamHandle implements InspectableDeliveryStream {

  private final String name;
  private final String arn;
  private final StackInspector inspector;

  DeliveryStreamHandle(String name, String arn, StackInspector inspector) {
    this.name = Objects.requireNonNull(name, "name");
    this.arn = Objects.requireNonNull(arn, "arn");
    this.inspector = Objects.requireNonNull(inspector, "inspector");
  }

  /** The delivery stream's name, as PutRecord takes it. */
  public String name() {
    return name;
  }

  /** The delivery stream's ARN, e.g. for an SNS subscription's endpoint. */
  public String arn() {
    return arn;
  }

  @Override
  public String nameOrArn() {
    return arn;
  }

  @Override
  public StackInspector inspector() {
    return inspector;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof DeliveryStreamHandle handle && handle.arn.equals(arn);
  }

  @Override
  public int hashCode() {
    return arn.hashCode();
  }

  @Override
  public String toString() {
    return "DeliveryStreamHandle[" + arn + "]";
  }
}
