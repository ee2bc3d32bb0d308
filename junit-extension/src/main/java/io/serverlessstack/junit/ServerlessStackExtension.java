package io.serverlessstack.junit;

import io.serverlessstack.api.ClockControl;
import io.serverlessstack.api.ClockMode;
import io.serverlessstack.api.StackInspector;
import io.serverlessstack.fake.clock.VirtualClock;
import io.serverlessstack.junit.internal.ContainerStack;
import java.net.URI;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ExtensionContext.Store;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The extension behind {@link ServerlessStack}. The stack lives in a JUnit {@link Store}: the test
 * class's, or the root's for a shared stack, which closes it at the end of that scope whatever
 * happened. Each class's store also keeps a non-closing reference to the stack it uses, with that
 * class's settings, so nested classes, test methods and parameters find it by looking upwards.
 */
final class ServerlessStackExtension
    implements ExecutionCondition, BeforeAllCallback, BeforeEachCallback, ParameterResolver {

  private static final Namespace NAMESPACE = Namespace.create(ServerlessStackExtension.class);
  private static final String ACTIVE = "active-stack";
  private static final String OWNED = "owned-stack";

  /** What is injected besides any SDK v2 service client (see {@link StackClients}). */
  private static final Set<Class<?>> INJECTED =
      Set.of(
          StackInspector.class,
          StackInfo.class,
          VirtualClock.class,
          ClockControl.class,
          SqsQueueHandle.class,
          SnsTopicHandle.class,
          KinesisStreamHandle.class,
          DeliveryStreamHandle.class,
          LambdaFunctionHandle.class,
          StateMachineHandle.class,
          RestApiHandle.class);

  /** A class's use of a stack: which one, and with which settings. Never closed by the store. */
  private record ActiveStack(ManagedStack stack, StackConfig config) {}

  /**
   * Container-mode classes are skipped when no Docker engine answers, except under {@code CI=true},
   * where they run and fail: a build server must not pass by skipping them. Classes that could not
   * use a container anyway run, and fail saying why, without asking Docker.
   */
  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    if (context.getTestClass().isEmpty() || context.getTestMethod().isPresent()) {
      return ConditionEvaluationResult.enabled("decided per class");
    }
    Class<?> testClass = context.getRequiredTestClass();
    StackConfig config = StackConfig.of(EnclosingClasses.of(testClass), testClass);
    if (config.mode() != ServerlessStack.Mode.CONTAINER
        || !ManagedStack.containerModulePresent()
        || unservableClockParameter(config, testClass).isPresent()
        || "true".equals(System.getenv("CI"))
        || ContainerStack.dockerAvailable()) {
      return ConditionEvaluationResult.enabled(
          "the stack can start, or the class fails saying why");
    }
    return ConditionEvaluationResult.disabled(
        "@ServerlessStack(mode = CONTAINER) needs a Docker engine, and none answers");
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    ActiveStack active = context.getStore(NAMESPACE).get(ACTIVE, ActiveStack.class);
    if (active == null) {
      attach(context);
    } else {
      // An enclosing class's stack, or this class's, attached early for a per-class instance:
      // (re)declare this class's resources, which creating again leaves as they are.
      DeclaredResources.ofClass(context).createOn(active.stack());
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    ActiveStack active = active(context);
    // Checked before the reset: a declaration that cannot take effect fails the test as it is.
    DeclaredResources declared =
        DeclaredResources.forTest(context, active.config().resetBetweenTests());
    if (active.config().resetBetweenTests()) {
      active.stack().reset();
    }
    declared.createOn(active.stack());
    LambdaFunctionDeclarations.deployFields(
        active.stack(), context.getRequiredTestInstances().getAllInstances());
  }

  /** The stack this context uses: its own, an enclosing context's, or one attached now. */
  private static ActiveStack active(ExtensionContext context) {
    ActiveStack active = context.getStore(NAMESPACE).get(ACTIVE, ActiveStack.class);
    return active != null ? active : attach(context);
  }

  /**
   * Gives a test class its stack, with the queues the class declares: a new one, or the run's
   * shared one. Runs in the class's {@code beforeAll}, or just before it when JUnit creates a
   * per-class test instance, whose constructor may take injected parameters.
   */
  private static ActiveStack attach(ExtensionContext context) {
    Store store = context.getStore(NAMESPACE);
    Class<?> testClass = context.getRequiredTestClass();
    StackConfig config = StackConfig.of(EnclosingClasses.of(testClass), testClass);
    ManagedStack.checkSupported(config, testClass);
    Optional<String> refusal = unservableClockParameter(config, testClass);
    if (refusal.isPresent()) {
      throw new ExtensionConfigurationException(refusal.get());
    }
    ManagedStack stack;
    if (config.shared()) {
      Store root = context.getRoot().getStore(NAMESPACE);
      stack =
          root.getOrComputeIfAbsent(
              config.sharedKey(), key -> ManagedStack.start(config, testClass), ManagedStack.class);
      if (config.resetBetweenTests()) {
        stack.reset(); // an earlier class's leftovers are not this class's starting point
      }
    } else {
      stack = ManagedStack.start(config, testClass);
      store.put(OWNED, stack);
    }
    ActiveStack active = new ActiveStack(stack, config);
    store.put(ACTIVE, active);
    DeclaredResources.ofClass(context).createOn(stack);
    return active;
  }

  /**
   * Why a clock parameter of the class cannot be served in container mode, if one cannot. Read from
   * the signatures, so the class fails before a container starts (seconds), not when the parameter
   * is resolved.
   */
  private static Optional<String> unservableClockParameter(StackConfig config, Class<?> testClass) {
    if (config.mode() != ServerlessStack.Mode.CONTAINER) {
      return Optional.empty();
    }
    String refused = "@ServerlessStack(mode = CONTAINER) cannot inject ";
    Optional<String> virtualClock = Signatures.firstParameterOf(testClass, VirtualClock.class);
    boolean virtual = config.clock() != ClockMode.SYSTEM;
    if (virtualClock.isPresent()) {
      return Optional.of(
          refused
              + virtualClock.get()
              + ": the container's clock is not in this JVM. Inject ClockControl instead"
              + (virtual ? "." : ", and choose clock = MANUAL or SKIP_IDLE."));
    }
    if (virtual) {
      return Optional.empty();
    }
    return Signatures.firstParameterOf(testClass, ClockControl.class)
        .map(
            parameter ->
                refused
                    + parameter
                    + ": the stack runs on the system clock. Choose clock = MANUAL or SKIP_IDLE.");
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return INJECTED.contains(type)
        || StackClients.isClientInterface(type)
        || (type == URI.class && parameter.isAnnotated(RestApiName.class));
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    ManagedStack stack = active(context).stack();
    Class<?> type = parameter.getParameter().getType();
    if (StackClients.isClientInterface(type)) {
      return stack.client(type);
    }
    if (type == StackInspector.class) {
      return stack.stack().inspector();
    }
    if (type == StackInfo.class) {
      return stack.info();
    }
    if (type == VirtualClock.class || type == ClockControl.class) {
      ClockControl clock =
          stack
              .stack()
              .clock()
              .orElseThrow(
                  () ->
                      new ParameterResolutionException(
                          "A "
                              + type.getSimpleName()
                              + " is injected only when the stack runs on one: annotate "
                              + context.getRequiredTestClass().getSimpleName()
                              + " with @ServerlessStack(clock = ClockMode.MANUAL) or"
                              + " @ServerlessStack(clock = ClockMode.SKIP_IDLE)"));
      if (!type.isInstance(clock)) {
        throw new ParameterResolutionException(
            "A container stack's clock is not in this JVM: inject ClockControl instead of"
                + " VirtualClock");
      }
      return clock;
    }
    if (type == SnsTopicHandle.class) {
      return topicHandle(parameter, stack);
    }
    if (type == LambdaFunctionHandle.class) {
      return functionHandle(parameter, stack);
    }
    if (type == KinesisStreamHandle.class) {
      return streamHandle(parameter, stack);
    }
    if (type == DeliveryStreamHandle.class) {
      return deliveryStreamHandle(parameter, stack);
    }
    if (type == StateMachineHandle.class) {
      return stateMachineHandle(parameter, stack);
    }
    if (type == RestApiHandle.class || type == URI.class) {
      RestApiHandle api = restApiHandle(parameter, stack);
      return type == URI.class ? api.uri() : api;
    }
    return queueHandle(parameter, stack);
  }

  private static SnsTopicHandle topicHandle(ParameterContext parameter, ManagedStack stack) {
    String name =
        parameter
            .findAnnotation(SnsTopicName.class)
            .map(SnsTopicName::value)
            .orElseThrow(
                () ->
                    new ParameterResolutionException(
                        "Say which topic "
                            + Signatures.describe(
                                parameter.getDeclaringExecutable(), parameter.getIndex())
                            + " stands for: annotate it with the topic's name, e.g."
                            + " @SnsTopicName(\"orders\") SnsTopicHandle orders"));
    return SnsTopicDeclarations.handle(stack, name);
  }

  private static RestApiHandle restApiHandle(ParameterContext parameter, ManagedStack stack) {
    String name =
        parameter
            .findAnnotation(RestApiName.class)
            .map(RestApiName::value)
            .orElseThrow(
                () ->
                    new ParameterResolutionException(
                        "Say which REST API "
                            + Signatures.describe(
                                parameter.getDeclaringExecutable(), parameter.getIndex())
                            + " stands for: annotate it with the API's name, e.g."
                            + " @RestApiName(\"orders\") RestApiHandle orders"));
    return RestApiDeclarations.handle(stack, name);
  }

  private static StateMachineHandle stateMachineHandle(
      ParameterContext parameter, ManagedStack stack) {
    String name =
        parameter
            .findAnnotation(StateMachineName.class)
            .map(StateMachineName::value)
            .orElseThrow(
                () ->
                    new ParameterResolutionException(
                        "Say which state machine "
                            + Signatures.describe(
                                parameter.getDeclaringExecutable(), parameter.getIndex())
                            + " stands for: annotate it with the state machine's name, e.g."
                            + " @StateMachineName(\"orders\") StateMachineHandle orders"));
    return StateMachineDeclarations.handle(stack, name);
  }

  private static KinesisStreamHandle streamHandle(ParameterContext parameter, ManagedStack stack) {
    String name =
        parameter
            .findAnnotation(KinesisStreamName.class)
            .map(KinesisStreamName::value)
            .orElseThrow(
                () ->
                    new ParameterResolutionException(
                        "Say which stream "
                            + Signatures.describe(
                                parameter.getDeclaringExecutable(), parameter.getIndex())
                            + " stands for: annotate it with the stream's name, e.g."
                            + " @KinesisStreamName(\"clicks\") KinesisStreamHandle clicks"));
    return KinesisStreamDeclarations.handle(stack, name);
  }

  private static DeliveryStreamHandle deliveryStreamHandle(
      ParameterContext parameter, ManagedStack stack) {
    String name =
        parameter
            .findAnnotation(DeliveryStreamName.class)
            .map(DeliveryStreamName::value)
            .orElseThrow(
                () ->
                    new ParameterResolutionException(
                        "Say which delivery stream "
                            + Signatures.describe(
                                parameter.getDeclaringExecutable(), parameter.getIndex())
                            + " stands for: annotate it with the stream's name, e.g."
                            + " @DeliveryStreamName(\"clicks-archive\") DeliveryStreamHandle"
                            + " archive"));
    return DeliveryStreamDeclarations.handle(stack, name);
  }

  private static LambdaFunctionHandle functionHandle(
      ParameterContext parameter, ManagedStack stack) {
    String name =
        parameter
            .findAnnotation(LambdaFunctionName.class)
            .map(LambdaFunctionName::value)
            .orElseThrow(
                () ->
                    new ParameterResolutionException(
                        "Say which function "
                            + Signatures.describe(
                                parameter.getDeclaringExecutable(), parameter.getIndex())
                            + " stands for: annotate it with the function's name, e.g."
                            + " @LambdaFunctionName(\"worker\") LambdaFunctionHandle worker"));
    StackInspector inspector = stack.stack().inspector();
    return inspector
        .function(name)
        .map(view -> new LambdaFunctionHandle(view.name(), view.arn(), inspector))
        .orElseThrow(
            () ->
                new ParameterResolutionException(
                    "There is no function \""
                        + name
                        + "\" on the stack; declare it with @LambdaFunction(name = \""
                        + name
                        + "\", handler = ...) on the test class or method"));
  }

  private static SqsQueueHandle queueHandle(ParameterContext parameter, ManagedStack stack) {
    String name =
        parameter
            .findAnnotation(SqsQueueName.class)
            .map(SqsQueueName::value)
            .orElseThrow(
                () ->
                    new ParameterResolutionException(
                        "Say which queue "
                            + Signatures.describe(
                                parameter.getDeclaringExecutable(), parameter.getIndex())
                            + " stands for: annotate it with the queue's name, e.g."
                            + " @SqsQueueName(\"orders\") SqsQueueHandle orders"));
    return SqsQueueDeclarations.handle(stack, name);
  }
}
