package io.serverlessstack.fake.internal.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.serverlessstack.fake.internal.stepfunctions.asl.Variables;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One execution of a state machine: what it started with, its history while it runs, and how it
 * ended. Its outcome is set once; everything still running for it stops at its next step after
 * that.
 */
final class Execution {

  enum Status {
    RUNNING,
    SUCCEEDED,
    FAILED,
    TIMED_OUT,
    ABORTED
  }

  /** How it ended. */
  record Outcome(Status status, Instant stopped, JsonNode output, String error, String cause) {}

  private static final AtomicLong SERIALS = new AtomicLong();

  final StateMachine machine;
  final StateMachine.Revision revision;
  final String arn;
  final String name;
  final String inputText;
  final JsonNode input;
  final Instant started;
  final String traceHeader;

  /** How the client that started it addressed the stack, for the URLs tasks build (QueueUrl). */
  final String baseUrl;

  /**
   * Increases with each execution created, so executions started at the same instant of the stack
   * clock still list newest first.
   */
  final long serial = SERIALS.incrementAndGet();

  final History history = new History();

  /** The mock test case it runs in, or {@code null}; set before it starts. */
  volatile StepFunctionsMocks.Run mocks;

  /** The workflow variables it starts with (TestState's), or {@code null} for none. */
  volatile Variables initialVariables;

  /** Completes when the current attempt ends; a redrive starts a new attempt with a new one. */
  volatile CompletableFuture<Outcome> ended = new CompletableFuture<>();

  /** The version it runs and the alias it was started through, when started through them. */
  volatile String versionArn;

  volatile String aliasArn;

  /** How often it was redriven, and when last. */
  volatile int redriveCount;

  volatile Instant redriveDate;

  /** The Map Run it is a child execution of, or {@code null}; set before it starts. */
  volatile String mapRunArn;

  /** Where a redrive picks up: the top-level state it was in last, and that state's input. */
  volatile String lastStateName;

  volatile JsonNode lastStateInput;

  /** The parts of the context object that stay the same for the whole execution. */
  final ObjectNode contextExecution;

  final ObjectNode contextStateMachine;

  Execution(
      StateMachine machine,
      StateMachine.Revision revision,
      String arn,
      String name,
      String inputText,
      JsonNode input,
      Instant started,
      String traceHeader,
      String baseUrl) {
    this.machine = machine;
    this.revision = revision;
    this.arn = arn;
    this.name = name;
    this.inputText = inputText;
    this.input = input;
    this.started = started;
    this.traceHeader = traceHeader;
    this.baseUrl = baseUrl;
    this.contextExecution = Payloads.NODES.objectNode();
    contextExecution.put("Id", arn);
    contextExecution.set("Input", input);
    contextExecution.put("Name", name);
    contextExecution.put("RoleArn", revision.roleArn());
    contextExecution.put("StartTime", Timestamps.format(started));
    contextExecution.put("RedriveCount", 0);
    this.contextStateMachine = Payloads.NODES.objectNode();
    contextStateMachine.put("Id", machine.arn);
    contextStateMachine.put("Name", machine.name);
  }

  /** Starts a new attempt, as RedriveExecution does; the caller checked that it is over. */
  synchronized void redriven(Instant at) {
    redriveCount++;
    redriveDate = at;
    contextExecution.put("RedriveCount", redriveCount);
    ended = new CompletableFuture<>();
  }

  boolean isOver() {
    return ended.isDone();
  }

  /** Sets the outcome unless one is set; returns whether this call set it. */
  boolean end(Outcome outcome) {
    return ended.complete(outcome);
  }

  /** The outcome, or {@code null} while it runs. */
  Outcome outcome() {
    return ended.getNow(null);
  }

  Status status() {
    Outcome outcome = outcome();
    return outcome == null ? Status.RUNNING : outcome.status();
  }
}
