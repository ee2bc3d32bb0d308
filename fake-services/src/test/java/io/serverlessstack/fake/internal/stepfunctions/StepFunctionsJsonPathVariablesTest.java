package io.serverlessstack.fake.internal.stepfunctions;

import static org.assertj.core.api.Assertions.assertThat;

import io.serverlessstack.fake.Await;
import io.serverlessstack.fake.JavaFunction;
import io.serverlessstack.fake.SqsStack;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

/**
 * Workflow variables in JSONPath states: {@code Assign} with its {@code .$} fields, and {@code
 * $name} paths wherever a JSONPath state reads data. What {@code $} means in an Assign follows the
 * AWS answers LocalStack records in its snapshot tests: a Pass state's result, a Task's, Parallel's
 * or Map's raw result (before ResultSelector), a Choice's and a Wait's input, a Catch's error
 * output. Every Assign sees the variables as they were before its state.
 */
class StepFunctionsJsonPathVariablesTest {

  @RegisterExtension
  static final SqsStack stack =
      SqsStack.withVirtualClock(
          builder ->
              builder.withFunction(
                  JavaFunction.ofFunction(
                      "price", Object.class, order -> Map.of("amount", 42, "currency", "EUR"))));

  static final Workflows workflows = new Workflows(stack);

  private static String run(String definition, String input) {
    return workflows.start(workflows.machine("vars", definition), input);
  }

  @Test
  void aPassStateAssignsFromItsResultAndLaterStatesReadTheVariables() throws Exception {
    String execution =
        run(
            """
            {"StartAt": "Remember", "States": {
              "Remember": {"Type": "Pass", "Parameters": {"total.$": "$.price"},
                "Assign": {"total.$": "$.total", "fixed": 3, "who.$": "$$.Execution.Name"},
                "ResultPath": null, "Next": "Check"},
              "Check": {"Type": "Choice",
                "Choices": [{"Variable": "$total", "NumericGreaterThan": 10, "Next": "Big"}],
                "Default": "Small"},
              "Big": {"Type": "Pass",
                "Parameters": {"t.$": "$total", "f.$": "$fixed", "line.$": "States.Format('{} x {}', $fixed, $total)",
                  "same.$": "$who"},
                "End": true},
              "Small": {"Type": "Fail", "Error": "Small"}}}
            """,
            "{\"price\": 25}");

    DescribeExecutionResponse done = workflows.finished(execution);

    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    String name = execution.substring(execution.lastIndexOf(':') + 1);
    assertThat(done.output())
        .isEqualTo("{\"t\":25,\"f\":3,\"line\":\"3 x 25\",\"same\":\"" + name + "\"}");
  }

  @Test
  void anAssignSeesTheVariablesAsTheyWereBeforeItsState() throws Exception {
    String execution =
        run(
            """
            {"StartAt": "One", "States": {
              "One": {"Type": "Pass", "Assign": {"n": 1}, "Next": "Two"},
              "Two": {"Type": "Pass",
                "Assign": {"n.$": "States.MathAdd($n, 1)", "old.$": "$n"}, "Next": "Show"},
              "Show": {"Type": "Pass", "Parameters": {"n.$": "$n", "old.$": "$old"}, "End": true}}}
            """,
            "{}");

    assertThat(workflows.finished(execution).output()).isEqualTo("{\"n\":2,\"old\":1}");
  }

  @Test
  void aTaskAssignsFromItsRawResultBeforeResultSelector() throws Exception {
    String execution =
        run(
            """
            {"StartAt": "Price", "States": {
              "Price": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                "Parameters": {"FunctionName": "price", "Payload": {}},
                "Assign": {"amount.$": "$.Payload.amount", "status.$": "$.StatusCode"},
                "ResultSelector": {"currency.$": "$.Payload.currency"},
                "ResultPath": "$.price", "Next": "Show"},
              "Show": {"Type": "Pass",
                "Parameters": {"amount.$": "$amount", "status.$": "$status", "price.$": "$.price"},
                "End": true}}}
            """,
            "{}");

    assertThat(workflows.finished(execution).output())
        .isEqualTo("{\"amount\":42,\"status\":200,\"price\":{\"currency\":\"EUR\"}}");
  }

  @Test
  void aCatchAssignsFromTheErrorOutput() throws Exception {
    String execution =
        run(
            """
            {"StartAt": "Break", "States": {
              "Break": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                "Parameters": {"FunctionName": "nobody"},
                "Catch": [{"ErrorEquals": ["States.ALL"], "Assign": {"failed.$": "$.Error"},
                  "ResultPath": null, "Next": "Report"}],
                "End": true},
              "Report": {"Type": "Pass", "Parameters": {"failed.$": "$failed"}, "End": true}}}
            """,
            "{}");

    assertThat(workflows.finished(execution).output())
        .isEqualTo("{\"failed\":\"Lambda.ResourceNotFoundException\"}");
  }

  @Test
  void pathsOfEveryKindReadVariablesAndTheContextObject() throws Exception {
    String execution =
        run(
            """
            {"StartAt": "Setup", "States": {
              "Setup": {"Type": "Pass", "Assign": {"order": {"items": [1, 2, 3], "wait": 5, "limit": 1}},
                "Next": "Pause"},
              "Pause": {"Type": "Wait", "SecondsPath": "$order.wait", "Next": "Each"},
              "Each": {"Type": "Map", "ItemsPath": "$order.items", "MaxConcurrencyPath": "$order.limit",
                "ItemProcessor": {"StartAt": "Double", "States": {
                  "Double": {"Type": "Pass",
                    "Parameters": {"v.$": "States.MathAdd($, $)"}, "OutputPath": "$.v", "End": true}}},
                "ResultPath": "$.doubled", "Next": "Original"},
              "Original": {"Type": "Pass", "InputPath": "$$.Execution.Input", "ResultPath": "$.input",
                "OutputPath": "$", "End": true}}}
            """,
            "{\"from\": \"caller\"}");
    Await.until(
        () ->
            workflows.history(execution).stream()
                .anyMatch(event -> event.type() == HistoryEventType.WAIT_STATE_ENTERED));
    stack.advance(java.time.Duration.ofSeconds(5));

    DescribeExecutionResponse done = workflows.finished(execution);
    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(done.output())
        .isEqualTo("{\"from\":\"caller\",\"doubled\":[2,4,6],\"input\":{\"from\":\"caller\"}}");
    // MaxConcurrencyPath read 1 from the variable: one iteration at a time
    List<HistoryEventType> iterations =
        workflows.history(execution).stream()
            .map(HistoryEvent::type)
            .filter(
                type ->
                    type == HistoryEventType.MAP_ITERATION_STARTED
                        || type == HistoryEventType.MAP_ITERATION_SUCCEEDED)
            .toList();
    assertThat(iterations)
        .containsExactly(
            HistoryEventType.MAP_ITERATION_STARTED,
            HistoryEventType.MAP_ITERATION_SUCCEEDED,
            HistoryEventType.MAP_ITERATION_STARTED,
            HistoryEventType.MAP_ITERATION_SUCCEEDED,
            HistoryEventType.MAP_ITERATION_STARTED,
            HistoryEventType.MAP_ITERATION_SUCCEEDED);
  }

  @Test
  void anUndefinedVariableFailsTheStateWithStatesRuntime() throws Exception {
    String execution =
        run(
            """
            {"StartAt": "Read", "States": {
              "Read": {"Type": "Pass", "Parameters": {"x.$": "$missing"}, "End": true}}}
            """,
            "{}");

    DescribeExecutionResponse done = workflows.finished(execution);
    assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(done.error()).isEqualTo("States.Runtime");
    assertThat(done.cause()).contains("The JSONPath '$missing' specified for the field 'x.$'");
  }
}
