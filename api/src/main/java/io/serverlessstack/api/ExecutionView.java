package io.serverlessstack.api;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One Step Functions execution as one consistent snapshot: the typed view of the resources {@code
 * (states, execution)}, with its whole history as GetExecutionHistory would give it.
 *
 * @param stateMachineArn the state machine's ARN (unqualified, whatever version or alias ran)
 * @param status {@code RUNNING}, {@code SUCCEEDED}, {@code FAILED}, {@code TIMED_OUT} or {@code
 *     ABORTED}
 * @param input the input, as JSON
 * @param output the output as JSON once it succeeded, else {@code null}
 * @param error the error it failed with, or {@code null}
 * @param cause the cause it failed with, or {@code null}
 * @param stopped when it ended, or {@code null} while it runs
 * @param events its history, oldest first
 */
public record ExecutionView(
    String name,
    String arn,
    String accountId,
    String region,
    String stateMachineArn,
    String status,
    String input,
    String output,
    String error,
    String cause,
    Instant started,
    Instant stopped,
    List<Event> events)
    implements ResourceView {

  /** The resource type ({@code execution}) of executions; their service is {@code states}. */
  public static final String TYPE = "execution";

  public ExecutionView {
    events = List.copyOf(events);
  }

  @Override
  public ResourceRef ref() {
    return new ResourceRef(StateMachineView.SERVICE, TYPE, name, arn);
  }

  /** Whether it still runs. */
  public boolean running() {
    return "RUNNING".equals(status);
  }

  /**
   * One history event, with the details assertions read lifted out of its type's own details
   * object.
   *
   * @param type AWS's event type, e.g. {@code TaskStateEntered}, {@code LambdaFunctionFailed}
   * @param previousEventId the event before it on its own path (0 for the first)
   * @param stateName the state it is about (entered and exited events, Map iterations), or {@code
   *     null}
   * @param input the input it carries, as JSON, or {@code null}
   * @param output the output or result it carries, as JSON, or {@code null}
   * @param error the error of a failure, or {@code null}
   * @param cause the cause of a failure, or {@code null}
   * @param resourceType a task's resource type ({@code lambda}, {@code sqs}, …), or {@code null}
   * @param resource a task's resource ({@code invoke}, {@code sendMessage.waitForTaskToken}, …), or
   *     {@code null}
   * @param index a Map iteration's index, or {@code null}
   */
  public record Event(
      long id,
      long previousEventId,
      Instant timestamp,
      String type,
      String stateName,
      String input,
      String output,
      String error,
      String cause,
      String resourceType,
      String resource,
      Integer index) {

    public Event {
      Objects.requireNonNull(type, "type");
    }
  }
}
