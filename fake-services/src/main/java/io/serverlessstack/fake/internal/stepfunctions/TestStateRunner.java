package io.serverlessstack.fake.internal.stepfunctions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.serverlessstack.fake.internal.clock.StackClock;
import io.serverlessstack.fake.internal.server.Ids;
import io.serverlessstack.fake.internal.server.Scope;
import io.serverlessstack.fake.internal.stepfunctions.asl.Definition;
import io.serverlessstack.fake.internal.stepfunctions.asl.JsonPathDataFlow;
import io.serverlessstack.fake.internal.stepfunctions.asl.State;
import io.serverlessstack.fake.internal.stepfunctions.asl.Variables;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.InspectionData;
import software.amazon.awssdk.services.sfn.model.InspectionErrorDetails;
import software.amazon.awssdk.services.sfn.model.InspectionLevel;
import software.amazon.awssdk.services.sfn.model.MockInput;
import software.amazon.awssdk.services.sfn.model.TestExecutionStatus;
import software.amazon.awssdk.services.sfn.model.TestStateRequest;
import software.amazon.awssdk.services.sfn.model.TestStateResponse;

/**
 * TestState: runs one state on the interpreter, with the stack's integrations (or the request's
 * mock), and reports what it did. The state runs in a state machine of its own in which every
 * transition leads to a Pass state that only marks where the state went, so that the interpreter
 * shapes the data, calls the task, matches Catch and fails exactly as it does in an execution; its
 * Retry is left out, because TestState reports a retriable error instead of retrying it. What the
 * interpreter's history does not hold (the data between InputPath, Parameters, ResultSelector and
 * ResultPath) is worked out with the same language library.
 */
final class TestStateRunner {

  /** The state's name when the definition is the state alone, as AWS names it. */
  static final String DEFAULT_STATE_NAME = "StateName";

  private static final String NEXT_MARK = "TestState-next-";
  private static final String CATCH_MARK = "TestState-catch-";

  /** What a mocked Map or Parallel state calls instead of running its iterations or branches. */
  private static final String MOCKED_RESOURCE = "arn:aws:states:::testState:mocked";

  private static final List<String> MAP_AND_PARALLEL_ONLY =
      List.of(
          "Branches",
          "Iterator",
          "ItemProcessor",
          "ItemsPath",
          "Items",
          "ItemSelector",
          "ItemReader",
          "ItemBatcher",
          "ResultWriter",
          "MaxConcurrency",
          "MaxConcurrencyPath",
          "ToleratedFailureCount",
          "ToleratedFailureCountPath",
          "ToleratedFailurePercentage",
          "ToleratedFailurePercentagePath",
          "Label");

  private final StackClock clock;
  private final Interpreter interpreter;

  TestStateRunner(StackClock clock, Interpreter interpreter) {
    this.clock = clock;
    this.interpreter = interpreter;
  }

  /** The state to test, as the request gives it. */
  private record Tested(String name, ObjectNode state, String queryLanguage) {}

  /** Where the tested state's transitions went in the machine it runs in. */
  private record Wrapped(String definition, List<String> nextTargets, List<String> catchTargets) {}

  CompletableFuture<TestStateResponse> run(TestStateRequest request, Scope scope, String baseUrl) {
    Tested tested = tested(request);
    String type = tested.state().path("Type").asText();
    MockInput mock = request.mock();
    checkRequest(request, tested, type, mock);
    Wrapped wrapped = wrap(tested);
    Definition definition = Definitions.parse(wrapped.definition());
    JsonNode input = input(request.input());

    String machineName = "TestState-" + Ids.randomUuid();
    String machineArn =
        "arn:aws:states:"
            + scope.region()
            + ":"
            + scope.accountId()
            + ":stateMachine:"
            + machineName;
    String roleArn =
        request.roleArn() != null
            ? request.roleArn()
            : "arn:aws:iam::" + scope.accountId() + ":role/TestState";
    StateMachine.Revision revision =
        new StateMachine.Revision(
            wrapped.definition(), definition, roleArn, Ids.randomUuid(), clock.now(), null, false);
    StateMachine machine =
        new StateMachine(scope, machineName, machineArn, true, clock.now(), revision);
    String executionName = Ids.randomUuid();
    Execution execution =
        new Execution(
            machine,
            revision,
            "arn:aws:states:"
                + scope.region()
                + ":"
                + scope.accountId()
                + ":express:"
                + machineName
                + ":"
                + executionName
                + ":"
                + Ids.randomUuid(),
            executionName,
            Payloads.text(input),
            input,
            clock.now(),
            null,
            baseUrl);
    if (mock != null) {
      execution.mocks = mockRun(machine, tested.name(), mock);
    }
    if (request.variables() != null) {
      execution.initialVariables = variables(request.variables());
    }
    // The request stays in flight, not parked: nothing in a tested state waits on the clock (Wait
    // and Retry do not run), so an idle-skipping clock must not jump to a task's timeout while a
    // function starts.
    interpreter.start(execution);
    return execution.ended.thenApply(
        outcome ->
            response(request, tested, type, definition.state(tested.name()), wrapped, execution));
  }

  // ---- the request

  private static Tested tested(TestStateRequest request) {
    if (request.definition() == null) {
      throw StepFunctionsErrors.validation(
          "1 validation error detected: Value null at 'definition' failed to satisfy constraint:"
              + " Member must not be null");
    }
    JsonNode definition;
    try {
      definition = Payloads.parse(request.definition());
    } catch (JsonProcessingException e) {
      throw StepFunctionsErrors.invalidDefinition(
          "Invalid State Machine Definition: 'INVALID_JSON_DESCRIPTION: "
              + e.getOriginalMessage()
              + "'");
    }
    if (!definition.isObject()) {
      throw StepFunctionsErrors.invalidDefinition(
          "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: The state definition is"
              + " not a JSON object'");
    }
    if (request.stateName() == null) {
      return new Tested(
          DEFAULT_STATE_NAME,
          ((ObjectNode) definition).deepCopy(),
          definition.path("QueryLanguage").asText(null));
    }
    // A whole state machine, and the name of one of its top-level states.
    JsonNode state = definition.path("States").path(request.stateName());
    if (!state.isObject()) {
      throw StepFunctionsErrors.validation(
          "State '" + request.stateName() + "' does not exist in the state machine definition");
    }
    String queryLanguage =
        state.has("QueryLanguage")
            ? state.path("QueryLanguage").asText()
            : definition.path("QueryLanguage").asText(null);
    return new Tested(request.stateName(), ((ObjectNode) state).deepCopy(), queryLanguage);
  }

  private static void checkRequest(
      TestStateRequest request, Tested tested, String type, MockInput mock) {
    if ((type.equals("Map") || type.equals("Parallel")) && mock == null) {
      throw StepFunctionsErrors.invalidDefinition(
          "TestState API does not support Map or Parallel states. Supported state types include:"
              + " [Task, Wait, Pass, Succeed, Fail, Choice]");
    }
    if (mock != null) {
      if (type.equals("Pass") || type.equals("Fail") || type.equals("Succeed")) {
        throw StepFunctionsErrors.validation(
            "State type '" + type + "' is not supported when a mock is specified");
      }
      if (Boolean.TRUE.equals(request.revealSecrets())) {
        throw StepFunctionsErrors.validation(
            "TestState does not support RevealSecrets when a mock is specified.");
      }
      if (mock.result() != null && mock.errorOutput() != null) {
        throw StepFunctionsErrors.validation(
            "A test mock should have only one of the following fields: [result, errorOutput].");
      }
      if (mock.result() != null && Payloads.parseOrNull(mock.result()) == null) {
        throw StepFunctionsErrors.validation("Mocked result must be valid JSON");
      }
      JsonNode result = mock.result() == null ? null : Payloads.parseOrNull(mock.result());
      if (type.equals("Map") && result != null) {
        boolean writes = tested.state().has("ResultWriter");
        if (writes && !result.isObject()) {
          throw StepFunctionsErrors.validation("Mocked result must be a JSON object.");
        }
        if (!writes && !result.isArray()) {
          throw StepFunctionsErrors.validation("Mocked result must be an array.");
        }
      }
      if (type.equals("Parallel") && result != null) {
        if (!result.isArray()) {
          throw StepFunctionsErrors.validation("Mocked result must be an array.");
        }
        if (result.size() != tested.state().path("Branches").size()) {
          throw StepFunctionsErrors.validation(
              "Mocked result must contain the same number of items as number of Parallel"
                  + " branches.");
        }
      }
    }
    if (type.equals("Task") && mock == null) {
      if (request.roleArn() == null) {
        throw StepFunctionsErrors.validation("RoleArn must be specified when testing a Task state");
      }
      TaskResource resource = TaskResource.parse(tested.state().path("Resource").asText(""));
      if (resource.kind() == TaskResource.Kind.ACTIVITY || !resource.pattern().isEmpty()) {
        // Such a task would wait for a worker or a callback that a TestState call never gets.
        throw StepFunctionsErrors.validation(
            "TestState supports activities and the .sync and .waitForTaskToken integration"
                + " patterns only when a mock is specified");
      }
    }
  }

  private static JsonNode input(String text) {
    if (text == null) {
      return Payloads.NODES.objectNode();
    }
    try {
      return Payloads.parse(text);
    } catch (JsonProcessingException e) {
      throw StepFunctionsErrors.invalidInput(e.getOriginalMessage());
    }
  }

  /** The workflow variables the state sees, from a JSON object of names to values. */
  private static Variables variables(String json) {
    JsonNode parsed = Payloads.parseOrNull(json);
    if (parsed == null || !parsed.isObject()) {
      // Our wording: AWS's message for variables that are not a JSON object is not recorded.
      throw StepFunctionsErrors.validation("Variables must be a JSON object of names to values");
    }
    Map<String, JsonNode> values = new LinkedHashMap<>();
    parsed.properties().forEach(entry -> values.put(entry.getKey(), entry.getValue()));
    try {
      return Variables.root().assignAll(values);
    } catch (RuntimeException tooLarge) {
      throw StepFunctionsErrors.validation(tooLarge.getMessage());
    }
  }

  /** The request's mock as a Step Functions Local style test case of the state alone. */
  private static StepFunctionsMocks.Run mockRun(
      StateMachine machine, String state, MockInput mock) {
    ObjectNode response = Payloads.NODES.objectNode();
    if (mock.errorOutput() != null) {
      ObjectNode thrown = response.putObject("Throw");
      thrown.put("Error", mock.errorOutput().error() == null ? "" : mock.errorOutput().error());
      if (mock.errorOutput().cause() != null) {
        thrown.put("Cause", mock.errorOutput().cause());
      }
    } else {
      response.set("Return", Payloads.parseOrNull(mock.result()));
    }
    ObjectNode config = Payloads.NODES.objectNode();
    config
        .putObject("StateMachines")
        .putObject(machine.name)
        .putObject("TestCases")
        .putObject("Mocked")
        .put(state, "Mock");
    config.putObject("MockedResponses").putObject("Mock").set("0", response);
    StepFunctionsMocks mocks = new StepFunctionsMocks();
    mocks.use(StepFunctionsMockConfig.parse(Payloads.text(config)));
    return mocks.start(machine, "Mocked").mockingActivities();
  }

  // ---- the machine the state runs in

  private static Wrapped wrap(Tested tested) {
    ObjectNode state = tested.state();
    List<String> nextTargets = new ArrayList<>();
    List<String> catchTargets = new ArrayList<>();
    state.remove("Retry");
    String type = state.path("Type").asText();
    if (type.equals("Map") || type.equals("Parallel")) {
      // Mocked (checked before): the mock stands for the iterations or the branches, so the state
      // runs as a task whose call the mock answers, with the same data flow around its result.
      state.put("Type", "Task");
      state.put("Resource", MOCKED_RESOURCE);
      state.remove(MAP_AND_PARALLEL_ONLY);
      if (type.equals("Map")) {
        state.remove("Parameters"); // a Map's Parameters shape each item, not the state's input
      }
    }
    if (type.equals("Wait")) {
      // TestState does not wait: the state's data flow is a Pass state's without a result.
      state.put("Type", "Pass");
      state.remove(List.of("Seconds", "SecondsPath", "Timestamp", "TimestampPath"));
    }
    if (state.has("Next")) {
      state.put("Next", mark(NEXT_MARK, state.path("Next").asText(), nextTargets));
    }
    if (state.has("Default")) {
      state.put("Default", mark(NEXT_MARK, state.path("Default").asText(), nextTargets));
    }
    for (JsonNode rule : state.path("Choices")) {
      if (rule instanceof ObjectNode choice && choice.has("Next")) {
        choice.put("Next", mark(NEXT_MARK, choice.path("Next").asText(), nextTargets));
      }
    }
    for (JsonNode catcher : state.path("Catch")) {
      if (catcher instanceof ObjectNode entry) {
        catchTargets.add(entry.path("Next").asText());
        entry.put("Next", CATCH_MARK + (catchTargets.size() - 1));
      }
    }
    ObjectNode machine = Payloads.NODES.objectNode();
    if (tested.queryLanguage() != null) {
      machine.put("QueryLanguage", tested.queryLanguage());
    }
    machine.put("StartAt", tested.name());
    ObjectNode states = machine.putObject("States");
    states.set(tested.name(), state);
    for (int i = 0; i < nextTargets.size(); i++) {
      states.set(NEXT_MARK + i, marker());
    }
    for (int i = 0; i < catchTargets.size(); i++) {
      states.set(CATCH_MARK + i, marker());
    }
    return new Wrapped(Payloads.text(machine), nextTargets, catchTargets);
  }

  private static String mark(String prefix, String target, List<String> targets) {
    int index = targets.indexOf(target);
    if (index < 0) {
      targets.add(target);
      index = targets.size() - 1;
    }
    return prefix + index;
  }

  private static ObjectNode marker() {
    ObjectNode pass = Payloads.NODES.objectNode();
    pass.put("Type", "Pass");
    pass.put("End", true);
    return pass;
  }

  // ---- the answer

  private TestStateResponse response(
      TestStateRequest request,
      Tested tested,
      String type,
      State state,
      Wrapped wrapped,
      Execution execution) {
    List<HistoryEvent> events = new ArrayList<>();
    for (History.Event event : execution.history.events()) {
      events.add(event.toSdk(true));
    }
    Execution.Outcome outcome = execution.outcome();
    String failedError = null;
    String failedCause = null;
    for (HistoryEvent event : events) {
      if (event.type() == HistoryEventType.TASK_FAILED) {
        failedError = event.taskFailedEventDetails().error();
        failedCause = event.taskFailedEventDetails().cause();
      } else if (event.type() == HistoryEventType.LAMBDA_FUNCTION_FAILED) {
        failedError = event.lambdaFunctionFailedEventDetails().error();
        failedCause = event.lambdaFunctionFailedEventDetails().cause();
      }
    }
    HistoryEvent lastEntered = null;
    HistoryEvent testedExited = null;
    for (HistoryEvent event : events) {
      if (event.stateEnteredEventDetails() != null) {
        lastEntered = event;
      }
      if (event.stateExitedEventDetails() != null
          && event.stateExitedEventDetails().name().equals(tested.name())) {
        testedExited = event;
      }
    }
    String wentTo =
        lastEntered == null ? tested.name() : lastEntered.stateEnteredEventDetails().name();

    TestStateResponse.Builder response = TestStateResponse.builder();
    InspectionErrorDetails.Builder errorDetails = null;
    String error = outcome.error();
    String cause = outcome.cause();
    boolean caught = wentTo.startsWith(CATCH_MARK);
    if (caught) {
      error = failedError;
      cause = failedCause;
    }
    TestExecutionStatus status;
    Integer retryIndex = error == null ? null : retrier(request, state, error);
    if ((outcome.status() == Execution.Status.FAILED || caught) && retryIndex != null) {
      State.Retrier retrier = retriersOf(request, state).get(retryIndex);
      status = TestExecutionStatus.RETRIABLE;
      response.error(error).cause(cause).nextState(tested.name());
      int attempt = retryCount(request);
      errorDetails =
          InspectionErrorDetails.builder()
              .retryIndex(retryIndex)
              .retryBackoffIntervalSeconds(
                  (int) Errors.backoff(retrier, attempt, new java.util.Random()).toSeconds());
    } else if (caught) {
      int catchIndex = Integer.parseInt(wentTo.substring(CATCH_MARK.length()));
      status = TestExecutionStatus.CAUGHT_ERROR;
      response
          .error(error)
          .cause(cause)
          .nextState(wrapped.catchTargets().get(catchIndex))
          .output(testedExited == null ? null : testedExited.stateExitedEventDetails().output());
      errorDetails = InspectionErrorDetails.builder().catchIndex(catchIndex);
    } else if (outcome.status() == Execution.Status.SUCCEEDED) {
      status = TestExecutionStatus.SUCCEEDED;
      response.output(Payloads.text(outcome.output()));
      if (wentTo.startsWith(NEXT_MARK)) {
        response.nextState(
            wrapped.nextTargets().get(Integer.parseInt(wentTo.substring(NEXT_MARK.length()))));
      }
    } else {
      status = TestExecutionStatus.FAILED;
      response.error(error).cause(cause);
    }
    response.status(status);
    InspectionLevel level =
        request.inspectionLevel() == null ? InspectionLevel.INFO : request.inspectionLevel();
    if (level != InspectionLevel.INFO) {
      InspectionData.Builder inspection = inspection(state, type, execution, events);
      if (errorDetails != null) {
        inspection.errorDetails(errorDetails.build());
      }
      response.inspectionData(inspection.build());
    }
    return response.build();
  }

  /** The index of the retrier that would retry {@code error} once more, or {@code null}. */
  private static Integer retrier(TestStateRequest request, State tested, String error) {
    List<State.Retrier> retriers = retriersOf(request, tested);
    for (int i = 0; i < retriers.size(); i++) {
      if (Errors.matches(retriers.get(i).errorEquals(), error, true)) {
        return retryCount(request) < retriers.get(i).maxAttempts() ? i : null;
      }
    }
    return null;
  }

  /** The Retry of the state as the request defines it (the running copy has none). */
  private static List<State.Retrier> retriersOf(TestStateRequest request, State tested) {
    Tested original = tested(request);
    String type = original.state().path("Type").asText();
    if (!type.equals("Task") && !type.equals("Map") && !type.equals("Parallel")) {
      return List.of();
    }
    ObjectNode alone = Payloads.NODES.objectNode();
    if (original.queryLanguage() != null) {
      alone.put("QueryLanguage", original.queryLanguage());
    }
    alone.put("StartAt", original.name());
    ObjectNode state = original.state();
    state.remove(List.of("Next", "Catch"));
    state.put("End", true);
    alone.putObject("States").set(original.name(), state);
    State parsed = Definition.parse(alone).state(original.name());
    if (parsed instanceof State.Task task) {
      return task.errors().retry();
    }
    if (parsed instanceof State.MapState map) {
      return map.errors().retry();
    }
    return parsed instanceof State.Parallel parallel ? parallel.errors().retry() : List.of();
  }

  private static int retryCount(TestStateRequest request) {
    return request.stateConfiguration() == null
            || request.stateConfiguration().retrierRetryCount() == null
        ? 0
        : request.stateConfiguration().retrierRetryCount();
  }

  /**
   * The data at each step of the state, for DEBUG and TRACE: the task's parameters and result from
   * the history, the steps between them worked out as the interpreter works them.
   */
  private static InspectionData.Builder inspection(
      State state, String type, Execution execution, List<HistoryEvent> events) {
    InspectionData.Builder inspection = InspectionData.builder();
    JsonNode input = execution.input;
    inspection.input(Payloads.text(input));
    String parameters = null;
    String result = null;
    for (HistoryEvent event : events) {
      if (event.taskScheduledEventDetails() != null) {
        parameters = event.taskScheduledEventDetails().parameters();
      } else if (event.lambdaFunctionScheduledEventDetails() != null) {
        parameters = event.lambdaFunctionScheduledEventDetails().input();
      } else if (event.taskSucceededEventDetails() != null) {
        result = event.taskSucceededEventDetails().output();
      } else if (event.lambdaFunctionSucceededEventDetails() != null) {
        result = event.lambdaFunctionSucceededEventDetails().output();
      }
    }
    State.Common common = state.common();
    if (state.jsonata()) {
      if (parameters != null) {
        inspection.afterArguments(parameters);
      }
      if (result != null) {
        inspection.result(result);
      }
      return inspection;
    }
    try {
      boolean passWithResult = state instanceof State.Pass pass && pass.result() != null;
      JsonNode effective = JsonPathDataFlow.select(input, common.inputPath());
      if (!passWithResult) {
        inspection.afterInputPath(Payloads.text(effective));
      }
      JsonNode context = context(execution, state);
      JsonNode shaped;
      if (state instanceof State.Task) {
        if (parameters == null) {
          return inspection;
        }
        if (!type.equals("Map")) {
          inspection.afterParameters(parameters);
        }
        if (result == null) {
          return inspection;
        }
        inspection.result(result);
        JsonNode resultNode = Payloads.parse(result);
        shaped =
            common.resultSelector() == null
                ? resultNode
                : common.resultSelector().apply(resultNode, context);
      } else if (state instanceof State.Pass pass) {
        if (passWithResult) {
          inspection.result(Payloads.text(pass.result()));
          shaped = pass.result();
        } else {
          shaped =
              common.parameters() == null
                  ? effective
                  : common.parameters().apply(effective, context);
          inspection.afterParameters(Payloads.text(shaped));
        }
      } else {
        return inspection;
      }
      inspection.afterResultSelector(Payloads.text(shaped));
      inspection.afterResultPath(
          Payloads.text(JsonPathDataFlow.applyResultPath(input, shaped, common.resultPath())));
    } catch (JsonProcessingException | RuntimeException failed) {
      // The state failed at this step: the data so far is all there is.
    }
    return inspection;
  }

  private static JsonNode context(Execution execution, State state) {
    ObjectNode context = Payloads.NODES.objectNode();
    context.set("Execution", execution.contextExecution);
    context.set("StateMachine", execution.contextStateMachine);
    ObjectNode stateNode = context.putObject("State");
    stateNode.put("EnteredTime", Timestamps.format(execution.started));
    stateNode.put("Name", state.name());
    stateNode.put("RetryCount", 0);
    return context;
  }
}
