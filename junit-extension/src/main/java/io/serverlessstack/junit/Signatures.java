package io.serverlessstack.junit;

import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.platform.commons.annotation.Testable;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;

/** The parameters JUnit resolves for a test class, read from its signatures before it runs. */
final class Signatures {

  private Signatures() {}

  /**
   * The first parameter of type {@code type} that JUnit would resolve for {@code testClass} or its
   * nested classes (constructors, test and lifecycle methods), described as by {@link
   * #describe(Executable, int)}.
   */
  static Optional<String> firstParameterOf(Class<?> testClass, Class<?> type) {
    List<Executable> executables = new ArrayList<>(List.of(testClass.getDeclaredConstructors()));
    executables.addAll(
        ReflectionSupport.findMethods(
            testClass, Signatures::isResolvedByJUnit, HierarchyTraversalMode.TOP_DOWN));
    for (Executable executable : executables) {
      Class<?>[] parameterTypes = executable.getParameterTypes();
      for (int index = 0; index < parameterTypes.length; index++) {
        if (parameterTypes[index] == type) {
          return Optional.of(describe(executable, index));
        }
      }
    }
    return ReflectionSupport.findNestedClasses(
            testClass, nested -> AnnotationSupport.isAnnotated(nested, Nested.class))
        .stream()
        .map(nested -> firstParameterOf(nested, type))
        .flatMap(Optional::stream)
        .findFirst();
  }

  /** Test methods of any kind (each is meta-annotated {@code @Testable}) and lifecycle methods. */
  private static boolean isResolvedByJUnit(Method method) {
    return Stream.of(
            Testable.class, BeforeAll.class, BeforeEach.class, AfterEach.class, AfterAll.class)
        .anyMatch(annotation -> AnnotationSupport.isAnnotated(method, annotation));
  }

  /**
   * E.g. {@code parameter 2 (SqsQueueHandle) of OrderTest.sends(SqsClient, SqsQueueHandle)}: by
   * position and type, as names are {@code arg0}, {@code arg1}... unless compiled with {@code
   * -parameters}.
   */
  static String describe(Executable executable, int index) {
    String owner = executable.getDeclaringClass().getSimpleName();
    return "parameter "
        + (index + 1)
        + " ("
        + executable.getParameterTypes()[index].getSimpleName()
        + ") of "
        + (executable instanceof Constructor<?> ? owner : owner + "." + executable.getName())
        + Arrays.stream(executable.getParameterTypes())
            .map(Class::getSimpleName)
            .collect(Collectors.joining(", ", "(", ")"));
  }
}
