package io.serverlessstack.junit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.serverlessstack.junit.StepFunctionsMocks;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * {@code @StepFunctionsMocks} wherever the stack runs: the class's mock file answers the Task
 * states of the test case an execution names, before every test (a reset keeps it).
 */
@StepFunctionsMocks("classpath:sfn/MockConfigFile.json")
abstract class StepFunctionsMocksContract {

  /** Charges through a Lambda function that is not deployed: only a mock can answer it. */
  static final String CHECKOUT =
      """
      {"StartAt": "Charge", "States": {
        "Charge": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
          "Parameters": {"FunctionName": "charge", "Payload.$": "$"},
          "OutputPath": "$.Payload",
          "Retry": [{"ErrorEquals": ["Lambda.TooManyRequestsException"],
                     "IntervalSeconds": 2, "MaxAttempts": 1}],
          "End": true}}}
      """;

  static String checkout(SfnClient sfn) {
    return sfn.createStateMachine(
            request ->
                request
                    .name("checkout")
                    .definition(CHECKOUT)
                    .roleArn("arn:aws:iam::000000000000:role/checkout"))
        .stateMachineArn();
  }

  static DescribeExecutionResponse run(SfnClient sfn, String machineArn) {
    String execution =
        sfn.startExecution(request -> request.stateMachineArn(machineArn).input("{}"))
            .executionArn();
    Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
    DescribeExecutionResponse described;
    do {
      described = sfn.describeExecution(request -> request.executionArn(execution));
    } while (described.status() == ExecutionStatus.RUNNING && Instant.now().isBefore(deadline));
    return described;
  }

  @Test
  void theTestCaseOfTheMockFileAnswersTheTask(SfnClient sfn) {
    DescribeExecutionResponse done = run(sfn, checkout(sfn) + "#HappyPath");

    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(done.output()).isEqualTo("{\"charged\":true}");
  }

  @Test
  void aMockedThrowIsRetriedAndTheNextInvocationAnswers(SfnClient sfn) {
    DescribeExecutionResponse done = run(sfn, checkout(sfn) + "#RetryPath");

    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(done.output()).isEqualTo("{\"charged\":\"on retry\"}");
  }

  @Test
  void withoutATestCaseTheTaskRunsForReal(SfnClient sfn) {
    DescribeExecutionResponse done = run(sfn, checkout(sfn));

    assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(done.error()).startsWith("Lambda.");
  }
}
