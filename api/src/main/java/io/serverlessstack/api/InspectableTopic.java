package io.serverlessstack.api;

import java.util.Objects;

/**
 * A topic named together with the inspector of the stack that holds it: everything an assertion
 * needs to look at the topic. Test-side topic handles implement it, so assertions can take them
 * without depending on the code that created them.
 */
public interface InspectableTopic {

  /**
   * The topic's ARN, or its name: an ARN tells topics of the same name in other accounts and
   * regions apart, a name means the first such topic by account and region.
   */
  String nameOrArn();

  /** The inspector of the stack the topic lives on. */
  StackInspector inspector();

  /** The topic {@code nameOrArn} on the stack {@code inspector} looks at. */
  static InspectableTopic of(StackInspector inspector, String nameOrArn) {
    Objects.requireNonNull(inspector, "inspector");
    Objects.requireNonNull(nameOrArn, "nameOrArn");
    return new InspectableTopic() {
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
