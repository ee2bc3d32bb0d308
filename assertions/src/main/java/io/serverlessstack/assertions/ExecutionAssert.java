package io.serverlessstack.assertions;

import static io.serverlessstack.assertions.ExecutionErrorMessage.shouldHave;

import io.serverlessstack.api.ExecutionView;
import io.serverlessstack.api.ExecutionView.Event;
import io.serverlessstack.api.InspectableExecution;
import io.serverlessstack.api.ResourceRef;
import io.serverlessstack.api.StateMachineView;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * Assertions on one Step Functions execution, made through the stack's {@link
 * io.serverlessstack.api.StackInspector} only: its outcome, and the path it took through its state
 * machine as its history records it. Obtain one with {@link
 * StackAssertions#assertThat(InspectableExecution)}, {@code
 * assertThat(inspector).execution(executionArn)} or {@code
 * assertThat(stateMachine).latestExecution()}.
 *
 * <p>Executions run on the stack's threads: assert them with {@link #eventually()}, which polls
 * every 10 ms until the assertion holds, the execution ends without it holding, or the timeout
 * passes. A failure shows the execution's path as a timeline of its history and its state machine
 * as a Mermaid diagram with that path highlighted. JSON is compared as compact text: whitespace
 * between tokens does not matter, the order of members does.
 *
 * <pre>{@code
 * assertThat(execution).eventually().succeeded()
 *     .followedPath("Validate", "CheckStock", "Charge", "Done")
 *     .tookChoice("CheckStock", "Charge")
 *     .retried("Charge", 2);
 * assertThat(execution).eventually().failedWith("Payment.Declined");
 * }</pre>
 */
public final class ExecutionAssert extends AbstractAssert<ExecutionAssert, InspectableExecution> {

  private Patience patience = Patience.NONE;

  ExecutionAssert(InspectableExecution execution) {
    super(execution, ExecutionAssert.class);
  }

  ExecutionAssert(InspectableExecution execution, Patience patience) {
    this(execution);
    this.patience = patience;
  }

  /**
   * Makes the following assertions of this chain poll for up to 5 seconds (wall clock) before
   * failing; an execution that ends without the assertion holding fails it at once.
   */
  public ExecutionAssert eventually() {
    return within(Patience.DEFAULT_EVENTUALLY);
  }

  /** Makes the following assertions poll for up to {@code timeout} (wall clock) before failing. */
  public ExecutionAssert within(Duration timeout) {
    patience = new Patience(timeout);
    return myself;
  }

  // ---- outcome

  /** Verifies that the execution ended successfully. */
  public ExecutionAssert succeeded() {
    return hasStatus("SUCCEEDED");
  }

  /** Verifies that the execution ended successfully with exactly this output (as JSON). */
  public ExecutionAssert succeededWithOutput(String json) {
    Objects.requireNonNull(json, "json");
    String expected = JsonText.compact(json);
    return succeededWithOutput(expected::equals, expected);
  }

  /**
   * Verifies that the execution ended successfully with an output (its JSON) that {@code output}
   * accepts.
   *
   * @param description what {@code output} accepts, for the failure message
   */
  public ExecutionAssert succeededWithOutput(Predicate<String> output, String description) {
    Objects.requireNonNull(output, "output");
    return check(
        trace -> {
          ExecutionView view = trace.execution;
          if (!view.status().equals("SUCCEEDED")) {
            return fail(trace, "to have succeeded with output " + description, ended(view));
          }
          return output.test(view.output())
              ? null
              : fail(
                  trace,
                  "to have succeeded with output " + description,
                  "its output was " + view.output());
        });
  }

  /** Verifies that the execution failed, with any error. */
  public ExecutionAssert failed() {
    return hasStatus("FAILED");
  }

  /** Verifies that the execution failed with this error, e.g. {@code States.TaskFailed}. */
  public ExecutionAssert failedWith(String error) {
    Objects.requireNonNull(error, "error");
    return failedWith(error, null);
  }

  /**
   * Verifies that the execution failed with this error and cause.
   *
   * @param cause the exact cause, or {@code null} for any
   */
  public ExecutionAssert failedWith(String error, String cause) {
    Objects.requireNonNull(error, "error");
    String expectation =
        "to have failed with error "
            + JournalListing.quote(error)
            + (cause == null ? "" : " and cause " + JournalListing.quote(cause));
    return check(
        trace -> {
          ExecutionView view = trace.execution;
          boolean matches =
              view.status().equals("FAILED")
                  && error.equals(view.error())
                  && (cause == null || cause.equals(view.cause()));
          return matches ? null : fail(trace, expectation, ended(view));
        });
  }

  /** Verifies that the execution ran past its state machine's {@code TimeoutSeconds}. */
  public ExecutionAssert timedOut() {
    return hasStatus("TIMED_OUT");
  }

  /** Verifies that the execution was stopped (StopExecution, or its machine deleted). */
  public ExecutionAssert wasAborted() {
    return hasStatus("ABORTED");
  }

  /** Verifies that the execution has not ended. */
  public ExecutionAssert isRunning() {
    return hasStatus("RUNNING");
  }

  private ExecutionAssert hasStatus(String status) {
    String expectation =
        status.equals("RUNNING")
            ? "to be running"
            : "to have " + status.toLowerCase(java.util.Locale.ROOT).replace("_", " ");
    return check(
        trace ->
            trace.execution.status().equals(status)
                ? null
                : fail(trace, expectation, ended(trace.execution)));
  }

  private static String ended(ExecutionView view) {
    if (view.running()) {
      return "it is still running (eventually() waits for it)";
    }
    StringBuilder found = new StringBuilder("it ended ").append(view.status());
    if (view.error() != null) {
      found.append(" with error ").append(JournalListing.quote(view.error()));
    }
    if (view.cause() != null) {
      found.append(" and cause ").append(JournalListing.quote(view.cause()));
    }
    return found.toString();
  }

  // ---- path

  /**
   * Verifies that the states the execution entered outside any Parallel or Map were exactly these,
   * in this order (a loop's repeats included).
   */
  public ExecutionAssert followedPath(String... states) {
    List<String> expected = Arrays.asList(states);
    return check(
        trace -> {
          List<String> path = trace.topLevelPath();
          return path.equals(expected)
              ? null
              : fail(trace, "to have followed the path " + expected, "it followed " + path);
        });
  }

  /**
   * Verifies that the execution entered these states in this order, at any depth, others possibly
   * in between.
   */
  public ExecutionAssert passedThrough(String... states) {
    List<String> expected = Arrays.asList(states);
    return check(
        trace -> {
          List<String> entered = trace.enteredNames();
          int found = 0;
          for (String name : entered) {
            if (found < expected.size() && name.equals(expected.get(found))) {
              found++;
            }
          }
          return found == expected.size()
              ? null
              : fail(
                  trace,
                  "to have passed through " + expected + " in this order",
                  "it entered " + entered);
        });
  }

  /** Verifies that the execution never entered {@code state}. */
  public ExecutionAssert neverEntered(String state) {
    Objects.requireNonNull(state, "state");
    return check(
        trace -> {
          int entries = trace.entries(state);
          return entries == 0
              ? null
              : fail(trace, "never to have entered " + state, "it entered it " + times(entries));
        });
  }

  /** Verifies that the Choice state {@code choice} led (at least once) to {@code next}. */
  public ExecutionAssert tookChoice(String choice, String next) {
    Objects.requireNonNull(choice, "choice");
    Objects.requireNonNull(next, "next");
    return check(
        trace -> {
          List<String> taken = trace.choicesTaken(choice);
          if (taken.contains(next)) {
            return null;
          }
          return fail(
              trace,
              "to have gone from " + choice + " to " + next,
              taken.isEmpty()
                  ? "it never left " + choice
                  : "from " + choice + " it went to " + String.join(", ", taken));
        });
  }

  /**
   * Verifies that the work of {@code state} (a Task, Parallel or Map) was retried exactly {@code
   * times} times in all, by its Retry rules.
   */
  public ExecutionAssert retried(String state, int times) {
    Objects.requireNonNull(state, "state");
    return check(
        trace -> {
          int retries = trace.retries(state);
          return retries == times
              ? null
              : fail(
                  trace,
                  "to have retried " + state + " " + times(times),
                  retries == 0 ? "it never retried it" : "it retried it " + times(retries));
        });
  }

  /**
   * Verifies that {@code state} failed with {@code error} and one of its Catch rules took the
   * execution on.
   */
  public ExecutionAssert caught(String state, String error) {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(error, "error");
    return check(
        trace -> {
          if (trace.caught(state, error)) {
            return null;
          }
          List<String> errors = trace.failures(state).stream().map(Event::error).toList();
          return fail(
              trace,
              "to have caught " + JournalListing.quote(error) + " from " + state,
              errors.isEmpty()
                  ? state + " never failed"
                  : state + " failed with " + errors + " and no Catch took one of them on");
        });
  }

  /** Verifies that {@code state} was entered (at least once) with exactly this input (JSON). */
  public ExecutionAssert stateReceivedInput(String state, String json) {
    Objects.requireNonNull(json, "json");
    String expected = JsonText.compact(json);
    return stateReceivedInput(state, expected::equals, expected);
  }

  /**
   * Verifies that {@code state} was entered (at least once) with an input (its JSON) that {@code
   * input} accepts.
   */
  public ExecutionAssert stateReceivedInput(
      String state, Predicate<String> input, String description) {
    return stateData(state, true, input, description);
  }

  /** Verifies that {@code state} was left (at least once) with exactly this output (JSON). */
  public ExecutionAssert stateProducedOutput(String state, String json) {
    Objects.requireNonNull(json, "json");
    String expected = JsonText.compact(json);
    return stateProducedOutput(state, expected::equals, expected);
  }

  /**
   * Verifies that {@code state} was left (at least once) with an output (its JSON) that {@code
   * output} accepts.
   */
  public ExecutionAssert stateProducedOutput(
      String state, Predicate<String> output, String description) {
    return stateData(state, false, output, description);
  }

  private ExecutionAssert stateData(
      String state, boolean input, Predicate<String> accepts, String description) {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(accepts, "accepts");
    String what = input ? "received input " : "produced output ";
    return check(
        trace -> {
          List<String> data =
              trace.eventsOf(state).stream()
                  .filter(
                      event ->
                          state.equals(event.stateName())
                              && (input
                                  ? ExecutionTrace.isEntered(event)
                                  : ExecutionTrace.isExited(event)))
                  .map(event -> input ? event.input() : event.output())
                  .toList();
          if (data.stream().anyMatch(value -> value != null && accepts.test(value))) {
            return null;
          }
          return fail(
              trace,
              "to show that " + state + " " + what + description,
              data.isEmpty()
                  ? state + (input ? " was never entered" : " was never left")
                  : state + " " + what.replace("received", "got") + String.join(", ", data));
        });
  }

  /** Verifies that iteration {@code index} (from 0) of the Map state {@code map} failed. */
  public ExecutionAssert mapIterationFailed(String map, int index) {
    Objects.requireNonNull(map, "map");
    return check(
        trace -> {
          List<Integer> failed =
              trace.execution.events().stream()
                  .filter(
                      event ->
                          event.type().equals("MapIterationFailed")
                              && map.equals(event.stateName()))
                  .map(Event::index)
                  .toList();
          return failed.contains(index)
              ? null
              : fail(
                  trace,
                  "to show iteration " + index + " of " + map + " failed",
                  failed.isEmpty()
                      ? "no iteration of " + map + " failed"
                      : "iterations " + failed + " of " + map + " failed");
        });
  }

  private static String times(int times) {
    return times == 1 ? "once" : times + " times";
  }

  private ErrorMessageFactory fail(ExecutionTrace trace, String expectation, String found) {
    return shouldHave(trace, name(), expectation, found);
  }

  /** The execution's name: the eighth part of its ARN, standard or express. */
  private String name() {
    String arn = actual.executionArn();
    String[] parts = arn.split(":");
    return ResourceRef.serviceOf(arn) != null && parts.length >= 8 ? parts[7] : arn;
  }

  private ExecutionAssert check(Function<ExecutionTrace, ErrorMessageFactory> failureOf) {
    isNotNull();
    ErrorMessageFactory failure =
        patience.await(
            this::trace,
            trace ->
                trace == null
                    ? shouldHave(null, name(), "to exist", "it does not")
                    : failureOf.apply(trace),
            trace -> trace != null && !trace.execution.running());
    if (failure != null) {
      throwAssertionError(failure);
    }
    return myself;
  }

  private ExecutionTrace trace() {
    ExecutionView view = actual.inspector().execution(actual.executionArn()).orElse(null);
    if (view == null) {
      return null;
    }
    StateMachineView machine = actual.inspector().stateMachine(view.stateMachineArn()).orElse(null);
    return new ExecutionTrace(view, machine);
  }
}
