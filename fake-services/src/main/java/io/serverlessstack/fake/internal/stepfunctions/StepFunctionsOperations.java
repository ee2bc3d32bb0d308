package io.serverlessstack.fake.internal.stepfunctions;

import io.serverlessstack.api.ExecutionView;
import io.serverlessstack.api.StackDefaults;
import io.serverlessstack.api.StateMachineView;
import io.serverlessstack.fake.internal.protocol.AwsJsonBinding;
import io.serverlessstack.fake.internal.protocol.ModelViolations;
import io.serverlessstack.fake.internal.server.AwsService;
import io.serverlessstack.fake.internal.server.RequestContext;
import io.serverlessstack.fake.internal.server.ResourceCollection;
import io.serverlessstack.fake.internal.server.Scope;
import io.serverlessstack.fake.internal.stepfunctions.asl.DefinitionValidator;
import io.serverlessstack.fake.internal.stepfunctions.asl.Diagnostic;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import software.amazon.awssdk.services.sfn.model.CloudWatchEventsExecutionDataDetails;
import software.amazon.awssdk.services.sfn.model.CreateStateMachineRequest;
import software.amazon.awssdk.services.sfn.model.CreateStateMachineResponse;
import software.amazon.awssdk.services.sfn.model.DeleteStateMachineRequest;
import software.amazon.awssdk.services.sfn.model.DeleteStateMachineResponse;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionRequest;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.DescribeStateMachineForExecutionRequest;
import software.amazon.awssdk.services.sfn.model.DescribeStateMachineForExecutionResponse;
import software.amazon.awssdk.services.sfn.model.DescribeStateMachineRequest;
import software.amazon.awssdk.services.sfn.model.DescribeStateMachineResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.GetExecutionHistoryRequest;
import software.amazon.awssdk.services.sfn.model.GetExecutionHistoryResponse;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.ListExecutionsRequest;
import software.amazon.awssdk.services.sfn.model.ListExecutionsResponse;
import software.amazon.awssdk.services.sfn.model.ListStateMachinesRequest;
import software.amazon.awssdk.services.sfn.model.ListStateMachinesResponse;
import software.amazon.awssdk.services.sfn.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.sfn.model.ListTagsForResourceResponse;
import software.amazon.awssdk.services.sfn.model.LogDestination;
import software.amazon.awssdk.services.sfn.model.LoggingConfiguration;
import software.amazon.awssdk.services.sfn.model.SendTaskFailureRequest;
import software.amazon.awssdk.services.sfn.model.SendTaskFailureResponse;
import software.amazon.awssdk.services.sfn.model.SendTaskHeartbeatRequest;
import software.amazon.awssdk.services.sfn.model.SendTaskHeartbeatResponse;
import software.amazon.awssdk.services.sfn.model.SendTaskSuccessRequest;
import software.amazon.awssdk.services.sfn.model.SendTaskSuccessResponse;
import software.amazon.awssdk.services.sfn.model.StartExecutionRequest;
import software.amazon.awssdk.services.sfn.model.StartExecutionResponse;
import software.amazon.awssdk.services.sfn.model.StartSyncExecutionRequest;
import software.amazon.awssdk.services.sfn.model.StartSyncExecutionResponse;
import software.amazon.awssdk.services.sfn.model.StateMachineListItem;
import software.amazon.awssdk.services.sfn.model.StopExecutionRequest;
import software.amazon.awssdk.services.sfn.model.StopExecutionResponse;
import software.amazon.awssdk.services.sfn.model.Tag;
import software.amazon.awssdk.services.sfn.model.TagResourceRequest;
import software.amazon.awssdk.services.sfn.model.TagResourceResponse;
import software.amazon.awssdk.services.sfn.model.TestStateRequest;
import software.amazon.awssdk.services.sfn.model.TestStateResponse;
import software.amazon.awssdk.services.sfn.model.TracingConfiguration;
import software.amazon.awssdk.services.sfn.model.UntagResourceRequest;
import software.amazon.awssdk.services.sfn.model.UntagResourceResponse;
import software.amazon.awssdk.services.sfn.model.UpdateStateMachineRequest;
import software.amazon.awssdk.services.sfn.model.UpdateStateMachineResponse;
import software.amazon.awssdk.services.sfn.model.ValidateStateMachineDefinitionDiagnostic;
import software.amazon.awssdk.services.sfn.model.ValidateStateMachineDefinitionRequest;
import software.amazon.awssdk.services.sfn.model.ValidateStateMachineDefinitionResponse;

/**
 * Step Functions' operations over awsJson 1.0: each checks the request as AWS's model does, calls
 * the {@link StepFunctionsEngine} and builds the SDK's response.
 */
public final class StepFunctionsOperations {

  private static final int MAX_DEFINITION = 1_048_576;
  private static final int DEFAULT_PAGE = 100;
  private static final int MAX_PAGE = 1000;
  private static final CloudWatchEventsExecutionDataDetails INCLUDED =
      CloudWatchEventsExecutionDataDetails.builder().included(true).build();

  private final StepFunctionsEngine engine;

  private StepFunctionsOperations(StepFunctionsEngine engine) {
    this.engine = engine;
  }

  public static AwsService service(StepFunctionsEngine engine) {
    StepFunctionsOperations ops = new StepFunctionsOperations(engine);
    AwsService.Builder service =
        AwsService.builder("states")
            .engine(engine)
            .resets(engine::reset)
            .closes(engine::close)
            .declares(StateMachineView.TYPE, ops::declareMachine)
            .inspects(
                new ResourceCollection(
                    "statemachines",
                    StateMachineView.TYPE,
                    baseUrl -> engine.inspectMachines(),
                    (baseUrl, nameOrArn) -> engine.inspectMachine(nameOrArn)))
            .inspects(
                new ResourceCollection(
                    "executions",
                    ExecutionView.TYPE,
                    baseUrl -> engine.inspectExecutions(),
                    (baseUrl, arn) -> engine.inspectExecution(arn)))
            .speaks(AwsJsonBinding.awsJson1_0(StepFunctionsPlugin.TARGET_PREFIX))
            .operation("CreateStateMachine", CreateStateMachineRequest::builder, ops::create)
            .operation("DescribeStateMachine", DescribeStateMachineRequest::builder, ops::describe)
            .operation("ListStateMachines", ListStateMachinesRequest::builder, ops::list)
            .operation("UpdateStateMachine", UpdateStateMachineRequest::builder, ops::update)
            .operation("DeleteStateMachine", DeleteStateMachineRequest::builder, ops::delete)
            .operation("StartExecution", StartExecutionRequest::builder, ops::start)
            .asyncOperation(
                "StartSyncExecution", StartSyncExecutionRequest::builder, ops::startSync)
            .operation("StopExecution", StopExecutionRequest::builder, ops::stop)
            .operation(
                "DescribeExecution", DescribeExecutionRequest::builder, ops::describeExecution)
            .operation("ListExecutions", ListExecutionsRequest::builder, ops::listExecutions)
            .operation("GetExecutionHistory", GetExecutionHistoryRequest::builder, ops::history)
            .operation(
                "DescribeStateMachineForExecution",
                DescribeStateMachineForExecutionRequest::builder,
                ops::machineForExecution)
            .operation("SendTaskSuccess", SendTaskSuccessRequest::builder, ops::taskSuccess)
            .operation("SendTaskFailure", SendTaskFailureRequest::builder, ops::taskFailure)
            .operation("SendTaskHeartbeat", SendTaskHeartbeatRequest::builder, ops::taskHeartbeat)
            .operation(
                "ValidateStateMachineDefinition",
                ValidateStateMachineDefinitionRequest::builder,
                ops::validate)
            .asyncOperation("TestState", TestStateRequest::builder, ops::testState)
            .operation("TagResource", TagResourceRequest::builder, ops::tag)
            .operation("UntagResource", UntagResourceRequest::builder, ops::untag)
            .operation("ListTagsForResource", ListTagsForResourceRequest::builder, ops::tags);
    VersionOperations.register(service, engine);
    ActivityOperations.register(service, engine);
    MapRunOperations.register(service, engine);
    return service.build();
  }

  // ---- state machines

  /**
   * A state machine declared before the tests (the JUnit extension's {@code @StateMachine}, the
   * standalone server): attributes {@code Definition} (required), {@code Type} ({@code STANDARD} or
   * {@code EXPRESS}), {@code RoleArn}, {@code AccountId} and {@code Region}.
   */
  private void declareMachine(String name, Map<String, String> attributes) {
    Scope scope =
        new Scope(
            attributes.getOrDefault("AccountId", StackDefaults.ACCOUNT_ID),
            attributes.getOrDefault("Region", StackDefaults.REGION));
    String type = attributes.getOrDefault("Type", "STANDARD");
    if (!type.equals("STANDARD") && !type.equals("EXPRESS")) {
      throw new IllegalArgumentException(
          "State machine " + name + ": Type is STANDARD or EXPRESS, not " + type);
    }
    String definition = attributes.get("Definition");
    if (definition == null) {
      throw new IllegalArgumentException("State machine " + name + " needs a Definition");
    }
    String roleArn =
        attributes.getOrDefault(
            "RoleArn", "arn:aws:iam::" + scope.accountId() + ":role/" + name + "-role");
    engine.create(
        scope,
        new StepFunctionsEngine.MachineRequest(
            name, definition, roleArn, type.equals("EXPRESS"), null, false, Map.of()));
  }

  private CreateStateMachineResponse create(
      CreateStateMachineRequest request, RequestContext context) {
    new ModelViolations()
        .length("name", request.name(), 1, 80)
        .length("definition", request.definition(), 1, MAX_DEFINITION)
        .length("roleArn", request.roleArn(), 1, 256)
        .required("name", request.name())
        .required("definition", request.definition())
        .required("roleArn", request.roleArn())
        .throwIfAny();
    VersionOperations.checkVersionDescription(request.publish(), request.versionDescription());
    Map<String, String> tags = new LinkedHashMap<>();
    request.tags().forEach(tag -> tags.put(tag.key(), tag.value()));
    StateMachine machine =
        engine.create(
            context.scope(),
            new StepFunctionsEngine.MachineRequest(
                request.name(),
                request.definition(),
                request.roleArn(),
                "EXPRESS".equals(request.typeAsString()),
                null,
                request.tracingConfiguration() != null
                    && Boolean.TRUE.equals(request.tracingConfiguration().enabled()),
                tags));
    MachineVersions.Version version =
        Boolean.TRUE.equals(request.publish())
            ? engine.publish(machine, null, request.versionDescription())
            : null;
    return CreateStateMachineResponse.builder()
        .stateMachineArn(machine.arn)
        .creationDate(machine.created)
        .stateMachineVersionArn(version == null ? null : version.arn())
        .build();
  }

  private DescribeStateMachineResponse describe(
      DescribeStateMachineRequest request, RequestContext context) {
    MachineVersions.Target target = engine.target(request.stateMachineArn());
    if (target.alias() != null) {
      // Guess: DescribeStateMachine takes machine and version ARNs only.
      throw StepFunctionsErrors.stateMachineNotFound(request.stateMachineArn());
    }
    StateMachine machine = target.machine();
    MachineVersions.Version version = target.version();
    StateMachine.Revision revision = target.revision();
    return DescribeStateMachineResponse.builder()
        .stateMachineArn(version == null ? machine.arn : version.arn())
        .description(version == null ? null : version.description())
        .name(machine.name)
        .status(machine.deleting ? "DELETING" : "ACTIVE")
        .definition(revision.definitionText())
        .roleArn(revision.roleArn())
        .type(machine.type())
        .creationDate(version == null ? machine.created : version.created())
        .loggingConfiguration(logging())
        .tracingConfiguration(TracingConfiguration.builder().enabled(revision.tracing()).build())
        .revisionId(revision.revisionId())
        .build();
  }

  private static LoggingConfiguration logging() {
    return LoggingConfiguration.builder()
        .level("OFF")
        .includeExecutionData(false)
        .destinations(List.<LogDestination>of())
        .build();
  }

  private ListStateMachinesResponse list(ListStateMachinesRequest request, RequestContext context) {
    List<StateMachineListItem> items = new ArrayList<>();
    for (StateMachine machine : engine.machines(context.scope())) {
      items.add(
          StateMachineListItem.builder()
              .stateMachineArn(machine.arn)
              .name(machine.name)
              .type(machine.type())
              .creationDate(machine.created)
              .build());
    }
    Page<StateMachineListItem> page = Page.of(items, request.maxResults(), request.nextToken());
    return ListStateMachinesResponse.builder()
        .stateMachines(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  private ValidateStateMachineDefinitionResponse validate(
      ValidateStateMachineDefinitionRequest request, RequestContext context) {
    new ModelViolations()
        .length("definition", request.definition(), 1, MAX_DEFINITION)
        .required("definition", request.definition())
        .range("maxResults", request.maxResults(), 0, 100)
        .throwIfAny();
    DefinitionValidator.Report report =
        DefinitionValidator.report(
            DefinitionValidator.validate(request.definition()),
            request.severityAsString(),
            request.maxResults());
    List<ValidateStateMachineDefinitionDiagnostic> diagnostics = new ArrayList<>();
    for (Diagnostic diagnostic : report.diagnostics()) {
      diagnostics.add(
          ValidateStateMachineDefinitionDiagnostic.builder()
              .severity(diagnostic.severity())
              .code(diagnostic.code())
              .message(diagnostic.message())
              .location(diagnostic.location())
              .build());
    }
    return ValidateStateMachineDefinitionResponse.builder()
        .result(report.result())
        .diagnostics(diagnostics)
        .truncated(report.truncated())
        .build();
  }

  private UpdateStateMachineResponse update(
      UpdateStateMachineRequest request, RequestContext context) {
    if (request.definition() == null
        && request.roleArn() == null
        && request.loggingConfiguration() == null
        && request.tracingConfiguration() == null) {
      throw StepFunctionsErrors.error(
          "MissingRequiredParameter",
          "Either the definition, the role ARN, the LoggingConfiguration, or the"
              + " TracingConfiguration must be specified");
    }
    VersionOperations.checkVersionDescription(request.publish(), request.versionDescription());
    StateMachine machine =
        engine.update(request.stateMachineArn(), request.definition(), request.roleArn());
    StateMachine.Revision revision = machine.current();
    MachineVersions.Version version =
        Boolean.TRUE.equals(request.publish())
            ? engine.publish(machine, null, request.versionDescription())
            : null;
    return UpdateStateMachineResponse.builder()
        .updateDate(revision.updated())
        .revisionId(revision.revisionId())
        .stateMachineVersionArn(version == null ? null : version.arn())
        .build();
  }

  private DeleteStateMachineResponse delete(
      DeleteStateMachineRequest request, RequestContext context) {
    engine.delete(request.stateMachineArn());
    return DeleteStateMachineResponse.builder().build();
  }

  // ---- executions

  private StartExecutionResponse start(StartExecutionRequest request, RequestContext context) {
    Execution execution =
        engine.start(
            new StepFunctionsEngine.StartRequest(
                request.stateMachineArn(),
                request.name(),
                request.input(),
                request.traceHeader(),
                context.baseUrl()),
            false);
    return StartExecutionResponse.builder()
        .executionArn(execution.arn)
        .startDate(execution.started)
        .build();
  }

  private CompletionStage<StartSyncExecutionResponse> startSync(
      StartSyncExecutionRequest request, RequestContext context) {
    Execution execution =
        engine.start(
            new StepFunctionsEngine.StartRequest(
                request.stateMachineArn(),
                request.name(),
                request.input(),
                request.traceHeader(),
                context.baseUrl()),
            true);
    if (!execution.isOver()) {
      context.inFlight().park("StartSyncExecution of " + execution.machine.name);
    }
    CompletableFuture<Execution.Outcome> ended = execution.ended;
    return ended.thenApply(
        outcome -> {
          context.inFlight().resume();
          StartSyncExecutionResponse.Builder response =
              StartSyncExecutionResponse.builder()
                  .executionArn(execution.arn)
                  .stateMachineArn(execution.machine.arn)
                  .name(execution.name)
                  .startDate(execution.started)
                  .stopDate(outcome.stopped())
                  .status(outcome.status().name())
                  .input(execution.inputText)
                  .inputDetails(INCLUDED)
                  .traceHeader(execution.traceHeader)
                  .error(outcome.error())
                  .cause(outcome.cause());
          if (outcome.output() != null) {
            response.output(Payloads.text(outcome.output())).outputDetails(INCLUDED);
          }
          return response.build();
        });
  }

  private CompletionStage<TestStateResponse> testState(
      TestStateRequest request, RequestContext context) {
    return engine.testState(request, context.scope(), context.baseUrl());
  }

  private StopExecutionResponse stop(StopExecutionRequest request, RequestContext context) {
    Execution execution = engine.stop(request.executionArn(), request.error(), request.cause());
    Execution.Outcome outcome = execution.outcome();
    return StopExecutionResponse.builder()
        .stopDate(outcome == null ? null : outcome.stopped())
        .build();
  }

  private DescribeExecutionResponse describeExecution(
      DescribeExecutionRequest request, RequestContext context) {
    Execution execution = engine.execution(request.executionArn());
    Execution.Outcome outcome = execution.outcome();
    DescribeExecutionResponse.Builder response =
        DescribeExecutionResponse.builder()
            .executionArn(execution.arn)
            .stateMachineArn(execution.machine.arn)
            .name(execution.name)
            // from the outcome read once: an execution ending meanwhile must not show SUCCEEDED
            // without its output
            .status(outcome == null ? Execution.Status.RUNNING.name() : outcome.status().name())
            .startDate(execution.started)
            .input(execution.inputText)
            .inputDetails(INCLUDED)
            .traceHeader(execution.traceHeader)
            .stateMachineVersionArn(execution.versionArn)
            .stateMachineAliasArn(execution.aliasArn)
            .redriveCount(execution.redriveCount)
            .redriveDate(execution.redriveDate)
            .mapRunArn(execution.mapRunArn);
    String notRedrivable = Redrives.notRedrivableReason(execution, engine.now());
    response
        .redriveStatus(notRedrivable == null ? "REDRIVABLE" : "NOT_REDRIVABLE")
        .redriveStatusReason(notRedrivable);
    if (outcome != null) {
      response.stopDate(outcome.stopped()).error(outcome.error()).cause(outcome.cause());
      if (outcome.output() != null) {
        response.output(Payloads.text(outcome.output())).outputDetails(INCLUDED);
      }
    }
    return response.build();
  }

  private ListExecutionsResponse listExecutions(
      ListExecutionsRequest request, RequestContext context) {
    if (request.mapRunArn() != null) {
      return MapRunOperations.listChildren(engine, request);
    }
    // A version or alias ARN lists the executions started through it.
    String qualifiedArn = request.stateMachineArn();
    MachineVersions.Target target = engine.target(qualifiedArn);
    StateMachine machine = target.machine();
    List<ExecutionListItem> items = new ArrayList<>();
    for (Execution execution : engine.executions(machine)) {
      if (request.statusFilter() != null
          && !request.statusFilterAsString().equals(execution.status().name())) {
        continue;
      }
      if (target.alias() != null
          ? !qualifiedArn.equals(execution.aliasArn)
          : target.version() != null && !qualifiedArn.equals(execution.versionArn)) {
        continue;
      }
      if (request.redriveFilter() != null
          && ("REDRIVEN".equals(request.redriveFilterAsString())) != (execution.redriveCount > 0)) {
        continue;
      }
      Execution.Outcome outcome = execution.outcome();
      items.add(
          ExecutionListItem.builder()
              .executionArn(execution.arn)
              .stateMachineArn(machine.arn)
              .name(execution.name)
              .status(execution.status().name())
              .startDate(execution.started)
              .stopDate(outcome == null ? null : outcome.stopped())
              .stateMachineVersionArn(execution.versionArn)
              .stateMachineAliasArn(execution.aliasArn)
              .redriveCount(execution.redriveCount)
              .redriveDate(execution.redriveDate)
              .build());
    }
    Page<ExecutionListItem> page = Page.of(items, request.maxResults(), request.nextToken());
    return ListExecutionsResponse.builder()
        .executions(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  private GetExecutionHistoryResponse history(
      GetExecutionHistoryRequest request, RequestContext context) {
    Execution execution = engine.execution(request.executionArn());
    List<History.Event> events = new ArrayList<>(execution.history.events());
    if (Boolean.TRUE.equals(request.reverseOrder())) {
      java.util.Collections.reverse(events);
    }
    Page<History.Event> page = Page.of(events, request.maxResults(), request.nextToken());
    boolean withData = !Boolean.FALSE.equals(request.includeExecutionData());
    List<HistoryEvent> sdk = new ArrayList<>(page.items().size());
    for (History.Event event : page.items()) {
      sdk.add(event.toSdk(withData));
    }
    return GetExecutionHistoryResponse.builder().events(sdk).nextToken(page.nextToken()).build();
  }

  private DescribeStateMachineForExecutionResponse machineForExecution(
      DescribeStateMachineForExecutionRequest request, RequestContext context) {
    Execution execution = engine.execution(request.executionArn());
    StateMachine.Revision revision = execution.revision;
    return DescribeStateMachineForExecutionResponse.builder()
        .stateMachineArn(execution.machine.arn)
        .name(execution.machine.name)
        .definition(revision.definitionText())
        .roleArn(revision.roleArn())
        .updateDate(revision.updated())
        .loggingConfiguration(logging())
        .tracingConfiguration(TracingConfiguration.builder().enabled(revision.tracing()).build())
        .revisionId(revision.revisionId())
        .build();
  }

  // ---- callbacks

  private SendTaskSuccessResponse taskSuccess(
      SendTaskSuccessRequest request, RequestContext context) {
    new ModelViolations()
        .length("taskToken", request.taskToken(), 1, 2048)
        .length("output", request.output(), 0, 262144)
        .required("taskToken", request.taskToken())
        .required("output", request.output())
        .throwIfAny();
    engine.sendTaskSuccess(request.taskToken(), request.output());
    return SendTaskSuccessResponse.builder().build();
  }

  private SendTaskFailureResponse taskFailure(
      SendTaskFailureRequest request, RequestContext context) {
    new ModelViolations()
        .length("taskToken", request.taskToken(), 1, 2048)
        .length("error", request.error(), 0, 256)
        .length("cause", request.cause(), 0, 32768)
        .required("taskToken", request.taskToken())
        .throwIfAny();
    engine.sendTaskFailure(request.taskToken(), request.error(), request.cause());
    return SendTaskFailureResponse.builder().build();
  }

  private SendTaskHeartbeatResponse taskHeartbeat(
      SendTaskHeartbeatRequest request, RequestContext context) {
    new ModelViolations()
        .length("taskToken", request.taskToken(), 1, 2048)
        .required("taskToken", request.taskToken())
        .throwIfAny();
    engine.sendTaskHeartbeat(request.taskToken());
    return SendTaskHeartbeatResponse.builder().build();
  }

  // ---- tags

  private TagResourceResponse tag(TagResourceRequest request, RequestContext context) {
    Map<String, String> tags = tagsOf(request.resourceArn());
    synchronized (tags) {
      request.tags().forEach(tag -> tags.put(tag.key(), tag.value()));
    }
    return TagResourceResponse.builder().build();
  }

  private UntagResourceResponse untag(UntagResourceRequest request, RequestContext context) {
    Map<String, String> tags = tagsOf(request.resourceArn());
    synchronized (tags) {
      request.tagKeys().forEach(tags::remove);
    }
    return UntagResourceResponse.builder().build();
  }

  private ListTagsForResourceResponse tags(
      ListTagsForResourceRequest request, RequestContext context) {
    Map<String, String> found = tagsOf(request.resourceArn());
    List<Tag> tags = new ArrayList<>();
    synchronized (found) {
      found.forEach((key, value) -> tags.add(Tag.builder().key(key).value(value).build()));
    }
    return ListTagsForResourceResponse.builder().tags(tags).build();
  }

  /** The tags of the state machine or activity an ARN names. */
  private Map<String, String> tagsOf(String arn) {
    if (arn != null && arn.contains(":activity:")) {
      return engine.activities.get(arn).tags;
    }
    return engine.machineByArn(arn).tags;
  }

  /** One page of a listing, with the token of the next. */
  record Page<T>(List<T> items, String nextToken) {

    static <T> Page<T> of(List<T> all, Integer maxResults, String token) {
      int size =
          maxResults == null || maxResults == 0 ? DEFAULT_PAGE : Math.min(maxResults, MAX_PAGE);
      int from = 0;
      if (token != null) {
        try {
          from =
              Integer.parseInt(
                  new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
          throw StepFunctionsErrors.error("InvalidToken", "Invalid Token: '" + token + "'");
        }
      }
      int to = Math.min(all.size(), from + size);
      String next =
          to < all.size()
              ? Base64.getUrlEncoder()
                  .encodeToString(Integer.toString(to).getBytes(StandardCharsets.UTF_8))
              : null;
      return new Page<>(from >= all.size() ? List.of() : all.subList(from, to), next);
    }
  }
}
