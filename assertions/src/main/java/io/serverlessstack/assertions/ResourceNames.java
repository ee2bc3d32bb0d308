package io.serverlessstack.assertions;

import io.serverlessstack.api.ResourceRef;

/** How failure messages name a resource an assertion was given by name or ARN. */
final class ResourceNames {

  private ResourceNames() {}

  /**
   * The resource's name: the view's when it exists, else the last part of an ARN, else what was
   * given.
   */
  static String nameOf(String viewName, String nameOrArn) {
    if (viewName != null) {
      return viewName;
    }
    return ResourceRef.serviceOf(nameOrArn) != null
        ? nameOrArn.substring(nameOrArn.lastIndexOf(':') + 1)
        : nameOrArn;
  }
}
