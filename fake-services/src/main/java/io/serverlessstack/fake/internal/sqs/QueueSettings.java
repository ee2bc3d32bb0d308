package io.serverlessstack.fake.internal.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A queue's settable attributes with AWS's names, defaults and limits. Immutable: a change makes a
 * new instance, so a reader always sees one consistent set.
 */
final class QueueSettings {

  static final String DELAY_SECONDS = "DelaySeconds";
  static final String MAXIMUM_MESSAGE_SIZE = "MaximumMessageSize";
  static final String MESSAGE_RETENTION_PERIOD = "MessageRetentionPeriod";
  static final String POLICY = "Policy";
  static final String RECEIVE_MESSAGE_WAIT_TIME_SECONDS = "ReceiveMessageWaitTimeSeconds";
  static final String VISIBILITY_TIMEOUT = "VisibilityTimeout";
  static final String REDRIVE_POLICY = "RedrivePolicy";
  static final String REDRIVE_ALLOW_POLICY = "RedriveAllowPolicy";
  static final String KMS_MASTER_KEY_ID = "KmsMasterKeyId";
  static final String KMS_DATA_KEY_REUSE_PERIOD_SECONDS = "KmsDataKeyReusePeriodSeconds";
  static final String SQS_MANAGED_SSE_ENABLED = "SqsManagedSseEnabled";
  static final String FIFO_QUEUE = "FifoQueue";
  static final String CONTENT_BASED_DEDUPLICATION = "ContentBasedDeduplication";
  static final String DEDUPLICATION_SCOPE = "DeduplicationScope";
  static final String FIFO_THROUGHPUT_LIMIT = "FifoThroughputLimit";

  /** Attributes AWS computes; they can be read but never set. */
  static final List<String> READ_ONLY =
      List.of(
          "ApproximateNumberOfMessages",
          "ApproximateNumberOfMessagesNotVisible",
          "ApproximateNumberOfMessagesDelayed",
          "CreatedTimestamp",
          "LastModifiedTimestamp",
          "QueueArn");

  private static final Set<String> FIFO_ONLY =
      Set.of(CONTENT_BASED_DEDUPLICATION, DEDUPLICATION_SCOPE, FIFO_THROUGHPUT_LIMIT);

  static final int MAX_MESSAGE_BYTES = 1_048_576;

  /** Built on first use: only policies need it, and a mapper is costly to create. */
  private static final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
  }

  private final boolean fifo;
  private final Map<String, String> values;

  private QueueSettings(boolean fifo, Map<String, String> values) {
    this.fifo = fifo;
    this.values = Map.copyOf(values);
  }

  /** The defaults of a new queue. */
  static QueueSettings defaults(boolean fifo) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put(DELAY_SECONDS, "0");
    values.put(MAXIMUM_MESSAGE_SIZE, String.valueOf(MAX_MESSAGE_BYTES));
    values.put(MESSAGE_RETENTION_PERIOD, "345600");
    values.put(RECEIVE_MESSAGE_WAIT_TIME_SECONDS, "0");
    values.put(VISIBILITY_TIMEOUT, "30");
    values.put(SQS_MANAGED_SSE_ENABLED, "true");
    if (fifo) {
      values.put(FIFO_QUEUE, "true");
      values.put(CONTENT_BASED_DEDUPLICATION, "false");
      values.put(DEDUPLICATION_SCOPE, "queue");
      values.put(FIFO_THROUGHPUT_LIMIT, "perQueue");
    }
    return new QueueSettings(fifo, values);
  }

  /**
   * These settings with {@code changes} applied, each validated as AWS does.
   *
   * @param creating whether this is CreateQueue (the only time {@code FifoQueue} may be given)
   */
  QueueSettings with(Map<String, String> changes, boolean creating) {
    String kmsKey = changes.get(KMS_MASTER_KEY_ID);
    if (kmsKey != null
        && !kmsKey.isEmpty()
        && "true".equalsIgnoreCase(changes.get(SQS_MANAGED_SSE_ENABLED))) {
      throw SqsErrors.bothEncryptionTypes();
    }
    Map<String, String> next = new LinkedHashMap<>(values);
    for (Map.Entry<String, String> change : changes.entrySet()) {
      String name = change.getKey();
      String value = change.getValue() == null ? "" : change.getValue();
      if ((FIFO_ONLY.contains(name) || (name.equals(FIFO_QUEUE) && !creating)) && !fifo) {
        throw SqsErrors.invalidAttributeName(name);
      }
      switch (name) {
        case DELAY_SECONDS -> next.put(name, integer(name, value, 0, 900));
        case MAXIMUM_MESSAGE_SIZE -> next.put(name, integer(name, value, 1024, MAX_MESSAGE_BYTES));
        case MESSAGE_RETENTION_PERIOD -> next.put(name, integer(name, value, 60, 1_209_600));
        case RECEIVE_MESSAGE_WAIT_TIME_SECONDS -> next.put(name, integer(name, value, 0, 20));
        case VISIBILITY_TIMEOUT -> next.put(name, integer(name, value, 0, 43_200));
        case KMS_DATA_KEY_REUSE_PERIOD_SECONDS -> next.put(name, integer(name, value, 60, 86_400));
        case POLICY -> putOrRemove(next, name, jsonObject(name, value));
        case REDRIVE_POLICY -> putOrRemove(next, name, redrivePolicy(value));
        case REDRIVE_ALLOW_POLICY -> putOrRemove(next, name, redriveAllowPolicy(value));
        case KMS_MASTER_KEY_ID -> {
          putOrRemove(next, name, value);
          if (!value.isEmpty()) {
            next.put(SQS_MANAGED_SSE_ENABLED, "false");
            next.putIfAbsent(KMS_DATA_KEY_REUSE_PERIOD_SECONDS, "300");
          }
        }
        case SQS_MANAGED_SSE_ENABLED -> {
          next.put(name, bool(name, value));
          if (next.get(name).equals("true")) {
            next.remove(KMS_MASTER_KEY_ID);
            next.remove(KMS_DATA_KEY_REUSE_PERIOD_SECONDS);
          }
        }
        case FIFO_QUEUE -> {
          if (!bool(name, value).equals(String.valueOf(fifo))) {
            throw creating
                ? SqsErrors.invalidAttributeValue(name)
                : SqsErrors.invalidAttributeValue(name, "Modifying queue type is not supported.");
          }
        }
        case CONTENT_BASED_DEDUPLICATION -> next.put(name, bool(name, value));
        case DEDUPLICATION_SCOPE -> next.put(name, oneOf(name, value, "messageGroup", "queue"));
        case FIFO_THROUGHPUT_LIMIT ->
            next.put(name, oneOf(name, value, "perQueue", "perMessageGroupId"));
        default -> throw SqsErrors.invalidAttributeName(name);
      }
    }
    if (fifo
        && next.get(FIFO_THROUGHPUT_LIMIT).equals("perMessageGroupId")
        && next.get(DEDUPLICATION_SCOPE).equals("queue")) {
      throw SqsErrors.invalidParameterValue(
          "The queue attribute FifoThroughputLimit can be set to perMessageGroupId only when the"
              + " queue attribute DeduplicationScope is set to messageGroup.");
    }
    return new QueueSettings(fifo, next);
  }

  /**
   * The first given attribute whose value differs from these settings, or {@code null} when
   * CreateQueue may return the existing queue. Invalid values fail as they would on a new queue.
   */
  String differingAttribute(Map<String, String> given) {
    Map<String, String> applied = with(given, true).values;
    for (String name : given.keySet()) {
      if (!java.util.Objects.equals(applied.get(name), values.get(name))) {
        return name;
      }
    }
    return applied.equals(values) ? null : given.keySet().iterator().next();
  }

  /** These settings with {@code Policy} replaced, or removed when {@code null}; not validated. */
  QueueSettings withPolicy(String policy) {
    Map<String, String> next = new LinkedHashMap<>(values);
    if (policy == null) {
      next.remove(POLICY);
    } else {
      next.put(POLICY, policy);
    }
    return new QueueSettings(fifo, next);
  }

  /** {@code text} as a JSON object, or {@code null} when it is not one. */
  static ObjectNode parseObject(String text) {
    try {
      return Json.MAPPER.readTree(text) instanceof ObjectNode object ? object : null;
    } catch (IOException e) {
      return null;
    }
  }

  static ObjectNode newObject() {
    return Json.MAPPER.createObjectNode();
  }

  static String toJson(JsonNode node) {
    try {
      return Json.MAPPER.writeValueAsString(node);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  String get(String name) {
    return values.get(name);
  }

  int getInt(String name) {
    return Integer.parseInt(values.get(name));
  }

  boolean getBoolean(String name) {
    return Boolean.parseBoolean(values.get(name));
  }

  Map<String, String> values() {
    return values;
  }

  /** The parsed {@code RedrivePolicy}, or {@code null}. */
  RedrivePolicy redrivePolicy() {
    String policy = values.get(REDRIVE_POLICY);
    if (policy == null) {
      return null;
    }
    JsonNode node = parse(REDRIVE_POLICY, policy);
    return new RedrivePolicy(
        node.path("deadLetterTargetArn").asText(), node.path("maxReceiveCount").asInt());
  }

  /** The parsed {@code RedriveAllowPolicy}; {@code allowAll} when none is set. */
  RedriveAllowPolicy redriveAllowPolicy() {
    String policy = values.get(REDRIVE_ALLOW_POLICY);
    if (policy == null) {
      return new RedriveAllowPolicy("allowAll", List.of());
    }
    JsonNode node = parse(REDRIVE_ALLOW_POLICY, policy);
    List<String> sources = new java.util.ArrayList<>();
    node.path("sourceQueueArns").forEach(arn -> sources.add(arn.asText()));
    return new RedriveAllowPolicy(node.path("redrivePermission").asText(), sources);
  }

  record RedrivePolicy(String deadLetterTargetArn, int maxReceiveCount) {}

  record RedriveAllowPolicy(String permission, List<String> sourceQueueArns) {
    boolean allows(String sourceArn) {
      return switch (permission) {
        case "denyAll" -> false;
        case "byQueue" -> sourceQueueArns.contains(sourceArn);
        default -> true;
      };
    }
  }

  private static void putOrRemove(Map<String, String> values, String name, String value) {
    if (value.isEmpty()) {
      values.remove(name);
    } else {
      values.put(name, value);
    }
  }

  private static String integer(String name, String value, int min, int max) {
    try {
      int parsed = Integer.parseInt(value.trim());
      if (parsed >= min && parsed <= max) {
        return String.valueOf(parsed);
      }
    } catch (NumberFormatException e) {
      // answered below, as AWS does for out-of-range values
    }
    throw SqsErrors.invalidAttributeValue(name);
  }

  private static String bool(String name, String value) {
    if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
      return value.toLowerCase(java.util.Locale.ROOT);
    }
    throw SqsErrors.invalidAttributeValue(name);
  }

  private static String oneOf(String name, String value, String... allowed) {
    for (String candidate : allowed) {
      if (candidate.equals(value)) {
        return value;
      }
    }
    throw SqsErrors.invalidAttributeValue(name);
  }

  private static String jsonObject(String name, String value) {
    if (!value.isEmpty() && !parse(name, value).isObject()) {
      throw SqsErrors.invalidAttributeValue(name);
    }
    return value;
  }

  private static JsonNode parse(String name, String value) {
    try {
      JsonNode node = Json.MAPPER.readTree(value);
      if (node == null || !node.isObject()) {
        throw SqsErrors.invalidAttributeValue(name);
      }
      return node;
    } catch (IOException e) {
      throw SqsErrors.invalidAttributeValue(name);
    }
  }

  private static String redrivePolicy(String value) {
    if (value.isEmpty()) {
      return value;
    }
    JsonNode node = parse(REDRIVE_POLICY, value);
    JsonNode target = node.get("deadLetterTargetArn");
    JsonNode count = node.get("maxReceiveCount");
    if (target == null || !target.isTextual() || count == null) {
      throw SqsErrors.invalidParameterValue(
          REDRIVE_POLICY,
          value,
          "Redrive policy does not contain mandatory attribute: "
              + (target == null ? "deadLetterTargetArn" : "maxReceiveCount")
              + ".");
    }
    int maxReceiveCount;
    try {
      maxReceiveCount = Integer.parseInt(count.asText().trim());
    } catch (NumberFormatException e) {
      maxReceiveCount = 0;
    }
    if (maxReceiveCount < 1 || maxReceiveCount > 1000) {
      throw SqsErrors.invalidParameterValue(
          REDRIVE_POLICY,
          value,
          "Invalid value for maxReceiveCount: "
              + count.asText()
              + ", valid values are from 1 to 1000 both inclusive.");
    }
    // Stored normalised, the way GetQueueAttributes returns it.
    return "{\"deadLetterTargetArn\":\""
        + target.asText()
        + "\",\"maxReceiveCount\":"
        + maxReceiveCount
        + "}";
  }

  private static String redriveAllowPolicy(String value) {
    if (value.isEmpty()) {
      return value;
    }
    JsonNode node = parse(REDRIVE_ALLOW_POLICY, value);
    String permission = node.path("redrivePermission").asText("");
    JsonNode sources = node.get("sourceQueueArns");
    boolean valid =
        switch (permission) {
          case "allowAll", "denyAll" -> sources == null;
          case "byQueue" ->
              sources != null && sources.isArray() && sources.size() >= 1 && sources.size() <= 10;
          default -> false;
        };
    if (!valid) {
      throw SqsErrors.invalidParameterValue(
          REDRIVE_ALLOW_POLICY,
          value,
          "Amazon SQS can't create the redrive allow policy, as it's in an unsupported format.");
    }
    return value;
  }
}
