package io.serverlessstack.api;

import java.util.Objects;

/**
 * A queue named together with the inspector of the stack that holds it: everything an assertion
 * needs to look at the queue. Test-side queue handles implement it, so assertions can take them
 * without depending on the code that created them.
 */
public interface InspectableQueue {

  /** The queue's name (a FIFO queue's name ends in {@code .fifo}). */
  String name();

  /** The inspector of the stack the queue lives on. */
  StackInspector inspector();

  /** The queue {@code name} on the stack {@code inspector} looks at. */
  static InspectableQueue of(StackInspector inspector, String name) {
    Objects.requireNonNull(inspector, "inspector");
    Objects.requireNonNull(name, "name");
    return new InspectableQueue() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public StackInspector inspector() {
        return inspector;
      }

      @Override
      public String toString() {
        return name;
      }
    };
  }
}
