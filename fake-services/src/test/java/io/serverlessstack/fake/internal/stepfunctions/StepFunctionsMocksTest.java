package io.serverlessstack.fake.internal.stepfunctions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.serverlessstack.api.ClockMode;
import io.serverlessstack.fake.Await;
import io.serverlessstack.fake.SqsStack;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.SfnException;
import software.amazon.awssdk.services.sfn.model.StartSyncExecutionResponse;
import software.amazon.awssdk.services.sfn.model.StateMachineType;
import software.amazon.awssdk.services.sfn.model.SyncExecutionStatus;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Mocked service integrations in Step Functions Local's format, from {@code
 * sfn/MockConfigFile.json}, driven by the real SfnClient: test cases picked by the {@code
 * #TestCase} suffix, Return and Throw, invocation ranges counted across retries and Map iterations,
 * and states without a mock running for real.
 */
class StepFunctionsMocksTest {

  @RegisterExtension
  static final SqsStack stack =
      SqsStack.withVirtualClock(
          builder ->
              builder
                  .withClock(ClockMode.SKIP_IDLE, SqsStack.START)
                  .withStepFunctionsMocks(resource("/sfn/MockConfigFile.json")));

  static final String ROLE = "arn:aws:iam::000000000000:role/states-role";

  /**
   * Charges through a Lambda function that does not exist (so only a mock can answer it), then
   * sends a message to a queue. A throttled charge is retried twice; a declined one is caught.
   */
  static final String ORDERS =
      """
      {"StartAt": "Charge", "States": {
        "Charge": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
          "Parameters": {"FunctionName": "charge", "Payload.$": "$"},
          "ResultSelector": {"charge.$": "$.Payload"}, "ResultPath": "$.result",
          "Retry": [{"ErrorEquals": ["Lambda.TooManyRequestsException"],
                     "IntervalSeconds": 1, "BackoffRate": 2, "MaxAttempts": 2}],
          "Catch": [{"ErrorEquals": ["Payment.Declined"], "ResultPath": "$.error",
                     "Next": "Declined"}],
          "Next": "Notify"},
        "Notify": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage",
          "Parameters": {"QueueUrl": "%s", "MessageBody.$": "$.result.charge"},
          "ResultPath": "$.notified", "End": true},
        "Declined": {"Type": "Pass", "End": true}}}
      """;

  static Path resource(String name) {
    try {
      return Path.of(StepFunctionsMocksTest.class.getResource(name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static String orders() {
    String queueUrl = stack.createQueue("notifications");
    return machine("orders", ORDERS.formatted(queueUrl), StateMachineType.STANDARD);
  }

  static String machine(String name, String definition, StateMachineType type) {
    return stack
        .sfn()
        .createStateMachine(
            request -> request.name(name).definition(definition).roleArn(ROLE).type(type))
        .stateMachineArn();
  }

  static String start(String machineArn, String input) {
    return stack
        .sfn()
        .startExecution(request -> request.stateMachineArn(machineArn).input(input))
        .executionArn();
  }

  static DescribeExecutionResponse finished(String executionArn) throws InterruptedException {
    Await.until(
        () ->
            stack.sfn().describeExecution(request -> request.executionArn(executionArn)).status()
                != ExecutionStatus.RUNNING);
    return stack.sfn().describeExecution(request -> request.executionArn(executionArn));
  }

  static List<HistoryEvent> history(String executionArn) {
    return stack.sfn().getExecutionHistory(request -> request.executionArn(executionArn)).events();
  }

  static List<HistoryEventType> types(String executionArn) {
    return history(executionArn).stream().map(HistoryEvent::type).toList();
  }

  static List<Message> messages() {
    return stack
        .sqs()
        .receiveMessage(
            request ->
                request
                    .queueUrl(stack.sqs().getQueueUrl(b -> b.queueName("notifications")).queueUrl())
                    .maxNumberOfMessages(10))
        .messages();
  }

  @Test
  void aMockedLambdaInvokeReturnsExactlyTheGivenReturnAndTheHistoryShowsAnOrdinaryTask()
      throws Exception {
    String execution = start(orders() + "#HappyPath", "{\"order\":\"o-1\"}");

    DescribeExecutionResponse done = finished(execution);

    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(done.output())
        .isEqualTo(
            "{\"order\":\"o-1\",\"result\":{\"charge\":{\"charged\":true,\"amount\":42}},"
                + "\"notified\":{\"MD5OfMessageBody\":\"3bcb6e8e-7h85-4375-b0bc-1a59812c6e51\","
                + "\"MessageId\":\"3bcb6e8e-8b51-4375-b0bc-1a59812c6e51\"}}");
    // The stateMachineArn of the execution is the machine's, without the test case.
    assertThat(done.stateMachineArn()).endsWith(":stateMachine:orders");
    assertThat(types(execution))
        .containsExactly(
            HistoryEventType.EXECUTION_STARTED,
            HistoryEventType.TASK_STATE_ENTERED,
            HistoryEventType.TASK_SCHEDULED,
            HistoryEventType.TASK_STARTED,
            HistoryEventType.TASK_SUCCEEDED,
            HistoryEventType.TASK_STATE_EXITED,
            HistoryEventType.TASK_STATE_ENTERED,
            HistoryEventType.TASK_SCHEDULED,
            HistoryEventType.TASK_STARTED,
            HistoryEventType.TASK_SUCCEEDED,
            HistoryEventType.TASK_STATE_EXITED,
            HistoryEventType.EXECUTION_SUCCEEDED);
    HistoryEvent charged = history(execution).get(4);
    assertThat(charged.taskSucceededEventDetails().output())
        .isEqualTo("{\"StatusCode\":200,\"Payload\":{\"charged\":true,\"amount\":42}}");
    assertThat(charged.taskSucceededEventDetails().resourceType()).isEqualTo("lambda");
    assertThat(messages()).as("the mocked Notify sent nothing").isEmpty();
  }

  @Test
  void throwsOfAnInvocationRangeAreRetriedUntilTheNextInvocationReturns() throws Exception {
    String execution = start(orders() + "#RetryPath", "{\"order\":\"o-2\"}");

    DescribeExecutionResponse done = finished(execution);

    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(done.output()).contains("\"charge\":{\"charged\":true,\"amount\":42}");
    List<HistoryEvent> failures =
        history(execution).stream()
            .filter(event -> event.type() == HistoryEventType.TASK_FAILED)
            .toList();
    assertThat(failures).hasSize(2);
    assertThat(failures.get(0).taskFailedEventDetails().error())
        .isEqualTo("Lambda.TooManyRequestsException");
    assertThat(failures.get(0).taskFailedEventDetails().cause()).isEqualTo("Rate exceeded");
    assertThat(types(execution))
        .containsSubsequence(
            HistoryEventType.TASK_SCHEDULED,
            HistoryEventType.TASK_STARTED,
            HistoryEventType.TASK_FAILED,
            HistoryEventType.TASK_SCHEDULED,
            HistoryEventType.TASK_STARTED,
            HistoryEventType.TASK_FAILED,
            HistoryEventType.TASK_SCHEDULED,
            HistoryEventType.TASK_STARTED,
            HistoryEventType.TASK_SUCCEEDED);
  }

  @Test
  void aThrowIsCaughtByTheCatcherNamingItsError() throws Exception {
    String execution = start(orders() + "#DeclinedPath", "{\"order\":\"o-3\"}");

    DescribeExecutionResponse done = finished(execution);

    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(done.output())
        .isEqualTo(
            "{\"order\":\"o-3\",\"error\":{\"Error\":\"Payment.Declined\",\"Cause\":\"Card"
                + " expired\"}}");
    assertThat(types(execution))
        .contains(HistoryEventType.TASK_FAILED, HistoryEventType.PASS_STATE_ENTERED)
        .doesNotContain(HistoryEventType.TASK_SUCCEEDED);
  }

  @Test
  void statesTheTestCaseDoesNotMockRunForReal() throws Exception {
    String execution = start(orders() + "#HybridPath", "{\"order\":\"o-4\"}");

    DescribeExecutionResponse done = finished(execution);

    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(done.output()).contains("\"notified\":{\"MD5OfMessageBody\":");
    assertThat(messages())
        .extracting(Message::body)
        .containsExactly("{\"charged\":true,\"amount\":42}");
  }

  @Test
  void withoutATestCaseAnExecutionRunsForReal() throws Exception {
    String execution = start(orders(), "{\"order\":\"o-5\"}");

    DescribeExecutionResponse done = finished(execution);

    // No function "charge" is deployed: the real Lambda integration fails the task.
    assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(done.error()).startsWith("Lambda.");
  }

  @Test
  void aMachineTheFileDoesNotNameRunsForRealAndCannotBeStartedInATestCase() throws Exception {
    String queueUrl = stack.createQueue("notifications");
    String arn =
        machine(
            "unmocked",
            """
            {"StartAt": "Notify", "States": {
              "Notify": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage",
                "Parameters": {"QueueUrl": "%s", "MessageBody": "real"}, "End": true}}}
            """
                .formatted(queueUrl),
            StateMachineType.STANDARD);

    assertThat(finished(start(arn, "{}")).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(messages()).extracting(Message::body).containsExactly("real");
    // A bare '#' names no test case.
    assertThat(finished(start(arn + "#", "{}")).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    // Where Step Functions Local's answer is not documented we refuse the start with a 400
    // ValidationException naming the test case, rather than run the execution unmocked.
    assertThatThrownBy(() -> start(arn + "#HappyPath", "{}"))
        .isInstanceOfSatisfying(
            SfnException.class,
            error -> {
              assertThat(error.statusCode()).isEqualTo(400);
              assertThat(error.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
            })
        .hasMessageStartingWith(
            "Test case 'HappyPath' is not defined for state machine 'unmocked' in the Step"
                + " Functions mock configuration");
  }

  @Test
  void anUnknownTestCaseOfAKnownMachineIsRefused() {
    String arn = orders();

    assertThatThrownBy(() -> start(arn + "#SadPath", "{}"))
        .isInstanceOf(SfnException.class)
        .hasMessageStartingWith(
            "Test case 'SadPath' is not defined for state machine 'orders' in the Step Functions"
                + " mock configuration");
    assertThat(stack.sfn().listExecutions(request -> request.stateMachineArn(arn)).executions())
        .isEmpty();
  }

  @Test
  void anInvocationWithoutAMockedResponseFailsTheExecutionWithStatesRuntime() throws Exception {
    String arn = orders();

    DescribeExecutionResponse done = finished(start(arn + "#ExhaustedPath", "{}"));

    // Step Functions Local fails the execution with States.Runtime when the state that names an
    // empty or missing mocked response is entered; the cause's wording is ours.
    assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(done.error()).isEqualTo("States.Runtime");
    assertThat(done.cause())
        .contains("'NoResponses' defines no response for invocation 0 of state 'Notify'");
    DescribeExecutionResponse undefined = finished(start(arn + "#UndefinedPath", "{}"));
    assertThat(undefined.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(undefined.error()).isEqualTo("States.Runtime");
    assertThat(undefined.cause()).contains("'NotInThisFile'");
  }

  @Test
  void mapIterationsShareTheStatesInvocationCount() throws Exception {
    String arn =
        machine(
            "pricing",
            """
            {"StartAt": "Each", "States": {
              "Each": {"Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 1,
                "ItemProcessor": {"StartAt": "Price", "States": {
                  "Price": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                    "Parameters": {"FunctionName": "price", "Payload.$": "$"},
                    "ResultSelector": {"price.$": "$.price"}, "End": true}}},
                "End": true}}}
            """,
            StateMachineType.STANDARD);

    DescribeExecutionResponse done =
        finished(start(arn + "#ThreeItems", "{\"items\":[\"a\",\"b\",\"c\"]}"));

    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(done.output()).isEqualTo("[{\"price\":10},{\"price\":20},{\"price\":20}]");
  }

  @Test
  void aMockedWaitForTaskTokenTaskAnswersAtOnce() throws Exception {
    String arn =
        machine(
            "approvals",
            """
            {"StartAt": "AskApprover", "States": {
              "AskApprover": {"Type": "Task",
                "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                "Parameters": {"QueueUrl": "https://nowhere.example/queue",
                               "MessageBody": {"token.$": "$$.Task.Token"}},
                "End": true}}}
            """,
            StateMachineType.STANDARD);

    DescribeExecutionResponse done = finished(start(arn + "#Approved", "{}"));

    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(done.output()).isEqualTo("{\"approved\":true}");
  }

  @Test
  void anActivityStateCannotBeMockedAsInStepFunctionsLocal() throws Exception {
    String activity = stack.sfn().createActivity(request -> request.name("work")).activityArn();
    String arn =
        machine(
            "workers",
            """
            {"StartAt": "Work", "States": {
              "Work": {"Type": "Task", "Resource": "%s", "End": true}}}
            """
                .formatted(activity),
            StateMachineType.STANDARD);

    DescribeExecutionResponse done = finished(start(arn + "#Mocked", "{}"));

    // Step Functions Local's error and cause for a mocked activity.
    assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(done.error()).isEqualTo("States.Runtime");
    assertThat(done.cause())
        .isEqualTo(
            "Activity state cannot be mocked. Please remove mocks mapped for all activity state in"
                + " the mock config file.");
  }

  @Test
  void startSyncExecutionTakesATestCaseToo() {
    String arn =
        machine(
            "quick",
            """
            {"StartAt": "Charge", "States": {
              "Charge": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                "Parameters": {"FunctionName": "charge"}, "OutputPath": "$.Payload",
                "End": true}}}
            """,
            StateMachineType.EXPRESS);

    StartSyncExecutionResponse done =
        stack
            .sfn()
            .startSyncExecution(request -> request.stateMachineArn(arn + "#HappyPath").input("{}"));

    assertThat(done.status()).isEqualTo(SyncExecutionStatus.SUCCEEDED);
    assertThat(done.output()).isEqualTo("{\"charged\":true,\"amount\":42}");
    assertThat(done.stateMachineArn()).isEqualTo(arn);
  }

  @Test
  void aResetKeepsTheMockConfiguration() throws Exception {
    stack.server().reset();

    assertThat(stack.server().stepFunctionsMocks())
        .hasValueSatisfying(text -> assertThat(text).contains("ChargeThrottledTwiceThenSucceeds"));
    assertThat(finished(start(orders() + "#HappyPath", "{}")).status())
        .isEqualTo(ExecutionStatus.SUCCEEDED);
  }
}
