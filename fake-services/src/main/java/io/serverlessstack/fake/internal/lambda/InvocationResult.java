package io.serverlessstack.fake.internal.lambda;

import java.nio.charset.StandardCharsets;

/**
 * How one invocation ended, as Invoke answers it.
 *
 * @param requestId the invocation's request id
 * @param executedVersion the version that ran
 * @param payload the handler's answer, or the error payload ({@code errorMessage}, {@code
 *     errorType}, {@code stackTrace}) when {@code functionError} is set
 * @param functionError {@code Unhandled} when the function failed, else {@code null}
 * @param errorType the error's type when it failed
 * @param logTail the last 4 KB of the invocation's log
 */
record InvocationResult(
    String requestId,
    String executedVersion,
    byte[] payload,
    String functionError,
    String errorType,
    byte[] logTail) {

  boolean failed() {
    return functionError != null;
  }

  String payloadText() {
    return new String(payload, StandardCharsets.UTF_8);
  }
}
