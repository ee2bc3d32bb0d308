package io.serverlessstack.fake.internal.stepfunctions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.serverlessstack.fake.SqsStack;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.sfn.model.InspectionLevel;
import software.amazon.awssdk.services.sfn.model.InvalidDefinitionException;
import software.amazon.awssdk.services.sfn.model.TestExecutionStatus;
import software.amazon.awssdk.services.sfn.model.TestStateRequest;
import software.amazon.awssdk.services.sfn.model.TestStateResponse;
import software.amazon.awssdk.services.sfn.model.ValidationException;

/**
 * TestState through the real SfnClient: one state run on the interpreter, its status, output and
 * next state, and at DEBUG the data at each step. The expected values follow AWS's answers as
 * recorded in LocalStack's snapshot tests of TestState.
 */
class StepFunctionsTestStateTest {

  @RegisterExtension static final SqsStack stack = SqsStack.withIdleSkippingClock();

  static final String ROLE = "arn:aws:iam::000000000000:role/states-role";

  static TestStateResponse test(Consumer<TestStateRequest.Builder> request) {
    return stack.sfn().testState(request);
  }

  @Test
  void aPassStateShowsEveryStepOfItsDataFlowAtDebug() {
    TestStateResponse response =
        test(
            request ->
                request
                    .definition(
                        """
                        {"Type": "Pass", "InputPath": "$.initialData",
                         "Parameters": {"staticValue": "some value",
                                        "inputValue.$": "$.fieldFromInput"},
                         "ResultPath": "$.modifiedData", "End": true}
                        """)
                    .input(
                        "{\"initialData\":{\"fieldFromInput\":\"value from input\","
                            + "\"otherField\":\"other\"},\"unrelatedData\":{\"someOtherField\":1234}}")
                    .inspectionLevel(InspectionLevel.DEBUG));

    assertThat(response.status()).isEqualTo(TestExecutionStatus.SUCCEEDED);
    assertThat(response.nextState()).isNull();
    assertThat(response.output())
        .isEqualTo(
            "{\"initialData\":{\"fieldFromInput\":\"value from input\",\"otherField\":\"other\"},"
                + "\"unrelatedData\":{\"someOtherField\":1234},"
                + "\"modifiedData\":{\"staticValue\":\"some value\","
                + "\"inputValue\":\"value from input\"}}");
    assertThat(response.inspectionData().afterInputPath())
        .isEqualTo("{\"fieldFromInput\":\"value from input\",\"otherField\":\"other\"}");
    assertThat(response.inspectionData().afterParameters())
        .isEqualTo("{\"staticValue\":\"some value\",\"inputValue\":\"value from input\"}");
    assertThat(response.inspectionData().afterResultSelector())
        .isEqualTo(response.inspectionData().afterParameters());
    assertThat(response.inspectionData().afterResultPath()).isEqualTo(response.output());
    assertThat(response.inspectionData().result()).isNull();
  }

  @Test
  void aPassStateWithAResultShowsTheResultAndNoInputStepsAndInfoShowsNoInspection() {
    String pass =
        "{\"Type\": \"Pass\", \"Result\": {\"resultKey\": \"result value\"}, \"End\": true}";

    TestStateResponse debug =
        test(
            request ->
                request
                    .definition(pass)
                    .input("{\"Value\":\"HelloWorld\"}")
                    .inspectionLevel(InspectionLevel.DEBUG));
    TestStateResponse info = test(request -> request.definition(pass).input("{}"));

    assertThat(debug.output()).isEqualTo("{\"resultKey\":\"result value\"}");
    assertThat(debug.inspectionData().result()).isEqualTo("{\"resultKey\":\"result value\"}");
    assertThat(debug.inspectionData().afterInputPath()).isNull();
    assertThat(debug.inspectionData().afterParameters()).isNull();
    assertThat(debug.inspectionData().input()).isEqualTo("{\"Value\":\"HelloWorld\"}");
    assertThat(info.inspectionData()).isNull();
    assertThat(info.status()).isEqualTo(TestExecutionStatus.SUCCEEDED);
  }

  @Test
  void aChoiceStateNamesTheStateItWouldGoTo() {
    TestStateResponse response =
        test(
            request ->
                request
                    .definition(
                        """
                        {"Type": "Choice", "Choices": [
                          {"Not": {"Variable": "$.type", "StringEquals": "Private"},
                           "Next": "Public"},
                          {"And": [{"Variable": "$.value", "NumericGreaterThanEquals": 20},
                                   {"Variable": "$.value", "NumericLessThan": 30}],
                           "Next": "ValueInTwenties"}],
                         "Default": "DefaultState"}
                        """)
                    .input("{\"type\":\"Private\",\"value\":22}")
                    .inspectionLevel(InspectionLevel.DEBUG));

    assertThat(response.status()).isEqualTo(TestExecutionStatus.SUCCEEDED);
    assertThat(response.nextState()).isEqualTo("ValueInTwenties");
    assertThat(response.output()).isEqualTo("{\"type\":\"Private\",\"value\":22}");
    assertThat(response.inspectionData().afterInputPath()).isEqualTo(response.output());
  }

  @Test
  void aFailStateFailsWithItsErrorAndCause() {
    TestStateResponse response =
        test(
            request ->
                request.definition(
                    "{\"Type\": \"Fail\", \"Error\": \"SomeFailure\", \"Cause\": \"It failed.\"}"));

    assertThat(response.status()).isEqualTo(TestExecutionStatus.FAILED);
    assertThat(response.error()).isEqualTo("SomeFailure");
    assertThat(response.cause()).isEqualTo("It failed.");
  }

  @Test
  void aStateOfAWholeMachineIsTestedByItsName() {
    TestStateResponse response =
        test(
            request ->
                request
                    .definition(
                        """
                        {"StartAt": "First", "States": {
                          "First": {"Type": "Pass", "Next": "Second"},
                          "Second": {"Type": "Pass", "Parameters": {"state.$": "$$.State.Name"},
                                     "Next": "Third"},
                          "Third": {"Type": "Succeed"}}}
                        """)
                    .stateName("Second")
                    .input("{}"));

    assertThat(response.output()).isEqualTo("{\"state\":\"Second\"}");
    assertThat(response.nextState()).isEqualTo("Third");
  }

  @Test
  void aTaskCallsTheRealFunctionAndShowsItsParametersAndResult() {
    stack
        .lambda()
        .createFunction(
            request ->
                request
                    .functionName("greeter")
                    .runtime(Runtime.JAVA21)
                    .role(ROLE)
                    .handler("io.serverlessstack.fake.handlers.Greeter")
                    .code(code -> code.zipFile(SdkBytes.fromUtf8String("not really a zip"))));

    TestStateResponse response =
        test(
            request ->
                request
                    .definition(
                        """
                        {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                         "Parameters": {"FunctionName": "greeter", "Payload": {"name.$": "$.name"}},
                         "ResultSelector": {"greeting.$": "$.Payload"}, "ResultPath": "$.greet",
                         "Next": "Done"}
                        """)
                    .roleArn(ROLE)
                    .input("{\"name\":\"Ada\"}")
                    .inspectionLevel(InspectionLevel.TRACE));

    assertThat(response.status())
        .as(response.error() + ": " + response.cause())
        .isEqualTo(TestExecutionStatus.SUCCEEDED);
    assertThat(response.nextState()).isEqualTo("Done");
    assertThat(response.output())
        .isEqualTo("{\"name\":\"Ada\",\"greet\":{\"greeting\":\"Hello, Ada!\"}}");
    assertThat(response.inspectionData().afterParameters())
        .isEqualTo("{\"FunctionName\":\"greeter\",\"Payload\":{\"name\":\"Ada\"}}");
    assertThat(response.inspectionData().result()).contains("\"Payload\":\"Hello, Ada!\"");
    assertThat(response.inspectionData().afterResultSelector())
        .isEqualTo("{\"greeting\":\"Hello, Ada!\"}");
    assertThat(response.inspectionData().afterResultPath()).isEqualTo(response.output());
    // request and response are for HTTP tasks only.
    assertThat(response.inspectionData().request()).isNull();
  }

  static final String MOCKED_TASK =
      """
      {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
       "Parameters": {"FunctionName": "nowhere", "Payload.$": "$"},
       "Retry": [{"ErrorEquals": ["Lambda.TooManyRequestsException"],
                  "IntervalSeconds": 3, "MaxAttempts": 2}],
       "Catch": [{"ErrorEquals": ["Other"], "Next": "Elsewhere"},
                 {"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "Handle"}],
       "End": true}
      """;

  @Test
  void aMockedResultStandsForTheCallAndNeedsNoRole() {
    TestStateResponse response =
        test(
            request ->
                request
                    .definition(MOCKED_TASK)
                    .input("{\"id\":1}")
                    .mock(mock -> mock.result("{\"StatusCode\":200,\"Payload\":{\"ok\":true}}")));

    assertThat(response.status()).isEqualTo(TestExecutionStatus.SUCCEEDED);
    assertThat(response.output()).isEqualTo("{\"StatusCode\":200,\"Payload\":{\"ok\":true}}");
  }

  @Test
  void aMockedActivityNeedsNeitherTheActivityNorAWorker() {
    TestStateResponse response =
        test(
            request ->
                request
                    .definition(
                        "{\"Type\": \"Task\", \"Resource\":"
                            + " \"arn:aws:states:us-east-1:000000000000:activity:absent\","
                            + " \"End\": true}")
                    .mock(mock -> mock.result("{\"done\":true}")));

    assertThat(response.status()).isEqualTo(TestExecutionStatus.SUCCEEDED);
    assertThat(response.output()).isEqualTo("{\"done\":true}");
  }

  @Test
  void aMockedErrorThatACatcherTakesIsACaughtErrorWithTheCatchersNextState() {
    TestStateResponse response =
        test(
            request ->
                request
                    .definition(MOCKED_TASK)
                    .input("{\"id\":1}")
                    .inspectionLevel(InspectionLevel.DEBUG)
                    .mock(mock -> mock.errorOutput(error -> error.error("Boom").cause("Broken"))));

    assertThat(response.status()).isEqualTo(TestExecutionStatus.CAUGHT_ERROR);
    assertThat(response.error()).isEqualTo("Boom");
    assertThat(response.cause()).isEqualTo("Broken");
    assertThat(response.nextState()).isEqualTo("Handle");
    assertThat(response.output())
        .isEqualTo("{\"id\":1,\"error\":{\"Error\":\"Boom\",\"Cause\":\"Broken\"}}");
    assertThat(response.inspectionData().errorDetails().catchIndex()).isEqualTo(1);
  }

  @Test
  void aMockedErrorThatARetrierTakesIsRetriableUntilItsAttemptsAreUsed() {
    TestStateResponse first =
        test(
            request ->
                request
                    .definition(MOCKED_TASK)
                    .inspectionLevel(InspectionLevel.DEBUG)
                    .mock(
                        mock ->
                            mock.errorOutput(
                                error -> error.error("Lambda.TooManyRequestsException"))));
    TestStateResponse exhausted =
        test(
            request ->
                request
                    .definition(MOCKED_TASK)
                    .inspectionLevel(InspectionLevel.DEBUG)
                    .stateConfiguration(configuration -> configuration.retrierRetryCount(2))
                    .mock(
                        mock ->
                            mock.errorOutput(
                                error -> error.error("Lambda.TooManyRequestsException"))));

    assertThat(first.status()).isEqualTo(TestExecutionStatus.RETRIABLE);
    assertThat(first.error()).isEqualTo("Lambda.TooManyRequestsException");
    assertThat(first.inspectionData().errorDetails().retryIndex()).isZero();
    assertThat(first.inspectionData().errorDetails().retryBackoffIntervalSeconds()).isEqualTo(3);
    assertThat(exhausted.status()).isEqualTo(TestExecutionStatus.CAUGHT_ERROR);
    assertThat(exhausted.nextState()).isEqualTo("Handle");
  }

  @Test
  void aJsonataTaskShowsItsArgumentsAndItsCatcherSeesStates() {
    TestStateResponse response =
        test(
            request ->
                request
                    .definition(
                        """
                        {"QueryLanguage": "JSONata", "Type": "Task",
                         "Resource": "arn:aws:states:::lambda:invoke",
                         "Arguments": {"FunctionName": "foo", "Payload": "bar"},
                         "Catch": [{"ErrorEquals": ["MockException"],
                                    "Output": "{% $states.errorOutput %}",
                                    "Next": "HandleMockError"}],
                         "End": true}
                        """)
                    .input("{\"Value\":\"HelloWorld\"}")
                    .inspectionLevel(InspectionLevel.DEBUG)
                    .mock(
                        mock ->
                            mock.errorOutput(
                                error ->
                                    error
                                        .error("MockException")
                                        .cause("Mock the cause of the error."))));

    assertThat(response.status()).isEqualTo(TestExecutionStatus.CAUGHT_ERROR);
    assertThat(response.nextState()).isEqualTo("HandleMockError");
    assertThat(response.output())
        .isEqualTo("{\"Error\":\"MockException\",\"Cause\":\"Mock the cause of the error.\"}");
    assertThat(response.inspectionData().afterArguments())
        .isEqualTo("{\"FunctionName\":\"foo\",\"Payload\":\"bar\"}");
    assertThat(response.inspectionData().errorDetails().catchIndex()).isZero();
    assertThat(response.inspectionData().afterInputPath()).isNull();
  }

  @Test
  void aJsonataStateSeesTheVariablesTheRequestGives() {
    TestStateResponse response =
        test(
            request ->
                request
                    .definition(
                        "{\"QueryLanguage\": \"JSONata\", \"Type\": \"Pass\","
                            + " \"Output\": \"{% $greeting & ', ' & $states.input.name %}\","
                            + " \"End\": true}")
                    .variables("{\"greeting\":\"Hello\"}")
                    .input("{\"name\":\"Ada\"}"));

    assertThat(response.status()).isEqualTo(TestExecutionStatus.SUCCEEDED);
    assertThat(response.output()).isEqualTo("\"Hello, Ada\"");
  }

  @Test
  void aWaitStateDoesNotWaitAndNamesItsNextState() {
    java.time.Instant before = stack.now();
    TestStateResponse response =
        test(
            request ->
                request
                    .definition(
                        "{\"Type\": \"Wait\", \"Seconds\": 86400, \"OutputPath\": \"$.keep\","
                            + " \"Next\": \"Later\"}")
                    .input("{\"keep\":{\"a\":1},\"drop\":2}"));

    assertThat(response.status()).isEqualTo(TestExecutionStatus.SUCCEEDED);
    assertThat(response.output()).isEqualTo("{\"a\":1}");
    assertThat(response.nextState()).isEqualTo("Later");
    assertThat(stack.now()).as("the stack's clock did not move").isEqualTo(before);
  }

  static final String MAP =
      """
      {"Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 1,
       "ItemProcessor": {"StartAt": "Price", "States": {
         "Price": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                   "Parameters": {"FunctionName": "price"}, "End": true}}},
       "ResultSelector": {"prices.$": "$"}, "ResultPath": "$.priced",
       "Retry": [{"ErrorEquals": ["States.ALL"], "MaxAttempts": 1, "IntervalSeconds": 5}],
       "Next": "Total"}
      """;

  @Test
  void aMockedMapStandsForItsIterationsAndItsDataFlowAppliesAroundTheMock() {
    TestStateResponse response =
        test(
            request ->
                request
                    .definition(MAP)
                    .input("{\"items\":[1,2]}")
                    .inspectionLevel(InspectionLevel.DEBUG)
                    .mock(mock -> mock.result("[10,20]")));
    TestStateResponse failing =
        test(
            request ->
                request
                    .definition(MAP)
                    .input("{\"items\":[1,2]}")
                    .inspectionLevel(InspectionLevel.DEBUG)
                    .mock(mock -> mock.errorOutput(error -> error.error("States.TaskFailed"))));

    assertThat(response.status()).isEqualTo(TestExecutionStatus.SUCCEEDED);
    assertThat(response.nextState()).isEqualTo("Total");
    assertThat(response.output()).isEqualTo("{\"items\":[1,2],\"priced\":{\"prices\":[10,20]}}");
    assertThat(response.inspectionData().result()).isEqualTo("[10,20]");
    assertThat(response.inspectionData().afterParameters()).isNull();
    assertThat(failing.status()).isEqualTo(TestExecutionStatus.RETRIABLE);
    assertThat(failing.inspectionData().errorDetails().retryBackoffIntervalSeconds()).isEqualTo(5);
  }

  @Test
  void aMockedParallelNeedsOneResultPerBranch() {
    String parallel =
        """
        {"Type": "Parallel", "Branches": [
          {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}},
          {"StartAt": "B", "States": {"B": {"Type": "Pass", "End": true}}}],
         "End": true}
        """;

    TestStateResponse response =
        test(request -> request.definition(parallel).mock(mock -> mock.result("[\"a\",\"b\"]")));

    assertThat(response.output()).isEqualTo("[\"a\",\"b\"]");
    assertThatThrownBy(
            () -> test(request -> request.definition(parallel).mock(mock -> mock.result("[1]"))))
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith(
            "Mocked result must contain the same number of items as number of Parallel"
                + " branches.");
    assertThatThrownBy(
            () -> test(request -> request.definition(MAP).mock(mock -> mock.result("{}"))))
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith("Mocked result must be an array.");
  }

  @Test
  void requestsAwsRefusesAreRefusedWithItsMessages() {
    assertThatThrownBy(() -> test(request -> request.definition(MOCKED_TASK)))
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith("RoleArn must be specified when testing a Task state");
    assertThatThrownBy(
            () ->
                test(
                    request ->
                        request
                            .definition("{\"Type\": \"Pass\", \"End\": true}")
                            .mock(mock -> mock.result("{}"))))
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith("State type 'Pass' is not supported when a mock is specified");
    assertThatThrownBy(
            () ->
                test(
                    request ->
                        request
                            .definition(MOCKED_TASK)
                            .mock(
                                mock -> mock.result("{}").errorOutput(error -> error.error("E")))))
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith(
            "A test mock should have only one of the following fields: [result, errorOutput].");
    assertThatThrownBy(
            () ->
                test(
                    request ->
                        request
                            .definition(
                                """
                                {"Type": "Parallel", "Branches": [{"StartAt": "P", "States": {
                                  "P": {"Type": "Pass", "End": true}}}], "End": true}
                                """)
                            .roleArn(ROLE)))
        .isInstanceOf(InvalidDefinitionException.class)
        .hasMessageStartingWith(
            "TestState API does not support Map or Parallel states. Supported state types"
                + " include: [Task, Wait, Pass, Succeed, Fail, Choice]");
    // Without a mock, a task that would wait for a callback or a worker is refused: AWS's
    // TestState runs no such patterns; the wording of this refusal is ours.
    assertThatThrownBy(
            () ->
                test(
                    request ->
                        request
                            .definition(
                                "{\"Type\": \"Task\", \"Resource\":"
                                    + " \"arn:aws:states:::sqs:sendMessage.waitForTaskToken\","
                                    + " \"End\": true}")
                            .roleArn(ROLE)))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("only when a mock is specified");
    assertThatThrownBy(() -> test(request -> request.definition("{\"Type\": \"Teleport\"}")))
        .isInstanceOf(InvalidDefinitionException.class);
  }
}
