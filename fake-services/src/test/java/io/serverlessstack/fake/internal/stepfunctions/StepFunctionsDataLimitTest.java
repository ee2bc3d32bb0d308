package io.serverlessstack.fake.internal.stepfunctions;

import static org.assertj.core.api.Assertions.assertThat;

import io.serverlessstack.fake.Await;
import io.serverlessstack.fake.JavaFunction;
import io.serverlessstack.fake.SqsStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

/**
 * A task whose service answers more than 256 KiB fails with {@code States.DataLimitExceeded}, as
 * AWS's recorded history of an oversized Lambda answer (LocalStack's snapshot tests) shows; only a
 * retrier or catcher that names it takes it, not {@code States.ALL}.
 */
class StepFunctionsDataLimitTest {

  private static final String CAUSE =
      "The state/task 'lambda' returned a result with a size exceeding the maximum number of bytes"
          + " service limit.";

  @RegisterExtension
  static final SqsStack stack =
      SqsStack.withVirtualClock(
          builder ->
              builder
                  .withFunction(
                      JavaFunction.ofFunction("big", Object.class, ignored -> "x".repeat(300_000)))
                  .withFunction(
                      JavaFunction.ofFunction(
                          "fits", Object.class, ignored -> "x".repeat(200_000))));

  private static DescribeExecutionResponse run(String function, String catchers) throws Exception {
    String definition =
        """
        {"StartAt": "Invoke", "States": {
          "Invoke": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
            "Parameters": {"FunctionName": "%s"}, "Catch": %s, "ResultSelector": {"ok": true},
            "End": true},
          "Handled": {"Type": "Pass", "End": true}}}
        """
            .formatted(function, catchers);
    String machine =
        stack
            .sfn()
            .createStateMachine(
                r ->
                    r.name("limits-" + function + catchers.length())
                        .definition(definition)
                        .roleArn("arn:aws:iam::000000000000:role/states"))
            .stateMachineArn();
    String execution =
        stack.sfn().startExecution(r -> r.stateMachineArn(machine).input("{}")).executionArn();
    Await.until(
        () ->
            stack.sfn().describeExecution(r -> r.executionArn(execution)).status()
                != ExecutionStatus.RUNNING);
    return stack.sfn().describeExecution(r -> r.executionArn(execution));
  }

  @Test
  void anOversizedAnswerFailsTheTaskAndStatesAllDoesNotCatchIt() throws Exception {
    DescribeExecutionResponse done =
        run("big", "[{\"ErrorEquals\": [\"States.ALL\"], \"Next\": \"Handled\"}]");

    assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(done.error()).isEqualTo("States.DataLimitExceeded");
    assertThat(done.cause()).isEqualTo(CAUSE);
    HistoryEvent failed =
        stack.sfn().getExecutionHistory(r -> r.executionArn(done.executionArn())).events().stream()
            .filter(event -> event.type() == HistoryEventType.TASK_FAILED)
            .findFirst()
            .orElseThrow();
    assertThat(failed.taskFailedEventDetails().error()).isEqualTo("States.DataLimitExceeded");
    assertThat(failed.taskFailedEventDetails().resourceType()).isEqualTo("lambda");
  }

  @Test
  void aCatcherThatNamesItTakesItWithAwsCause() throws Exception {
    DescribeExecutionResponse done =
        run("big", "[{\"ErrorEquals\": [\"States.DataLimitExceeded\"], \"Next\": \"Handled\"}]");

    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(done.output())
        .isEqualTo("{\"Error\":\"States.DataLimitExceeded\",\"Cause\":\"" + CAUSE + "\"}");
  }

  @Test
  void anAnswerUnderTheLimitPasses() throws Exception {
    DescribeExecutionResponse done =
        run("fits", "[{\"ErrorEquals\": [\"States.DataLimitExceeded\"], \"Next\": \"Handled\"}]");

    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(done.output()).isEqualTo("{\"ok\":true}");
  }
}
