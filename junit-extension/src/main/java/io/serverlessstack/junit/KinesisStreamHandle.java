package io.serverlessstack.junit;

import io.serverlessstack.api.InspectableStream;
import io.serverlessstack.api.StackInspector;
import java.util.Objects;

/**
 * A stream on the test's stack: its name and ARN for SDK calls, and the stack's inspector, so
 * {@code StackAssertions.assertThat(handle)} can check it. Inject one with {@link
 * KinesisStreamName}. The ARN stays valid when the stack resets between tests, as declared streams
 * are re-created under the same names.
 */
public final class KinesisStreamHandle implements InspectableStream {

  private final String name;
  private final String arn;
  private final StackInspector inspector;

  KinesisStreamHandle(String name, String arn, StackInspector inspector) {
    this.name = Objects.requireNonNull(name, "name");
    this.arn = Objects.requireNonNull(arn, "arn");
    this.inspector = Objects.requireNonNull(inspector, "inspector");
  }

  /** The stream's name. */
  public String name() {
    return name;
  }

  /** The stream's ARN, e.g. for an event source mapping or a {@code StreamARN} parameter. */
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
    return other instanceof KinesisStreamHandle handle && handle.arn.equals(arn);
  }

  @Override
  public int hashCode() {
    return arn.hashCode();
  }

  @Override
  public String toString() {
    return "KinesisStreamHandle[" + arn + "]";
  }
}
