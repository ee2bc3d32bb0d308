package io.serverlessstack.junit;

import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The classes a {@code @Nested} test class is nested in, outermost first. JUnit's own {@code
 * ExtensionContext.getEnclosingTestClasses()} only exists from JUnit 5.12, and the extension runs
 * on the JUnit version of the user's project.
 */
final class EnclosingClasses {

  private EnclosingClasses() {}

  static List<Class<?>> of(Class<?> testClass) {
    List<Class<?>> enclosing = new ArrayList<>();
    Class<?> current = testClass;
    // @Nested classes are inner (non-static) classes; a static member class starts its own tree.
    while (current.getEnclosingClass() != null && !Modifier.isStatic(current.getModifiers())) {
      current = current.getEnclosingClass();
      enclosing.add(current);
    }
    Collections.reverse(enclosing);
    return enclosing;
  }
}
