package io.serverlessstack.assertions;

import io.serverlessstack.api.ApiGatewayEvents;
import io.serverlessstack.api.ApiGatewayEvents.Details;
import io.serverlessstack.api.JournalEvent;
import io.serverlessstack.api.JournalFilter;
import io.serverlessstack.api.StackInspector;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * Assertions on the calls of one API Gateway API (by its id or its name), made through the stack's
 * {@link StackInspector} only: they read the journal's {@code ApiCalled} events, one per answered
 * call, whoever answered it (the integration, or the gateway itself: no route, no key, throttled).
 * Obtain one with {@code StackAssertions.assertThat(inspector).api("orders")}.
 *
 * <pre>{@code
 * assertThat(stack).api("orders").hasReceived("POST", "/orders").hasAnswered("POST", "/orders", 201);
 * assertThat(stack).api("orders").hasReceivedWithBodyContaining("POST", "/orders", "\"item\"");
 * assertThat(stack).api("orders").hasThrottled(2).hasAnswered(403, 1);
 * }</pre>
 *
 * Paths are the paths under the stage as the client sent them, without the query string.
 */
public final class ApiAssert extends AbstractAssert<ApiAssert, StackInspector> {

  private final String api;
  private final JournalTail tail;
  private Patience patience = Patience.NONE;

  ApiAssert(StackInspector inspector, String idOrName) {
    super(inspector, ApiAssert.class);
    this.api = idOrName;
    this.tail =
        new JournalTail(inspector, JournalFilter.all().withService(ApiGatewayEvents.SERVICE));
  }

  /** Makes the following assertions of this chain poll for up to 5 seconds before failing. */
  public ApiAssert eventually() {
    return within(Patience.DEFAULT_EVENTUALLY);
  }

  /** Makes the following assertions poll for up to {@code timeout} (wall clock) before failing. */
  public ApiAssert within(Duration timeout) {
    patience = new Patience(timeout);
    return myself;
  }

  /** Verifies that a call of {@code method} on {@code path} was answered. */
  public ApiAssert hasReceived(String method, String path) {
    return hasReceived(method, path, body -> true, "any body");
  }

  /**
   * Verifies that a call of {@code method} on {@code path} came with a body containing {@code
   * text}.
   */
  public ApiAssert hasReceivedWithBodyContaining(String method, String path, String text) {
    Objects.requireNonNull(text, "text");
    return hasReceived(
        method,
        path,
        body -> body.contains(text),
        "a body containing " + JournalListing.quote(text));
  }

  /**
   * Verifies that a call of {@code method} on {@code path} came with a body {@code body} accepts.
   *
   * @param description what {@code body} accepts, for the failure message
   */
  public ApiAssert hasReceived(
      String method, String path, Predicate<String> body, String description) {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(body, "body");
    return check(
        calls ->
            calls.stream()
                    .anyMatch(
                        call ->
                            to(call, method, path)
                                && body.test(call.details().getOrDefault(Details.REQUEST_BODY, "")))
                ? null
                : shouldHave(
                    calls, "to have received " + method + " " + path + " with " + description));
  }

  /** Verifies that a call of {@code method} on {@code path} was answered with {@code status}. */
  public ApiAssert hasAnswered(String method, String path, int status) {
    return check(
        calls ->
            calls.stream().anyMatch(call -> to(call, method, path) && status(call) == status)
                ? null
                : shouldHave(calls, "to have answered " + method + " " + path + " with " + status));
  }

  /** Verifies that exactly {@code times} calls, of any route, were answered with {@code status}. */
  public ApiAssert hasAnswered(int status, int times) {
    return check(
        calls -> {
          long found = calls.stream().filter(call -> status(call) == status).count();
          return found == times
              ? null
              : shouldHave(
                  calls,
                  "to have answered " + times + " call(s) with " + status + ", not " + found);
        });
  }

  /**
   * Verifies that exactly {@code times} calls were refused by a throttle (429 Too Many Requests).
   */
  public ApiAssert hasThrottled(int times) {
    return check(
        calls -> {
          long found =
              calls.stream()
                  .filter(call -> "THROTTLED".equals(call.details().get(Details.GATEWAY_RESPONSE)))
                  .count();
          return found == times
              ? null
              : shouldHave(calls, "to have throttled " + times + " call(s), not " + found);
        });
  }

  private static boolean to(JournalEvent call, String method, String path) {
    return method.equals(call.details().get(Details.METHOD))
        && path.equals(call.details().get(Details.PATH));
  }

  private static int status(JournalEvent call) {
    return Integer.parseInt(call.details().getOrDefault(Details.STATUS, "0"));
  }

  private ApiAssert check(Function<List<JournalEvent>, ErrorMessageFactory> check) {
    isNotNull();
    ErrorMessageFactory failure = patience.await(this::calls, check);
    if (failure != null) {
      throwAssertionError(failure);
    }
    return myself;
  }

  /** The API's answered calls, oldest first. */
  private List<JournalEvent> calls() {
    return tail.read().stream()
        .filter(event -> event.type().equals(ApiGatewayEvents.API_CALLED))
        .filter(
            event ->
                api.equals(event.resource()) || api.equals(event.details().get(Details.API_NAME)))
        .toList();
  }

  private ErrorMessageFactory shouldHave(List<JournalEvent> calls, String expectation) {
    StringBuilder listing = new StringBuilder();
    for (JournalEvent call : calls) {
      listing
          .append(String.format("%n  "))
          .append(call.details().get(Details.METHOD))
          .append(' ')
          .append(call.details().get(Details.PATH))
          .append(" → ")
          .append(call.details().get(Details.STATUS));
      String gateway = call.details().get(Details.GATEWAY_RESPONSE);
      if (gateway != null) {
        listing.append(" (").append(gateway).append(')');
      }
      String body = call.details().get(Details.REQUEST_BODY);
      if (body != null && !body.isEmpty()) {
        listing.append("  body ").append(JournalListing.quote(body));
      }
    }
    return new ApiErrorMessage(
        api, expectation, calls.isEmpty() ? String.format("%n  (none)") : listing.toString());
  }

  /** An API assertion's failure: what was expected, then every call the API answered. */
  private static final class ApiErrorMessage extends BasicErrorMessageFactory {
    ApiErrorMessage(String api, String expectation, String calls) {
      super(
          "%nExpecting API %s %s%nbut its calls were:%s",
          unquotedString(api), unquotedString(expectation), unquotedString(calls));
    }
  }
}
