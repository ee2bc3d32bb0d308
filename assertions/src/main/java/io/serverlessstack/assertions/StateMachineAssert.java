package io.serverlessstack.assertions;

import io.serverlessstack.api.InspectableExecution;
import io.serverlessstack.api.InspectableStateMachine;
import io.serverlessstack.api.StateMachineView;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * Assertions on one Step Functions state machine, leading to its executions: when the application
 * starts an execution itself, {@code assertThat(orderWorkflow).eventually().latestExecution()}
 * finds it. Obtain one with {@link StackAssertions#assertThat(InspectableStateMachine)} (a state
 * machine handle) or {@code assertThat(inspector).stateMachine("orders")}.
 */
public final class StateMachineAssert
    extends AbstractAssert<StateMachineAssert, InspectableStateMachine> {

  private Patience patience = Patience.NONE;

  StateMachineAssert(InspectableStateMachine machine) {
    super(machine, StateMachineAssert.class);
  }

  /**
   * Makes the following assertions of this chain, and those on the execution it leads to, poll for
   * up to 5 seconds before failing.
   */
  public StateMachineAssert eventually() {
    return within(Patience.DEFAULT_EVENTUALLY);
  }

  /** Makes the following assertions poll for up to {@code timeout} (wall clock) before failing. */
  public StateMachineAssert within(Duration timeout) {
    patience = new Patience(timeout);
    return myself;
  }

  /** Verifies that the state machine exists on the stack now. */
  public StateMachineAssert exists() {
    return check(machine -> machine.isPresent() ? null : shouldHave("to exist", "it does not"));
  }

  /** Verifies that the state machine has been started exactly {@code count} times. */
  public StateMachineAssert hasExecutions(int count) {
    return check(
        machine -> {
          int found = machine.map(view -> view.executionArns().size()).orElse(0);
          return found == count
              ? null
              : shouldHave(
                  "to have " + executions(count),
                  machine.isEmpty() ? "it does not exist" : "it has " + executions(found));
        });
  }

  /** The assertions on its newest execution, once it has one; they keep this chain's patience. */
  public ExecutionAssert latestExecution() {
    hasAnExecution();
    StateMachineView view = actual.inspector().stateMachine(actual.nameOrArn()).orElseThrow();
    String arn = view.executionArns().get(0);
    return new ExecutionAssert(InspectableExecution.of(actual.inspector(), arn), patience);
  }

  private void hasAnExecution() {
    check(
        machine ->
            machine.isPresent() && !machine.get().executionArns().isEmpty()
                ? null
                : shouldHave(
                    "to have been started",
                    machine.isEmpty() ? "it does not exist" : "it has no executions"));
  }

  private static String executions(int count) {
    return count == 1 ? "1 execution" : count + " executions";
  }

  private ErrorMessageFactory shouldHave(String expectation, String found) {
    return ExecutionErrorMessage.machineShouldHave(
        ResourceNames.nameOf(null, actual.nameOrArn()), expectation, found);
  }

  private StateMachineAssert check(
      Function<Optional<StateMachineView>, ErrorMessageFactory> failureOf) {
    isNotNull();
    ErrorMessageFactory failure =
        patience.await(() -> actual.inspector().stateMachine(actual.nameOrArn()), failureOf);
    if (failure != null) {
      throwAssertionError(failure);
    }
    return myself;
  }
}
