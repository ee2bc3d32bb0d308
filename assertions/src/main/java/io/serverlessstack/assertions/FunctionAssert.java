package io.serverlessstack.assertions;

import static io.serverlessstack.assertions.FunctionErrorMessage.shouldHave;

import io.serverlessstack.api.InspectableFunction;
import io.serverlessstack.api.JournalEvent;
import io.serverlessstack.api.LambdaEvents;
import io.serverlessstack.api.LambdaEvents.Details;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * Assertions on one Lambda function, made through the stack's {@link
 * io.serverlessstack.api.StackInspector} only. Obtain one with {@link
 * StackAssertions#assertThat(InspectableFunction)} (a function handle) or {@code
 * StackAssertions.assertThat(inspector).function("worker")}.
 *
 * <p>They read the journal: an <em>invocation</em> is a handler run ({@code Invoked}), however it
 * was asked for (Invoke, an SQS or Kinesis mapping, an SNS subscription, a retry); it
 * <em>returned</em> an answer ({@code Succeeded}) or <em>failed</em> ({@code Failed}: it threw,
 * timed out, or could not be loaded). Events are compared as JSON text, as the handler got and
 * answered them.
 *
 * <p>Invocations from queues and topics happen on the stack's threads: assert them with {@link
 * #eventually()}, which polls every 10 ms until the assertion holds or the timeout passes. A
 * failure shows the function's events and its triggers' (the queue's sends, receives and deletes,
 * or the stream's puts and reads, say) on one timeline.
 *
 * <pre>{@code
 * assertThat(worker).eventually().hasBeenInvokedTimes(2).hasReturned("{\"ok\":true}");
 * assertThat(worker).eventually().hasThrown(IllegalStateException.class);
 * assertThat(worker).eventually().hasReportedBatchItemFailures(messageId);
 * }</pre>
 */
public final class FunctionAssert extends AbstractAssert<FunctionAssert, InspectableFunction> {

  private Patience patience = Patience.NONE;

  FunctionAssert(InspectableFunction function) {
    super(function, FunctionAssert.class);
  }

  /** Makes the following assertions of this chain poll for up to 5 seconds before failing. */
  public FunctionAssert eventually() {
    return within(Patience.DEFAULT_EVENTUALLY);
  }

  /** Makes the following assertions poll for up to {@code timeout} (wall clock) before failing. */
  public FunctionAssert within(Duration timeout) {
    patience = new Patience(timeout);
    return myself;
  }

  /** Verifies that the function exists on the stack now. */
  public FunctionAssert exists() {
    return check(
        snapshot -> snapshot.exists() ? null : shouldHave(snapshot, "to exist", "it does not"));
  }

  /** Verifies that the function ran at least once. */
  public FunctionAssert hasBeenInvoked() {
    return check(
        snapshot ->
            snapshot.invocations().isEmpty()
                ? shouldHave(snapshot, "to have been invoked", "it never was")
                : null);
  }

  /** Verifies that the function never ran. */
  public FunctionAssert hasNotBeenInvoked() {
    return check(
        snapshot ->
            snapshot.invocations().isEmpty()
                ? null
                : shouldHave(
                    snapshot, "never to have been invoked", times(snapshot.invocations().size())));
  }

  /** Verifies that the function ran exactly {@code times} times, retries included. */
  public FunctionAssert hasBeenInvokedTimes(int times) {
    return check(
        snapshot ->
            snapshot.invocations().size() == times
                ? null
                : shouldHave(
                    snapshot,
                    "to have been invoked " + count(times),
                    times(snapshot.invocations().size())));
  }

  /** Verifies that the function ran with an event whose JSON contains {@code text}. */
  public FunctionAssert hasBeenInvokedWithEventContaining(String text) {
    Objects.requireNonNull(text, "text");
    return hasBeenInvokedWith(
        event -> event.contains(text), "an event containing " + JournalListing.quote(text));
  }

  /**
   * Verifies that the function ran with an event (its JSON) that {@code event} accepts.
   *
   * @param description what {@code event} accepts, for the failure message
   */
  public FunctionAssert hasBeenInvokedWith(Predicate<String> event, String description) {
    Objects.requireNonNull(event, "event");
    return check(
        snapshot ->
            anyDetail(snapshot.invocations(), Details.PAYLOAD, event)
                ? null
                : shouldHave(
                    snapshot,
                    "to have been invoked with " + description,
                    "none of its " + invocations(snapshot.invocations().size()) + " was"));
  }

  /** Verifies that an invocation returned exactly this JSON, e.g. {@code "\"done\""}. */
  public FunctionAssert hasReturned(String json) {
    Objects.requireNonNull(json, "json");
    return hasReturned(json::equals, JournalListing.quote(json));
  }

  /** Verifies that an invocation returned JSON that {@code answer} accepts. */
  public FunctionAssert hasReturned(Predicate<String> answer, String description) {
    Objects.requireNonNull(answer, "answer");
    return check(
        snapshot ->
            anyDetail(snapshot.events(LambdaEvents.SUCCEEDED), Details.RESPONSE, answer)
                ? null
                : shouldHave(snapshot, "to have returned " + description, outcomes(snapshot)));
  }

  /** Verifies that an invocation failed with an exception of this class (by its name). */
  public FunctionAssert hasThrown(Class<? extends Throwable> type) {
    return hasFailedWith(type.getName());
  }

  /**
   * Verifies that an invocation failed with this error type: an exception's class name, or Lambda's
   * own, e.g. {@code Sandbox.Timedout}.
   */
  public FunctionAssert hasFailedWith(String errorType) {
    Objects.requireNonNull(errorType, "errorType");
    return check(
        snapshot ->
            anyDetail(snapshot.events(LambdaEvents.FAILED), Details.ERROR_TYPE, errorType::equals)
                ? null
                : shouldHave(snapshot, "to have failed with " + errorType, outcomes(snapshot)));
  }

  /** Verifies that an invocation ran past the function's timeout. */
  public FunctionAssert hasTimedOut() {
    return hasFailedWith("Sandbox.Timedout");
  }

  /** Verifies that no invocation failed. */
  public FunctionAssert hasNoFailures() {
    return check(
        snapshot ->
            snapshot.events(LambdaEvents.FAILED).isEmpty()
                ? null
                : shouldHave(snapshot, "never to have failed", outcomes(snapshot)));
  }

  /**
   * Verifies that one batch answer (SQS or Kinesis, with {@code ReportBatchItemFailures}) named
   * exactly these items as failed: message ids or sequence numbers, in any order.
   */
  public FunctionAssert hasReportedBatchItemFailures(String... itemIdentifiers) {
    List<String> expected = Arrays.stream(itemIdentifiers).sorted().toList();
    return check(
        snapshot -> {
          List<List<String>> reported =
              snapshot.events(LambdaEvents.BATCH_ITEMS_FAILED).stream()
                  .map(event -> items(event.detail(Details.FAILED_ITEMS)))
                  .toList();
          return reported.contains(expected)
              ? null
              : shouldHave(
                  snapshot,
                  "to have reported the batch item failures " + expected,
                  reported.isEmpty()
                      ? "it reported none"
                      : "it reported "
                          + String.join(", ", reported.stream().map(String::valueOf).toList()));
        });
  }

  /** Verifies that some invocation wrote {@code text} to its log. */
  public FunctionAssert hasLogged(String text) {
    Objects.requireNonNull(text, "text");
    return check(
        snapshot ->
            anyDetail(snapshot.ends(), Details.LOG, log -> log.contains(text))
                ? null
                : shouldHave(
                    snapshot,
                    "to have logged " + JournalListing.quote(text),
                    "none of its " + invocations(snapshot.ends().size()) + " logged it"));
  }

  /** Verifies that an invocation was refused because its reserved concurrency was in use. */
  public FunctionAssert hasBeenThrottled() {
    return check(
        snapshot ->
            snapshot.events(LambdaEvents.THROTTLED).isEmpty()
                ? shouldHave(snapshot, "to have been throttled", "it never was")
                : null);
  }

  /**
   * Verifies that an asynchronous event, or a batch of a stream's records, failed for good after
   * {@code attempts} attempts (the first and its retries) and was given up on: sent to the
   * on-failure destination when there is one.
   */
  public FunctionAssert hasGivenUpAfter(int attempts) {
    return check(
        snapshot -> {
          List<JournalEvent> discarded = snapshot.events(LambdaEvents.EVENT_DISCARDED);
          return discarded.stream()
                  .anyMatch(event -> String.valueOf(attempts).equals(event.detail(Details.ATTEMPT)))
              ? null
              : shouldHave(
                  snapshot,
                  "to have given up on an event after "
                      + count(attempts).replace("time", "attempt"),
                  discarded.isEmpty()
                      ? "it gave up on none"
                      : "it gave up after "
                          + discarded.stream().map(event -> event.detail(Details.ATTEMPT)).toList()
                          + " attempts");
        });
  }

  private static boolean anyDetail(
      List<JournalEvent> events, String detail, Predicate<String> accepts) {
    return events.stream()
        .map(event -> event.detail(detail))
        .anyMatch(value -> value != null && accepts.test(value));
  }

  private static List<String> items(String joined) {
    return joined == null || joined.isEmpty()
        ? List.of()
        : Arrays.stream(joined.split(",")).sorted().toList();
  }

  private static String outcomes(FunctionSnapshot snapshot) {
    int succeeded = snapshot.events(LambdaEvents.SUCCEEDED).size();
    int failed = snapshot.events(LambdaEvents.FAILED).size();
    if (succeeded + failed == 0) {
      return "it has not finished an invocation";
    }
    return "of its invocations " + succeeded + " returned and " + failed + " failed, none so";
  }

  private static String count(int times) {
    return times == 1 ? "once" : times + " times";
  }

  private static String invocations(int count) {
    return count == 1 ? "1 invocation" : count + " invocations";
  }

  private static String times(int times) {
    return times == 0 ? "it never was" : "it was invoked " + count(times);
  }

  private FunctionAssert check(Function<FunctionSnapshot, ErrorMessageFactory> failureOf) {
    isNotNull();
    JournalTail tail = FunctionSnapshot.tail(actual);
    ErrorMessageFactory failure =
        patience.await(() -> FunctionSnapshot.take(actual, tail), failureOf);
    if (failure != null) {
      throwAssertionError(failure);
    }
    return myself;
  }
}
