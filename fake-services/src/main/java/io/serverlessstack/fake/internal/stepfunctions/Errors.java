package io.serverlessstack.fake.internal.stepfunctions;

import io.serverlessstack.fake.internal.stepfunctions.asl.State;
import io.serverlessstack.fake.internal.stepfunctions.asl.StatesError;
import java.time.Duration;
import java.util.List;
import java.util.Random;

/** How Retry and Catch match errors, and how long a retry waits. */
final class Errors {

  private Errors() {}

  /**
   * Whether {@code errorEquals} names {@code error}. {@code States.ALL} names every error but
   * {@code States.Runtime} and {@code States.DataLimitExceeded}, which no retrier or catcher takes
   * unless it names them; {@code States.TaskFailed} names every error but a timeout.
   */
  static boolean matches(List<String> errorEquals, String error, boolean task) {
    for (String name : errorEquals) {
      if (name.equals(error)) {
        return true;
      }
      if (StatesError.ALL.equals(name)
          && !StatesError.RUNTIME.equals(error)
          && !StatesError.DATA_LIMIT_EXCEEDED.equals(error)) {
        return true;
      }
      if (task
          && StatesError.TASK_FAILED.equals(name)
          && !StatesError.TIMEOUT.equals(error)
          && !StatesError.HEARTBEAT_TIMEOUT.equals(error)
          && !StatesError.RUNTIME.equals(error)
          && !StatesError.DATA_LIMIT_EXCEEDED.equals(error)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The wait before retry number {@code attempt + 1}: {@code IntervalSeconds ×
   * BackoffRate^attempt}, at most {@code MaxDelaySeconds}, and with full jitter a random part of
   * that.
   */
  static Duration backoff(State.Retrier retrier, int attempt, Random random) {
    double seconds = retrier.intervalSeconds() * Math.pow(retrier.backoffRate(), attempt);
    if (retrier.maxDelaySeconds() != null) {
      seconds = Math.min(seconds, retrier.maxDelaySeconds());
    }
    if ("FULL".equals(retrier.jitterStrategy())) {
      seconds = random.nextDouble() * seconds;
    }
    return Duration.ofMillis(Math.round(seconds * 1000));
  }
}
