package io.serverlessstack.api;

/**
 * What the SNS service records in the journal: its {@linkplain JournalEvent#service() service}
 * name, the {@linkplain JournalEvent#type() types} of its events and the names of their {@linkplain
 * JournalEvent#details() details}. The stack writes its events with these constants and the
 * assertions read them with the same ones.
 *
 * <p>An event's {@linkplain JournalEvent#resource() resource} is the name of the topic it happened
 * on, and its ARN the topic's ARN.
 */
public final class SnsEvents {

  /** The service name of every SNS event. */
  public static final String SERVICE = "sns";

  // ---- topics and subscriptions

  /** A topic was created. Details: {@link Details#ARN}. */
  public static final String TOPIC_CREATED = "TopicCreated";

  /** SetTopicAttributes changed a topic. Details: the attribute's name and value. */
  public static final String TOPIC_ATTRIBUTES_CHANGED = "TopicAttributesChanged";

  /** A topic was deleted, with its subscriptions. Details: {@link Details#ARN}. */
  public static final String TOPIC_DELETED = "TopicDeleted";

  /**
   * A subscription was created. Details: {@link Details#SUBSCRIPTION_ARN}, {@link
   * Details#PROTOCOL}, {@link Details#ENDPOINT}, {@link Details#PENDING_CONFIRMATION}.
   */
  public static final String SUBSCRIBED = "Subscribed";

  /** A pending subscription was confirmed. Details as for {@link #SUBSCRIBED}. */
  public static final String SUBSCRIPTION_CONFIRMED = "SubscriptionConfirmed";

  /** A subscription was deleted. Details as for {@link #SUBSCRIBED}. */
  public static final String UNSUBSCRIBED = "Unsubscribed";

  // ---- messages

  /**
   * Publish or PublishBatch accepted a message. Details: {@link Details#MESSAGE_ID}, {@link
   * Details#MESSAGE}, {@link Details#SUBJECT}, {@link Details#MESSAGE_STRUCTURE}, FIFO ids, and one
   * {@link Details#ATTRIBUTE_PREFIX attribute.<i>name</i>} per message attribute.
   */
  public static final String MESSAGE_PUBLISHED = "MessagePublished";

  /**
   * A FIFO topic swallowed a publish as a duplicate of one within the deduplication interval;
   * details as for {@link #MESSAGE_PUBLISHED}, of the message it kept.
   */
  public static final String MESSAGE_DEDUPLICATED = "MessageDeduplicated";

  /**
   * One subscription took a published message. Details: {@link Details#MESSAGE_ID}, {@link
   * Details#SUBSCRIPTION_ARN}, {@link Details#PROTOCOL}, {@link Details#ENDPOINT}, {@link
   * Details#RAW} and {@link Details#PAYLOAD}, the body exactly as delivered; for an HTTP(S)
   * endpoint also {@link Details#STATUS_CODE}, what it answered.
   */
  public static final String MESSAGE_DELIVERED = "MessageDelivered";

  /**
   * A subscription's filter policy kept a published message from it. Details: {@link
   * Details#MESSAGE_ID}, {@link Details#SUBSCRIPTION_ARN}, {@link Details#PROTOCOL}, {@link
   * Details#ENDPOINT} and {@link Details#FAILED_RULE}, which part of the policy did not match.
   */
  public static final String MESSAGE_FILTERED_OUT = "MessageFilteredOut";

  /**
   * A delivery attempt failed and will be tried again. Details as for {@link #MESSAGE_DELIVERED},
   * with {@link Details#ATTEMPTS} and {@link Details#REASON}.
   */
  public static final String DELIVERY_RETRIED = "DeliveryRetried";

  /**
   * A delivery failed for good (no retries left, or the endpoint is gone). Details as for {@link
   * #DELIVERY_RETRIED}.
   */
  public static final String DELIVERY_FAILED = "DeliveryFailed";

  /**
   * A delivery that failed for good went to the subscription's dead-letter queue. Details as for
   * {@link #DELIVERY_FAILED}, with {@link Details#DEAD_LETTER_QUEUE_ARN}.
   */
  public static final String MESSAGE_DEAD_LETTERED = "MessageDeadLettered";

  private SnsEvents() {}

  /** The names of SNS events' details. */
  public static final class Details {

    /** The topic's ARN. */
    public static final String ARN = "arn";

    /** The subscription's ARN. */
    public static final String SUBSCRIPTION_ARN = "subscriptionArn";

    /** The subscription's protocol: {@code sqs}, {@code http}, {@code lambda}, … */
    public static final String PROTOCOL = "protocol";

    /** The subscription's endpoint: a queue ARN, a URL, a function ARN, … */
    public static final String ENDPOINT = "endpoint";

    /** Whether the subscription waits for confirmation: {@code true} or {@code false}. */
    public static final String PENDING_CONFIRMATION = "pendingConfirmation";

    /** The message's id. */
    public static final String MESSAGE_ID = "messageId";

    /** The message as published (for {@code MessageStructure=json}, the whole JSON object). */
    public static final String MESSAGE = "message";

    /**
     * The phone number an SMS was published to; such an event's resource is the number, and it has
     * no ARN.
     */
    public static final String PHONE_NUMBER = "phoneNumber";

    /** The message's subject, when it has one. */
    public static final String SUBJECT = "subject";

    /** {@code json} when the message was published with {@code MessageStructure=json}. */
    public static final String MESSAGE_STRUCTURE = "messageStructure";

    /** A FIFO message's group. */
    public static final String MESSAGE_GROUP_ID = "messageGroupId";

    /** A FIFO message's deduplication id (the content's SHA-256 when content-based). */
    public static final String MESSAGE_DEDUPLICATION_ID = "messageDeduplicationId";

    /** A FIFO message's sequence number. */
    public static final String SEQUENCE_NUMBER = "sequenceNumber";

    /**
     * Prefix of one detail per message attribute, {@code attribute.<name>}: a string value as
     * published, a binary one in base64.
     */
    public static final String ATTRIBUTE_PREFIX = "attribute.";

    /** Whether the subscription delivers raw: {@code true} or {@code false}. */
    public static final String RAW = "raw";

    /** The body exactly as the subscription received it (the JSON envelope unless raw). */
    public static final String PAYLOAD = "payload";

    /** The HTTP status an HTTP(S) endpoint answered a delivery with. */
    public static final String STATUS_CODE = "statusCode";

    /** The part of a filter policy that did not match. */
    public static final String FAILED_RULE = "failedRule";

    /** How many delivery attempts were made so far. */
    public static final String ATTEMPTS = "attempts";

    /** Why the last attempt failed. */
    public static final String REASON = "reason";

    /** The ARN of the dead-letter queue a failed delivery went to. */
    public static final String DEAD_LETTER_QUEUE_ARN = "deadLetterQueueArn";

    private Details() {}
  }
}
