package io.serverlessstack.api;

import java.util.Objects;

/**
 * An API Gateway API named together with the inspector of the stack that holds it: everything an
 * assertion needs to look at the API's calls. Test-side API handles implement it.
 */
public interface InspectableApi {

  /** The API's id, or its name. */
  String idOrName();

  /** The inspector of the stack the API lives on. */
  StackInspector inspector();

  /** The API {@code idOrName} on the stack {@code inspector} looks at. */
  static InspectableApi of(StackInspector inspector, String idOrName) {
    Objects.requireNonNull(inspector, "inspector");
    Objects.requireNonNull(idOrName, "idOrName");
    return new InspectableApi() {
      @Override
      public String idOrName() {
        return idOrName;
      }

      @Override
      public StackInspector inspector() {
        return inspector;
      }

      @Override
      public String toString() {
        return idOrName;
      }
    };
  }
}
