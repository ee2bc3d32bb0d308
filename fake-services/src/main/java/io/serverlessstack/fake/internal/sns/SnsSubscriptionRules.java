package io.serverlessstack.fake.internal.sns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.serverlessstack.fake.internal.protocol.AwsErrorException;
import io.serverlessstack.fake.internal.server.Arn;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** What a subscription's protocol, endpoint and attributes must be, with AWS's messages. */
final class SnsSubscriptionRules {

  private SnsSubscriptionRules() {}

  static final Set<String> PROTOCOLS =
      Set.of(
          "http",
          "https",
          "email",
          "email-json",
          "sms",
          "sqs",
          "application",
          "lambda",
          "firehose");

  private static final Set<String> ATTRIBUTES =
      Set.of(
          "DeliveryPolicy",
          "FilterPolicy",
          "FilterPolicyScope",
          "RawMessageDelivery",
          "RedrivePolicy",
          "SubscriptionRoleArn",
          "ReplayPolicy");

  private static final Pattern E164 = Pattern.compile("\\+?[1-9]\\d{1,14}");

  /** Whether {@code text} is an E.164 phone number, as SMS endpoints must be. */
  static boolean isPhoneNumber(String text) {
    return text != null && E164.matcher(text).matches();
  }

  /** Whether the protocol can deliver the bare message ({@code RawMessageDelivery}). */
  static boolean supportsRawDelivery(String protocol) {
    return switch (protocol) {
      case "sqs", "http", "https", "firehose" -> true;
      default -> false;
    };
  }

  /** Whether a new subscription waits for the endpoint to confirm it. */
  static boolean needsConfirmation(String protocol) {
    return switch (protocol) {
      case "http", "https", "email", "email-json" -> true;
      default -> false;
    };
  }

  /** Checks Subscribe's protocol and endpoint against each other and the topic's kind. */
  static void validateEndpoint(String protocol, String endpoint, boolean fifoTopic) {
    if (protocol == null) {
      throw SnsErrors.validationError("protocol");
    }
    if (!PROTOCOLS.contains(protocol)) {
      throw SnsErrors.invalidParameter(
          "Invalid parameter: Amazon SNS does not support this protocol string: " + protocol);
    }
    if (fifoTopic && !protocol.equals("sqs")) {
      throw SnsErrors.invalidParameter("Invalid parameter: Invalid protocol type: " + protocol);
    }
    if (endpoint == null || endpoint.isEmpty()) {
      throw SnsErrors.invalidParameter("Invalid parameter: Endpoint");
    }
    switch (protocol) {
      case "http", "https" -> {
        if (!endpoint.regionMatches(true, 0, protocol + "://", 0, protocol.length() + 3)) {
          throw SnsErrors.invalidParameter(
              "Invalid parameter: Endpoint must match the specified protocol");
        }
      }
      case "sqs" -> {
        Optional<Arn> arn = Arn.parse(endpoint).filter(parsed -> parsed.service().equals("sqs"));
        if (arn.isEmpty()) {
          throw SnsErrors.invalidParameter("Invalid parameter: SQS endpoint ARN");
        }
        if (arn.get().resource().endsWith(".fifo") && !fifoTopic) {
          throw SnsErrors.invalidParameter(
              "Invalid parameter: Endpoint Reason: FIFO SQS Queues can not be subscribed to"
                  + " standard SNS topics");
        }
      }
      case "lambda" -> requireArn(endpoint, "lambda", "Lambda");
      case "firehose" -> requireArn(endpoint, "firehose", "Firehose");
      case "application" -> requireArn(endpoint, "sns", "ApplicationEndpoint");
      case "sms" -> {
        if (!isPhoneNumber(endpoint)) {
          throw SnsErrors.invalidParameter("Invalid SMS endpoint: " + endpoint);
        }
      }
      case "email", "email-json" -> {
        if (!endpoint.contains("@")) {
          throw SnsErrors.invalidParameter("Invalid parameter: Email address");
        }
      }
      default -> throw new IllegalStateException("protocol " + protocol);
    }
  }

  private static void requireArn(String endpoint, String service, String kind) {
    if (Arn.parse(endpoint).filter(arn -> arn.service().equals(service)).isEmpty()) {
      throw SnsErrors.invalidParameter("Invalid parameter: " + kind + " endpoint ARN");
    }
  }

  /**
   * Checks one attribute and returns the subscription's settings with it applied: Subscribe's
   * ({@code subscribing}) messages carry {@code Attributes Reason:}, SetSubscriptionAttributes' do
   * not.
   *
   * @param current the settings before, with {@code attributes} the attributes given before
   */
  static SnsSubscription.Settings apply(
      String name,
      String value,
      SnsSubscription.Settings current,
      Map<String, String> attributes,
      String protocol,
      String endpoint,
      boolean fifoTopic,
      boolean subscribing) {
    String prefix = subscribing ? "Invalid parameter: Attributes Reason: " : "Invalid parameter: ";
    if (name == null || !ATTRIBUTES.contains(name)) {
      throw SnsErrors.invalidParameter(prefix + "AttributeName");
    }
    String text = value == null ? "" : value;
    switch (name) {
      case "RawMessageDelivery" -> {
        if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
          throw SnsErrors.invalidParameter(
              prefix + "RawMessageDelivery: Invalid value [" + text + "]. Must be true or false.");
        }
        if (!supportsRawDelivery(protocol)) {
          throw SnsErrors.invalidParameter(
              prefix
                  + "Delivery protocol ["
                  + protocol
                  + "] does not support raw message delivery.");
        }
        return new SnsSubscription.Settings(
            current.pending(),
            current.filterPolicy(),
            text.equalsIgnoreCase("true"),
            current.deadLetterTargetArn());
      }
      case "FilterPolicy" -> {
        FilterPolicy policy =
            text.isEmpty()
                ? null
                : parsePolicy(
                    text, scope(attributes.get("FilterPolicyScope"), subscribing), subscribing);
        return new SnsSubscription.Settings(
            current.pending(), policy, current.raw(), current.deadLetterTargetArn());
      }
      case "FilterPolicyScope" -> {
        FilterPolicy.Scope scope = scope(text, subscribing);
        String policyText = attributes.get("FilterPolicy");
        FilterPolicy policy =
            policyText == null || policyText.isEmpty()
                ? null
                : parsePolicy(policyText, scope, subscribing);
        return new SnsSubscription.Settings(
            current.pending(), policy, current.raw(), current.deadLetterTargetArn());
      }
      case "RedrivePolicy" -> {
        String target = text.isEmpty() ? null : deadLetterTarget(text, prefix, endpoint, fifoTopic);
        return new SnsSubscription.Settings(
            current.pending(), current.filterPolicy(), current.raw(), target);
      }
      case "DeliveryPolicy", "ReplayPolicy" -> {
        if (!text.isEmpty() && SnsJson.objectOrNull(text) == null) {
          throw SnsErrors.invalidParameter(prefix + name + ": failed to parse JSON.");
        }
        return current;
      }
      default -> {
        return current;
      }
    }
  }

  private static FilterPolicy.Scope scope(String text, boolean subscribing) {
    try {
      return FilterPolicy.Scope.of(text);
    } catch (FilterPolicyException invalid) {
      throw refused(invalid, subscribing);
    }
  }

  private static FilterPolicy parsePolicy(
      String text, FilterPolicy.Scope scope, boolean subscribing) {
    try {
      return FilterPolicy.parse(text, scope);
    } catch (FilterPolicyException invalid) {
      throw refused(invalid, subscribing);
    }
  }

  /** SNS words a bad policy as SetSubscriptionAttributes' parameter, or Subscribe's reason. */
  private static AwsErrorException refused(FilterPolicyException invalid, boolean subscribing) {
    return SnsErrors.invalidParameter(
        subscribing ? invalid.subscribeMessage() : invalid.getMessage());
  }

  private static String deadLetterTarget(
      String text, String prefix, String endpoint, boolean fifoTopic) {
    ObjectNode policy = SnsJson.objectOrNull(text);
    if (policy == null) {
      throw SnsErrors.invalidParameter(prefix + "RedrivePolicy: failed to parse JSON.");
    }
    JsonNode target = policy.get("deadLetterTargetArn");
    Optional<Arn> arn =
        target == null || !target.isTextual() ? Optional.empty() : Arn.parse(target.asText());
    if (arn.isEmpty()) {
      throw SnsErrors.invalidParameter(
          prefix + "RedrivePolicy: deadLetterTargetArn is an invalid arn");
    }
    if (fifoTopic
        && endpoint.endsWith(".fifo")
        && !(arn.get().service().equals("sqs") && arn.get().resource().endsWith(".fifo"))) {
      throw SnsErrors.invalidParameter(
          prefix
              + "RedrivePolicy: must use a FIFO queue as DLQ for a FIFO Subscription to a FIFO"
              + " Topic.");
    }
    return arn.get().toString();
  }
}
