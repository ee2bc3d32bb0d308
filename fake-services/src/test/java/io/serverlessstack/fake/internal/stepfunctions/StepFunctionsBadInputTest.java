package io.serverlessstack.fake.internal.stepfunctions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.serverlessstack.fake.SqsStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sfn.model.InvalidDefinitionException;
import software.amazon.awssdk.services.sfn.model.InvalidExecutionInputException;
import software.amazon.awssdk.services.sfn.model.InvalidNameException;
import software.amazon.awssdk.services.sfn.model.StateMachineAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;
import software.amazon.awssdk.services.sfn.model.ValidateStateMachineDefinitionResponse;
import software.amazon.awssdk.services.sfn.model.ValidationException;

/** What the real SfnClient gets for bad definitions, names, inputs and tokens. */
class StepFunctionsBadInputTest {

  @RegisterExtension static final SqsStack stack = SqsStack.withVirtualClock();

  static final String ROLE = "arn:aws:iam::000000000000:role/states-role";
  static final String PASS =
      "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Pass\", \"End\": true}}}";

  static String create(String name, String definition) {
    return stack
        .sfn()
        .createStateMachine(r -> r.name(name).definition(definition).roleArn(ROLE))
        .stateMachineArn();
  }

  @Test
  void anInvalidDefinitionIsRefusedWithAwsDiagnostics() {
    assertThatThrownBy(
            () ->
                create(
                    "broken",
                    "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Pass\", \"Next\": \"B\"}}}"))
        .isInstanceOf(InvalidDefinitionException.class)
        .hasMessageStartingWith(
            "Invalid State Machine Definition: 'MISSING_TRANSITION_TARGET: Missing 'Next' target: B"
                + " at /States/A/Next, MISSING_END_STATE: Workflow has no terminal state at null'");
    assertThatThrownBy(() -> create("notjson", "{\"StartAt\": "))
        .isInstanceOf(InvalidDefinitionException.class)
        .hasMessageContaining("INVALID_JSON_DESCRIPTION");
  }

  @Test
  void validateStateMachineDefinitionListsTheDiagnostics() {
    ValidateStateMachineDefinitionResponse valid =
        stack.sfn().validateStateMachineDefinition(r -> r.definition(PASS));
    ValidateStateMachineDefinitionResponse invalid =
        stack
            .sfn()
            .validateStateMachineDefinition(
                r ->
                    r.definition("{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Nap\"}}}"));

    assertThat(valid.resultAsString()).isEqualTo("OK");
    assertThat(valid.diagnostics()).isEmpty();
    assertThat(invalid.resultAsString()).isEqualTo("FAIL");
    assertThat(invalid.diagnostics()).isNotEmpty();
    assertThat(invalid.diagnostics().get(0).code()).isEqualTo("SCHEMA_VALIDATION_FAILED");
    assertThat(invalid.diagnostics().get(0).location()).isEqualTo("/States/A/Type");
  }

  @Test
  void aSecondMachineOfTheSameNameMustBeTheSameMachine() {
    String arn = create("twice", PASS);

    assertThat(create("twice", PASS)).isEqualTo(arn);
    assertThatThrownBy(
            () ->
                create(
                    "twice", "{\"StartAt\": \"B\", \"States\": {\"B\": {\"Type\": \"Succeed\"}}}"))
        .isInstanceOf(StateMachineAlreadyExistsException.class)
        .hasMessageStartingWith("State Machine Already Exists: '" + arn + "'");
  }

  @Test
  void badNamesInputsAndTokensGetAwsErrors() {
    String arn = create("inputs", PASS);

    assertThatThrownBy(() -> create("has space", PASS))
        .isInstanceOf(InvalidNameException.class)
        .hasMessageStartingWith("Invalid Name: 'has space'");
    assertThatThrownBy(
            () -> stack.sfn().startExecution(r -> r.stateMachineArn(arn).input("{not json")))
        .isInstanceOf(InvalidExecutionInputException.class)
        .hasMessageStartingWith("Invalid State Machine Execution Input: '");
    String big = "{\"a\":\"" + "x".repeat(262_144) + "\"}";
    assertThatThrownBy(() -> stack.sfn().startExecution(r -> r.stateMachineArn(arn).input(big)))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(
            () ->
                stack.sfn().sendTaskSuccess(r -> r.taskToken("AQ-no-such-task-token").output("{}")))
        .isInstanceOf(TaskTimedOutException.class)
        .hasMessageStartingWith("Task Timed Out: 'Provided task does not exist anymore'");
    assertThat(stack.sfn().listStateMachines().stateMachines()).isNotEmpty();
  }
}
