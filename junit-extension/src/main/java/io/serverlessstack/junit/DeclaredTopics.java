package io.serverlessstack.junit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/** {@link SnsTopic} declarations, checked, and what creating each one asks of SNS. */
final class DeclaredTopics {

  private static final Set<String> SCOPES = Set.of("MessageAttributes", "MessageBody");

  private DeclaredTopics() {}

  /**
   * The topics a test gets: the class's declarations, where the test method declares a topic of the
   * same name its own instead.
   *
   * @param resetBetweenTests whether the stack is reset before the test; without a reset the
   *     class's topic carries over, so a method cannot declare it differently
   * @throws ExtensionConfigurationException for a method's declaration that cannot take effect
   */
  static List<SnsTopic> forTest(
      List<SnsTopic> classTopics,
      List<SnsTopic> methodTopics,
      boolean resetBetweenTests,
      String method) {
    return MethodDeclarations.forTest(
        classTopics, methodTopics, SnsTopic::name, "SnsTopic", "topic", resetBetweenTests, method);
  }

  /**
   * The declarations, checked, without repeats, in the order declared.
   *
   * @throws ExtensionConfigurationException for a declaration SNS would reject, or a topic declared
   *     twice differently
   */
  static List<SnsTopic> checked(List<SnsTopic> declared) {
    Map<String, SnsTopic> byName = new LinkedHashMap<>();
    for (SnsTopic topic : declared) {
      check(topic);
      SnsTopic earlier = byName.putIfAbsent(topic.name(), topic);
      if (earlier != null && !earlier.equals(topic)) {
        throw new ExtensionConfigurationException(
            "Topic \""
                + topic.name()
                + "\" is declared twice, differently: "
                + AnnotationSettings.differences(earlier, "in one", topic, "in the other")
                + ". Declare it once, or the two under different names.");
      }
    }
    return List.copyOf(byName.values());
  }

  private static void check(SnsTopic topic) {
    if (topic.name().isBlank()) {
      throw new ExtensionConfigurationException("@SnsTopic needs a name");
    }
    String where = where(topic);
    if (topic.fifo() && !topic.name().endsWith(".fifo")) {
      throw new ExtensionConfigurationException(
          where + ": a FIFO topic's name must end in \".fifo\"");
    }
    if (topic.contentBasedDeduplication() && !isFifo(topic)) {
      throw new ExtensionConfigurationException(
          where + ": contentBasedDeduplication applies to FIFO topics only");
    }
    checkAttributes(where, topic.attributes());
    for (SnsSubscription subscription : topic.subscriptions()) {
      String at = where + ", " + describe(subscription);
      if (subscription.protocol().isBlank()) {
        throw new ExtensionConfigurationException(at + ": a subscription needs a protocol");
      }
      if (subscription.endpoint().isBlank()) {
        throw new ExtensionConfigurationException(at + ": a subscription needs an endpoint");
      }
      if (!SCOPES.contains(subscription.filterPolicyScope())) {
        throw new ExtensionConfigurationException(
            at
                + ": filterPolicyScope is \"MessageAttributes\" or \"MessageBody\", not \""
                + subscription.filterPolicyScope()
                + "\"");
      }
      if (subscription.filterPolicy().isEmpty()
          && !subscription.filterPolicyScope().equals("MessageAttributes")) {
        throw new ExtensionConfigurationException(
            at + ": filterPolicyScope applies to a subscription with a filterPolicy only");
      }
      checkAttributes(at, subscription.attributes());
    }
  }

  private static void checkAttributes(String where, String[] attributes) {
    for (String attribute : attributes) {
      if (attribute.indexOf('=') < 1) {
        throw new ExtensionConfigurationException(
            where + ": attributes are written \"Name=Value\", not \"" + attribute + "\"");
      }
    }
  }

  static String where(SnsTopic topic) {
    return "@SnsTopic(name = \"" + topic.name() + "\")";
  }

  static String describe(SnsSubscription subscription) {
    return "@SnsSubscription(protocol = \""
        + subscription.protocol()
        + "\", endpoint = \""
        + subscription.endpoint()
        + "\")";
  }

  static boolean isFifo(SnsTopic topic) {
    return topic.fifo() || topic.name().endsWith(".fifo");
  }

  /** The CreateTopic attributes of {@code topic}. */
  static Map<String, String> attributes(SnsTopic topic) {
    Map<String, String> attributes = new LinkedHashMap<>();
    if (isFifo(topic)) {
      attributes.put("FifoTopic", "true");
    }
    if (topic.contentBasedDeduplication()) {
      attributes.put("ContentBasedDeduplication", "true");
    }
    putAll(attributes, topic.attributes());
    return attributes;
  }

  /**
   * The Subscribe attributes of {@code subscription}.
   *
   * @param deadLetterQueueArn the ARN of its dead-letter queue, or {@code null} if it has none
   */
  static Map<String, String> attributes(SnsSubscription subscription, String deadLetterQueueArn) {
    Map<String, String> attributes = new LinkedHashMap<>();
    if (subscription.rawMessageDelivery()) {
      attributes.put("RawMessageDelivery", "true");
    }
    if (!subscription.filterPolicy().isEmpty()) {
      attributes.put("FilterPolicy", subscription.filterPolicy());
      attributes.put("FilterPolicyScope", subscription.filterPolicyScope());
    }
    if (deadLetterQueueArn != null) {
      attributes.put("RedrivePolicy", "{\"deadLetterTargetArn\":\"" + deadLetterQueueArn + "\"}");
    }
    putAll(attributes, subscription.attributes());
    return attributes;
  }

  private static void putAll(Map<String, String> attributes, String[] written) {
    for (String attribute : written) {
      int equals = attribute.indexOf('=');
      attributes.put(attribute.substring(0, equals).trim(), attribute.substring(equals + 1).trim());
    }
  }
}
