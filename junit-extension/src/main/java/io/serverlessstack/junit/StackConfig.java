package io.serverlessstack.junit;

import io.serverlessstack.api.ClockMode;
import io.serverlessstack.junit.ServerlessStack.Mode;
import io.serverlessstack.junit.internal.ContainerSettings;
import java.util.List;
import java.util.Optional;
import org.junit.platform.commons.support.AnnotationSupport;

/** The settings of {@link ServerlessStack} that apply to a test class. */
record StackConfig(
    ClockMode clock,
    boolean resetBetweenTests,
    boolean shared,
    Mode mode,
    ContainerSettings container,
    List<String> services,
    List<String> settings) {

  /** What {@code @ExtendWith(ServerlessStackExtension.class)} alone gets. */
  static final StackConfig DEFAULT =
      new StackConfig(
          ClockMode.SYSTEM,
          true,
          false,
          Mode.IN_JVM,
          ContainerSettings.DEFAULT,
          List.of(),
          List.of());

  StackConfig {
    services = List.copyOf(services);
    settings = List.copyOf(settings);
  }

  /** The nearest {@code @ServerlessStack}: on the class, its superclasses, then enclosing ones. */
  static StackConfig of(List<Class<?>> enclosingClasses, Class<?> testClass) {
    Optional<ServerlessStack> found =
        AnnotationSupport.findAnnotation(testClass, ServerlessStack.class);
    for (int i = enclosingClasses.size() - 1; found.isEmpty() && i >= 0; i--) {
      found = AnnotationSupport.findAnnotation(enclosingClasses.get(i), ServerlessStack.class);
    }
    return found
        .map(
            stack ->
                new StackConfig(
                    stack.clock(),
                    stack.resetBetweenTests(),
                    stack.shared(),
                    stack.mode(),
                    new ContainerSettings(
                        stack.image(), stack.baseImage(), stack.reuse(), stack.hostPort()),
                    List.of(stack.services()),
                    List.of(stack.settings())))
        .orElse(DEFAULT);
  }

  /** Classes whose shared stacks would behave alike share one. */
  String sharedKey() {
    return "shared-stack:"
        + mode
        + ":"
        + clock
        + (container.equals(ContainerSettings.DEFAULT) ? "" : ":" + container)
        + (services.isEmpty() ? "" : ":" + String.join(",", services))
        + (settings.isEmpty() ? "" : ":" + String.join(";", settings));
  }
}
