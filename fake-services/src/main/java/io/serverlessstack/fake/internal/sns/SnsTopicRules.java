package io.serverlessstack.fake.internal.sns;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** What a topic's name, attributes and policy must be, and the defaults AWS gives them. */
final class SnsTopicRules {

  private SnsTopicRules() {}

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,256}");
  private static final Pattern FIFO_NAME = Pattern.compile("[A-Za-z0-9_-]{1,251}\\.fifo");

  /** The attributes CreateTopic and SetTopicAttributes take (FifoTopic only at creation). */
  private static final Set<String> SETTABLE =
      Set.of(
          "DeliveryPolicy",
          "DisplayName",
          "Policy",
          "SignatureVersion",
          "TracingConfig",
          "KmsMasterKeyId",
          "ContentBasedDeduplication",
          "FifoThroughputScope",
          "ArchivePolicy",
          "ApplicationSuccessFeedbackRoleArn",
          "ApplicationSuccessFeedbackSampleRate",
          "ApplicationFailureFeedbackRoleArn",
          "HTTPSuccessFeedbackRoleArn",
          "HTTPSuccessFeedbackSampleRate",
          "HTTPFailureFeedbackRoleArn",
          "FirehoseSuccessFeedbackRoleArn",
          "FirehoseSuccessFeedbackSampleRate",
          "FirehoseFailureFeedbackRoleArn",
          "LambdaSuccessFeedbackRoleArn",
          "LambdaSuccessFeedbackSampleRate",
          "LambdaFailureFeedbackRoleArn",
          "SQSSuccessFeedbackRoleArn",
          "SQSSuccessFeedbackSampleRate",
          "SQSFailureFeedbackRoleArn");

  /** The actions a new topic's policy grants its owner, in AWS's order. */
  private static final List<String> OWNER_ACTIONS =
      List.of(
          "GetTopicAttributes",
          "SetTopicAttributes",
          "AddPermission",
          "RemovePermission",
          "DeleteTopic",
          "Subscribe",
          "ListSubscriptionsByTopic",
          "Publish");

  /** The actions AddPermission may grant: the owner's, and receiving. */
  private static final Set<String> PERMISSION_ACTIONS =
      Stream.concat(OWNER_ACTIONS.stream(), Stream.of("Receive")).collect(Collectors.toSet());

  /** The delivery policy AWS reports for a topic that was given none. */
  static final String DEFAULT_EFFECTIVE_DELIVERY_POLICY =
      "{\"http\":{\"defaultHealthyRetryPolicy\":{\"minDelayTarget\":20,\"maxDelayTarget\":20,"
          + "\"numRetries\":3,\"numMaxDelayRetries\":0,\"numNoDelayRetries\":0,"
          + "\"numMinDelayRetries\":0,\"backoffFunction\":\"linear\"},"
          + "\"disableSubscriptionOverrides\":false,"
          + "\"defaultRequestPolicy\":{\"headerContentType\":\"text/plain; charset=UTF-8\"}}}";

  /** Whether CreateTopic's attributes ask for a FIFO topic; checks the name for the kind. */
  static boolean validateName(String name, Map<String, String> attributes) {
    if (name == null) {
      throw SnsErrors.validationError("name");
    }
    boolean fifo = "true".equalsIgnoreCase(attributes.get("FifoTopic"));
    if (fifo && !FIFO_NAME.matcher(name).matches()) {
      throw SnsErrors.invalidParameter(
          "Fifo Topic names must end with .fifo and must be made up of only uppercase and"
              + " lowercase ASCII letters, numbers, underscores, and hyphens, and must be between 1"
              + " and 256 characters long.");
    }
    if (!fifo && !NAME.matcher(name).matches()) {
      throw SnsErrors.invalidParameter("Invalid parameter: Topic Name");
    }
    return fifo;
  }

  /** Checks one attribute as CreateTopic ({@code creating}) or SetTopicAttributes sets it. */
  static void validateAttribute(String name, String value, boolean fifo, boolean creating) {
    String prefix = creating ? "Invalid parameter: Attributes Reason: " : "Invalid parameter: ";
    if (name.equals("FifoTopic")) {
      if (creating && (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false"))) {
        return;
      }
      throw SnsErrors.invalidParameter(
          creating
              ? prefix + "FifoTopic: Invalid value [" + value + "]"
              : prefix + "AttributeName");
    }
    if (!SETTABLE.contains(name)) {
      throw SnsErrors.invalidParameter(
          creating ? prefix + "Unknown attribute " + name : prefix + "AttributeName");
    }
    switch (name) {
      case "ContentBasedDeduplication" -> {
        if (!fifo) {
          throw SnsErrors.invalidParameter(
              prefix
                  + "ContentBasedDeduplication: Content based deduplication can only be set"
                  + " for FIFO topics");
        }
        requireBoolean(prefix, name, value);
      }
      case "FifoThroughputScope" -> {
        if (!fifo) {
          throw SnsErrors.invalidParameter(
              prefix + "FifoThroughputScope: FifoThroughputScope can only be set for FIFO topics");
        }
        if (!value.equals("Topic") && !value.equals("MessageGroup")) {
          throw SnsErrors.invalidParameter(
              prefix
                  + "FifoThroughputScope: Invalid value ["
                  + value
                  + "]. Please use either Topic or MessageGroup.");
        }
      }
      case "SignatureVersion" -> {
        if (!value.equals("1") && !value.equals("2")) {
          throw SnsErrors.invalidParameter(
              prefix + "SignatureVersion: Invalid value [" + value + "]. Please use 1 or 2.");
        }
      }
      case "Policy", "DeliveryPolicy", "ArchivePolicy" -> requireJsonObject(prefix, name, value);
      default -> {}
    }
  }

  private static void requireBoolean(String prefix, String name, String value) {
    if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
      throw SnsErrors.invalidParameter(
          prefix + name + ": Invalid value [" + value + "]. Must be true or false.");
    }
  }

  private static void requireJsonObject(String prefix, String name, String value) {
    if (value.isEmpty()) {
      return;
    }
    try {
      if (!SnsJson.MAPPER.readTree(value).isObject()) {
        throw SnsErrors.invalidParameter(prefix + name + ": failed to parse JSON.");
      }
    } catch (JsonProcessingException e) {
      throw SnsErrors.invalidParameter(prefix + name + ": failed to parse JSON.");
    }
  }

  /** The access policy AWS gives a new topic: its owner may do everything. */
  static String defaultPolicy(String topicArn, String accountId) {
    ObjectNode policy = SnsJson.MAPPER.createObjectNode();
    policy.put("Version", "2008-10-17");
    policy.put("Id", "__default_policy_ID");
    ObjectNode statement = policy.putArray("Statement").addObject();
    statement.put("Sid", "__default_statement_ID");
    statement.put("Effect", "Allow");
    statement.putObject("Principal").put("AWS", "*");
    ArrayNode actions = statement.putArray("Action");
    OWNER_ACTIONS.forEach(action -> actions.add("SNS:" + action));
    statement.put("Resource", topicArn);
    statement.putObject("Condition").putObject("StringEquals").put("AWS:SourceOwner", accountId);
    return policy.toString();
  }

  /** {@code policy} with a statement AddPermission adds. */
  static String withPermission(
      String policy, String topicArn, String label, List<String> accountIds, List<String> actions) {
    if (label == null) {
      throw SnsErrors.validationError("label");
    }
    if (accountIds.isEmpty()) {
      throw SnsErrors.validationError("aWSAccountId");
    }
    if (actions.isEmpty()) {
      throw SnsErrors.validationError("actionName");
    }
    for (String action : actions) {
      if (!PERMISSION_ACTIONS.contains(action)) {
        throw SnsErrors.invalidParameter(
            "Invalid parameter: Policy statement action out of service scope!");
      }
    }
    ObjectNode document = readPolicy(policy);
    ArrayNode statements = statements(document);
    for (JsonNode statement : statements) {
      if (label.equals(statement.path("Sid").asText(null))) {
        throw SnsErrors.invalidParameter("Invalid parameter: Statement already exists");
      }
    }
    ObjectNode statement = statements.addObject();
    statement.put("Sid", label);
    statement.put("Effect", "Allow");
    ObjectNode principal = statement.putObject("Principal");
    if (accountIds.size() == 1) {
      principal.put("AWS", "arn:aws:iam::" + accountIds.get(0) + ":root");
    } else {
      ArrayNode principals = principal.putArray("AWS");
      accountIds.forEach(id -> principals.add("arn:aws:iam::" + id + ":root"));
    }
    if (actions.size() == 1) {
      statement.put("Action", "SNS:" + actions.get(0));
    } else {
      ArrayNode granted = statement.putArray("Action");
      actions.forEach(action -> granted.add("SNS:" + action));
    }
    statement.put("Resource", topicArn);
    return document.toString();
  }

  /** {@code policy} without the statement labelled {@code label} (AWS ignores unknown labels). */
  static String withoutPermission(String policy, String label) {
    if (label == null) {
      throw SnsErrors.validationError("label");
    }
    ObjectNode document = readPolicy(policy);
    ArrayNode statements = statements(document);
    for (int i = statements.size() - 1; i >= 0; i--) {
      if (label.equals(statements.get(i).path("Sid").asText(null))) {
        statements.remove(i);
      }
    }
    return document.toString();
  }

  private static ObjectNode readPolicy(String policy) {
    try {
      return (ObjectNode) SnsJson.MAPPER.readTree(policy);
    } catch (JsonProcessingException | ClassCastException e) {
      throw SnsErrors.invalidParameter("Invalid parameter: Policy");
    }
  }

  private static ArrayNode statements(ObjectNode document) {
    JsonNode statements = document.get("Statement");
    if (statements instanceof ArrayNode array) {
      return array;
    }
    ArrayNode array = document.putArray("Statement");
    if (statements != null && statements.isObject()) {
      array.add(statements);
    }
    return array;
  }
}
