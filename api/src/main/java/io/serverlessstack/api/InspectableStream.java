package io.serverlessstack.api;

import java.util.Objects;

/**
 * A Kinesis stream named together with the inspector of the stack that holds it: everything an
 * assertion needs to look at the stream. Test-side stream handles implement it, so assertions can
 * take them without depending on the code that created them.
 */
public interface InspectableStream {

  /**
   * The stream's ARN, or its name: an ARN tells streams of the same name in other accounts and
   * regions apart, a name means the first such stream by account and region.
   */
  String nameOrArn();

  /** The inspector of the stack the stream lives on. */
  StackInspector inspector();

  /** The stream {@code nameOrArn} on the stack {@code inspector} looks at. */
  static InspectableStream of(StackInspector inspector, String nameOrArn) {
    Objects.requireNonNull(inspector, "inspector");
    Objects.requireNonNull(nameOrArn, "nameOrArn");
    return new InspectableStream() {
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
