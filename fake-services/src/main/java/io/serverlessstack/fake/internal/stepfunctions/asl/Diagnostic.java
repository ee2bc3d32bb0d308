package io.serverlessstack.fake.internal.stepfunctions.asl;

import java.util.Objects;

/**
 * One finding about a definition, shaped as ValidateStateMachineDefinition reports it: {@code
 * severity} {@code ERROR} (the definition cannot be created) or {@code WARNING}, the AWS {@code
 * code} ({@code SCHEMA_VALIDATION_FAILED}, {@code MISSING_TRANSITION_TARGET}, ...), the {@code
 * message} and the {@code location} in the definition ({@code /States/A/Next}), or {@code null}
 * where AWS gives none (a workflow without a terminal state, unparseable JSON reports its parser
 * position instead).
 */
public record Diagnostic(String severity, String code, String message, String location) {

  public static final String ERROR = "ERROR";
  public static final String WARNING = "WARNING";

  public Diagnostic {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
  }

  public static Diagnostic error(String code, String message, String location) {
    return new Diagnostic(ERROR, code, message, location);
  }

  public static Diagnostic warning(String code, String message, String location) {
    return new Diagnostic(WARNING, code, message, location);
  }

  public boolean isError() {
    return ERROR.equals(severity);
  }

  /**
   * As CreateStateMachine lists it inside its InvalidDefinition message: {@code CODE: text at loc}.
   */
  public String render() {
    return code + ": " + message + " at " + location;
  }
}
