package io.serverlessstack.fake.internal.stepfunctions;

import io.serverlessstack.fake.internal.protocol.ModelViolations;
import io.serverlessstack.fake.internal.server.AwsService;
import io.serverlessstack.fake.internal.server.RequestContext;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sfn.model.DescribeMapRunRequest;
import software.amazon.awssdk.services.sfn.model.DescribeMapRunResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ListExecutionsRequest;
import software.amazon.awssdk.services.sfn.model.ListExecutionsResponse;
import software.amazon.awssdk.services.sfn.model.ListMapRunsRequest;
import software.amazon.awssdk.services.sfn.model.ListMapRunsResponse;
import software.amazon.awssdk.services.sfn.model.MapRunListItem;
import software.amazon.awssdk.services.sfn.model.UpdateMapRunRequest;
import software.amazon.awssdk.services.sfn.model.UpdateMapRunResponse;

/**
 * The Map Run operations: ListMapRuns, DescribeMapRun and UpdateMapRun, over the Map Runs that
 * distributed Map states start.
 */
final class MapRunOperations {

  private final StepFunctionsEngine engine;

  private MapRunOperations(StepFunctionsEngine engine) {
    this.engine = engine;
  }

  static void register(AwsService.Builder service, StepFunctionsEngine engine) {
    MapRunOperations ops = new MapRunOperations(engine);
    service
        .operation("ListMapRuns", ListMapRunsRequest::builder, ops::list)
        .operation("DescribeMapRun", DescribeMapRunRequest::builder, ops::describe)
        .operation("UpdateMapRun", UpdateMapRunRequest::builder, ops::update);
  }

  private ListMapRunsResponse list(ListMapRunsRequest request, RequestContext context) {
    new ModelViolations()
        .required("executionArn", request.executionArn())
        .range("maxResults", request.maxResults(), 0, 1000)
        .throwIfAny();
    Execution execution = engine.execution(request.executionArn());
    List<MapRunListItem> items = new ArrayList<>();
    for (MapRun run : engine.mapRuns.runsOf(execution.arn)) {
      items.add(
          MapRunListItem.builder()
              .executionArn(run.parentArn)
              .mapRunArn(run.arn)
              .stateMachineArn(run.stateMachineArn)
              .startDate(run.started)
              .stopDate(run.stopped())
              .build());
    }
    StepFunctionsOperations.Page<MapRunListItem> page =
        StepFunctionsOperations.Page.of(items, request.maxResults(), request.nextToken());
    return ListMapRunsResponse.builder().mapRuns(page.items()).nextToken(page.nextToken()).build();
  }

  private DescribeMapRunResponse describe(DescribeMapRunRequest request, RequestContext context) {
    MapRun run = mapRun(request.mapRunArn());
    return DescribeMapRunResponse.builder()
        .mapRunArn(run.arn)
        .executionArn(run.parentArn)
        .status(run.status().name())
        .startDate(run.started)
        .stopDate(run.stopped())
        .maxConcurrency(run.maxConcurrency())
        .toleratedFailureCount(run.toleratedFailureCount())
        .toleratedFailurePercentage(run.toleratedFailurePercentage())
        .itemCounts(run.counts(true).items())
        .executionCounts(run.counts(false).executions())
        .redriveCount(0)
        .build();
  }

  private UpdateMapRunResponse update(UpdateMapRunRequest request, RequestContext context) {
    new ModelViolations()
        .required("mapRunArn", request.mapRunArn())
        .range("maxConcurrency", request.maxConcurrency(), 0, Integer.MAX_VALUE)
        .throwIfAny();
    MapRun run = mapRun(request.mapRunArn());
    if (request.maxConcurrency() == null
        && request.toleratedFailureCount() == null
        && request.toleratedFailurePercentage() == null) {
      // Guess: AWS's message when UpdateMapRun changes nothing.
      throw StepFunctionsErrors.validation(
          "Either maxConcurrency, toleratedFailureCount or toleratedFailurePercentage must be"
              + " specified");
    }
    if (request.toleratedFailureCount() != null && request.toleratedFailureCount() < 0) {
      throw StepFunctionsErrors.validation(
          "1 validation error detected: Value '"
              + request.toleratedFailureCount()
              + "' at 'toleratedFailureCount' failed to satisfy constraint: Member must have"
              + " value greater than or equal to 0");
    }
    Float percentage = request.toleratedFailurePercentage();
    if (percentage != null && (percentage < 0 || percentage > 100)) {
      throw StepFunctionsErrors.validation(
          "1 validation error detected: Value '"
              + percentage
              + "' at 'toleratedFailurePercentage' failed to satisfy constraint: Member must"
              + " have value between 0 and 100");
    }
    run.update(request.maxConcurrency(), request.toleratedFailureCount(), percentage);
    return UpdateMapRunResponse.builder().build();
  }

  /** ListExecutions with a {@code mapRunArn}: the Map Run's child executions, newest first. */
  static ListExecutionsResponse listChildren(
      StepFunctionsEngine engine, ListExecutionsRequest request) {
    if (request.stateMachineArn() != null) {
      // Guess: AWS's answer when both are given.
      throw StepFunctionsErrors.validation(
          "Only one of stateMachineArn or mapRunArn can be specified");
    }
    MapRun run = new MapRunOperations(engine).mapRun(request.mapRunArn());
    List<ExecutionListItem> items = new ArrayList<>();
    for (Execution child : engine.mapRuns.childrenOf(run.arn)) {
      if (request.statusFilter() != null
          && !request.statusFilterAsString().equals(child.status().name())) {
        continue;
      }
      Execution.Outcome outcome = child.outcome();
      items.add(
          ExecutionListItem.builder()
              .executionArn(child.arn)
              .stateMachineArn(child.machine.arn)
              .name(child.name)
              .status(child.status().name())
              .startDate(child.started)
              .stopDate(outcome == null ? null : outcome.stopped())
              .mapRunArn(run.arn)
              .itemCount(run.itemCount(child))
              .redriveCount(child.redriveCount)
              .build());
    }
    StepFunctionsOperations.Page<ExecutionListItem> page =
        StepFunctionsOperations.Page.of(items, request.maxResults(), request.nextToken());
    return ListExecutionsResponse.builder()
        .executions(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  /** The Map Run an ARN names, checked for its form first as AWS does. */
  private MapRun mapRun(String arn) {
    StepFunctionsEngine.checkArn(arn, "mapRun");
    MapRun run = engine.mapRuns.run(arn);
    if (run == null) {
      throw StepFunctionsErrors.resourceNotFound();
    }
    return run;
  }
}
