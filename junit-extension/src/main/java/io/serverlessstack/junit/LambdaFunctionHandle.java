package io.serverlessstack.junit;

import io.serverlessstack.api.InspectableFunction;
import io.serverlessstack.api.StackInspector;
import java.util.Objects;

/**
 * A function on the test's stack: its name and ARN for SDK calls and the stack's inspector, so
 * {@code StackAssertions.assertThat(handle)} can check it. Inject one with {@link
 * LambdaFunctionName}.
 */
public final class LambdaFunctionHandle implements InspectableFunction {

  private final String name;
  private final String arn;
  private final StackInspector inspector;

  LambdaFunctionHandle(String name, String arn, StackInspector inspector) {
    this.name = Objects.requireNonNull(name, "name");
    this.arn = Objects.requireNonNull(arn, "arn");
    this.inspector = Objects.requireNonNull(inspector, "inspector");
  }

  /** The function's name. */
  public String name() {
    return name;
  }

  /** The function's unqualified ARN, e.g. for an event source mapping or a subscription. */
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
  public String toString() {
    return name;
  }
}
