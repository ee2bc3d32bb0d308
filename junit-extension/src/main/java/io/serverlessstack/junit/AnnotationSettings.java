package io.serverlessstack.junit;

import static java.util.stream.Collectors.joining;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Compares two declarations of one resource, such as two {@link SqsQueue}s of the same name,
 * setting by setting, so a configuration error can say exactly how they differ.
 */
final class AnnotationSettings {

  private AnnotationSettings() {}

  /**
   * Each setting but {@code name} in which two declarations differ, with both values: "x is 1 here
   * and 2 there".
   */
  static String differences(Annotation one, String where, Annotation other, String otherWhere) {
    List<String> differences = new ArrayList<>();
    for (Method setting : settings(one.annotationType())) {
      Object value = value(setting, one);
      Object otherValue = value(setting, other);
      if (!Objects.deepEquals(value, otherValue)) {
        differences.add(
            setting.getName()
                + " is "
                + written(value)
                + " "
                + where
                + " and "
                + written(otherValue)
                + " "
                + otherWhere);
      }
    }
    return String.join("; ", differences);
  }

  /** Every setting of an annotation type but its name, in a fixed order. */
  private static List<Method> settings(Class<? extends Annotation> type) {
    return Arrays.stream(type.getDeclaredMethods())
        .filter(setting -> !setting.getName().equals("name"))
        .sorted(Comparator.comparing(Method::getName))
        .toList();
  }

  private static Object value(Method setting, Annotation declaration) {
    try {
      return setting.invoke(declaration);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalStateException("Cannot read " + setting, e);
    }
  }

  /** A setting's value as it is written in the annotation. */
  static String written(Object value) {
    if (value instanceof String text) {
      return '"' + text + '"';
    }
    if (value instanceof Object[] values) {
      return Arrays.stream(values)
          .map(AnnotationSettings::written)
          .collect(joining(", ", "{", "}"));
    }
    if (value instanceof Annotation annotation) {
      return "@"
          + annotation.annotationType().getSimpleName()
          + Arrays.stream(annotation.annotationType().getDeclaredMethods())
              .sorted(Comparator.comparing(Method::getName))
              .map(setting -> setting.getName() + " = " + written(value(setting, annotation)))
              .collect(joining(", ", "(", ")"));
    }
    return String.valueOf(value);
  }
}
