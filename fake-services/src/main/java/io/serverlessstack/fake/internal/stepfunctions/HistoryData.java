package io.serverlessstack.fake.internal.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import software.amazon.awssdk.services.sfn.model.ActivityFailedEventDetails;
import software.amazon.awssdk.services.sfn.model.ActivityScheduledEventDetails;
import software.amazon.awssdk.services.sfn.model.ActivityStartedEventDetails;
import software.amazon.awssdk.services.sfn.model.ActivitySucceededEventDetails;
import software.amazon.awssdk.services.sfn.model.ActivityTimedOutEventDetails;
import software.amazon.awssdk.services.sfn.model.ExecutionAbortedEventDetails;
import software.amazon.awssdk.services.sfn.model.ExecutionFailedEventDetails;
import software.amazon.awssdk.services.sfn.model.ExecutionRedrivenEventDetails;
import software.amazon.awssdk.services.sfn.model.ExecutionStartedEventDetails;
import software.amazon.awssdk.services.sfn.model.ExecutionSucceededEventDetails;
import software.amazon.awssdk.services.sfn.model.ExecutionTimedOutEventDetails;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventExecutionDataDetails;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.LambdaFunctionFailedEventDetails;
import software.amazon.awssdk.services.sfn.model.LambdaFunctionScheduledEventDetails;
import software.amazon.awssdk.services.sfn.model.LambdaFunctionSucceededEventDetails;
import software.amazon.awssdk.services.sfn.model.LambdaFunctionTimedOutEventDetails;
import software.amazon.awssdk.services.sfn.model.MapIterationEventDetails;
import software.amazon.awssdk.services.sfn.model.MapStateStartedEventDetails;
import software.amazon.awssdk.services.sfn.model.StateEnteredEventDetails;
import software.amazon.awssdk.services.sfn.model.StateExitedEventDetails;
import software.amazon.awssdk.services.sfn.model.TaskFailedEventDetails;
import software.amazon.awssdk.services.sfn.model.TaskScheduledEventDetails;
import software.amazon.awssdk.services.sfn.model.TaskStartedEventDetails;
import software.amazon.awssdk.services.sfn.model.TaskSubmittedEventDetails;
import software.amazon.awssdk.services.sfn.model.TaskSucceededEventDetails;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutEventDetails;

/**
 * The details of each kind of history event, as recipes that write their JSON only when the history
 * is read. Input and output leave out their data when GetExecutionHistory asks for {@code
 * includeExecutionData=false}.
 */
final class HistoryData {

  /** Fills one event's details into its builder. */
  interface Details {
    void fill(HistoryEvent.Builder event, boolean withData);
  }

  private static final HistoryEventExecutionDataDetails NOT_TRUNCATED =
      HistoryEventExecutionDataDetails.builder().truncated(false).build();

  private HistoryData() {}

  /**
   * @param versionArn the version it runs, when started through a version or an alias
   * @param aliasArn the alias it was started through, if it was
   */
  static Details executionStarted(
      JsonNode input, String roleArn, String versionArn, String aliasArn) {
    return (event, withData) -> {
      ExecutionStartedEventDetails.Builder details =
          ExecutionStartedEventDetails.builder()
              .roleArn(roleArn)
              .inputDetails(NOT_TRUNCATED)
              .stateMachineVersionArn(versionArn)
              .stateMachineAliasArn(aliasArn);
      if (withData) {
        details.input(Payloads.text(input));
      }
      event.executionStartedEventDetails(details.build());
    };
  }

  static Details executionSucceeded(JsonNode output) {
    return (event, withData) -> {
      ExecutionSucceededEventDetails.Builder details =
          ExecutionSucceededEventDetails.builder().outputDetails(NOT_TRUNCATED);
      if (withData) {
        details.output(Payloads.text(output));
      }
      event.executionSucceededEventDetails(details.build());
    };
  }

  static Details executionFailed(String error, String cause) {
    return (event, withData) ->
        event.executionFailedEventDetails(
            ExecutionFailedEventDetails.builder().error(error).cause(cause).build());
  }

  static Details executionAborted(String error, String cause) {
    return (event, withData) ->
        event.executionAbortedEventDetails(
            ExecutionAbortedEventDetails.builder().error(error).cause(cause).build());
  }

  static Details executionTimedOut(String error, String cause) {
    return (event, withData) ->
        event.executionTimedOutEventDetails(
            ExecutionTimedOutEventDetails.builder().error(error).cause(cause).build());
  }

  static Details stateEntered(String name, JsonNode input) {
    return (event, withData) -> {
      StateEnteredEventDetails.Builder details =
          StateEnteredEventDetails.builder().name(name).inputDetails(NOT_TRUNCATED);
      if (withData) {
        details.input(Payloads.text(input));
      }
      event.stateEnteredEventDetails(details.build());
    };
  }

  static Details stateExited(String name, JsonNode output) {
    return (event, withData) -> {
      StateExitedEventDetails.Builder details =
          StateExitedEventDetails.builder().name(name).outputDetails(NOT_TRUNCATED);
      if (withData) {
        details.output(Payloads.text(output));
      }
      event.stateExitedEventDetails(details.build());
    };
  }

  static Details taskScheduled(
      String resourceType,
      String resource,
      String region,
      JsonNode parameters,
      Long timeoutSeconds,
      Long heartbeatSeconds) {
    return (event, withData) ->
        event.taskScheduledEventDetails(
            TaskScheduledEventDetails.builder()
                .resourceType(resourceType)
                .resource(resource)
                .region(region)
                .parameters(Payloads.text(parameters))
                .timeoutInSeconds(timeoutSeconds)
                .heartbeatInSeconds(heartbeatSeconds)
                .build());
  }

  static Details taskStarted(String resourceType, String resource) {
    return (event, withData) ->
        event.taskStartedEventDetails(
            TaskStartedEventDetails.builder()
                .resourceType(resourceType)
                .resource(resource)
                .build());
  }

  static Details taskSubmitted(String resourceType, String resource, JsonNode output) {
    return (event, withData) -> {
      TaskSubmittedEventDetails.Builder details =
          TaskSubmittedEventDetails.builder()
              .resourceType(resourceType)
              .resource(resource)
              .outputDetails(NOT_TRUNCATED);
      if (withData) {
        details.output(Payloads.text(output));
      }
      event.taskSubmittedEventDetails(details.build());
    };
  }

  static Details taskSucceeded(String resourceType, String resource, JsonNode output) {
    return (event, withData) -> {
      TaskSucceededEventDetails.Builder details =
          TaskSucceededEventDetails.builder()
              .resourceType(resourceType)
              .resource(resource)
              .outputDetails(NOT_TRUNCATED);
      if (withData) {
        details.output(Payloads.text(output));
      }
      event.taskSucceededEventDetails(details.build());
    };
  }

  static Details taskFailed(String resourceType, String resource, String error, String cause) {
    return (event, withData) ->
        event.taskFailedEventDetails(
            TaskFailedEventDetails.builder()
                .resourceType(resourceType)
                .resource(resource)
                .error(error)
                .cause(cause)
                .build());
  }

  static Details taskTimedOut(String resourceType, String resource, String error, String cause) {
    return (event, withData) ->
        event.taskTimedOutEventDetails(
            TaskTimedOutEventDetails.builder()
                .resourceType(resourceType)
                .resource(resource)
                .error(error)
                .cause(cause)
                .build());
  }

  static Details lambdaScheduled(String resource, JsonNode input, Long timeoutSeconds) {
    return (event, withData) -> {
      LambdaFunctionScheduledEventDetails.Builder details =
          LambdaFunctionScheduledEventDetails.builder()
              .resource(resource)
              .inputDetails(NOT_TRUNCATED)
              .timeoutInSeconds(timeoutSeconds);
      if (withData) {
        details.input(Payloads.text(input));
      }
      event.lambdaFunctionScheduledEventDetails(details.build());
    };
  }

  static Details lambdaSucceeded(JsonNode output) {
    return (event, withData) -> {
      LambdaFunctionSucceededEventDetails.Builder details =
          LambdaFunctionSucceededEventDetails.builder().outputDetails(NOT_TRUNCATED);
      if (withData) {
        details.output(Payloads.text(output));
      }
      event.lambdaFunctionSucceededEventDetails(details.build());
    };
  }

  static Details lambdaFailed(String error, String cause) {
    return (event, withData) ->
        event.lambdaFunctionFailedEventDetails(
            LambdaFunctionFailedEventDetails.builder().error(error).cause(cause).build());
  }

  static Details lambdaTimedOut(String error, String cause) {
    return (event, withData) ->
        event.lambdaFunctionTimedOutEventDetails(
            LambdaFunctionTimedOutEventDetails.builder().error(error).cause(cause).build());
  }

  static Details mapStarted(int length) {
    return (event, withData) ->
        event.mapStateStartedEventDetails(
            MapStateStartedEventDetails.builder().length(length).build());
  }

  static Details mapIteration(HistoryEventType type, String name, int index) {
    return (event, withData) -> {
      MapIterationEventDetails details =
          MapIterationEventDetails.builder().name(name).index(index).build();
      switch (type) {
        case MAP_ITERATION_STARTED -> event.mapIterationStartedEventDetails(details);
        case MAP_ITERATION_SUCCEEDED -> event.mapIterationSucceededEventDetails(details);
        case MAP_ITERATION_FAILED -> event.mapIterationFailedEventDetails(details);
        default -> event.mapIterationAbortedEventDetails(details);
      }
    };
  }

  static Details executionRedriven(int redriveCount) {
    return (event, withData) ->
        event.executionRedrivenEventDetails(
            ExecutionRedrivenEventDetails.builder().redriveCount(redriveCount).build());
  }

  static Details activityScheduled(
      String resource, JsonNode input, Long timeoutSeconds, Long heartbeatSeconds) {
    return (event, withData) -> {
      ActivityScheduledEventDetails.Builder details =
          ActivityScheduledEventDetails.builder()
              .resource(resource)
              .inputDetails(NOT_TRUNCATED)
              .timeoutInSeconds(timeoutSeconds)
              .heartbeatInSeconds(heartbeatSeconds);
      if (withData) {
        details.input(Payloads.text(input));
      }
      event.activityScheduledEventDetails(details.build());
    };
  }

  static Details activityStarted(String workerName) {
    return (event, withData) ->
        event.activityStartedEventDetails(
            ActivityStartedEventDetails.builder().workerName(workerName).build());
  }

  static Details activitySucceeded(JsonNode output) {
    return (event, withData) -> {
      ActivitySucceededEventDetails.Builder details =
          ActivitySucceededEventDetails.builder().outputDetails(NOT_TRUNCATED);
      if (withData) {
        details.output(Payloads.text(output));
      }
      event.activitySucceededEventDetails(details.build());
    };
  }

  static Details activityFailed(String error, String cause) {
    return (event, withData) ->
        event.activityFailedEventDetails(
            ActivityFailedEventDetails.builder().error(error).cause(cause).build());
  }

  static Details activityTimedOut(String error, String cause) {
    return (event, withData) ->
        event.activityTimedOutEventDetails(
            ActivityTimedOutEventDetails.builder().error(error).cause(cause).build());
  }
}
