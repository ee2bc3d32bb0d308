package io.serverlessstack.fake.internal.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.serverlessstack.fake.internal.clock.StackClock;
import io.serverlessstack.fake.internal.stepfunctions.asl.ChoiceRules;
import io.serverlessstack.fake.internal.stepfunctions.asl.Definition;
import io.serverlessstack.fake.internal.stepfunctions.asl.JsonPathDataFlow;
import io.serverlessstack.fake.internal.stepfunctions.asl.JsonataBindings;
import io.serverlessstack.fake.internal.stepfunctions.asl.JsonataExpressions;
import io.serverlessstack.fake.internal.stepfunctions.asl.PathRoots;
import io.serverlessstack.fake.internal.stepfunctions.asl.PayloadTemplate;
import io.serverlessstack.fake.internal.stepfunctions.asl.State;
import io.serverlessstack.fake.internal.stepfunctions.asl.StatesError;
import io.serverlessstack.fake.internal.stepfunctions.asl.Variables;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

/**
 * Runs executions: moves each through its states, writes its history, and ends it. States that
 * finish at once (Pass, Choice, ...) run one after the other in a loop on one thread; a state that
 * waits (a Wait on the clock, a task on its service, branches) hands its continuation to the
 * executor when it is done, so no thread ever waits for a state. While it moves an execution, the
 * interpreter counts as a request in flight to the stack's clock, so an idle-skipping clock never
 * jumps past work in progress; while a Wait state or a retry's back-off waits on the clock it
 * counts as a parked one, so that an idle-skipping clock skips the wait.
 */
final class Interpreter {

  private static final int DEFAULT_TASK_TIMEOUT = 99_999_999;

  private final StackClock clock;
  private final ExecutorService executor;
  private final Integrations integrations;
  private final MapRuns mapRuns;

  Interpreter(
      StackClock clock, ExecutorService executor, Integrations integrations, MapRuns mapRuns) {
    this.clock = clock;
    this.executor = executor;
    this.integrations = integrations;
    this.mapRuns = mapRuns;
  }

  /** Starts {@code execution}; its {@link Execution#ended} completes when it ends. */
  void start(Execution execution) {
    // Guess: started through an alias, the event names the alias and the version it picked.
    execution.history.add(
        0,
        clock.now(),
        HistoryEventType.EXECUTION_STARTED,
        HistoryData.executionStarted(
            execution.input,
            execution.revision.roleArn(),
            execution.versionArn,
            execution.aliasArn));
    // AWS's first state names no event before it: its previousEventId is 0, not ExecutionStarted's.
    launch(execution, null, execution.input, 0, execution.started);
  }

  /**
   * Runs a redriven execution again from {@code stateName} with the input that state had. A failed
   * Parallel or Map state runs again as a whole, not only its failed branches or iterations.
   */
  void redrive(Execution execution, String stateName, JsonNode input) {
    long redriven =
        execution.history.add(
            execution.history.size(),
            clock.now(),
            HistoryEventType.EXECUTION_REDRIVEN,
            HistoryData.executionRedriven(execution.redriveCount));
    launch(execution, stateName, input, redriven, clock.now());
  }

  /** Runs the machine from {@code stateName} (its start when null) until the execution ends. */
  private void launch(
      Execution execution, String stateName, JsonNode input, long previous, Instant from) {
    Definition definition = execution.revision.definition();
    CompletableFuture<Execution.Outcome> attempt = execution.ended;
    if (definition.timeoutSeconds() != null) {
      StackClock.Scheduled timer =
          clock.schedule(
              from.plusSeconds(definition.timeoutSeconds()),
              () -> end(execution, Execution.Status.TIMED_OUT, null, null, null, 0));
      attempt.whenComplete((outcome, error) -> timer.cancel());
    }
    Trail trail = new Trail(previous);
    Variables variables =
        execution.initialVariables == null ? Variables.root() : execution.initialVariables;
    Run run = new Run(execution, definition, input, trail, variables);
    if (stateName != null) {
      run.state = definition.state(stateName);
    }
    run.tracksExecution = true;
    execution.lastStateName = run.state.name();
    execution.lastStateInput = input;
    run.result.whenComplete(
        (output, failure) -> {
          if (failure == null) {
            end(execution, Execution.Status.SUCCEEDED, output, null, null, trail.last);
          } else {
            StatesError error = statesError(failure);
            if (error != null) {
              end(
                  execution,
                  Execution.Status.FAILED,
                  null,
                  error.error(),
                  error.cause(),
                  trail.last);
            }
          }
        });
    executor.execute(run::step);
  }

  /** Stops a running execution as StopExecution does; returns whether it was running. */
  boolean abort(Execution execution, String error, String cause) {
    return end(execution, Execution.Status.ABORTED, null, error, cause, execution.history.size());
  }

  private boolean end(
      Execution execution,
      Execution.Status status,
      JsonNode output,
      String error,
      String cause,
      long previous) {
    synchronized (execution) {
      if (execution.isOver()) {
        return false;
      }
      Instant now = clock.now();
      long last = previous > 0 ? previous : execution.history.size();
      switch (status) {
        case SUCCEEDED ->
            execution.history.add(
                last,
                now,
                HistoryEventType.EXECUTION_SUCCEEDED,
                HistoryData.executionSucceeded(output));
        case FAILED ->
            execution.history.add(
                last,
                now,
                HistoryEventType.EXECUTION_FAILED,
                HistoryData.executionFailed(error, cause));
        case ABORTED ->
            execution.history.add(
                last,
                now,
                HistoryEventType.EXECUTION_ABORTED,
                HistoryData.executionAborted(error, cause));
        case TIMED_OUT ->
            execution.history.add(
                last,
                now,
                HistoryEventType.EXECUTION_TIMED_OUT,
                HistoryData.executionTimedOut(error, cause));
        default -> throw new IllegalArgumentException(status.name());
      }
      return execution.end(new Execution.Outcome(status, now, output, error, cause));
    }
  }

  // ---- runs

  /** The last event on one path through the machine: the next event there names it as previous. */
  static final class Trail {
    volatile long last;

    Trail(long last) {
      this.last = last;
    }
  }

  /** Where a state goes next, and with what; {@code next == null} ends the branch. */
  private record Transition(String next, JsonNode output) {}

  /** Thrown into a run whose execution has ended meanwhile: nothing more happens. */
  private static final class ExecutionOver extends RuntimeException {
    private static final ExecutionOver INSTANCE = new ExecutionOver();

    private ExecutionOver() {
      super("execution over", null, false, false);
    }
  }

  /** One pass through a definition: the machine itself, a Parallel branch, a Map iteration. */
  private final class Run {
    private final Execution execution;
    private final Definition definition;
    private final Trail trail;
    final CompletableFuture<JsonNode> result = new CompletableFuture<>();

    /** The attempt this run belongs to: a redrive's new attempt does not wake an old run. */
    private final CompletableFuture<Execution.Outcome> attemptEnded;

    private State state;
    private JsonNode input;

    /** Whether this is the machine's own run, whose state a redrive starts again from. */
    private boolean tracksExecution;

    /** The JSONata variables this run sees: its own, over its enclosing run's. */
    private Variables variables;

    Run(
        Execution execution,
        Definition definition,
        JsonNode input,
        Trail trail,
        Variables variables) {
      this.execution = execution;
      this.definition = definition;
      this.trail = trail;
      this.attemptEnded = execution.ended;
      this.state = definition.start();
      this.input = input;
      this.variables = variables;
    }

    private JsonataBindings bindings(State state, JsonNode raw, Instant at, String token) {
      return JsonataBindings.of(raw, context(state, at, token), variables);
    }

    /**
     * A JSONata state's output and assignments: {@code Output} (or {@code fallback}) and {@code
     * Assign} both see the variables as they were before the state, then the assignments apply.
     */
    private JsonNode leave(
        JsonNode output, JsonNode assign, JsonataBindings bindings, JsonNode fallback) {
      JsonNode shaped =
          output == null ? fallback : JsonataExpressions.evaluate(output, bindings, "Output");
      if (assign != null) {
        variables = variables.assignAll(JsonataExpressions.assign(assign, bindings));
      }
      return shaped;
    }

    /** Moves through states until one waits or the branch ends. */
    void step() {
      StackClock.InFlight busy = clock.requestStarted();
      try {
        while (true) {
          if (attemptEnded.isDone()) {
            result.completeExceptionally(ExecutionOver.INSTANCE);
            return;
          }
          CompletableFuture<Transition> transition;
          try {
            transition = perform(state, input);
          } catch (RuntimeException failed) {
            transition = CompletableFuture.failedFuture(failed);
          }
          if (!transition.isDone()) {
            transition.whenComplete(
                (done, failed) ->
                    executor.execute(
                        () -> {
                          if (advance(done, failed)) {
                            step();
                          }
                        }));
            return;
          }
          Transition done = null;
          Throwable failed = null;
          try {
            done = transition.join();
          } catch (CompletionException | java.util.concurrent.CancellationException e) {
            failed = e.getCause() == null ? e : e.getCause();
          }
          if (!advance(done, failed)) {
            return;
          }
        }
      } finally {
        busy.finish();
      }
    }

    /** Takes a state's outcome; returns whether the run goes on. */
    private boolean advance(Transition done, Throwable failed) {
      if (failed != null) {
        result.completeExceptionally(unwrap(failed));
        return false;
      }
      if (done.next() == null) {
        result.complete(done.output());
        return false;
      }
      state = definition.state(done.next());
      input = done.output();
      if (tracksExecution) {
        execution.lastStateName = state.name();
        execution.lastStateInput = input;
      }
      return true;
    }

    /**
     * Records an event on this run's path; once its attempt has ended (stopped, failed elsewhere)
     * nothing more is recorded and the run stops: AWS's history ends with the execution's end.
     */
    private long event(HistoryEventType type, HistoryData.Details details) {
      if (attemptEnded.isDone()) {
        throw ExecutionOver.INSTANCE;
      }
      long id = execution.history.add(trail.last, clock.now(), type, details);
      trail.last = id;
      return id;
    }

    private CompletableFuture<Transition> perform(State state, JsonNode input) {
      return switch (state.type()) {
        case "Pass" -> pass((State.Pass) state, input);
        case "Task" -> task((State.Task) state, input);
        case "Choice" -> choice((State.Choice) state, input);
        case "Wait" -> waitState((State.Wait) state, input);
        case "Succeed" -> succeed((State.Succeed) state, input);
        case "Fail" -> fail((State.Fail) state, input);
        case "Parallel" -> parallel((State.Parallel) state, input);
        default -> map((State.MapState) state, input);
      };
    }

    private JsonNode context(State state, Instant entered, String token) {
      ObjectNode context = Payloads.NODES.objectNode();
      context.set("Execution", execution.contextExecution);
      context.set("StateMachine", execution.contextStateMachine);
      ObjectNode stateNode = context.putObject("State");
      stateNode.put("EnteredTime", Timestamps.format(entered));
      stateNode.put("Name", state.name());
      stateNode.put("RetryCount", 0);
      if (token != null) {
        context.putObject("Task").put("Token", token);
      }
      return context;
    }

    /**
     * What a JSONPath state's paths read besides its input: its context object (built when a path
     * reads it) and the variables as they were when the state was entered.
     */
    private PathRoots roots(State state, Instant entered, String token) {
      return PathRoots.lazy(() -> context(state, entered, token), variables);
    }

    /**
     * A JSONPath state's {@code Assign}: a payload template evaluated on {@code value} (what the
     * state type gives it: its result, its input, its error output) with the variables as they were
     * before the state; the assignments apply after.
     */
    private void assign(JsonNode assign, JsonNode value, PathRoots roots) {
      if (assign == null) {
        return;
      }
      Map<String, JsonNode> assigned = new LinkedHashMap<>();
      PayloadTemplate.cached(assign)
          .apply(value, roots)
          .properties()
          .forEach(field -> assigned.put(field.getKey(), field.getValue()));
      variables = variables.assignAll(assigned);
    }

    private long entered(State state, JsonNode input) {
      return event(enteredType(state), HistoryData.stateEntered(state.name(), input));
    }

    private CompletableFuture<Transition> exited(State state, JsonNode output, String next) {
      event(exitedType(state), HistoryData.stateExited(state.name(), output));
      return CompletableFuture.completedFuture(new Transition(next, output));
    }

    private CompletableFuture<Transition> pass(State.Pass pass, JsonNode raw) {
      Instant at = clock.now();
      long id = entered(pass, raw);
      return inState(
          pass,
          id,
          () -> {
            State.Common common = pass.common();
            if (pass.jsonata()) {
              JsonNode output =
                  leave(common.output(), common.assign(), bindings(pass, raw, at, null), raw);
              return exited(pass, output, common.next());
            }
            PathRoots roots = roots(pass, at, null);
            JsonNode effective = JsonPathDataFlow.select(raw, common.inputPath(), roots);
            if (common.parameters() != null) {
              effective = common.parameters().apply(effective, roots);
            }
            JsonNode result = pass.result() != null ? pass.result() : effective;
            return exited(pass, shape(common, raw, result, roots), common.next());
          });
    }

    private CompletableFuture<Transition> choice(State.Choice choice, JsonNode raw) {
      Instant at = clock.now();
      long id = entered(choice, raw);
      return inState(
          choice,
          id,
          () -> {
            State.Common common = choice.common();
            if (choice.jsonata()) {
              return choiceJsonata(choice, raw, at, id);
            }
            PathRoots roots = roots(choice, at, null);
            JsonNode effective = JsonPathDataFlow.select(raw, common.inputPath(), roots);
            String next = null;
            for (JsonNode rule : choice.choices()) {
              if (ChoiceRules.evaluate(rule, effective, roots)) {
                next = rule.get("Next").asText();
                // The matching rule's Assign, as a JSONata Choice takes it; else the state's.
                assign(rule.get("Assign"), effective, roots);
                break;
              }
            }
            if (next == null) {
              next = choice.defaultNext();
              if (next == null) {
                throw noChoice(choice, id);
              }
              assign(common.assign(), effective, roots);
            }
            return exited(
                choice, JsonPathDataFlow.select(effective, common.outputPath(), roots), next);
          });
    }

    private CompletableFuture<Transition> choiceJsonata(
        State.Choice choice, JsonNode raw, Instant at, long id) {
      JsonataBindings bindings = bindings(choice, raw, at, null);
      List<JsonNode> rules = choice.choices();
      for (int i = 0; i < rules.size(); i++) {
        JsonNode rule = rules.get(i);
        if (JsonataExpressions.condition(
            rule.get("Condition"), bindings, "Choices[" + i + "]/Condition")) {
          JsonNode output =
              leave(
                  rule.has("Output") ? rule.get("Output") : choice.common().output(),
                  rule.get("Assign"),
                  bindings,
                  raw);
          return exited(choice, output, rule.get("Next").asText());
        }
      }
      if (choice.defaultNext() == null) {
        throw noChoice(choice, id);
      }
      JsonNode output = leave(choice.common().output(), choice.common().assign(), bindings, raw);
      return exited(choice, output, choice.defaultNext());
    }

    private StatesError noChoice(State.Choice choice, long id) {
      return StatesError.of(
          StatesError.NO_CHOICE_MATCHED,
          "An error occurred while executing the state '"
              + choice.name()
              + "' (entered at the event id #"
              + id
              + "). No Choice Rule matched");
    }

    private CompletableFuture<Transition> waitState(State.Wait wait, JsonNode raw) {
      // Waits count from the entry, read before the event that announces it: a clock advanced once
      // the event is seen must find the deadline already set.
      Instant at = clock.now();
      long id = entered(wait, raw);
      return inState(
          wait,
          id,
          () -> {
            State.Common common = wait.common();
            if (wait.jsonata()) {
              JsonataBindings bindings = bindings(wait, raw, at, null);
              Instant deadline =
                  wait.seconds() != null
                      ? at.plusSeconds(
                          JsonataExpressions.evaluate(wait.seconds(), bindings, "Seconds").asLong())
                      : timestamp(
                          JsonataExpressions.evaluate(wait.timestamp(), bindings, "Timestamp")
                              .asText(),
                          "Timestamp");
              JsonNode output = leave(common.output(), common.assign(), bindings, raw);
              return after(deadline, "Wait state " + wait.name() + " of " + execution.arn)
                  .thenCompose(ignored -> exited(wait, output, common.next()));
            }
            PathRoots roots = roots(wait, at, null);
            JsonNode effective = JsonPathDataFlow.select(raw, common.inputPath(), roots);
            Instant deadline = deadline(wait, at, effective, roots);
            assign(common.assign(), effective, roots);
            JsonNode output = JsonPathDataFlow.select(effective, common.outputPath(), roots);
            return after(deadline, "Wait state " + wait.name() + " of " + execution.arn)
                .thenCompose(ignored -> exited(wait, output, common.next()));
          });
    }

    private Instant deadline(State.Wait wait, Instant now, JsonNode effective, PathRoots roots) {
      if (wait.seconds() != null) {
        return now.plusSeconds(wait.seconds().asLong());
      }
      if (wait.timestamp() != null) {
        return timestamp(wait.timestamp().asText(), "Timestamp");
      }
      if (wait.secondsPath() != null) {
        JsonNode seconds = JsonPathDataFlow.select(effective, wait.secondsPath(), roots);
        if (!seconds.canConvertToLong() || seconds.asLong() < 0) {
          throw StatesError.inState(
              StatesError.RUNTIME,
              "The SecondsPath parameter does not reference a valid non-negative integer value:"
                  + " "
                  + Payloads.text(seconds));
        }
        return now.plusSeconds(seconds.asLong());
      }
      JsonNode stamp = JsonPathDataFlow.select(effective, wait.timestampPath(), roots);
      return timestamp(stamp.asText(), "TimestampPath");
    }

    private Instant timestamp(String text, String field) {
      try {
        return OffsetDateTime.parse(text).toInstant();
      } catch (DateTimeParseException e) {
        throw StatesError.inState(
            StatesError.RUNTIME,
            "The "
                + field
                + " parameter does not reference a valid ISO-8601 extended offset"
                + " date-time format string: "
                + text);
      }
    }

    private CompletableFuture<Transition> succeed(State.Succeed succeed, JsonNode raw) {
      long id = entered(succeed, raw);
      return inState(
          succeed,
          id,
          () -> {
            State.Common common = succeed.common();
            if (succeed.jsonata()) {
              return exited(
                  succeed,
                  leave(common.output(), null, bindings(succeed, raw, clock.now(), null), raw),
                  null);
            }
            PathRoots roots = roots(succeed, clock.now(), null);
            JsonNode output =
                JsonPathDataFlow.select(
                    JsonPathDataFlow.select(raw, common.inputPath(), roots),
                    common.outputPath(),
                    roots);
            return exited(succeed, output, null);
          });
    }

    private CompletableFuture<Transition> fail(State.Fail fail, JsonNode raw) {
      long id = entered(fail, raw);
      return inState(
          fail,
          id,
          () -> {
            if (fail.jsonata()) {
              JsonataBindings bindings = bindings(fail, raw, clock.now(), null);
              throw StatesError.of(
                  fail.error() == null
                      ? null
                      : JsonataExpressions.evaluate(fail.error(), bindings, "Error").asText(),
                  fail.cause() == null
                      ? null
                      : JsonataExpressions.evaluate(fail.cause(), bindings, "Cause").asText());
            }
            PathRoots roots = roots(fail, clock.now(), null);
            String error =
                fail.errorPath() != null
                    ? JsonPathDataFlow.select(raw, fail.errorPath(), roots).asText()
                    : fail.error() == null ? null : fail.error().asText();
            String cause =
                fail.causePath() != null
                    ? JsonPathDataFlow.select(raw, fail.causePath(), roots).asText()
                    : fail.cause() == null ? null : fail.cause().asText();
            throw StatesError.of(error, cause);
          });
    }

    // ---- tasks

    private CompletableFuture<Transition> task(State.Task task, JsonNode raw) {
      Instant at = clock.now();
      long id = entered(task, raw);
      State.Common common = task.common();
      TaskResource resource = TaskResource.parse(task.resource());
      return attempt(
              task,
              id,
              new int[task.errors().retry().size()],
              () -> {
                String token = resource.waitsForToken() ? integrations.newToken() : null;
                if (task.jsonata()) {
                  JsonataBindings bindings = bindings(task, raw, at, token);
                  JsonNode arguments =
                      common.arguments() == null
                          ? raw
                          : JsonataExpressions.evaluate(common.arguments(), bindings, "Arguments");
                  return callTask(
                          task,
                          resource,
                          arguments,
                          token,
                          seconds(
                              task.timeoutSeconds(), null, bindings, raw, null, "TimeoutSeconds"),
                          seconds(
                              task.heartbeatSeconds(),
                              null,
                              bindings,
                              raw,
                              null,
                              "HeartbeatSeconds"))
                      .thenApply(
                          result ->
                              leave(
                                  common.output(),
                                  common.assign(),
                                  bindings.withResult(result),
                                  result));
                }
                PathRoots roots = roots(task, at, token);
                JsonNode effective = JsonPathDataFlow.select(raw, common.inputPath(), roots);
                JsonNode parameters =
                    common.parameters() == null
                        ? effective
                        : common.parameters().apply(effective, roots);
                return callTask(
                        task,
                        resource,
                        parameters,
                        token,
                        seconds(
                            task.timeoutSeconds(),
                            task.timeoutSecondsPath(),
                            null,
                            effective,
                            roots,
                            "TimeoutSecondsPath"),
                        seconds(
                            task.heartbeatSeconds(),
                            task.heartbeatSecondsPath(),
                            null,
                            effective,
                            roots,
                            "HeartbeatSecondsPath"))
                    .thenApply(result -> shape(common, raw, result, roots(task, at, null)));
              })
          .handle(
              (output, failure) -> {
                if (failure == null) {
                  return exited(task, output, common.next());
                }
                return caught(task, task.errors(), id, raw, failure);
              })
          .thenCompose(stage -> stage);
    }

    /**
     * A task's TimeoutSeconds or HeartbeatSeconds: a number, its JSONata expression, or the value
     * its {@code ...Path} names; {@code null} when the state sets none.
     */
    private Long seconds(
        JsonNode value,
        String path,
        JsonataBindings bindings,
        JsonNode effective,
        PathRoots roots,
        String field) {
      JsonNode seconds;
      if (value != null) {
        seconds =
            bindings != null && JsonataExpressions.isExpression(value)
                ? JsonataExpressions.evaluate(value, bindings, field)
                : value;
      } else if (path != null) {
        seconds = JsonPathDataFlow.select(effective, path, roots);
      } else {
        return null;
      }
      if (!seconds.canConvertToLong() || seconds.asLong() <= 0) {
        throw StatesError.inState(
            StatesError.RUNTIME,
            "The "
                + field
                + " field does not reference a valid positive integer value: "
                + Payloads.text(seconds));
      }
      return seconds.asLong();
    }

    private CompletableFuture<JsonNode> callTask(
        State.Task task,
        TaskResource resource,
        JsonNode parameters,
        String token,
        Long timeoutSeconds,
        Long heartbeat) {
      long timeout = timeoutSeconds != null ? timeoutSeconds : DEFAULT_TASK_TIMEOUT;
      // The timeout counts from the scheduling, read before the events that announce it: a clock
      // advanced once they are seen must find the deadline already set.
      Instant scheduled = clock.now();
      boolean activity = resource.kind() == TaskResource.Kind.ACTIVITY;
      if (resource.legacyLambda()) {
        event(
            HistoryEventType.LAMBDA_FUNCTION_SCHEDULED,
            HistoryData.lambdaScheduled(resource.arn(), parameters, timeoutSeconds));
        event(HistoryEventType.LAMBDA_FUNCTION_STARTED, null);
      } else if (activity) {
        integrations.checkResource(execution, resource);
        event(
            HistoryEventType.ACTIVITY_SCHEDULED,
            HistoryData.activityScheduled(resource.arn(), parameters, timeoutSeconds, heartbeat));
      } else {
        event(
            HistoryEventType.TASK_SCHEDULED,
            HistoryData.taskScheduled(
                resource.resourceType(),
                resource.resource(),
                execution.machine.scope.region(),
                parameters,
                timeoutSeconds,
                heartbeat));
        event(
            HistoryEventType.TASK_STARTED,
            HistoryData.taskStarted(resource.resourceType(), resource.resource()));
      }
      CompletableFuture<JsonNode> call =
          integrations.call(
              new Integrations.TaskCall(
                  execution, resource, parameters, token, heartbeat, task.name()),
              submitted -> {
                if (activity) {
                  // An activity's task is "submitted" when a worker takes it, under its name.
                  event(
                      HistoryEventType.ACTIVITY_STARTED,
                      HistoryData.activityStarted(
                          submitted == null || submitted.isNull() ? null : submitted.asText()));
                } else {
                  event(
                      HistoryEventType.TASK_SUBMITTED,
                      HistoryData.taskSubmitted(
                          resource.resourceType(), resource.resource(), submitted));
                }
              });
      CompletableFuture<JsonNode> bounded = new CompletableFuture<>();
      StackClock.Scheduled timer =
          clock.schedule(
              scheduled.plusSeconds(timeout),
              () -> bounded.completeExceptionally(StatesError.of(StatesError.TIMEOUT, null)));
      // A task that timed out stops waiting for its worker (an activity leaves its queue).
      bounded.whenComplete((result, failure) -> call.cancel(false));
      call.whenComplete(
          (result, failure) -> {
            timer.cancel();
            if (failure == null && Payloads.exceedsLimit(result)) {
              // AWS's words, from its recorded history of a Lambda task's oversized answer.
              bounded.completeExceptionally(
                  StatesError.of(
                      StatesError.DATA_LIMIT_EXCEEDED,
                      "The state/task '"
                          + resource.resourceType()
                          + "' returned a result with a size exceeding the maximum number of"
                          + " bytes service limit."));
            } else if (failure == null) {
              bounded.complete(result);
            } else {
              bounded.completeExceptionally(unwrap(failure));
            }
          });
      return bounded.handle(
          (result, failure) -> {
            if (failure == null) {
              if (resource.legacyLambda()) {
                event(
                    HistoryEventType.LAMBDA_FUNCTION_SUCCEEDED,
                    HistoryData.lambdaSucceeded(result));
              } else if (activity) {
                event(HistoryEventType.ACTIVITY_SUCCEEDED, HistoryData.activitySucceeded(result));
              } else {
                event(
                    HistoryEventType.TASK_SUCCEEDED,
                    HistoryData.taskSucceeded(
                        resource.resourceType(), resource.resource(), result));
              }
              return result;
            }
            StatesError error = statesError(failure);
            if (error == null) {
              throw ExecutionOver.INSTANCE;
            }
            boolean timedOut =
                StatesError.TIMEOUT.equals(error.error())
                    || StatesError.HEARTBEAT_TIMEOUT.equals(error.error());
            if (resource.legacyLambda()) {
              event(
                  timedOut
                      ? HistoryEventType.LAMBDA_FUNCTION_TIMED_OUT
                      : HistoryEventType.LAMBDA_FUNCTION_FAILED,
                  timedOut
                      ? HistoryData.lambdaTimedOut(error.error(), error.cause())
                      : HistoryData.lambdaFailed(error.error(), error.cause()));
            } else if (activity) {
              event(
                  timedOut ? HistoryEventType.ACTIVITY_TIMED_OUT : HistoryEventType.ACTIVITY_FAILED,
                  timedOut
                      ? HistoryData.activityTimedOut(error.error(), error.cause())
                      : HistoryData.activityFailed(error.error(), error.cause()));
            } else {
              event(
                  timedOut ? HistoryEventType.TASK_TIMED_OUT : HistoryEventType.TASK_FAILED,
                  timedOut
                      ? HistoryData.taskTimedOut(
                          resource.resourceType(),
                          resource.resource(),
                          error.error(),
                          error.cause())
                      : HistoryData.taskFailed(
                          resource.resourceType(),
                          resource.resource(),
                          error.error(),
                          error.cause()));
            }
            throw error;
          });
    }

    /** Runs {@code body} and, while a retrier of the state matches its error, again. */
    private CompletableFuture<JsonNode> attempt(
        State state,
        long entered,
        int[] retries,
        java.util.function.Supplier<CompletableFuture<JsonNode>> body) {
      CompletableFuture<JsonNode> tried;
      try {
        tried = body.get();
      } catch (RuntimeException failed) {
        tried = CompletableFuture.failedFuture(failed);
      }
      return tried
          .handle(
              (result, failure) -> {
                if (failure == null) {
                  return CompletableFuture.completedFuture(result);
                }
                StatesError error = statesError(failure);
                if (error == null) {
                  return CompletableFuture.<JsonNode>failedFuture(unwrap(failure));
                }
                List<State.Retrier> retriers = retriers(state);
                for (int i = 0; i < retriers.size(); i++) {
                  State.Retrier retrier = retriers.get(i);
                  if (!Errors.matches(retrier.errorEquals(), error.error(), true)) {
                    continue;
                  }
                  if (retries[i] >= retrier.maxAttempts()) {
                    break;
                  }
                  Duration delay = Errors.backoff(retrier, retries[i], ThreadLocalRandom.current());
                  retries[i]++;
                  // The back-off counts from the failure's event, not from now: a clock advanced
                  // on seeing that event must find the retry's deadline already set.
                  Instant failed = execution.history.timestamp(trail.last);
                  return after(
                          (failed == null ? clock.now() : failed).plus(delay),
                          "Retry of state " + state.name() + " of " + execution.arn)
                      .thenCompose(ignored -> attempt(state, entered, retries, body));
                }
                return CompletableFuture.<JsonNode>failedFuture(
                    prefixed(error, state.name(), entered));
              })
          .thenCompose(stage -> stage);
    }

    private List<State.Retrier> retriers(State state) {
      return switch (state.type()) {
        case "Task" -> ((State.Task) state).errors().retry();
        case "Parallel" -> ((State.Parallel) state).errors().retry();
        case "Map" -> ((State.MapState) state).errors().retry();
        default -> List.of();
      };
    }

    /** A state's error after its retries: to a matching catcher, or out of the branch. */
    private CompletableFuture<Transition> caught(
        State state, State.ErrorHandling errors, long entered, JsonNode raw, Throwable failure) {
      StatesError error = statesError(failure);
      if (error == null) {
        return CompletableFuture.failedFuture(unwrap(failure));
      }
      error = prefixed(error, state.name(), entered);
      for (State.Catcher catcher : errors.catchers()) {
        if (Errors.matches(catcher.errorEquals(), error.error(), true)) {
          ObjectNode errorOutput = Payloads.NODES.objectNode();
          errorOutput.put("Error", error.error());
          if (error.cause() != null) {
            errorOutput.put("Cause", error.cause());
          }
          JsonNode output;
          try {
            output =
                state.jsonata()
                    ? leave(
                        catcher.output(),
                        catcher.assign(),
                        bindings(state, raw, clock.now(), null).withErrorOutput(errorOutput),
                        errorOutput)
                    : caughtJsonPath(state, catcher, raw, errorOutput);
          } catch (StatesError unappliable) {
            return CompletableFuture.failedFuture(prefixed(unappliable, state.name(), entered));
          }
          return exited(state, output, catcher.next());
        }
      }
      return CompletableFuture.failedFuture(error);
    }

    /** A JSONPath Catch's output: its Assign on the error output, then its ResultPath. */
    private JsonNode caughtJsonPath(
        State state, State.Catcher catcher, JsonNode raw, JsonNode errorOutput) {
      assign(catcher.assign(), errorOutput, roots(state, clock.now(), null));
      return JsonPathDataFlow.applyResultPath(raw, errorOutput, catcher.resultPath());
    }

    /** Runs a state's own work, turning what it throws into a failed stage with its prefix. */
    private CompletableFuture<Transition> inState(
        State state,
        long entered,
        java.util.function.Supplier<CompletableFuture<Transition>> body) {
      try {
        return body.get();
      } catch (StatesError error) {
        return CompletableFuture.failedFuture(prefixed(error, state.name(), entered));
      }
    }

    /** A future that completes when the clock reaches {@code deadline}, parked on the clock. */
    private CompletableFuture<Void> after(Instant deadline, String waitingFor) {
      CompletableFuture<Void> due = new CompletableFuture<>();
      StackClock.InFlight parked = clock.requestStarted();
      parked.park(null);
      StackClock.Scheduled timer =
          clock.schedule(
              deadline,
              () -> {
                parked.finish();
                due.complete(null);
              });
      execution.ended.whenComplete(
          (outcome, error) -> {
            timer.cancel();
            parked.finish();
          });
      return due;
    }

    // ---- Parallel and Map

    private CompletableFuture<Transition> parallel(State.Parallel parallel, JsonNode raw) {
      Instant at = clock.now();
      long id = entered(parallel, raw);
      State.Common common = parallel.common();
      return attempt(
              parallel,
              id,
              new int[parallel.errors().retry().size()],
              () -> {
                JsonataBindings bindings =
                    parallel.jsonata() ? bindings(parallel, raw, at, null) : null;
                JsonNode branchInput;
                if (bindings != null) {
                  branchInput =
                      common.arguments() == null
                          ? raw
                          : JsonataExpressions.evaluate(common.arguments(), bindings, "Arguments");
                } else {
                  PathRoots roots = roots(parallel, at, null);
                  JsonNode effective = JsonPathDataFlow.select(raw, common.inputPath(), roots);
                  branchInput =
                      common.parameters() == null
                          ? effective
                          : common.parameters().apply(effective, roots);
                }
                long started = event(HistoryEventType.PARALLEL_STATE_STARTED, null);
                List<Definition> branches = parallel.branches();
                @SuppressWarnings({"unchecked", "rawtypes"}) // no generic array creation in Java
                CompletableFuture<JsonNode>[] results = new CompletableFuture[branches.size()];
                for (int i = 0; i < branches.size(); i++) {
                  Run branch =
                      new Run(
                          execution,
                          branches.get(i),
                          branchInput,
                          new Trail(started),
                          variables.child());
                  results[i] = branch.result;
                  executor.execute(branch::step);
                }
                return allInOrder(results)
                    .handle(
                        (outputs, failure) ->
                            collected(
                                parallel,
                                bindings,
                                raw,
                                at,
                                outputs,
                                failure,
                                HistoryEventType.PARALLEL_STATE_FAILED,
                                HistoryEventType.PARALLEL_STATE_SUCCEEDED));
              })
          .handle(
              (output, failure) ->
                  failure == null
                      ? exited(parallel, output, common.next())
                      : caught(parallel, parallel.errors(), id, raw, failure))
          .thenCompose(stage -> stage);
    }

    /** A Parallel's or Map's outcome once its branches are done: shaped, or its failure. */
    private JsonNode collected(
        State state,
        JsonataBindings bindings,
        JsonNode raw,
        Instant at,
        JsonNode outputs,
        Throwable failure,
        HistoryEventType failed,
        HistoryEventType succeeded) {
      if (failure != null) {
        event(failed, null);
        throw asCompletion(failure);
      }
      event(succeeded, null);
      State.Common common = state.common();
      return bindings != null
          ? leave(common.output(), common.assign(), bindings.withResult(outputs), outputs)
          : shape(common, raw, outputs, roots(state, at, null));
    }

    /**
     * A JSONPath state's output from its result: Assign (on the raw result), ResultSelector (a
     * Task's, Parallel's or Map's), ResultPath, OutputPath.
     */
    private JsonNode shape(State.Common common, JsonNode raw, JsonNode result, PathRoots roots) {
      assign(common.assign(), result, roots);
      JsonNode selected =
          common.resultSelector() == null ? result : common.resultSelector().apply(result, roots);
      return JsonPathDataFlow.select(
          JsonPathDataFlow.applyResultPath(raw, selected, common.resultPath()),
          common.outputPath(),
          roots);
    }

    private CompletableFuture<Transition> map(State.MapState map, JsonNode raw) {
      Instant at = clock.now();
      long id = entered(map, raw);
      State.Common common = map.common();
      return attempt(
              map,
              id,
              new int[map.errors().retry().size()],
              () -> {
                JsonataBindings bindings = map.jsonata() ? bindings(map, raw, at, null) : null;
                PathRoots roots = roots(map, at, null);
                JsonNode effective =
                    bindings != null
                        ? raw
                        : JsonPathDataFlow.select(raw, common.inputPath(), roots);
                JsonNode items;
                if (bindings != null) {
                  items =
                      map.items() == null
                          ? raw
                          : JsonataExpressions.evaluateArray(map.items(), bindings, "Items");
                } else {
                  items = JsonPathDataFlow.select(effective, map.itemsPath(), roots);
                }
                if (map.itemReader() != null) {
                  // The Map Run reads them: AWS's MapStateStarted then counts none.
                  items = Payloads.NODES.arrayNode();
                }
                if (!items.isArray()) {
                  throw StatesError.inState(
                      StatesError.RUNTIME,
                      "Invalid path '"
                          + map.itemsPath()
                          + "': The ItemsPath field must point to a JSON array: "
                          + Payloads.text(items));
                }
                long started =
                    event(HistoryEventType.MAP_STATE_STARTED, HistoryData.mapStarted(items.size()));
                JsonNode concurrency = map.maxConcurrency();
                if (concurrency != null
                    && bindings != null
                    && JsonataExpressions.isExpression(concurrency)) {
                  concurrency =
                      JsonataExpressions.evaluate(concurrency, bindings, "MaxConcurrency");
                } else if (concurrency == null && map.maxConcurrencyPath() != null) {
                  concurrency = JsonPathDataFlow.select(effective, map.maxConcurrencyPath(), roots);
                }
                if (map.distributed()) {
                  return distributed(
                      map,
                      bindings,
                      raw,
                      at,
                      effective,
                      roots,
                      items,
                      concurrency == null ? 0 : concurrency.asInt());
                }
                int limit =
                    concurrency == null || concurrency.asInt() <= 0
                        ? Integer.MAX_VALUE
                        : concurrency.asInt();
                return new Iterations(map, effective, items, started, at, limit)
                    .run()
                    .handle(
                        (outputs, failure) ->
                            collected(
                                map,
                                bindings,
                                raw,
                                at,
                                outputs,
                                failure,
                                HistoryEventType.MAP_STATE_FAILED,
                                HistoryEventType.MAP_STATE_SUCCEEDED));
              })
          .handle(
              (output, failure) ->
                  failure == null
                      ? exited(map, output, common.next())
                      : caught(map, map.errors(), id, raw, failure))
          .thenCompose(stage -> stage);
    }

    /**
     * A distributed Map's work: a Map Run whose child executions run the items, recorded in this
     * history as AWS does (MapRunStarted, then MapRunSucceeded or MapRunFailed; the state's exit
     * names the Map Run's end as its previous event, as AWS's does).
     */
    private CompletableFuture<JsonNode> distributed(
        State.MapState map,
        JsonataBindings bindings,
        JsonNode raw,
        Instant at,
        JsonNode effective,
        PathRoots roots,
        JsonNode items,
        int maxConcurrency) {
      Long toleratedCount = MapTolerances.count(map, effective, roots, bindings);
      Float toleratedPercentage = MapTolerances.percentage(map, effective, roots, bindings);
      MapItemReader reader = MapItemReader.prepare(map.itemReader(), effective, roots, bindings);
      MapResultWriter writer =
          MapResultWriter.prepare(map.resultWriter(), effective, roots, bindings);
      StateMachine.Revision parent = execution.revision;
      StateMachine.Revision processor =
          new StateMachine.Revision(
              parent.definitionText(),
              map.processor(),
              parent.roleArn(),
              parent.revisionId(),
              parent.updated(),
              parent.loggingJson(),
              parent.tracing());
      MapRun mapRun =
          new MapRun(
              execution,
              map.label(),
              "EXPRESS".equals(map.executionType()),
              processor,
              maxConcurrency,
              toleratedCount,
              toleratedPercentage,
              Interpreter.this,
              mapRuns,
              clock);
      event(HistoryEventType.MAP_RUN_STARTED, MapRun.startedDetails(mapRun.arn));
      CompletableFuture<JsonNode> ran;
      try {
        JsonNode all = reader == null ? items : reader.read(mapRuns.s3(), execution.machine.scope);
        List<JsonNode> inputs = new java.util.ArrayList<>(all.size());
        for (int index = 0; index < all.size(); index++) {
          inputs.add(itemInput(map, effective, index, all.get(index), at));
        }
        MapBatches.Inputs batched =
            MapBatches.of(map.itemBatcher(), inputs, effective, roots, bindings);
        ran = mapRun.run(batched.inputs(), batched.itemsPerInput());
      } catch (StatesError error) {
        ran = mapRun.failBeforeStart(error);
      }
      if (writer != null) {
        ran = ran.handle((outputs, failure) -> written(writer, mapRun, failure));
      }
      return ran.handle(
          (outputs, failure) -> {
            long ended;
            if (failure != null) {
              StatesError error = statesError(failure);
              if (error == null) {
                throw asCompletion(failure);
              }
              ended =
                  event(
                      HistoryEventType.MAP_RUN_FAILED,
                      MapRun.failedDetails(error.error(), error.cause()));
            } else {
              ended = event(HistoryEventType.MAP_RUN_SUCCEEDED, null);
            }
            JsonNode output =
                collected(
                    map,
                    bindings,
                    raw,
                    at,
                    outputs,
                    failure,
                    HistoryEventType.MAP_STATE_FAILED,
                    HistoryEventType.MAP_STATE_SUCCEEDED);
            trail.last = ended;
            return output;
          });
    }

    /**
     * A Map Run's results written by its ResultWriter, which then make the Map's result; a run that
     * failed still writes the results of its children, then fails.
     */
    private JsonNode written(MapResultWriter writer, MapRun mapRun, Throwable failure) {
      List<Execution> children = mapRun.startedChildren();
      if (failure != null && (statesError(failure) == null || children.isEmpty())) {
        throw asCompletion(failure);
      }
      JsonNode result;
      try {
        result = writer.write(mapRun, children, mapRuns.s3(), execution.machine.scope, clock.now());
      } catch (StatesError unwritten) {
        mapRun.writeFailed();
        throw unwritten;
      }
      mapRun.resultsWritten();
      if (failure != null) {
        throw asCompletion(failure);
      }
      return result;
    }

    /** An item's input to its iteration: the item, or what ItemSelector makes of it. */
    private JsonNode itemInput(
        State.MapState map, JsonNode effective, int index, JsonNode item, Instant at) {
      if (map.jsonata()) {
        return map.itemSelectorJsonata() == null
            ? item
            : JsonataExpressions.evaluate(
                map.itemSelectorJsonata(),
                JsonataBindings.of(effective, itemContext(map, at, index, item), variables),
                "ItemSelector");
      }
      return map.itemSelector() == null
          ? item
          : map.itemSelector()
              .apply(effective, PathRoots.of(itemContext(map, at, index, item), variables));
    }

    private JsonNode itemContext(State.MapState map, Instant at, int index, JsonNode item) {
      ObjectNode context = (ObjectNode) context(map, at, null);
      ObjectNode itemNode = context.putObject("Map").putObject("Item");
      itemNode.put("Index", index);
      itemNode.set("Value", item);
      return context;
    }

    /** A Map state's iterations, at most {@code limit} at a time, started in item order. */
    private final class Iterations {
      private final State.MapState map;
      private final JsonNode effective;
      private final JsonNode items;
      private final long started;
      private final Instant at;
      private final int limit;
      private final JsonNode[] outputs;
      private final CompletableFuture<JsonNode> done = new CompletableFuture<>();
      private final AtomicInteger finished = new AtomicInteger();
      private int next;
      private int running;
      private boolean pumping;
      private boolean again;

      Iterations(
          State.MapState map,
          JsonNode effective,
          JsonNode items,
          long started,
          Instant at,
          int limit) {
        this.map = map;
        this.effective = effective;
        this.items = items;
        this.started = started;
        this.at = at;
        this.limit = limit;
        this.outputs = new JsonNode[items.size()];
      }

      CompletableFuture<JsonNode> run() {
        if (items.isEmpty()) {
          done.complete(Payloads.NODES.arrayNode());
        } else {
          pump();
        }
        return done;
      }

      /** Starts iterations while there is room; re-entered from iterations that end at once. */
      private void pump() {
        synchronized (this) {
          if (pumping) {
            again = true;
            return;
          }
          pumping = true;
        }
        while (true) {
          int index;
          synchronized (this) {
            if (done.isDone() || next >= outputs.length || running >= limit) {
              if (again) {
                again = false;
                continue;
              }
              pumping = false;
              return;
            }
            index = next++;
            running++;
          }
          start(index);
        }
      }

      private void start(int index) {
        Trail trail = new Trail(started);
        long iteration =
            execution.history.add(
                trail.last,
                clock.now(),
                HistoryEventType.MAP_ITERATION_STARTED,
                HistoryData.mapIteration(
                    HistoryEventType.MAP_ITERATION_STARTED, map.name(), index));
        trail.last = iteration;
        JsonNode input;
        try {
          input = itemInput(map, effective, index, items.get(index), at);
        } catch (StatesError error) {
          done.completeExceptionally(error);
          return;
        }
        Run run = new Run(execution, map.processor(), input, trail, variables.child());
        run.result.whenComplete(
            (output, failure) -> {
              HistoryEventType type =
                  failure == null
                      ? HistoryEventType.MAP_ITERATION_SUCCEEDED
                      : HistoryEventType.MAP_ITERATION_FAILED;
              if (!(unwrap(failure) instanceof ExecutionOver)) {
                execution.history.add(
                    trail.last,
                    clock.now(),
                    type,
                    HistoryData.mapIteration(type, map.name(), index));
              }
              if (failure != null) {
                done.completeExceptionally(unwrap(failure));
                return;
              }
              outputs[index] = output;
              synchronized (this) {
                running--;
              }
              if (finished.incrementAndGet() == outputs.length) {
                ArrayNode all = Payloads.NODES.arrayNode(outputs.length);
                for (JsonNode each : outputs) {
                  all.add(each);
                }
                done.complete(all);
              } else {
                pump();
              }
            });
        run.step();
      }
    }

    private CompletableFuture<JsonNode> allInOrder(CompletableFuture<JsonNode>[] results) {
      CompletableFuture<JsonNode> all = new CompletableFuture<>();
      AtomicInteger left = new AtomicInteger(results.length);
      if (results.length == 0) {
        all.complete(Payloads.NODES.arrayNode());
      }
      for (CompletableFuture<JsonNode> result : results) {
        result.whenComplete(
            (output, failure) -> {
              if (failure != null) {
                all.completeExceptionally(unwrap(failure));
              } else if (left.decrementAndGet() == 0) {
                ArrayNode outputs = Payloads.NODES.arrayNode(results.length);
                for (CompletableFuture<JsonNode> each : results) {
                  outputs.add(each.join());
                }
                all.complete(outputs);
              }
            });
      }
      return all;
    }
  }

  private static StatesError prefixed(StatesError error, String stateName, long entered) {
    if (!error.prefixedWithState()) {
      return error;
    }
    return StatesError.of(
        error.error(),
        "An error occurred while executing the state '"
            + stateName
            + "' (entered at the event id #"
            + entered
            + "). "
            + error.cause());
  }

  /** The failure inside the wrappers futures put around it. */
  static Throwable unwrap(Throwable failure) {
    Throwable cause = failure;
    while ((cause instanceof CompletionException
            || cause instanceof java.util.concurrent.ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  private static CompletionException asCompletion(Throwable failure) {
    return failure instanceof CompletionException completion
        ? completion
        : new CompletionException(failure);
  }

  /** The Step Functions error a failure is, or {@code null} when the execution is over. */
  private static StatesError statesError(Throwable failure) {
    Throwable cause = unwrap(failure);
    if (cause instanceof StatesError error) {
      return error;
    }
    if (cause instanceof ExecutionOver) {
      return null;
    }
    return StatesError.of(StatesError.RUNTIME, String.valueOf(cause));
  }

  private static HistoryEventType enteredType(State state) {
    return HistoryEventType.fromValue(state.type() + "StateEntered");
  }

  private static HistoryEventType exitedType(State state) {
    return HistoryEventType.fromValue(state.type() + "StateExited");
  }
}
