package io.serverlessstack.api;

import java.util.Objects;

/**
 * A state machine named together with the inspector of the stack that holds it. Test-side handles
 * implement it, so assertions can take them without depending on the code that created them.
 */
public interface InspectableStateMachine {

  /**
   * The state machine's ARN, or its name: an ARN tells machines of the same name in other accounts
   * and regions apart, a name means the first such machine by account and region.
   */
  String nameOrArn();

  /** The inspector of the stack the state machine lives on. */
  StackInspector inspector();

  /** The state machine {@code nameOrArn} on the stack {@code inspector} looks at. */
  static InspectableStateMachine of(StackInspector inspector, String nameOrArn) {
    Objects.requireNonNull(inspector, "inspector");
    Objects.requireNonNull(nameOrArn, "nameOrArn");
    return new InspectableStateMachine() {
      @Override
      public String nameOrArn() {
        return nameOrArn;
      }

      @Override
      public StackInspector inspector() {
        return inspector;
      }

      @Override
      public String toString() {
        return nameOrArn;
      }
    };
  }
}
