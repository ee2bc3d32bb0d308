package io.serverlessstack.fake.internal.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.serverlessstack.fake.internal.protocol.AwsErrorException;
import io.serverlessstack.fake.internal.server.Ids;
import io.serverlessstack.fake.internal.stepfunctions.asl.StatesError;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The optimized {@code states:startExecution} integration: a task that starts an execution of
 * another state machine of the stack. Request-response (and {@code .waitForTaskToken}) answers as
 * StartExecution does; {@code .sync} and {@code .sync:2} wait for the child without holding a
 * thread and answer with its DescribeExecution, in AWS's PascalCase with dates in epoch
 * milliseconds, its input and output as JSON text ({@code .sync}) or as JSON ({@code .sync:2}). A
 * child that does not succeed fails the task with {@code States.TaskFailed}, the same description
 * as its cause. A parent that ends while a {@code .sync} task waits stops the child, as AWS does.
 */
final class NestedExecutions {

  /** AWS's cause on a child stopped because the task managing it ended. */
  static String abortedByParent(String parentArn) {
    return "The Task state in AWS Step Functions execution ["
        + parentArn
        + "] which was managing this resource was aborted";
  }

  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

  private final Supplier<StepFunctionsEngine> engine;

  NestedExecutions(Supplier<StepFunctionsEngine> engine) {
    this.engine = engine;
  }

  /** Whether {@code resource} is this integration. */
  static boolean handles(TaskResource resource) {
    return resource.kind() == TaskResource.Kind.INTEGRATION
        && "states".equals(resource.service())
        && "startExecution".equals(resource.operation());
  }

  /**
   * Starts the child; the stage completes with the task's result, or, for {@code .sync} and {@code
   * .sync:2}, tells {@code submitted} the StartExecution answer and completes when the child ends.
   */
  CompletableFuture<JsonNode> start(Integrations.TaskCall call, Consumer<JsonNode> submitted) {
    Execution parent = call.execution();
    JsonNode parameters = call.parameters();
    StepFunctionsEngine states = engine.get();
    Execution child;
    try {
      child =
          states.start(
              new StepFunctionsEngine.StartRequest(
                  text(parameters, "StateMachineArn"),
                  text(parameters, "Name"),
                  input(parameters.get("Input")),
                  text(parameters, "TraceHeader"),
                  parent.baseUrl),
              false);
    } catch (AwsErrorException refused) {
      throw serviceError(refused);
    }
    ObjectNode started = Payloads.NODES.objectNode();
    started.put("ExecutionArn", child.arn);
    metadata(started, child);
    started.put("StartDate", child.started.toEpochMilli());
    String pattern = call.resource().pattern();
    if (!pattern.startsWith("sync")) {
      return CompletableFuture.completedFuture(started);
    }
    boolean parsed = "sync:2".equals(pattern);
    submitted.accept(started);
    parent.ended.whenComplete((outcome, failure) -> stopIfRunning(states, child, parent));
    CompletableFuture<JsonNode> waiting =
        child.ended.thenCompose(
            outcome -> {
              if (parent.isOver()) {
                // the task ended with its execution: the child's outcome reaches no one, and must
                // not
                // land in the parent's history after its end
                return new CompletableFuture<JsonNode>();
              }
              ObjectNode described = described(child, outcome, parsed);
              if (outcome.status() != Execution.Status.SUCCEEDED) {
                return CompletableFuture.<JsonNode>failedFuture(
                    StatesError.of(StatesError.TASK_FAILED, Payloads.text(described)));
              }
              return CompletableFuture.<JsonNode>completedFuture(described);
            });
    // A task that stops waiting (its TimeoutSeconds passed) cancels the wait: the child stops too.
    // Guess: with the cause AWS gives a child whose parent was stopped.
    waiting.whenComplete(
        (result, failure) -> {
          if (failure instanceof CancellationException) {
            stopIfRunning(states, child, parent);
          }
        });
    return waiting;
  }

  /** Stops a child whose parent ended while its task waited for it. */
  private static void stopIfRunning(StepFunctionsEngine states, Execution child, Execution parent) {
    if (child.isOver()) {
      return;
    }
    try {
      states.stop(child.arn, null, abortedByParent(parent.arn));
    } catch (AwsErrorException gone) {
      // the stack was reset meanwhile: there is nothing left to stop
    }
  }

  /** The child's DescribeExecution as the task's result: PascalCase keys in AWS's order. */
  private static ObjectNode described(Execution child, Execution.Outcome outcome, boolean parsed) {
    ObjectNode described = Payloads.NODES.objectNode();
    if (outcome.cause() != null) {
      described.put("Cause", outcome.cause());
    }
    if (outcome.error() != null) {
      described.put("Error", outcome.error());
    }
    described.put("ExecutionArn", child.arn);
    if (parsed) {
      described.set("Input", child.input);
    } else {
      described.put("Input", child.inputText);
    }
    described.putObject("InputDetails").put("Included", true);
    described.put("Name", child.name);
    if (outcome.output() != null) {
      if (parsed) {
        described.set("Output", outcome.output());
      } else {
        described.put("Output", Payloads.text(outcome.output()));
      }
      described.putObject("OutputDetails").put("Included", true);
    }
    described.put("RedriveCount", child.redriveCount);
    String notRedrivable = Redrives.notRedrivableReason(child, outcome.stopped());
    described.put("RedriveStatus", notRedrivable == null ? "REDRIVABLE" : "NOT_REDRIVABLE");
    if (notRedrivable != null) {
      described.put("RedriveStatusReason", notRedrivable);
    }
    described.put("StartDate", child.started.toEpochMilli());
    described.put("StateMachineArn", child.machine.arn);
    described.put("Status", outcome.status().name());
    described.put("StopDate", outcome.stopped().toEpochMilli());
    return described;
  }

  /** The child's input text: JSON text as it is, other JSON written out, none as {@code {}}. */
  private static String input(JsonNode input) {
    if (input == null || input.isNull()) {
      return "{}";
    }
    return input.isTextual() ? input.asText() : Payloads.text(input);
  }

  private static String text(JsonNode parameters, String field) {
    JsonNode value = parameters.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  /** A refusal of StartExecution as the task's error, named and described as AWS does. */
  private static StatesError serviceError(AwsErrorException refused) {
    String code = refused.code();
    return StatesError.of(
        "StepFunctions." + (code.endsWith("Exception") ? code : code + "Exception"),
        refused.getMessage()
            + " (Service: AWSStepFunctions; Status Code: "
            + refused.status()
            + "; Error Code: "
            + code
            + "; Request ID: "
            + Ids.randomUuid()
            + "; Proxy: null)");
  }

  /** The SDK metadata AWS adds to the StartExecution answer, with its JSON 1.0 headers. */
  private static void metadata(ObjectNode result, Execution child) {
    String requestId = Ids.randomUuid();
    long millis = child.started.toEpochMilli();
    String body =
        "{\"executionArn\":\""
            + child.arn
            + "\",\"startDate\":"
            + millis / 1000
            + "."
            + String.format(java.util.Locale.ROOT, "%03d", millis % 1000)
            + "}";
    String length = Integer.toString(Payloads.utf8Length(body));
    String date = HTTP_DATE.format(child.started);
    ObjectNode http = result.putObject("SdkHttpMetadata");
    ObjectNode all = http.putObject("AllHttpHeaders");
    all.putArray("x-amzn-RequestId").add(requestId);
    all.putArray("connection").add("keep-alive");
    all.putArray("Content-Length").add(length);
    all.putArray("Date").add(date);
    all.putArray("Content-Type").add("application/x-amz-json-1.0");
    ObjectNode headers = http.putObject("HttpHeaders");
    headers.put("connection", "keep-alive");
    headers.put("Content-Length", length);
    headers.put("Content-Type", "application/x-amz-json-1.0");
    headers.put("Date", date);
    headers.put("x-amzn-RequestId", requestId);
    http.put("HttpStatusCode", 200);
    result.putObject("SdkResponseMetadata").put("RequestId", requestId);
  }
}
