package io.serverlessstack.api;

/**
 * What Step Functions records in the journal: its {@linkplain JournalEvent#service() service} name,
 * the {@linkplain JournalEvent#type() types} of its events and the names of their {@linkplain
 * JournalEvent#details() details}. The journal keeps where executions begin and end, among the
 * other services' events; each execution's history ({@link ExecutionView#events()}) keeps every
 * step.
 *
 * <p>An event's {@linkplain JournalEvent#resource() resource} is the state machine's name, and its
 * ARN the execution's ARN.
 */
public final class StepFunctionsEvents {

  /** The service name of every Step Functions event. */
  public static final String SERVICE = "states";

  /** A state machine was created. Details: {@link Details#TYPE}. Its ARN is the machine's. */
  public static final String STATE_MACHINE_CREATED = "StateMachineCreated";

  /** An execution started. Details: {@link Details#STATE_MACHINE_ARN}, {@link Details#INPUT}. */
  public static final String EXECUTION_STARTED = "ExecutionStarted";

  /**
   * An execution ended. Details: {@link Details#STATUS}, and {@link Details#OUTPUT} when it
   * succeeded or {@link Details#ERROR} and {@link Details#CAUSE} (each when there is one) when it
   * did not.
   */
  public static final String EXECUTION_ENDED = "ExecutionEnded";

  private StepFunctionsEvents() {}

  /** The names of Step Functions events' details. */
  public static final class Details {

    /** {@code STANDARD} or {@code EXPRESS}. */
    public static final String TYPE = "type";

    /** The state machine's ARN. */
    public static final String STATE_MACHINE_ARN = "stateMachineArn";

    /** The execution's input as JSON. */
    public static final String INPUT = "input";

    /** How it ended: {@code SUCCEEDED}, {@code FAILED}, {@code TIMED_OUT} or {@code ABORTED}. */
    public static final String STATUS = "status";

    /** The output as JSON. */
    public static final String OUTPUT = "output";

    /** The error it failed with. */
    public static final String ERROR = "error";

    /** The cause it failed with. */
    public static final String CAUSE = "cause";

    private Details() {}
  }
}
