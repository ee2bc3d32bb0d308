package io.serverlessstack.junit;

import java.lang.annotation.Annotation;
import java.util.List;

/**
 * The resources of one kind that tests declare with an annotation, e.g. {@link SqsQueue}: one
 * implementation per service, listed in {@link DeclaredResources#PLUGINS}. The extension finds the
 * annotations on the test's classes and method and hands them over; what they mean, how they are
 * checked and how they are created is the plug-in's alone.
 *
 * @param <A> the repeatable annotation that declares one resource
 */
interface ResourceDeclarations<A extends Annotation> {

  /** The annotation declaring one resource; repeatable, on test classes and test methods. */
  Class<A> annotationType();

  /**
   * Where this kind comes in the order of creation, lowest first: resources that others name (a
   * queue that a topic subscribes, a stream that a mapping reads) must exist before them.
   */
  int order();

  /**
   * The declarations a test gets from its classes' ({@code classDeclarations}, outermost class
   * first) and its method's.
   *
   * @param resetBetweenTests whether the stack is reset before the test, so that nothing of the
   *     class's resources carries over
   * @param method the test method, as error messages name it
   * @throws org.junit.jupiter.api.extension.ExtensionConfigurationException for a method's
   *     declaration that cannot take effect
   */
  List<A> forTest(
      List<A> classDeclarations,
      List<A> methodDeclarations,
      boolean resetBetweenTests,
      String method);

  /**
   * Creates the declared resources that do not exist yet on {@code stack}, leaving those that do as
   * they are.
   *
   * @throws org.junit.jupiter.api.extension.ExtensionConfigurationException if a declaration is
   *     wrong or the service rejects it
   */
  void create(ManagedStack stack, List<A> declarations);
}
