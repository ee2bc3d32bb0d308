package io.serverlessstack.junit;

import io.serverlessstack.api.InspectableExecution;
import io.serverlessstack.api.InspectableStateMachine;
import io.serverlessstack.api.StackInspector;
import java.util.Objects;

/**
 * A state machine on the test's stack: its name and ARN for SDK calls, and the stack's inspector,
 * so {@code StackAssertions.assertThat(handle)} can check it and its executions. Inject one with
 * {@link StateMachineName}. The ARN stays valid when the stack resets between tests, as declared
 * state machines are re-created under the same names.
 */
public final class StateMachineHandle implements InspectableStateMachine {

  private final String name;
  private final String arn;
  private final StackInspector inspector;

  StateMachineHandle(String name, String arn, StackInspector inspector) {
    this.name = Objects.requireNonNull(name, "name");
    this.arn = Objects.requireNonNull(arn, "arn");
    this.inspector = Objects.requireNonNull(inspector, "inspector");
  }

  /** The state machine's name. */
  public String name() {
    return name;
  }

  /** The state machine's ARN, for StartExecution. */
  public String arn() {
    return arn;
  }

  /**
   * One of its executions, for {@code StackAssertions.assertThat(...)}: the ARN StartExecution
   * answered.
   */
  public InspectableExecution execution(String executionArn) {
    return InspectableExecution.of(inspector, executionArn);
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
    return other instanceof StateMachineHandle handle && handle.arn.equals(arn);
  }

  @Override
  public int hashCode() {
    return arn.hashCode();
  }

  @Override
  public String toString() {
    return "StateMachineHandle[" + arn + "]";
  }
}
