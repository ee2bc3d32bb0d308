package io.serverlessstack.api;

import java.util.Objects;

/**
 * An execution named together with the inspector of the stack that runs it: everything an assertion
 * needs to look at the execution.
 */
public interface InspectableExecution {

  /** The execution's ARN, as StartExecution answered it. */
  String executionArn();

  /** The inspector of the stack the execution runs on. */
  StackInspector inspector();

  /** The execution {@code executionArn} on the stack {@code inspector} looks at. */
  static InspectableExecution of(StackInspector inspector, String executionArn) {
    Objects.requireNonNull(inspector, "inspector");
    Objects.requireNonNull(executionArn, "executionArn");
    return new InspectableExecution() {
      @Override
      public String executionArn() {
        return executionArn;
      }

      @Override
      public StackInspector inspector() {
        return inspector;
      }

      @Override
      public String toString() {
        return executionArn;
      }
    };
  }
}
