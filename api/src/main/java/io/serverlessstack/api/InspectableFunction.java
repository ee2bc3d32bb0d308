package io.serverlessstack.api;

import java.util.Objects;

/**
 * A function named together with the inspector of the stack that holds it: everything an assertion
 * needs to look at the function. Test-side function handles implement it, so assertions can take
 * them without depending on the code that created them.
 */
public interface InspectableFunction {

  /**
   * The function's ARN, or its name: an ARN tells functions of the same name in other accounts and
   * regions apart, a name means the first such function by account and region.
   */
  String nameOrArn();

  /** The inspector of the stack the function lives on. */
  StackInspector inspector();

  /** The function {@code nameOrArn} on the stack {@code inspector} looks at. */
  static InspectableFunction of(StackInspector inspector, String nameOrArn) {
    Objects.requireNonNull(inspector, "inspector");
    Objects.requireNonNull(nameOrArn, "nameOrArn");
    return new InspectableFunction() {
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
