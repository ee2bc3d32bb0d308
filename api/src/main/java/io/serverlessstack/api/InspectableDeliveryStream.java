package io.serverlessstack.api;

import java.util.Objects;

/**
 * A Firehose delivery stream named together with the inspector of the stack that holds it:
 * everything an assertion needs to look at the delivery stream. Test-side handles implement it, so
 * assertions can take them without depending on the code that created them.
 */
public interface InspectableDeliveryStream {

  /**
   * The delivery stream's ARN, or its name: an ARN tells delivery streams of the same name in other
   * accounts and regions apart, a name means the first such delivery stream by account and region.
   */
  String nameOrArn();

  /** The inspector of the stack the delivery stream lives on. */
  StackInspector inspector();

  /** The delivery stream {@code nameOrArn} on the stack {@code inspector} looks at. */
  static InspectableDeliveryStream of(StackInspector inspector, String nameOrArn) {
    Objects.requireNonNull(inspector, "inspector");
    Objects.requireNonNull(nameOrArn, "nameOrArn");
    return new InspectableDeliveryStream() {
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
