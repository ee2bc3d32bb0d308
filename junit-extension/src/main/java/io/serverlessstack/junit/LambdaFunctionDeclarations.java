package io.serverlessstack.junit;

import io.serverlessstack.fake.JavaFunction;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;

/**
 * The {@link LambdaFunction} plug-in: deploys declared handler classes on the stack, before the
 * queues' and topics' declarations, which may name them. {@link #deployFields} deploys the {@code
 * JavaFunction} fields a test class annotates.
 */
final class LambdaFunctionDeclarations implements ResourceDeclarations<LambdaFunction> {

  @Override
  public Class<LambdaFunction> annotationType() {
    return LambdaFunction.class;
  }

  /** Before queues and topics: mappings and subscriptions name functions. */
  @Override
  public int order() {
    return -100;
  }

  @Override
  public List<LambdaFunction> forTest(
      List<LambdaFunction> classDeclarations,
      List<LambdaFunction> methodDeclarations,
      boolean resetBetweenTests,
      String method) {
    return MethodDeclarations.forTest(
        classDeclarations,
        methodDeclarations,
        LambdaFunction::name,
        "LambdaFunction",
        "function",
        resetBetweenTests,
        method);
  }

  /** Deploys the declared functions that do not exist yet. */
  @Override
  public void create(ManagedStack stack, List<LambdaFunction> declarations) {
    Map<String, LambdaFunction> byName = new LinkedHashMap<>();
    for (LambdaFunction declared : declarations) {
      LambdaFunction earlier = byName.putIfAbsent(check(declared).name(), declared);
      if (earlier != null && !earlier.equals(declared)) {
        throw new ExtensionConfigurationException(
            "@LambdaFunction(name = \""
                + declared.name()
                + "\") is declared twice, differently: "
                + AnnotationSettings.differences(declared, "once", earlier, "and once"));
      }
    }
    for (LambdaFunction declared : byName.values()) {
      if (stack.stack().inspector().function(declared.name()).isEmpty()) {
        stack.stack().deploy(toFunction(declared));
      }
    }
  }

  private static LambdaFunction check(LambdaFunction declared) {
    if (declared.name().isEmpty() || declared.handler() == void.class) {
      throw new ExtensionConfigurationException(
          "@LambdaFunction on a class or method needs a name and a handler class, e.g."
              + " @LambdaFunction(name = \"worker\", handler = Worker.class)");
    }
    return declared;
  }

  private static JavaFunction toFunction(LambdaFunction declared) {
    Map<String, String> environment = new LinkedHashMap<>();
    for (String variable : declared.environment()) {
      int equals = variable.indexOf('=');
      if (equals <= 0) {
        throw new ExtensionConfigurationException(
            "@LambdaFunction(name = \""
                + declared.name()
                + "\"): environment entries are NAME=value, not "
                + variable);
      }
      environment.put(variable.substring(0, equals), variable.substring(equals + 1));
    }
    try {
      return JavaFunction.ofClass(declared.name(), declared.handler())
          .withTimeout(Duration.ofSeconds(declared.timeout()))
          .withMemorySize(declared.memorySize())
          .withEnvironment(environment);
    } catch (IllegalArgumentException wrong) {
      throw new ExtensionConfigurationException(
          "@LambdaFunction(name = \"" + declared.name() + "\"): " + wrong.getMessage(), wrong);
    }
  }

  /**
   * Deploys the {@code JavaFunction} fields annotated {@link LambdaFunction} of a test's instances
   * (the test class's and, for a nested class, its enclosing classes'), static and not, that are
   * not deployed yet.
   */
  static void deployFields(ManagedStack stack, List<Object> testInstances) {
    for (Object instance : testInstances) {
      deployFields(stack, instance.getClass(), instance);
    }
  }

  private static void deployFields(ManagedStack stack, Class<?> testClass, Object testInstance) {
    for (Field field :
        AnnotationSupport.findAnnotatedFields(
            testClass, LambdaFunction.class, each -> true, HierarchyTraversalMode.TOP_DOWN)) {
      boolean isStatic = Modifier.isStatic(field.getModifiers());
      if (!isStatic && testInstance == null) {
        continue;
      }
      LambdaFunction annotation = field.getAnnotation(LambdaFunction.class);
      String where = testClass.getSimpleName() + "." + field.getName();
      if (field.getType() != JavaFunction.class) {
        throw new ExtensionConfigurationException(
            "@LambdaFunction on field " + where + " needs a field of type JavaFunction");
      }
      if (!annotation.name().isEmpty() || annotation.handler() != void.class) {
        throw new ExtensionConfigurationException(
            "@LambdaFunction on field "
                + where
                + " takes no attributes: the JavaFunction it holds says everything");
      }
      JavaFunction function = valueOf(field, isStatic ? null : testInstance, where);
      if (stack.stack().inspector().function(function.name()).isEmpty()) {
        stack.stack().deploy(function);
      }
    }
  }

  private static JavaFunction valueOf(Field field, Object instance, String where) {
    try {
      field.setAccessible(true);
      Object value = field.get(instance);
      if (value == null) {
        throw new ExtensionConfigurationException(
            "@LambdaFunction field " + where + " is null when the test starts");
      }
      return (JavaFunction) value;
    } catch (IllegalAccessException | RuntimeException e) {
      if (e instanceof ExtensionConfigurationException configuration) {
        throw configuration;
      }
      throw new ExtensionConfigurationException("Cannot read field " + where, e);
    }
  }
}
