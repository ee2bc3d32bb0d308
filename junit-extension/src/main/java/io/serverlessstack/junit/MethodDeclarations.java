package io.serverlessstack.junit;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * How a test method's declarations combine with its class's, the same for every kind of resource:
 * the class's, except those the method declares again by name, then the method's.
 */
final class MethodDeclarations {

  private MethodDeclarations() {}

  /**
   * @param annotation how messages name the annotation, e.g. {@code SqsQueue}
   * @param kind how messages name the resource, e.g. {@code queue}
   * @param resetBetweenTests whether the stack is reset before the test; without a reset the
   *     class's resource carries over, so a method cannot declare it differently
   * @throws ExtensionConfigurationException for a method's declaration that cannot take effect
   */
  static <A extends Annotation> List<A> forTest(
      List<A> classDeclarations,
      List<A> methodDeclarations,
      Function<A, String> nameOf,
      String annotation,
      String kind,
      boolean resetBetweenTests,
      String method) {
    Map<String, A> classByName = new HashMap<>();
    classDeclarations.forEach(each -> classByName.putIfAbsent(nameOf.apply(each), each));
    Set<String> redeclared = new HashSet<>();
    for (A declared : methodDeclarations) {
      String name = nameOf.apply(declared);
      redeclared.add(name);
      A onClass = classByName.get(name);
      if (!resetBetweenTests && onClass != null && !onClass.equals(declared)) {
        throw new ExtensionConfigurationException(
            "@"
                + annotation
                + "(name = \""
                + name
                + "\") on "
                + method
                + " redeclares the class's "
                + kind
                + " ("
                + AnnotationSettings.differences(declared, "on the method", onClass, "on the class")
                + "), which needs a stack that resets between tests: with resetBetweenTests = false"
                + " the class's "
                + kind
                + " carries over from test to test. Give the method's "
                + kind
                + " another name.");
      }
    }
    List<A> combined = new ArrayList<>();
    classDeclarations.stream()
        .filter(each -> !redeclared.contains(nameOf.apply(each)))
        .forEach(combined::add);
    combined.addAll(methodDeclarations);
    return combined;
  }
}
