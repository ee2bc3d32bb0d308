package io.serverlessstack.junit;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.SfnException;
import software.amazon.awssdk.services.sfn.model.StateMachineListItem;
import software.amazon.awssdk.services.sfn.model.StateMachineType;

/**
 * What {@link StateMachineDeclarations} does with the SDK's {@link SfnClient}: creates declared
 * state machines and finds the one a handle stands for. Loaded only when a test declares a state
 * machine or asks for a handle, so the SDK's {@code sfn} module is needed only then.
 */
final class StateMachineClient {

  private StateMachineClient() {}

  static void create(ManagedStack stack, List<StateMachineDeclarations.Declared> machines) {
    SfnClient sfn = stack.client(SfnClient.class);
    for (StateMachineDeclarations.Declared declared : machines) {
      StateMachine machine = declared.annotation();
      if (arn(sfn, machine.name()).isPresent()) {
        continue;
      }
      try {
        sfn.createStateMachine(
            request ->
                request
                    .name(machine.name())
                    .definition(declared.definition())
                    .roleArn(machine.roleArn())
                    .type(
                        machine.express() ? StateMachineType.EXPRESS : StateMachineType.STANDARD));
      } catch (SfnException rejected) {
        throw new ExtensionConfigurationException(
            "Step Functions rejected @StateMachine(name = \""
                + machine.name()
                + "\", definition = \""
                + machine.definition()
                + "\"): "
                + (rejected.awsErrorDetails() == null
                    ? rejected.getMessage()
                    : rejected.awsErrorDetails().errorCode()
                        + ": "
                        + rejected.awsErrorDetails().errorMessage()),
            rejected);
      }
    }
  }

  static Optional<StateMachineHandle> handle(ManagedStack stack, String name) {
    return arn(stack.client(SfnClient.class), name)
        .map(arn -> new StateMachineHandle(name, arn, stack.stack().inspector()));
  }

  private static Optional<String> arn(SfnClient sfn, String name) {
    return sfn.listStateMachinesPaginator(request -> {}).stateMachines().stream()
        .filter(machine -> machine.name().equals(name))
        .map(StateMachineListItem::stateMachineArn)
        .findFirst();
  }
}
