package io.serverlessstack.api;

/**
 * What the SQS service records in the journal: its {@linkplain JournalEvent#service() service}
 * name, the {@linkplain JournalEvent#type() types} of its events and the names of their {@linkplain
 * JournalEvent#details() details}. The stack writes its events with these constants and the
 * assertions read them with the same ones.
 *
 * <pre>{@code
 * inspector.journal().stream()
 *     .filter(event -> event.service().equals(SqsEvents.SERVICE))
 *     .filter(event -> event.type().equals(SqsEvents.MESSAGE_SENT))
 *     .map(event -> event.detail(SqsEvents.Details.BODY))
 *     .toList();
 * }</pre>
 *
 * <p>An event's {@linkplain JournalEvent#resource() resource} is the name of the queue it happened
 * on: for a dead-letter move, a message move or a move task, the queue the messages left.
 */
public final class SqsEvents {

  /** The service name of every SQS event. */
  public static final String SERVICE = "sqs";

  // ---- queues

  /** A queue was created. Details: {@link Details#ARN}. */
  public static final String QUEUE_CREATED = "QueueCreated";

  /** SetQueueAttributes changed a queue; the details are the attributes as set. */
  public static final String QUEUE_ATTRIBUTES_CHANGED = "QueueAttributesChanged";

  /** A queue was deleted. Details: {@link Details#ARN}. */
  public static final String QUEUE_DELETED = "QueueDeleted";

  /** A queue was purged. */
  public static final String QUEUE_PURGED = "QueuePurged";

  // ---- messages; each carries the message's details (see Details)

  /**
   * The queue accepted a message. Also {@link Details#DELAY_SECONDS} when the send asked for a
   * delay, and one {@link Details#ATTRIBUTE_PREFIX attribute.<i>name</i>} per message attribute.
   */
  public static final String MESSAGE_SENT = "MessageSent";

  /**
   * A FIFO queue swallowed a send as a duplicate of a message sent within the deduplication
   * interval; the details are those of the message it kept.
   */
  public static final String MESSAGE_DEDUPLICATED = "MessageDeduplicated";

  /**
   * A receive returned the message. Also {@link Details#RECEIVE_COUNT} and {@link
   * Details#VISIBILITY_TIMEOUT}.
   */
  public static final String MESSAGE_RECEIVED = "MessageReceived";

  /** ChangeMessageVisibility set a new timeout. Also {@link Details#VISIBILITY_TIMEOUT}. */
  public static final String VISIBILITY_CHANGED = "VisibilityChanged";

  /** An in-flight message's visibility timeout ended without its deletion. */
  public static final String MESSAGE_VISIBLE_AGAIN = "MessageVisibleAgain";

  /** The message was deleted. */
  public static final String MESSAGE_DELETED = "MessageDeleted";

  /** The message outlived the queue's retention period. */
  public static final String MESSAGE_EXPIRED = "MessageExpired";

  /**
   * The queue moved the message to its dead-letter queue after {@code maxReceiveCount} receives.
   * Also {@link Details#DEAD_LETTER_QUEUE}, {@link Details#DEAD_LETTER_QUEUE_ARN} and {@link
   * Details#RECEIVE_COUNT}.
   */
  public static final String MESSAGE_MOVED_TO_DEAD_LETTER_QUEUE = "MessageMovedToDeadLetterQueue";

  /** A message move task moved the message on. Also {@link Details#DESTINATION_ARN}. */
  public static final String MESSAGE_MOVED = "MessageMoved";

  // ---- other

  /**
   * A long poll found no message and now waits; a test may move a virtual clock once it sees this.
   * Details: {@link Details#WAIT_TIME_SECONDS}.
   */
  public static final String LONG_POLL_WAITING = "LongPollWaiting";

  /**
   * A message move task moved every message it was to move. Details: {@link Details#TASK_HANDLE},
   * {@link Details#STATUS}, {@link Details#MOVED}.
   */
  public static final String MESSAGE_MOVE_TASK_COMPLETED = "MessageMoveTaskCompleted";

  /**
   * A message move task failed (a cancelled task records nothing). Details as for a completed one.
   */
  public static final String MESSAGE_MOVE_TASK_ENDED = "MessageMoveTaskEnded";

  private SqsEvents() {}

  /** The names of SQS events' details. */
  public static final class Details {

    /** The queue's ARN. */
    public static final String ARN = "arn";

    /** The message's id: in every message event. */
    public static final String MESSAGE_ID = "messageId";

    /** The message's body: in every message event. */
    public static final String BODY = "body";

    /** A FIFO message's group. */
    public static final String MESSAGE_GROUP_ID = "messageGroupId";

    /** A FIFO message's sequence number, zero-padded to one width so that they sort as text. */
    public static final String SEQUENCE_NUMBER = "sequenceNumber";

    /** A FIFO message's deduplication id. */
    public static final String MESSAGE_DEDUPLICATION_ID = "messageDeduplicationId";

    /** The delay a send asked for, in seconds. */
    public static final String DELAY_SECONDS = "delaySeconds";

    /**
     * Prefix of one detail per message attribute, {@code attribute.<name>}: a string value as sent,
     * a binary one in base64.
     */
    public static final String ATTRIBUTE_PREFIX = "attribute.";

    /** How often the message has been received, including this time. */
    public static final String RECEIVE_COUNT = "receiveCount";

    /** The visibility timeout in seconds. */
    public static final String VISIBILITY_TIMEOUT = "visibilityTimeout";

    /** The name of the dead-letter queue a message was moved to. */
    public static final String DEAD_LETTER_QUEUE = "deadLetterQueue";

    /** The ARN of the dead-letter queue a message was moved to. */
    public static final String DEAD_LETTER_QUEUE_ARN = "deadLetterQueueArn";

    /** The ARN of the queue a message move task moved a message to. */
    public static final String DESTINATION_ARN = "destinationArn";

    /** How long a long poll waits, in seconds. */
    public static final String WAIT_TIME_SECONDS = "waitTimeSeconds";

    /** A message move task's handle. */
    public static final String TASK_HANDLE = "taskHandle";

    /** A message move task's final status: {@code COMPLETED} or {@code FAILED}. */
    public static final String STATUS = "status";

    /** How many messages a message move task moved. */
    public static final String MOVED = "moved";

    private Details() {}
  }
}
