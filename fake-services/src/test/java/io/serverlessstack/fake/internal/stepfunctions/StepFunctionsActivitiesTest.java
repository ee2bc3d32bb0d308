package io.serverlessstack.fake.internal.stepfunctions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.serverlessstack.fake.Await;
import io.serverlessstack.fake.SfnClients;
import io.serverlessstack.fake.SqsStack;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sfn.SfnAsyncClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ActivityDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ActivityListItem;
import software.amazon.awssdk.services.sfn.model.CreateActivityResponse;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.GetActivityTaskResponse;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.InvalidArnException;
import software.amazon.awssdk.services.sfn.model.InvalidNameException;
import software.amazon.awssdk.services.sfn.model.ListActivitiesResponse;
import software.amazon.awssdk.services.sfn.model.Tag;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;

/**
 * Activities, their workers' GetActivityTask polls and activity Task states, through the SfnClient.
 */
class StepFunctionsActivitiesTest {

  @RegisterExtension static final SqsStack stack = SqsStack.withVirtualClock();

  static final String ROLE = "arn:aws:iam::000000000000:role/states-role";

  static SfnClient sfn() {
    return stack.sfn();
  }

  static String activity(String name) {
    return sfn().createActivity(r -> r.name(name)).activityArn();
  }

  /** A machine with one Task on {@code activityArn}, shaped further by {@code taskFields}. */
  static String machine(String name, String activityArn, String taskFields) {
    String definition =
        """
        {"StartAt": "Work", "States": {"Work": {"Type": "Task", "Resource": "%s", %s
          "End": true}}}
        """
            .formatted(activityArn, taskFields);
    return sfn()
        .createStateMachine(r -> r.name(name).definition(definition).roleArn(ROLE))
        .stateMachineArn();
  }

  static String start(String machineArn, String input) {
    return sfn().startExecution(r -> r.stateMachineArn(machineArn).input(input)).executionArn();
  }

  static List<HistoryEvent> history(String executionArn) {
    return sfn().getExecutionHistory(r -> r.executionArn(executionArn)).events();
  }

  static List<HistoryEventType> types(String executionArn) {
    return history(executionArn).stream().map(HistoryEvent::type).toList();
  }

  static DescribeExecutionResponse finished(String executionArn) throws InterruptedException {
    Await.until(
        () ->
            sfn().describeExecution(r -> r.executionArn(executionArn)).status()
                != ExecutionStatus.RUNNING);
    return sfn().describeExecution(r -> r.executionArn(executionArn));
  }

  /** A worker's poll, already on its way; the task it gets, once it gets one. */
  static GetActivityTaskResponse takeTask(String activityArn, String workerName) {
    return sfn().getActivityTask(r -> r.activityArn(activityArn).workerName(workerName));
  }

  @Test
  void activitiesAreCreatedIdempotentlyDescribedListedInPagesTaggedAndDeleted() {
    CreateActivityResponse created =
        sfn()
            .createActivity(
                r -> r.name("charge").tags(Tag.builder().key("team").value("pay").build()));
    String other = activity("ship");

    assertThat(created.activityArn())
        .isEqualTo("arn:aws:states:us-east-1:000000000000:activity:charge");
    assertThat(activity("charge")).isEqualTo(created.activityArn());
    assertThat(sfn().describeActivity(r -> r.activityArn(created.activityArn())).name())
        .isEqualTo("charge");
    assertThat(
            sfn()
                .describeActivity(r -> r.activityArn(created.activityArn()))
                .encryptionConfiguration()
                .typeAsString())
        .isEqualTo("AWS_OWNED_KEY");
    ListActivitiesResponse first = sfn().listActivities(r -> r.maxResults(1));
    ListActivitiesResponse second =
        sfn().listActivities(r -> r.maxResults(1).nextToken(first.nextToken()));
    assertThat(first.activities()).extracting(ActivityListItem::name).containsExactly("charge");
    assertThat(second.activities()).extracting(ActivityListItem::name).containsExactly("ship");
    assertThat(sfn().listTagsForResource(r -> r.resourceArn(created.activityArn())).tags())
        .containsExactly(Tag.builder().key("team").value("pay").build());

    sfn().deleteActivity(r -> r.activityArn(other));
    sfn().deleteActivity(r -> r.activityArn(other));

    assertThatThrownBy(() -> sfn().describeActivity(r -> r.activityArn(other)))
        .isInstanceOf(ActivityDoesNotExistException.class)
        .hasMessageStartingWith("Activity Does Not Exist: '" + other + "'");
    assertThatThrownBy(() -> takeTask(other, "w"))
        .isInstanceOf(ActivityDoesNotExistException.class)
        .hasMessageStartingWith("Activity Does Not Exist: '" + other + "'");
    assertThatThrownBy(() -> sfn().describeActivity(r -> r.activityArn("no_an_activity_arn")))
        .isInstanceOf(InvalidArnException.class)
        .hasMessageStartingWith("Invalid Arn: 'Invalid ARN prefix: no_an_activity_arn'");
    assertThatThrownBy(() -> activity("activity:name"))
        .isInstanceOf(InvalidNameException.class)
        .hasMessageStartingWith("Invalid Name: 'activity:name'");
  }

  @Test
  void aWorkerThreadPollingGetActivityTaskRunsTheTaskWhileTheExecutionWaits() throws Exception {
    String activity = activity("greet");
    String machine = machine("greeter", activity, "");
    CompletableFuture<GetActivityTaskResponse> polled =
        CompletableFuture.supplyAsync(() -> takeTask(activity, "worker-1"));

    String execution = start(machine, "{\"name\":\"Ada\"}");
    GetActivityTaskResponse task = polled.get(10, TimeUnit.SECONDS);
    assertThat(task.input()).isEqualTo("{\"name\":\"Ada\"}");
    assertThat(sfn().describeExecution(r -> r.executionArn(execution)).status())
        .isEqualTo(ExecutionStatus.RUNNING);
    sfn().sendTaskSuccess(r -> r.taskToken(task.taskToken()).output("{\"greeting\":\"Hi Ada\"}"));

    DescribeExecutionResponse done = finished(execution);
    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(done.output()).isEqualTo("{\"greeting\":\"Hi Ada\"}");
    assertThat(types(execution))
        .containsExactly(
            HistoryEventType.EXECUTION_STARTED,
            HistoryEventType.TASK_STATE_ENTERED,
            HistoryEventType.ACTIVITY_SCHEDULED,
            HistoryEventType.ACTIVITY_STARTED,
            HistoryEventType.ACTIVITY_SUCCEEDED,
            HistoryEventType.TASK_STATE_EXITED,
            HistoryEventType.EXECUTION_SUCCEEDED);
    List<HistoryEvent> events = history(execution);
    assertThat(events.get(2).activityScheduledEventDetails().resource()).isEqualTo(activity);
    assertThat(events.get(2).activityScheduledEventDetails().input())
        .isEqualTo("{\"name\":\"Ada\"}");
    assertThat(events.get(2).activityScheduledEventDetails().timeoutInSeconds()).isNull();
    assertThat(events.get(3).activityStartedEventDetails().workerName()).isEqualTo("worker-1");
    assertThat(events.get(4).activitySucceededEventDetails().output())
        .isEqualTo("{\"greeting\":\"Hi Ada\"}");
    assertThat(events)
        .extracting(HistoryEvent::previousEventId)
        .containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L);
  }

  @Test
  void aPollWithoutTasksAnswersEmptyAfterSixtySecondsOfTheStacksClock() throws Exception {
    String activity = activity("idle");
    SfnAsyncClient async = stack.track(SfnClients.async(stack.server()));

    CompletableFuture<GetActivityTaskResponse> poll =
        async.getActivityTask(r -> r.activityArn(activity).workerName("w"));
    Thread.sleep(200);
    assertThat(poll).isNotDone();
    Await.until(
        () -> {
          stack.advance(Duration.ofSeconds(60));
          return poll.isDone();
        });

    assertThat(poll.get().taskToken()).isNull();
    assertThat(poll.get().input()).isNull();
  }

  @Test
  void aStartedActivityWithoutHeartbeatsTimesOutOnTheStacksClock() throws Exception {
    String activity = activity("slow");
    String machine =
        machine("slow", activity, "\"TimeoutSeconds\": 100, \"HeartbeatSeconds\": 10,");
    String execution = start(machine, "{}");
    Await.until(() -> types(execution).contains(HistoryEventType.ACTIVITY_SCHEDULED));
    GetActivityTaskResponse task = takeTask(activity, "worker");

    stack.advance(Duration.ofSeconds(8));
    sfn().sendTaskHeartbeat(r -> r.taskToken(task.taskToken()));
    stack.advance(Duration.ofSeconds(8));
    assertThat(sfn().describeExecution(r -> r.executionArn(execution)).status())
        .isEqualTo(ExecutionStatus.RUNNING);
    stack.advance(Duration.ofSeconds(3));

    DescribeExecutionResponse done = finished(execution);
    assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(done.error()).isEqualTo("States.HeartbeatTimeout");
    List<HistoryEvent> events = history(execution);
    assertThat(events.get(2).activityScheduledEventDetails().heartbeatInSeconds()).isEqualTo(10);
    assertThat(events.get(2).activityScheduledEventDetails().timeoutInSeconds()).isEqualTo(100);
    assertThat(events.get(4).type()).isEqualTo(HistoryEventType.ACTIVITY_TIMED_OUT);
    assertThat(events.get(4).activityTimedOutEventDetails().error())
        .isEqualTo("States.HeartbeatTimeout");
    assertThatThrownBy(() -> sfn().sendTaskSuccess(r -> r.taskToken(task.taskToken()).output("{}")))
        .isInstanceOf(TaskTimedOutException.class);
  }

  @Test
  void aTaskNoWorkerTakesTimesOutAndLeavesTheQueue() throws Exception {
    String activity = activity("nobody");
    String machine = machine("unattended", activity, "\"TimeoutSeconds\": 5,");
    String execution = start(machine, "{}");
    Await.until(() -> types(execution).contains(HistoryEventType.ACTIVITY_SCHEDULED));

    stack.advance(Duration.ofSeconds(5));

    DescribeExecutionResponse done = finished(execution);
    assertThat(done.error()).isEqualTo("States.Timeout");
    assertThat(types(execution))
        .containsExactly(
            HistoryEventType.EXECUTION_STARTED,
            HistoryEventType.TASK_STATE_ENTERED,
            HistoryEventType.ACTIVITY_SCHEDULED,
            HistoryEventType.ACTIVITY_TIMED_OUT,
            HistoryEventType.EXECUTION_FAILED);
    CompletableFuture<GetActivityTaskResponse> poll =
        CompletableFuture.supplyAsync(() -> takeTask(activity, "late"));
    Await.until(
        () -> {
          stack.advance(Duration.ofSeconds(60));
          return poll.isDone();
        });
    assertThat(poll.get().taskToken()).isNull();
  }

  @Test
  void aWorkersFailureFailsTheTaskWhichCatchersSee() throws Exception {
    String activity = activity("picky");
    String machine =
        sfn()
            .createStateMachine(
                r ->
                    r.name("picky")
                        .roleArn(ROLE)
                        .definition(
                            """
                            {"StartAt": "Work", "States": {
                              "Work": {"Type": "Task", "Resource": "%s", "Catch": [{
                                "ErrorEquals": ["Order.Rejected"], "ResultPath": "$.error",
                                "Next": "Rejected"}], "End": true},
                              "Rejected": {"Type": "Pass", "End": true}}}
                            """
                                .formatted(activity)))
            .stateMachineArn();
    String execution = start(machine, "{\"id\":1}");
    Await.until(() -> types(execution).contains(HistoryEventType.ACTIVITY_SCHEDULED));
    GetActivityTaskResponse task = takeTask(activity, null);

    sfn()
        .sendTaskFailure(
            r -> r.taskToken(task.taskToken()).error("Order.Rejected").cause("no stock"));

    DescribeExecutionResponse done = finished(execution);
    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(done.output())
        .isEqualTo("{\"id\":1,\"error\":{\"Error\":\"Order.Rejected\",\"Cause\":\"no stock\"}}");
    List<HistoryEvent> events = history(execution);
    assertThat(events.get(3).activityStartedEventDetails().workerName()).isNull();
    assertThat(events.get(4).type()).isEqualTo(HistoryEventType.ACTIVITY_FAILED);
    assertThat(events.get(4).activityFailedEventDetails().error()).isEqualTo("Order.Rejected");
    assertThat(events.get(4).activityFailedEventDetails().cause()).isEqualTo("no stock");
  }

  @Test
  void aTaskOnAnActivityThatDoesNotExistFailsTheExecutionWithStatesRuntime() throws Exception {
    String missing = "arn:aws:states:us-east-1:000000000000:activity:missing";
    String machine = machine("orphan", missing, "");

    String execution = start(machine, "{}");

    DescribeExecutionResponse done = finished(execution);
    assertThat(done.error()).isEqualTo("States.Runtime");
    assertThat(done.cause())
        .isEqualTo(
            "An error occurred while executing the state 'Work' (entered at the event id #2)."
                + " The activity "
                + missing
                + " does not exist.");
    assertThat(types(execution))
        .containsExactly(
            HistoryEventType.EXECUTION_STARTED,
            HistoryEventType.TASK_STATE_ENTERED,
            HistoryEventType.EXECUTION_FAILED);
  }
}
