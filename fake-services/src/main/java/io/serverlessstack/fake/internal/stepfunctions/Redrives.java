package io.serverlessstack.fake.internal.stepfunctions;

import java.time.Duration;
import java.time.Instant;

/**
 * When RedriveExecution may run an execution again: a STANDARD execution that FAILED, TIMED_OUT or
 * was ABORTED within the last 14 days of the stack's clock, of a machine not being deleted. The
 * reasons are the {@code redriveStatusReason} texts DescribeExecution gives.
 */
final class Redrives {

  static final Duration REDRIVABLE_PERIOD = Duration.ofDays(14);

  private Redrives() {}

  /** Why {@code execution} cannot be redriven now, or {@code null} when it can. */
  static String notRedrivableReason(Execution execution, Instant now) {
    if (execution.machine.express) {
      // Guess: AWS documents that EXPRESS executions cannot be redriven, not the message it gives.
      return "Execution is EXPRESS and cannot be redriven";
    }
    if (execution.machine.deleting) {
      return "State machine is in DELETING status";
    }
    Execution.Outcome outcome = execution.outcome();
    if (outcome == null) {
      return "Execution is RUNNING and cannot be redriven";
    }
    if (outcome.status() == Execution.Status.SUCCEEDED) {
      return "Execution is SUCCEEDED and cannot be redriven";
    }
    if (outcome.stopped().plus(REDRIVABLE_PERIOD).isBefore(now)) {
      return "Execution redrivable period exceeded";
    }
    return null;
  }
}
