package io.serverlessstack.junit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ParameterResolutionException;

/**
 * The {@link StateMachine} plug-in: checks the declarations, reads their definitions and has {@link
 * StateMachineClient} create them with the stack's {@code SfnClient}. It names no SDK type itself,
 * so a project without the SDK's {@code sfn} module runs every other test unchanged.
 */
final class StateMachineDeclarations implements ResourceDeclarations<StateMachine> {

  private static final String SFN_CLIENT = "software.amazon.awssdk.services.sfn.SfnClient";

  /** A state machine declared with its definition read and substituted. */
  record Declared(StateMachine annotation, String definition) {}

  @Override
  public Class<StateMachine> annotationType() {
    return StateMachine.class;
  }

  /** Last: a definition names the other resources by ARN, which exist by then. */
  @Override
  public int order() {
    return 200;
  }

  @Override
  public List<StateMachine> forTest(
      List<StateMachine> classDeclarations,
      List<StateMachine> methodDeclarations,
      boolean resetBetweenTests,
      String method) {
    return MethodDeclarations.forTest(
        classDeclarations,
        methodDeclarations,
        StateMachine::name,
        "StateMachine",
        "state machine",
        resetBetweenTests,
        method);
  }

  /** Creates the declared state machines that do not exist yet. */
  @Override
  public void create(ManagedStack stack, List<StateMachine> declarations) {
    List<StateMachine> checked = checked(declarations);
    if (checked.isEmpty()) {
      return; // no client built, no SDK needed, for nothing
    }
    if (!sfnSdkPresent()) {
      throw new ExtensionConfigurationException(
          "@StateMachine(name = \""
              + checked.get(0).name()
              + "\") needs the AWS SDK's Step Functions client on the test class path: add"
              + " software.amazon.awssdk:sfn");
    }
    StateMachineClient.create(
        stack,
        checked.stream().map(machine -> new Declared(machine, definition(machine))).toList());
  }

  /**
   * The declarations without repeats, in the order declared.
   *
   * @throws ExtensionConfigurationException for a state machine declared twice differently
   */
  static List<StateMachine> checked(List<StateMachine> declared) {
    Map<String, StateMachine> byName = new LinkedHashMap<>();
    for (StateMachine machine : declared) {
      StateMachine earlier = byName.putIfAbsent(machine.name(), machine);
      if (earlier != null && !earlier.equals(machine)) {
        throw new ExtensionConfigurationException(
            "State machine \""
                + machine.name()
                + "\" is declared twice, differently: "
                + AnnotationSettings.differences(earlier, "in one", machine, "in the other")
                + ". Declare it once, or the two under different names.");
      }
    }
    return List.copyOf(byName.values());
  }

  /** The definition file's text with the substitutions made. */
  static String definition(StateMachine machine) {
    String text = read(machine);
    for (String substitution : machine.substitutions()) {
      int equals = substitution.indexOf('=');
      if (equals < 1) {
        throw new ExtensionConfigurationException(
            "@StateMachine(name = \""
                + machine.name()
                + "\"): a substitution is Name=value, not \""
                + substitution
                + "\"");
      }
      text =
          text.replace(
              "${" + substitution.substring(0, equals) + "}", substitution.substring(equals + 1));
    }
    return text;
  }

  private static String read(StateMachine machine) {
    return DeclaredFiles.read(
        machine.definition(),
        "@StateMachine(name = \""
            + machine.name()
            + "\", definition = \""
            + machine.definition()
            + "\")");
  }

  /**
   * A handle on the state machine {@code name} of {@code stack}.
   *
   * @throws ParameterResolutionException if there is none, or no Step Functions SDK to reach it
   *     with
   */
  static StateMachineHandle handle(ManagedStack stack, String name) {
    if (!sfnSdkPresent()) {
      throw new ParameterResolutionException(
          "A StateMachineHandle needs the AWS SDK's Step Functions client on the test class path:"
              + " add software.amazon.awssdk:sfn");
    }
    return StateMachineClient.handle(stack, name)
        .orElseThrow(
            () ->
                new ParameterResolutionException(
                    "There is no state machine \""
                        + name
                        + "\" on the stack; declare it with @StateMachine(name = \""
                        + name
                        + "\", definition = ...) on the test class or method"));
  }

  private static boolean sfnSdkPresent() {
    return DeclaredFiles.present(SFN_CLIENT);
  }
}
