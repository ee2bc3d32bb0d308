package io.serverlessstack.fake.internal.stepfunctions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.serverlessstack.fake.Await;
import io.serverlessstack.fake.SqsStack;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.InvalidArnException;
import software.amazon.awssdk.services.sfn.model.StartSyncExecutionResponse;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.StateMachineType;
import software.amazon.awssdk.services.sqs.model.Message;

/** Executions driven by the real SfnClient: each state type, tasks, errors and history. */
class StepFunctionsExecutionTest {

  @RegisterExtension static final SqsStack stack = SqsStack.withVirtualClock();

  static final String ROLE = "arn:aws:iam::000000000000:role/states-role";

  static String machine(String name, String definition) {
    return machine(name, definition, StateMachineType.STANDARD);
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

  static void function(String name, String handler) {
    stack
        .lambda()
        .createFunction(
            request ->
                request
                    .functionName(name)
                    .runtime(Runtime.JAVA21)
                    .role(ROLE)
                    .handler(handler)
                    .code(code -> code.zipFile(SdkBytes.fromUtf8String("not really a zip"))));
  }

  @Test
  void passStatesShapeTheirDataAndTheHistoryRecordsEachStep() throws Exception {
    String arn =
        machine(
            "shapes",
            """
            {"StartAt": "Fill", "States": {
              "Fill": {"Type": "Pass", "Result": {"total": 42}, "ResultPath": "$.order",
                       "Next": "Pick"},
              "Pick": {"Type": "Pass", "Parameters": {"id.$": "$.id", "total.$": "$.order.total",
                       "execution.$": "$$.Execution.Name"}, "End": true}}}
            """);
    String execution = start(arn, "{\"id\":\"o-1\"}");

    DescribeExecutionResponse done = finished(execution);

    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(done.output()).startsWith("{\"id\":\"o-1\",\"total\":42,\"execution\":\"");
    assertThat(types(execution))
        .containsExactly(
            HistoryEventType.EXECUTION_STARTED,
            HistoryEventType.PASS_STATE_ENTERED,
            HistoryEventType.PASS_STATE_EXITED,
            HistoryEventType.PASS_STATE_ENTERED,
            HistoryEventType.PASS_STATE_EXITED,
            HistoryEventType.EXECUTION_SUCCEEDED);
    List<HistoryEvent> events = history(execution);
    assertThat(events.get(2).stateExitedEventDetails().output())
        .isEqualTo("{\"id\":\"o-1\",\"order\":{\"total\":42}}");
    assertThat(events)
        .extracting(HistoryEvent::previousEventId)
        .containsExactly(0L, 0L, 2L, 3L, 4L, 5L);
  }

  @Test
  void choiceTakesTheFirstMatchingRuleOrTheDefault() throws Exception {
    String arn =
        machine(
            "router",
            """
            {"StartAt": "Route", "States": {
              "Route": {"Type": "Choice", "Choices": [
                  {"Variable": "$.priority", "StringEquals": "express", "Next": "Express"}],
                "Default": "Standard"},
              "Express": {"Type": "Pass", "Result": "express", "End": true},
              "Standard": {"Type": "Pass", "Result": "standard", "End": true}}}
            """);

    assertThat(finished(start(arn, "{\"priority\":\"express\"}")).output())
        .isEqualTo("\"express\"");
    assertThat(finished(start(arn, "{\"priority\":\"slow\"}")).output()).isEqualTo("\"standard\"");
  }

  @Test
  void aWaitStateWaitsForTheStacksClock() throws Exception {
    String arn =
        machine(
            "patient",
            """
            {"StartAt": "Nap", "States": {
              "Nap": {"Type": "Wait", "Seconds": 86400, "Next": "Done"},
              "Done": {"Type": "Succeed"}}}
            """);
    String execution = start(arn, "{}");
    Await.until(() -> types(execution).contains(HistoryEventType.WAIT_STATE_ENTERED));

    stack.advance(Duration.ofHours(23));
    assertThat(stack.sfn().describeExecution(r -> r.executionArn(execution)).status())
        .isEqualTo(ExecutionStatus.RUNNING);
    stack.advance(Duration.ofHours(1));

    assertThat(finished(execution).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
  }

  @Test
  void aLambdaTaskInvokesTheFunctionAndRetriesThenCatchesItsError() throws Exception {
    function("greeter", "io.serverlessstack.fake.handlers.Greeter");
    function("reject", "io.serverlessstack.fake.handlers.Orders::reject");
    String arn =
        machine(
            "lambdas",
            """
            {"StartAt": "Greet", "States": {
              "Greet": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                "Parameters": {"FunctionName": "greeter", "Payload": {"name.$": "$.name"}},
                "ResultSelector": {"greeting.$": "$.Payload"}, "ResultPath": "$.greet",
                "Next": "Reject"},
              "Reject": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                "Parameters": {"FunctionName": "reject", "Payload": {"id": "o-2"}},
                "Retry": [{"ErrorEquals": ["java.lang.IllegalArgumentException"],
                           "IntervalSeconds": 1, "MaxAttempts": 2, "BackoffRate": 1}],
                "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error",
                           "Next": "Caught"}],
                "End": true},
              "Caught": {"Type": "Pass", "End": true}}}
            """);
    String execution = start(arn, "{\"name\":\"Ada\"}");
    Await.until(
        () -> types(execution).stream().filter(HistoryEventType.TASK_FAILED::equals).count() == 1);
    stack.advance(Duration.ofSeconds(1));
    Await.until(
        () -> types(execution).stream().filter(HistoryEventType.TASK_FAILED::equals).count() == 2);
    stack.advance(Duration.ofSeconds(1));

    DescribeExecutionResponse done = finished(execution);

    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(done.output())
        .startsWith(
            "{\"name\":\"Ada\",\"greet\":{\"greeting\":\"Hello, Ada!\"},"
                + "\"error\":{\"Error\":\"java.lang.IllegalArgumentException\","
                + "\"Cause\":\"{\\\"errorMessage\\\":\\\"Order o-2 has no items\\\"");
    assertThat(types(execution).stream().filter(HistoryEventType.TASK_FAILED::equals).count())
        .isEqualTo(3);
  }

  @Test
  void parallelBranchesAndMapIterationsCollectTheirOutputsInOrder() throws Exception {
    String arn =
        machine(
            "fanout",
            """
            {"StartAt": "Both", "States": {
              "Both": {"Type": "Parallel", "ResultPath": "$.both", "Next": "Each", "Branches": [
                {"StartAt": "A", "States": {"A": {"Type": "Pass", "Result": 1, "End": true}}},
                {"StartAt": "B", "States": {"B": {"Type": "Pass", "Result": 2, "End": true}}}]},
              "Each": {"Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 2,
                "ItemSelector": {"item.$": "$$.Map.Item.Value", "index.$": "$$.Map.Item.Index"},
                "ItemProcessor": {"StartAt": "Echo",
                  "States": {"Echo": {"Type": "Pass", "End": true}}},
                "ResultPath": "$.each", "End": true}}}
            """);

    DescribeExecutionResponse done = finished(start(arn, "{\"items\":[\"x\",\"y\",\"z\"]}"));

    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(done.output())
        .isEqualTo(
            "{\"items\":[\"x\",\"y\",\"z\"],\"both\":[1,2],\"each\":[{\"item\":\"x\",\"index\":0},"
                + "{\"item\":\"y\",\"index\":1},{\"item\":\"z\",\"index\":2}]}");
  }

  @Test
  void jsonataStatesShapeDataWithExpressionsAndKeepVariablesAcrossStates() throws Exception {
    function("greeter", "io.serverlessstack.fake.handlers.Greeter");
    String arn =
        machine(
            "jsonata",
            """
            {"QueryLanguage": "JSONata", "StartAt": "Remember", "States": {
              "Remember": {"Type": "Pass", "Assign": {"customer": "{% $states.input.name %}"},
                "Output": {"items": "{% $states.input.items %}"}, "Next": "Big?"},
              "Big?": {"Type": "Choice", "Choices": [
                  {"Condition": "{% $count($states.input.items) > 2 %}", "Next": "Greet"}],
                "Default": "Small"},
              "Small": {"Type": "Fail", "Error": "Too.Small", "Cause": "{% 'only ' & $count($states.input.items) %}"},
              "Greet": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                "Arguments": {"FunctionName": "greeter", "Payload": {"name": "{% $customer %}"}},
                "Output": {"greeting": "{% $states.result.Payload %}",
                           "items": "{% $states.input.items %}"},
                "Next": "Double"},
              "Double": {"Type": "Map", "Items": "{% $states.input.items %}",
                "ItemProcessor": {"StartAt": "Times2", "States": {
                  "Times2": {"Type": "Pass", "Output": "{% $states.input * 2 %}", "End": true}}},
                "Output": {"greeting": "{% $states.input.greeting %}",
                           "doubled": "{% $states.result %}", "sum": "{% $sum($states.result) %}"},
                "End": true}}}
            """);

    DescribeExecutionResponse big = finished(start(arn, "{\"name\":\"Ada\",\"items\":[1,2,3]}"));
    DescribeExecutionResponse small = finished(start(arn, "{\"name\":\"Bo\",\"items\":[1]}"));

    assertThat(big.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(big.output())
        .isEqualTo("{\"greeting\":\"Hello, Ada!\",\"doubled\":[2,4,6],\"sum\":12}");
    assertThat(small.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(small.error()).isEqualTo("Too.Small");
    assertThat(small.cause()).isEqualTo("only 1");
  }

  @Test
  void aFailStateFailsTheExecutionWithItsErrorAndCause() throws Exception {
    String arn =
        machine(
            "failing",
            """
            {"StartAt": "No", "States": {
              "No": {"Type": "Fail", "Error": "Order.Invalid", "Cause": "no items"}}}
            """);

    DescribeExecutionResponse done = finished(start(arn, "{}"));

    assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(done.error()).isEqualTo("Order.Invalid");
    assertThat(done.cause()).isEqualTo("no items");
  }

  @Test
  void anSqsTaskWaitsForItsTaskTokenUntilAWorkerSendsSuccess() throws Exception {
    String queueUrl = stack.createQueue("work");
    String arn =
        machine(
            "callback",
            """
            {"StartAt": "Ask", "States": {
              "Ask": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                "Parameters": {"QueueUrl": "%s",
                  "MessageBody": {"token.$": "$$.Task.Token", "order.$": "$.order"}},
                "End": true}}}
            """
                .formatted(queueUrl));
    String execution = start(arn, "{\"order\":\"o-3\"}");

    List<Message> messages =
        stack
            .sqs()
            .receiveMessage(request -> request.queueUrl(queueUrl).waitTimeSeconds(0))
            .messages();
    Await.until(() -> types(execution).contains(HistoryEventType.TASK_SUBMITTED));
    messages =
        messages.isEmpty()
            ? stack.sqs().receiveMessage(request -> request.queueUrl(queueUrl)).messages()
            : messages;
    assertThat(messages).hasSize(1);
    String body = messages.get(0).body();
    assertThat(body).contains("\"order\":\"o-3\"");
    String token = body.replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");

    stack.sfn().sendTaskSuccess(request -> request.taskToken(token).output("{\"ok\":true}"));

    DescribeExecutionResponse done = finished(execution);
    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(done.output()).isEqualTo("{\"ok\":true}");
  }

  @Test
  void stoppingAnExecutionThatWaitsForATokenEndsItsHistoryWithTheAbort() throws Exception {
    String queueUrl = stack.createQueue("work");
    String arn =
        machine(
            "callback",
            """
            {"StartAt": "Ask", "States": {
              "Ask": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                "Parameters": {"QueueUrl": "%s", "MessageBody.$": "$$.Task.Token"},
                "End": true}}}
            """
                .formatted(queueUrl));
    String execution = start(arn, "{}");
    Await.until(() -> types(execution).contains(HistoryEventType.TASK_SUBMITTED));

    stack.sfn().stopExecution(request -> request.executionArn(execution).error("Stop"));

    assertThat(finished(execution).status()).isEqualTo(ExecutionStatus.ABORTED);
    // The cancelled wait answers while StopExecution completes the execution's end, so any
    // TaskFailed it would add is there by now.
    assertThat(types(execution)).last().isEqualTo(HistoryEventType.EXECUTION_ABORTED);
    assertThat(types(execution)).doesNotContain(HistoryEventType.TASK_FAILED);
  }

  @Test
  void startSyncExecutionAnswersWithTheOutcomeOfAnExpressMachine() {
    String arn =
        machine(
            "quick",
            """
            {"StartAt": "One", "States": {"One": {"Type": "Pass", "End": true}}}
            """,
            StateMachineType.EXPRESS);

    StartSyncExecutionResponse response =
        stack.sfn().startSyncExecution(request -> request.stateMachineArn(arn).input("{\"a\":1}"));

    assertThat(response.statusAsString()).isEqualTo("SUCCEEDED");
    assertThat(response.output()).isEqualTo("{\"a\":1}");
    assertThat(response.executionArn())
        .startsWith("arn:aws:states:us-east-1:000000000000:express:quick:");
  }

  @Test
  void aSecondExecutionOfTheSameNameIsRefusedUnlessItIsTheSameRunningOne() throws Exception {
    String arn =
        machine(
            "named",
            """
            {"StartAt": "Nap", "States": {"Nap": {"Type": "Wait", "Seconds": 10, "End": true}}}
            """);
    String first =
        stack
            .sfn()
            .startExecution(r -> r.stateMachineArn(arn).name("run-1").input("{}"))
            .executionArn();

    assertThat(
            stack
                .sfn()
                .startExecution(r -> r.stateMachineArn(arn).name("run-1").input("{}"))
                .executionArn())
        .isEqualTo(first);
    assertThatThrownBy(
            () ->
                stack
                    .sfn()
                    .startExecution(r -> r.stateMachineArn(arn).name("run-1").input("{\"b\":1}")))
        .isInstanceOf(ExecutionAlreadyExistsException.class)
        .hasMessageStartingWith("Execution Already Exists: '" + first + "'");
  }

  @Test
  void unknownAndMalformedArnsGetAwsErrors() {
    assertThatThrownBy(
            () ->
                stack
                    .sfn()
                    .startExecution(
                        r ->
                            r.stateMachineArn(
                                "arn:aws:states:us-east-1:000000000000:stateMachine:none")))
        .isInstanceOf(StateMachineDoesNotExistException.class)
        .hasMessageStartingWith(
            "State Machine Does Not Exist: 'arn:aws:states:us-east-1:000000000000:stateMachine:none'");
    assertThatThrownBy(() -> stack.sfn().startExecution(r -> r.stateMachineArn("nope")))
        .isInstanceOf(InvalidArnException.class)
        .hasMessageStartingWith("Invalid Arn: 'Invalid ARN prefix: nope'");
  }
}
