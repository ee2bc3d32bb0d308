package io.serverlessstack.fake.internal.stepfunctions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.serverlessstack.fake.Await;
import io.serverlessstack.fake.JavaFunction;
import io.serverlessstack.fake.SqsStack;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionNotRedrivableException;
import software.amazon.awssdk.services.sfn.model.ExecutionRedriveFilter;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.StateMachineType;

/** RedriveExecution through the real SfnClient. */
class StepFunctionsRedriveTest {

  /** How often the flaky function ran; it fails the first time only. */
  static final AtomicInteger FLAKY_CALLS = new AtomicInteger();

  @RegisterExtension
  static final SqsStack stack =
      SqsStack.withVirtualClock(
          builder ->
              builder.withFunction(
                  JavaFunction.of(
                      "flaky",
                      Map.class,
                      (event, context) -> {
                        if (FLAKY_CALLS.getAndIncrement() == 0) {
                          throw new IllegalStateException("down for maintenance");
                        }
                        return Map.of("ok", true);
                      })));

  static final String ROLE = "arn:aws:iam::000000000000:role/states-role";

  /** Prepares, calls the flaky function, then reports how often the execution was redriven. */
  static final String FLAKY_MACHINE =
      """
      {"StartAt": "Prepare", "States": {
        "Prepare": {"Type": "Pass", "Result": {"order": 7}, "Next": "Call"},
        "Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
          "Parameters": {"FunctionName": "flaky", "Payload.$": "$"},
          "ResultSelector": {"ok.$": "$.Payload.ok"}, "ResultPath": "$.call", "Next": "Done"},
        "Done": {"Type": "Pass", "Parameters": {"order.$": "$.order", "ok.$": "$.call.ok",
          "redrives.$": "$$.Execution.RedriveCount"}, "End": true}}}
      """;

  static final String NAP_MACHINE =
      """
      {"StartAt": "Nap", "States": {"Nap": {"Type": "Wait", "Seconds": 60, "End": true}}}
      """;

  @BeforeEach
  void resetCalls() {
    FLAKY_CALLS.set(0);
  }

  static SfnClient sfn() {
    return stack.sfn();
  }

  static String machine(String name, String definition, StateMachineType type) {
    return sfn()
        .createStateMachine(r -> r.name(name).definition(definition).roleArn(ROLE).type(type))
        .stateMachineArn();
  }

  static String start(String machineArn) {
    return sfn().startExecution(r -> r.stateMachineArn(machineArn).input("{}")).executionArn();
  }

  static DescribeExecutionResponse describe(String executionArn) {
    return sfn().describeExecution(r -> r.executionArn(executionArn));
  }

  static DescribeExecutionResponse finished(String executionArn) throws InterruptedException {
    Await.until(() -> describe(executionArn).status() != ExecutionStatus.RUNNING);
    return describe(executionArn);
  }

  static List<HistoryEventType> types(String executionArn) {
    return sfn().getExecutionHistory(r -> r.executionArn(executionArn)).events().stream()
        .map(HistoryEvent::type)
        .toList();
  }

  @Test
  void aFailedExecutionRedrivenAfterItsCauseIsFixedGoesOnFromTheStateThatFailed() throws Exception {
    String machine = machine("flaky", FLAKY_MACHINE, StateMachineType.STANDARD);
    String execution = start(machine);
    DescribeExecutionResponse failed = finished(execution);
    assertThat(failed.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(failed.redriveStatusAsString()).isEqualTo("REDRIVABLE");
    assertThat(failed.redriveCount()).isZero();

    var redriven = sfn().redriveExecution(r -> r.executionArn(execution));

    DescribeExecutionResponse done = finished(execution);
    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(done.output()).isEqualTo("{\"order\":7,\"ok\":true,\"redrives\":1}");
    assertThat(done.redriveCount()).isEqualTo(1);
    assertThat(done.redriveDate()).isEqualTo(redriven.redriveDate());
    assertThat(done.error()).isNull();
    assertThat(done.redriveStatusAsString()).isEqualTo("NOT_REDRIVABLE");
    assertThat(done.redriveStatusReason())
        .isEqualTo("Execution is SUCCEEDED and cannot be redriven");
    assertThat(FLAKY_CALLS.get()).isEqualTo(2);
    List<HistoryEventType> types = types(execution);
    assertThat(types.stream().filter(HistoryEventType.PASS_STATE_ENTERED::equals).count())
        .as("Prepare ran once, Done once")
        .isEqualTo(2);
    assertThat(types)
        .containsSubsequence(
            HistoryEventType.EXECUTION_FAILED,
            HistoryEventType.EXECUTION_REDRIVEN,
            HistoryEventType.TASK_STATE_ENTERED,
            HistoryEventType.TASK_SUCCEEDED,
            HistoryEventType.EXECUTION_SUCCEEDED);
    HistoryEvent redrivenEvent =
        sfn().getExecutionHistory(r -> r.executionArn(execution)).events().stream()
            .filter(event -> event.type() == HistoryEventType.EXECUTION_REDRIVEN)
            .findFirst()
            .orElseThrow();
    assertThat(redrivenEvent.executionRedrivenEventDetails().redriveCount()).isEqualTo(1);
    assertThatThrownBy(() -> sfn().redriveExecution(r -> r.executionArn(execution)))
        .isInstanceOf(ExecutionNotRedrivableException.class)
        .hasMessageStartingWith("Execution is SUCCEEDED and cannot be redriven");
  }

  @Test
  void aRedrivenParallelStateRunsAgainAsAWhole() throws Exception {
    String machine =
        machine(
            "fanout",
            """
            {"StartAt": "Both", "States": {"Both": {"Type": "Parallel", "End": true,
              "Branches": [
                {"StartAt": "Steady", "States": {"Steady": {"Type": "Pass", "Result": 1,
                  "End": true}}},
                {"StartAt": "Flaky", "States": {"Flaky": {"Type": "Task",
                  "Resource": "arn:aws:states:::lambda:invoke",
                  "Parameters": {"FunctionName": "flaky"}, "OutputPath": "$.Payload",
                  "End": true}}}]}}}
            """,
            StateMachineType.STANDARD);
    String execution = start(machine);
    assertThat(finished(execution).status()).isEqualTo(ExecutionStatus.FAILED);

    sfn().redriveExecution(r -> r.executionArn(execution));

    DescribeExecutionResponse done = finished(execution);
    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(done.output()).isEqualTo("[1,{\"ok\":true}]");
    // Simpler than AWS, which runs only the failed branches again: the whole state runs again.
    assertThat(
            types(execution).stream()
                .filter(HistoryEventType.PARALLEL_STATE_ENTERED::equals)
                .count())
        .isEqualTo(2);
  }

  @Test
  void anAbortedExecutionIsRedrivenFromTheStateItWasStoppedIn() throws Exception {
    String machine = machine("napper", NAP_MACHINE, StateMachineType.STANDARD);
    String execution = start(machine);
    Await.until(() -> types(execution).contains(HistoryEventType.WAIT_STATE_ENTERED));
    assertThatThrownBy(() -> sfn().redriveExecution(r -> r.executionArn(execution)))
        .isInstanceOf(ExecutionNotRedrivableException.class)
        .hasMessageStartingWith("Execution is RUNNING and cannot be redriven");
    assertThat(describe(execution).redriveStatusReason())
        .isEqualTo("Execution is RUNNING and cannot be redriven");
    sfn().stopExecution(r -> r.executionArn(execution).error("Ops.Stop"));
    assertThat(finished(execution).status()).isEqualTo(ExecutionStatus.ABORTED);

    sfn().redriveExecution(r -> r.executionArn(execution));
    Await.until(
        () ->
            types(execution).stream().filter(HistoryEventType.WAIT_STATE_ENTERED::equals).count()
                == 2);
    assertThat(describe(execution).status()).isEqualTo(ExecutionStatus.RUNNING);
    stack.advance(Duration.ofSeconds(60));

    assertThat(finished(execution).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
  }

  @Test
  void onlyUnsuccessfulStandardExecutionsOfTheLastFourteenDaysAreRedrivable() throws Exception {
    String standard = machine("flaky-old", FLAKY_MACHINE, StateMachineType.STANDARD);
    String old = start(standard);
    finished(old);
    stack.advance(Duration.ofDays(14).plusSeconds(1));

    assertThat(describe(old).redriveStatusAsString()).isEqualTo("NOT_REDRIVABLE");
    assertThat(describe(old).redriveStatusReason())
        .isEqualTo("Execution redrivable period exceeded");
    assertThatThrownBy(() -> sfn().redriveExecution(r -> r.executionArn(old)))
        .isInstanceOf(ExecutionNotRedrivableException.class)
        .hasMessageStartingWith("Execution redrivable period exceeded");

    FLAKY_CALLS.set(0);
    String express = machine("flaky-express", FLAKY_MACHINE, StateMachineType.EXPRESS);
    String quick = start(express);
    assertThat(finished(quick).status()).isEqualTo(ExecutionStatus.FAILED);
    // Guess: AWS documents that EXPRESS executions cannot be redriven, not its exact message.
    assertThatThrownBy(() -> sfn().redriveExecution(r -> r.executionArn(quick)))
        .isInstanceOf(ExecutionNotRedrivableException.class)
        .hasMessageStartingWith("Execution is EXPRESS and cannot be redriven");
    String unknown = "arn:aws:states:us-east-1:000000000000:execution:flaky-old:none";
    assertThatThrownBy(() -> sfn().redriveExecution(r -> r.executionArn(unknown)))
        .isInstanceOf(ExecutionDoesNotExistException.class)
        .hasMessageStartingWith("Execution Does Not Exist: '" + unknown + "'");
  }

  @Test
  void listExecutionsFiltersByWhetherExecutionsWereRedriven() throws Exception {
    String machine = machine("flaky-list", FLAKY_MACHINE, StateMachineType.STANDARD);
    String first = start(machine);
    finished(first);
    String second = start(machine);
    finished(second);
    sfn().redriveExecution(r -> r.executionArn(first));
    finished(first);

    List<ExecutionListItem> redriven =
        sfn()
            .listExecutions(
                r -> r.stateMachineArn(machine).redriveFilter(ExecutionRedriveFilter.REDRIVEN))
            .executions();
    List<ExecutionListItem> notRedriven =
        sfn()
            .listExecutions(
                r -> r.stateMachineArn(machine).redriveFilter(ExecutionRedriveFilter.NOT_REDRIVEN))
            .executions();

    assertThat(redriven).extracting(ExecutionListItem::executionArn).containsExactly(first);
    assertThat(redriven.get(0).redriveCount()).isEqualTo(1);
    assertThat(redriven.get(0).redriveDate()).isNotNull();
    assertThat(notRedriven).extracting(ExecutionListItem::executionArn).containsExactly(second);
    assertThat(notRedriven.get(0).redriveCount()).isZero();
  }
}
