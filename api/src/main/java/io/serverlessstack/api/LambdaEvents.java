package io.serverlessstack.api;

/**
 * What the Lambda service records in the journal: its {@linkplain JournalEvent#service() service}
 * name, the {@linkplain JournalEvent#type() types} of its events and the names of their {@linkplain
 * JournalEvent#details() details}. The stack writes its events with these constants and the
 * assertions read them with the same ones.
 *
 * <p>An event's {@linkplain JournalEvent#resource() resource} is the name of the function it
 * happened to, and its ARN the function's unqualified ARN.
 */
public final class LambdaEvents {

  /** The service name of every Lambda event. */
  public static final String SERVICE = "lambda";

  // ---- functions

  /** A function was created. Details: {@link Details#ARN}, {@link Details#HANDLER}. */
  public static final String FUNCTION_CREATED = "FunctionCreated";

  /** A function was deleted, with its versions and aliases. Details: {@link Details#ARN}. */
  public static final String FUNCTION_DELETED = "FunctionDeleted";

  // ---- invocations

  /**
   * An invocation began: the handler is about to run. Details: {@link Details#REQUEST_ID}, {@link
   * Details#VERSION}, {@link Details#INVOCATION_TYPE}, {@link Details#TRIGGER}, {@link
   * Details#ATTEMPT} and {@link Details#PAYLOAD}, the event exactly as the handler gets it.
   */
  public static final String INVOKED = "Invoked";

  /**
   * The handler returned. Details: {@link Details#REQUEST_ID}, {@link Details#VERSION}, {@link
   * Details#TRIGGER}, {@link Details#RESPONSE}, the answer as JSON, {@link Details#DURATION_MILLIS}
   * and {@link Details#LOG}, what the handler logged.
   */
  public static final String SUCCEEDED = "Succeeded";

  /**
   * The handler threw, timed out, or could not be loaded. Details as for {@link #SUCCEEDED},
   * without the response, with {@link Details#ERROR_TYPE} and {@link Details#ERROR_MESSAGE} as the
   * caller gets them ({@code Sandbox.Timedout} for a timeout).
   */
  public static final String FAILED = "Failed";

  /**
   * An invocation was refused because the function's reserved concurrency was in use. Details:
   * {@link Details#INVOCATION_TYPE}, {@link Details#TRIGGER}.
   */
  public static final String THROTTLED = "Throttled";

  /**
   * A handler answered a batch (SQS or Kinesis) reporting some items failed; they go back to their
   * source. Details: {@link Details#REQUEST_ID}, {@link Details#TRIGGER} and {@link
   * Details#FAILED_ITEMS}, the item identifiers, comma-separated.
   */
  public static final String BATCH_ITEMS_FAILED = "BatchItemsFailed";

  /**
   * An asynchronous invocation, or a batch of a stream's records, failed for good (retries used up,
   * or too old) and went to the on-failure destination, if there is one (the function's, or the
   * stream mapping's). Details: {@link Details#REQUEST_ID}, {@link Details#ATTEMPT} (the attempts
   * made), {@link Details#ERROR_TYPE} (the last error's type, or why a batch was given up on:
   * {@code RetryAttemptsExhausted}, {@code RecordAgeExceeded}), {@link Details#DESTINATION}; a
   * stream's batch also has {@link Details#TRIGGER}, the stream's ARN.
   */
  public static final String EVENT_DISCARDED = "EventDiscarded";

  private LambdaEvents() {}

  /** The names of Lambda events' details. */
  public static final class Details {

    /** The function's unqualified ARN. */
    public static final String ARN = "arn";

    /** The handler, as the function's configuration names it. */
    public static final String HANDLER = "handler";

    /** The invocation's request id, as the handler's {@code Context} has it. */
    public static final String REQUEST_ID = "requestId";

    /** The version that ran: {@code $LATEST} or a number. */
    public static final String VERSION = "version";

    /** {@code RequestResponse} or {@code Event}. */
    public static final String INVOCATION_TYPE = "invocationType";

    /**
     * What invoked the function: {@code Invoke} for the API, or the ARN of the queue, topic or
     * stream whose event it is.
     */
    public static final String TRIGGER = "trigger";

    /** The attempt, from 1; an asynchronous event is retried twice by default. */
    public static final String ATTEMPT = "attempt";

    /** The event as JSON. */
    public static final String PAYLOAD = "payload";

    /** The handler's answer as JSON ({@code null} for a handler that returns nothing). */
    public static final String RESPONSE = "response";

    /** The error's type: the exception's class name, or {@code Sandbox.Timedout}. */
    public static final String ERROR_TYPE = "errorType";

    /** The error's message. */
    public static final String ERROR_MESSAGE = "errorMessage";

    /** How long the handler ran, in milliseconds of the stack's clock. */
    public static final String DURATION_MILLIS = "durationMillis";

    /** What the handler wrote to its {@code LambdaLogger}, one line per call. */
    public static final String LOG = "log";

    /** The item identifiers a batch response named as failed, comma-separated. */
    public static final String FAILED_ITEMS = "failedItems";

    /** Where a discarded event went: a destination's ARN, or empty for nowhere. */
    public static final String DESTINATION = "destination";

    private Details() {}
  }
}
