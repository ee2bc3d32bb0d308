package io.serverlessstack.assertions;

import org.assertj.core.error.BasicErrorMessageFactory;

/**
 * Every execution failure: what was expected and found, then the execution now, the path it took as
 * a timeline, and its state machine as a Mermaid diagram with that path highlighted.
 */
final class ExecutionErrorMessage extends BasicErrorMessageFactory {

  private ExecutionErrorMessage(String format, Object... arguments) {
    super(format, arguments);
  }

  /**
   * @param expectation what the execution should have done, e.g. {@code "to have succeeded"}
   * @param found what it did instead, e.g. {@code "it failed"}
   */
  static ExecutionErrorMessage shouldHave(
      ExecutionTrace trace, String name, String expectation, String found) {
    if (trace == null) {
      return new ExecutionErrorMessage(
          "%nExpecting execution %s %s%nbut %s.%n%nThe stack has no such execution.",
          unquotedString(name), unquotedString(expectation), unquotedString("it does not exist"));
    }
    String diagram =
        trace.machine == null
            ? "(its state machine no longer exists, so no diagram)"
            : "Its state machine, the path taken highlighted (Mermaid):"
                + System.lineSeparator()
                + ExecutionDiagram.mermaid(trace.machine, trace.execution);
    return new ExecutionErrorMessage(
        "%nExpecting execution %s %s%nbut %s.%n%nExecution now: %s%n%s%n%n%s",
        unquotedString(name),
        unquotedString(expectation),
        unquotedString(found),
        unquotedString(trace.describe()),
        unquotedString(trace.timeline()),
        unquotedString(diagram));
  }

  /** A state machine's failure: it has no executions, say. */
  static ExecutionErrorMessage machineShouldHave(String name, String expectation, String found) {
    return new ExecutionErrorMessage(
        "%nExpecting state machine %s %s%nbut %s.",
        unquotedString(name), unquotedString(expectation), unquotedString(found));
  }
}
