package io.serverlessstack.fake.internal.stepfunctions;

import io.serverlessstack.fake.internal.protocol.ModelViolations;
import io.serverlessstack.fake.internal.server.AwsService;
import io.serverlessstack.fake.internal.server.RequestContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import software.amazon.awssdk.services.sfn.model.ActivityListItem;
import software.amazon.awssdk.services.sfn.model.CreateActivityRequest;
import software.amazon.awssdk.services.sfn.model.CreateActivityResponse;
import software.amazon.awssdk.services.sfn.model.DeleteActivityRequest;
import software.amazon.awssdk.services.sfn.model.DeleteActivityResponse;
import software.amazon.awssdk.services.sfn.model.DescribeActivityRequest;
import software.amazon.awssdk.services.sfn.model.DescribeActivityResponse;
import software.amazon.awssdk.services.sfn.model.EncryptionConfiguration;
import software.amazon.awssdk.services.sfn.model.GetActivityTaskRequest;
import software.amazon.awssdk.services.sfn.model.GetActivityTaskResponse;
import software.amazon.awssdk.services.sfn.model.ListActivitiesRequest;
import software.amazon.awssdk.services.sfn.model.ListActivitiesResponse;
import software.amazon.awssdk.services.sfn.model.RedriveExecutionRequest;
import software.amazon.awssdk.services.sfn.model.RedriveExecutionResponse;

/**
 * Activities over the API (Create, Describe, List, Delete and the workers' GetActivityTask long
 * poll), and RedriveExecution.
 */
final class ActivityOperations {

  private static final EncryptionConfiguration AWS_OWNED_KEY =
      EncryptionConfiguration.builder().type("AWS_OWNED_KEY").build();

  private final StepFunctionsEngine engine;

  private ActivityOperations(StepFunctionsEngine engine) {
    this.engine = engine;
  }

  static void register(AwsService.Builder service, StepFunctionsEngine engine) {
    ActivityOperations ops = new ActivityOperations(engine);
    service
        .operation("CreateActivity", CreateActivityRequest::builder, ops::create)
        .operation("DescribeActivity", DescribeActivityRequest::builder, ops::describe)
        .operation("ListActivities", ListActivitiesRequest::builder, ops::list)
        .operation("DeleteActivity", DeleteActivityRequest::builder, ops::delete)
        .asyncOperation("GetActivityTask", GetActivityTaskRequest::builder, ops::getTask)
        .operation("RedriveExecution", RedriveExecutionRequest::builder, ops::redrive);
  }

  private CreateActivityResponse create(CreateActivityRequest request, RequestContext context) {
    new ModelViolations()
        .length("name", request.name(), 1, 80)
        .required("name", request.name())
        .throwIfAny();
    Map<String, String> tags = new LinkedHashMap<>();
    request.tags().forEach(tag -> tags.put(tag.key(), tag.value()));
    Activities.Activity activity = engine.activities.create(context.scope(), request.name(), tags);
    return CreateActivityResponse.builder()
        .activityArn(activity.arn)
        .creationDate(activity.created)
        .build();
  }

  private DescribeActivityResponse describe(
      DescribeActivityRequest request, RequestContext context) {
    Activities.Activity activity = engine.activities.get(request.activityArn());
    return DescribeActivityResponse.builder()
        .activityArn(activity.arn)
        .name(activity.name)
        .creationDate(activity.created)
        .encryptionConfiguration(AWS_OWNED_KEY)
        .build();
  }

  private ListActivitiesResponse list(ListActivitiesRequest request, RequestContext context) {
    new ModelViolations()
        .range("maxResults", request.maxResults(), 0, 1000)
        .length("nextToken", request.nextToken(), 1, 1024)
        .throwIfAny();
    List<ActivityListItem> items = new ArrayList<>();
    for (Activities.Activity activity : engine.activities.list(context.scope())) {
      items.add(
          ActivityListItem.builder()
              .activityArn(activity.arn)
              .name(activity.name)
              .creationDate(activity.created)
              .build());
    }
    StepFunctionsOperations.Page<ActivityListItem> page =
        StepFunctionsOperations.Page.of(items, request.maxResults(), request.nextToken());
    return ListActivitiesResponse.builder()
        .activities(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  private DeleteActivityResponse delete(DeleteActivityRequest request, RequestContext context) {
    engine.activities.delete(request.activityArn());
    return DeleteActivityResponse.builder().build();
  }

  private CompletionStage<GetActivityTaskResponse> getTask(
      GetActivityTaskRequest request, RequestContext context) {
    new ModelViolations()
        .length("activityArn", request.activityArn(), 1, 256)
        .length("workerName", request.workerName(), 1, 80)
        .required("activityArn", request.activityArn())
        .throwIfAny();
    Activities.Activity activity = engine.activities.get(request.activityArn());
    CompletableFuture<Activities.Task> taken =
        engine.activities.poll(activity, request.workerName());
    if (!taken.isDone()) {
      // A long poll: until a task comes or a minute of the stack's clock passes, it runs nothing.
      context.inFlight().park("GetActivityTask on activity " + activity.name);
    }
    return taken.thenApply(
        task -> {
          context.inFlight().resume();
          return task == null
              ? GetActivityTaskResponse.builder().build()
              : GetActivityTaskResponse.builder()
                  .taskToken(task.token())
                  .input(task.input())
                  .build();
        });
  }

  private RedriveExecutionResponse redrive(
      RedriveExecutionRequest request, RequestContext context) {
    new ModelViolations()
        .length("executionArn", request.executionArn(), 1, 2048)
        .length("clientToken", request.clientToken(), 1, 64)
        .required("executionArn", request.executionArn())
        .throwIfAny();
    Execution execution = engine.redrive(request.executionArn());
    return RedriveExecutionResponse.builder().redriveDate(execution.redriveDate).build();
  }
}
