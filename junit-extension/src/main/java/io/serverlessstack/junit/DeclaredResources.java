package io.serverlessstack.junit;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Everything a test class or test method declares, of every kind that a {@link
 * ResourceDeclarations} plug-in handles. A new kind of resource is a new plug-in in {@link
 * #PLUGINS}; the extension itself does not change.
 */
final class DeclaredResources {

  /** The plug-ins, in their order of creation. */
  static final List<ResourceDeclarations<?>> PLUGINS =
      Stream.<ResourceDeclarations<?>>of(
              new LambdaFunctionDeclarations(),
              new SqsQueueDeclarations(),
              new KinesisStreamDeclarations(),
              new DeliveryStreamDeclarations(),
              new SnsTopicDeclarations(),
              new StateMachineDeclarations(),
              new StepFunctionsMocksDeclarations(),
              new RestApiDeclarations())
          .sorted(Comparator.comparingInt(ResourceDeclarations::order))
          .toList();

  /** One plug-in's declarations. */
  private record Declared<A extends Annotation>(
      ResourceDeclarations<A> plugin, List<A> declarations) {

    void createOn(ManagedStack stack) {
      plugin.create(stack, declarations);
    }
  }

  private final List<Declared<?>> declared;

  private DeclaredResources(List<Declared<?>> declared) {
    this.declared = declared;
  }

  /** What the test class and the classes enclosing it declare. */
  static DeclaredResources ofClass(ExtensionContext context) {
    List<Declared<?>> declared = new ArrayList<>();
    for (ResourceDeclarations<?> plugin : PLUGINS) {
      declared.add(ofClass(plugin, context));
    }
    return new DeclaredResources(declared);
  }

  private static <A extends Annotation> Declared<A> ofClass(
      ResourceDeclarations<A> plugin, ExtensionContext context) {
    return new Declared<>(plugin, onClasses(plugin, context));
  }

  /**
   * What a test gets: its classes' declarations with its method's. The classes' are included even
   * when they exist already, as a method's resource may refer to one of them.
   *
   * @throws org.junit.jupiter.api.extension.ExtensionConfigurationException for a method's
   *     declaration that cannot take effect
   */
  static DeclaredResources forTest(ExtensionContext context, boolean resetBetweenTests) {
    Method method = context.getRequiredTestMethod();
    List<Declared<?>> declared = new ArrayList<>();
    for (ResourceDeclarations<?> plugin : PLUGINS) {
      declared.add(forTest(plugin, context, method, resetBetweenTests));
    }
    return new DeclaredResources(declared);
  }

  private static <A extends Annotation> Declared<A> forTest(
      ResourceDeclarations<A> plugin,
      ExtensionContext context,
      Method method,
      boolean resetBetweenTests) {
    return new Declared<>(
        plugin,
        plugin.forTest(
            onClasses(plugin, context),
            on(method, plugin),
            resetBetweenTests,
            method.getName() + "()"));
  }

  /** A plug-in's annotations on the test class and the classes enclosing it, outermost first. */
  private static <A extends Annotation> List<A> onClasses(
      ResourceDeclarations<A> plugin, ExtensionContext context) {
    List<A> declared = new ArrayList<>();
    for (Class<?> enclosing : EnclosingClasses.of(context.getRequiredTestClass())) {
      declared.addAll(on(enclosing, plugin));
    }
    declared.addAll(on(context.getRequiredTestClass(), plugin));
    return declared;
  }

  private static <A extends Annotation> List<A> on(
      AnnotatedElement element, ResourceDeclarations<A> plugin) {
    return AnnotationSupport.findRepeatableAnnotations(element, plugin.annotationType());
  }

  /** Creates what is declared and does not exist yet, kind after kind. */
  void createOn(ManagedStack stack) {
    declared.forEach(each -> each.createOn(stack));
  }
}
