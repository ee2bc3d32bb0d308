package io.serverlessstack.fake.internal.stepfunctions.asl;

/**
 * An error a state raises, as Step Functions names it: {@code error} is what Retry and Catch match
 * ({@code States.Runtime}, {@code States.IntrinsicFailure}, a task's own error name, ...), {@code
 * cause} the text AWS puts in the history and the execution's failure.
 *
 * <p>Where AWS prefixes a cause with the state it happened in ({@code An error occurred while
 * executing the state 'X' (entered at the event id #N). }), the language code cannot know the
 * state; it raises the error with {@link #prefixedWithState()} set and the interpreter adds the
 * prefix.
 */
public final class StatesError extends RuntimeException {

  public static final String ALL = "States.ALL";
  public static final String RUNTIME = "States.Runtime";
  public static final String TASK_FAILED = "States.TaskFailed";
  public static final String TIMEOUT = "States.Timeout";
  public static final String HEARTBEAT_TIMEOUT = "States.HeartbeatTimeout";
  public static final String DATA_LIMIT_EXCEEDED = "States.DataLimitExceeded";
  public static final String RESULT_PATH_MATCH_FAILURE = "States.ResultPathMatchFailure";
  public static final String PARAMETER_PATH_FAILURE = "States.ParameterPathFailure";
  public static final String INTRINSIC_FAILURE = "States.IntrinsicFailure";
  public static final String QUERY_EVALUATION_ERROR = "States.QueryEvaluationError";
  public static final String NO_CHOICE_MATCHED = "States.NoChoiceMatched";
  public static final String BRANCH_FAILED = "States.BranchFailed";
  public static final String ITEM_READER_FAILED = "States.ItemReaderFailed";
  public static final String RESULT_WRITER_FAILED = "States.ResultWriterFailed";
  public static final String EXCEED_TOLERATED_FAILURE_THRESHOLD =
      "States.ExceedToleratedFailureThreshold";
  public static final String PERMISSIONS = "States.Permissions";

  private final String error;
  private final String cause;
  private final boolean prefixedWithState;

  private StatesError(String error, String cause, boolean prefixedWithState) {
    super(error + ": " + cause, null, false, false);
    this.error = error;
    this.cause = cause;
    this.prefixedWithState = prefixedWithState;
  }

  /**
   * An error whose cause AWS reports as it is; {@code error} is {@code null} only for a Fail state
   * without one.
   */
  public static StatesError of(String error, String cause) {
    return new StatesError(error, cause, false);
  }

  /** An error whose cause AWS reports after naming the state it happened in. */
  public static StatesError inState(String error, String cause) {
    return new StatesError(error, cause, true);
  }

  public String error() {
    return error;
  }

  /** The cause, without the state prefix; may be {@code null} (a Fail state without Cause). */
  public String cause() {
    return cause;
  }

  public boolean prefixedWithState() {
    return prefixedWithState;
  }
}
