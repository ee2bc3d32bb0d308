package io.serverlessstack.fake.internal.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.serverlessstack.fake.internal.clock.StackClock;
import io.serverlessstack.fake.internal.server.Ids;
import io.serverlessstack.fake.internal.stepfunctions.asl.StatesError;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.sfn.model.MapRunExecutionCounts;
import software.amazon.awssdk.services.sfn.model.MapRunFailedEventDetails;
import software.amazon.awssdk.services.sfn.model.MapRunItemCounts;
import software.amazon.awssdk.services.sfn.model.MapRunStartedEventDetails;

/**
 * One Map Run: what a distributed Map state starts. Each input (an item, or a batch of items) runs
 * as a child workflow execution of the Map's ItemProcessor, at most {@code maxConcurrency} at a
 * time, started in input order. The run fails as soon as more children failed than it tolerates,
 * stopping the ones still running; else its output is the children's outputs in input order.
 * Guarded by its own monitor.
 */
final class MapRun {

  enum Status {
    RUNNING,
    SUCCEEDED,
    FAILED,
    ABORTED
  }

  /** AWS's cause when a Map Run fails over its failures (TestState's recorded cause). */
  static final String THRESHOLD_EXCEEDED = "The specified tolerated failure threshold was exceeded";

  final String arn;
  final String parentArn;

  /** The ARN its children name as their state machine: the machine's, then the label or an id. */
  final String stateMachineArn;

  final Instant started;

  private final Execution parent;
  private final StateMachine childMachine;
  private final StateMachine.Revision revision;
  private final Interpreter interpreter;
  private final MapRuns registry;
  private final StackClock clock;
  private final CompletableFuture<JsonNode> done = new CompletableFuture<>();

  /** What the children get, set when the run starts them (after an ItemReader read its items). */
  private List<JsonNode> inputs = List.of();

  private int[] itemsPerInput = new int[0];
  private Execution[] children = new Execution[0];
  private JsonNode[] outputs = new JsonNode[0];
  private long totalItems;

  /** Whether a ResultWriter wrote the results of every child that ended. */
  private volatile boolean resultsWritten;

  private Status status = Status.RUNNING;
  private Instant stopped;
  private int maxConcurrency;

  /** The tolerances the state or UpdateMapRun set; {@code null} when unset. */
  private Long toleratedFailureCount;

  private Float toleratedFailurePercentage;
  private int next;
  private int running;
  private int finished;

  /** Items in failed children: AWS's tolerances count items, not children. */
  private long failedItems;

  /** A Map Run of {@code parent}; {@link #run} starts its children. */
  MapRun(
      Execution parent,
      String label,
      boolean express,
      StateMachine.Revision revision,
      int maxConcurrency,
      Long toleratedFailureCount,
      Float toleratedFailurePercentage,
      Interpreter interpreter,
      MapRuns registry,
      StackClock clock) {
    StateMachine machine = parent.machine;
    String part = label != null ? label : Ids.randomUuid();
    String prefix = "arn:aws:states:" + machine.scope.region() + ":" + machine.scope.accountId();
    this.arn = prefix + ":mapRun:" + machine.name + "/" + part + ":" + Ids.randomUuid();
    this.parentArn = parent.arn;
    this.stateMachineArn = machine.arn + "/" + part;
    this.started = clock.now();
    this.parent = parent;
    this.childMachine =
        new StateMachine(
            machine.scope, machine.name + "/" + part, stateMachineArn, express, started, revision);
    this.revision = revision;
    this.interpreter = interpreter;
    this.registry = registry;
    this.clock = clock;
    this.maxConcurrency = maxConcurrency;
    this.toleratedFailureCount = toleratedFailureCount;
    this.toleratedFailurePercentage = toleratedFailurePercentage;
  }

  /**
   * Starts the children, one for each input; the future completes with their outputs or the run's
   * failure.
   *
   * @param itemsPerInput how many items each input holds (1 unless batched)
   */
  CompletableFuture<JsonNode> run(List<JsonNode> inputs, int[] itemsPerInput) {
    synchronized (this) {
      this.inputs = inputs;
      this.itemsPerInput = itemsPerInput;
      this.totalItems = java.util.Arrays.stream(itemsPerInput).asLongStream().sum();
      this.children = new Execution[inputs.size()];
      this.outputs = new JsonNode[inputs.size()];
    }
    registry.add(this);
    // The parent's end (stopped, failed elsewhere, timed out) stops the run and its children.
    parent.ended.whenComplete((outcome, error) -> abort());
    if (inputs.isEmpty()) {
      finish(Status.SUCCEEDED);
      done.complete(Payloads.NODES.arrayNode());
    } else {
      pump();
    }
    return done;
  }

  /** Starts children while the concurrency allows. */
  private void pump() {
    while (true) {
      Execution child;
      int index;
      synchronized (this) {
        int limit = maxConcurrency <= 0 ? Integer.MAX_VALUE : maxConcurrency;
        if (status != Status.RUNNING || next >= inputs.size() || running >= limit) {
          return;
        }
        index = next++;
        running++;
        child = child(inputs.get(index));
        children[index] = child;
      }
      registry.addChild(this, child);
      interpreter.start(child);
      child.ended.whenComplete((outcome, error) -> childEnded(index, outcome));
    }
  }

  private Execution child(JsonNode input) {
    String name = Ids.randomUuid();
    StateMachine machine = parent.machine;
    String prefix = "arn:aws:states:" + machine.scope.region() + ":" + machine.scope.accountId();
    String childArn =
        childMachine.express
            ? prefix + ":express:" + childMachine.name + ":" + name + ":" + Ids.randomUuid()
            : prefix + ":execution:" + childMachine.name + ":" + name;
    Execution child =
        new Execution(
            childMachine,
            revision,
            childArn,
            name,
            Payloads.text(input),
            input,
            clock.now(),
            null,
            parent.baseUrl);
    child.mocks = parent.mocks;
    child.mapRunArn = arn;
    return child;
  }

  private void childEnded(int index, Execution.Outcome outcome) {
    boolean exceeded;
    synchronized (this) {
      running--;
      finished++;
      if (outcome.status() == Execution.Status.SUCCEEDED) {
        outputs[index] = outcome.output();
      } else {
        failedItems += itemsPerInput[index];
        // Guess: a tolerated failure leaves its error output in its place.
        ObjectNode errorOutput = Payloads.NODES.objectNode();
        errorOutput.put("Error", outcome.error());
        errorOutput.put("Cause", outcome.cause());
        outputs[index] = errorOutput;
      }
      if (status != Status.RUNNING) {
        return;
      }
      exceeded = exceedsTolerance();
      if (exceeded) {
        finish(Status.FAILED);
      } else if (finished == inputs.size()) {
        finish(Status.SUCCEEDED);
      }
    }
    if (exceeded) {
      stopChildren();
      done.completeExceptionally(
          StatesError.of(StatesError.EXCEED_TOLERATED_FAILURE_THRESHOLD, THRESHOLD_EXCEEDED));
    } else if (status() == Status.SUCCEEDED) {
      ArrayNode all = Payloads.NODES.arrayNode(outputs.length);
      synchronized (this) {
        for (JsonNode output : outputs) {
          all.add(output);
        }
      }
      done.complete(all);
    } else {
      pump();
    }
  }

  /**
   * More failed than the count allows, or a larger share of all than the percentage allows; a
   * tolerance the state does not set does not apply, and with neither set no failure is tolerated.
   */
  private boolean exceedsTolerance() {
    boolean countApplies = toleratedFailureCount != null || toleratedFailurePercentage == null;
    long count = toleratedFailureCount == null ? 0 : toleratedFailureCount;
    return countApplies && failedItems > count
        || toleratedFailurePercentage != null
            && failedItems * 100.0 / totalItems > toleratedFailurePercentage;
  }

  /** Fails the run before it started any child (its ItemReader failed). */
  CompletableFuture<JsonNode> failBeforeStart(StatesError error) {
    registry.add(this);
    synchronized (this) {
      finish(Status.FAILED);
    }
    done.completeExceptionally(error);
    return done;
  }

  /** Ends the run because its parent ended; the children still running stop. */
  private void abort() {
    synchronized (this) {
      if (status != Status.RUNNING) {
        return;
      }
      finish(Status.ABORTED);
    }
    stopChildren();
  }

  private void stopChildren() {
    List<Execution> started = new ArrayList<>();
    synchronized (this) {
      for (Execution child : children) {
        if (child != null) {
          started.add(child);
        }
      }
    }
    for (Execution child : started) {
      interpreter.abort(child, null, null);
    }
  }

  private void finish(Status end) {
    status = end;
    stopped = clock.now();
  }

  // ---- what UpdateMapRun changes

  /** Changes what UpdateMapRun changes; {@code null} keeps a setting. */
  void update(Integer maxConcurrency, Long toleratedFailureCount, Float toleratedPercentage) {
    synchronized (this) {
      if (maxConcurrency != null) {
        this.maxConcurrency = maxConcurrency;
      }
      if (toleratedFailureCount != null) {
        this.toleratedFailureCount = toleratedFailureCount;
      }
      if (toleratedPercentage != null) {
        this.toleratedFailurePercentage = toleratedPercentage;
      }
    }
    pump();
  }

  // ---- what DescribeMapRun and ListMapRuns show

  synchronized Status status() {
    return status;
  }

  synchronized Instant stopped() {
    return stopped;
  }

  synchronized int maxConcurrency() {
    return maxConcurrency;
  }

  synchronized long toleratedFailureCount() {
    return toleratedFailureCount == null ? 0 : toleratedFailureCount;
  }

  synchronized float toleratedFailurePercentage() {
    return toleratedFailurePercentage == null ? 0 : toleratedFailurePercentage;
  }

  /** Children (or their items) by status: pending ones are those not started yet. */
  record Counts(
      long pending,
      long running,
      long succeeded,
      long failed,
      long timedOut,
      long aborted,
      long total,
      long resultsWritten) {

    MapRunItemCounts items() {
      return MapRunItemCounts.builder()
          .pending(pending)
          .running(running)
          .succeeded(succeeded)
          .failed(failed)
          .timedOut(timedOut)
          .aborted(aborted)
          .total(total)
          .resultsWritten(resultsWritten)
          .build();
    }

    MapRunExecutionCounts executions() {
      return MapRunExecutionCounts.builder()
          .pending(pending)
          .running(running)
          .succeeded(succeeded)
          .failed(failed)
          .timedOut(timedOut)
          .aborted(aborted)
          .total(total)
          .resultsWritten(resultsWritten)
          .build();
    }
  }

  /** Counts children, or, with {@code byItems}, the items they hold. */
  Counts counts(boolean byItems) {
    long[] byStatus = new long[Execution.Status.values().length];
    long pending = 0;
    long total = 0;
    synchronized (this) {
      for (int i = 0; i < children.length; i++) {
        long weight = byItems ? itemsPerInput[i] : 1;
        total += weight;
        if (children[i] == null) {
          pending += weight;
        } else {
          byStatus[children[i].status().ordinal()] += weight;
        }
      }
    }
    long succeeded = byStatus[Execution.Status.SUCCEEDED.ordinal()];
    long ended = total - pending - byStatus[Execution.Status.RUNNING.ordinal()];
    // Guess: without a ResultWriter AWS counts the succeeded children's results as written (as
    // recorded), with one every ended child's.
    return new Counts(
        pending,
        byStatus[Execution.Status.RUNNING.ordinal()],
        succeeded,
        byStatus[Execution.Status.FAILED.ordinal()],
        byStatus[Execution.Status.TIMED_OUT.ordinal()],
        byStatus[Execution.Status.ABORTED.ordinal()],
        total,
        resultsWritten ? ended : succeeded);
  }

  /** The child executions started so far, in input order. */
  synchronized List<Execution> startedChildren() {
    List<Execution> started = new ArrayList<>();
    for (Execution child : children) {
      if (child != null) {
        started.add(child);
      }
    }
    return started;
  }

  /** Fails a run whose children ended but whose ResultWriter could not write their results. */
  synchronized void writeFailed() {
    status = Status.FAILED;
  }

  /** Notes that a ResultWriter wrote the ended children's results. */
  void resultsWritten() {
    resultsWritten = true;
  }

  /** How many items a child execution processes (more than one when batched). */
  synchronized int itemCount(Execution child) {
    for (int i = 0; i < children.length; i++) {
      if (children[i] == child) {
        return itemsPerInput[i];
      }
    }
    return 0;
  }

  // ---- its history events in the parent's history

  static HistoryData.Details startedDetails(String mapRunArn) {
    return (event, withData) ->
        event.mapRunStartedEventDetails(
            MapRunStartedEventDetails.builder().mapRunArn(mapRunArn).build());
  }

  static HistoryData.Details failedDetails(String error, String cause) {
    return (event, withData) ->
        event.mapRunFailedEventDetails(
            MapRunFailedEventDetails.builder().error(error).cause(cause).build());
  }
}
