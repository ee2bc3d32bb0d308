package io.serverlessstack.fake.internal.sns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;

/**
 * How SNS retries an HTTP(S) delivery and what content type it posts: the topic's {@code http}
 * delivery policy, overridden by the subscription's own unless the topic disables overrides. AWS's
 * default: three retries, 20 seconds apart, {@code text/plain; charset=UTF-8}.
 *
 * <p>Retries go through AWS's four phases in order: {@code numNoDelayRetries} at once, {@code
 * numMinDelayRetries} after {@code minDelayTarget} each, the backoff phase (the rest) growing from
 * {@code minDelayTarget} to {@code maxDelayTarget} by the backoff function, then {@code
 * numMaxDelayRetries} after {@code maxDelayTarget} each. AWS shows the backoff functions' curves
 * only as a figure; here linear grows in equal steps, arithmetic by triangular numbers, geometric
 * by a constant factor and exponential by powers of e, each reaching the maximum at the phase's
 * last retry. AWS also adds jitter; these delays have none, so tests see them exactly.
 */
record SnsDeliveryPolicy(
    int minDelaySeconds,
    int maxDelaySeconds,
    int numRetries,
    int numNoDelayRetries,
    int numMinDelayRetries,
    int numMaxDelayRetries,
    String backoffFunction,
    String contentType) {

  static final SnsDeliveryPolicy DEFAULT =
      new SnsDeliveryPolicy(20, 20, 3, 0, 0, 0, "linear", "text/plain; charset=UTF-8");

  /** The policy a subscription's HTTP(S) deliveries follow. */
  static SnsDeliveryPolicy effective(String topicPolicy, String subscriptionPolicy) {
    SnsDeliveryPolicy policy = DEFAULT;
    boolean overridable = true;
    ObjectNode topic = topicPolicy == null ? null : SnsJson.objectOrNull(topicPolicy);
    if (topic != null && topic.get("http") instanceof ObjectNode http) {
      policy = policy.withRetries(http.get("defaultHealthyRetryPolicy"));
      policy = policy.withRequest(http.get("defaultRequestPolicy"));
      overridable = !http.path("disableSubscriptionOverrides").asBoolean(false);
    }
    ObjectNode subscription =
        subscriptionPolicy == null ? null : SnsJson.objectOrNull(subscriptionPolicy);
    if (overridable && subscription != null) {
      policy = policy.withRetries(subscription.get("healthyRetryPolicy"));
      policy = policy.withRequest(subscription.get("requestPolicy"));
    }
    return policy;
  }

  private SnsDeliveryPolicy withRetries(JsonNode retries) {
    if (!(retries instanceof ObjectNode given)) {
      return this;
    }
    return new SnsDeliveryPolicy(
        given.path("minDelayTarget").asInt(minDelaySeconds),
        given.path("maxDelayTarget").asInt(maxDelaySeconds),
        given.path("numRetries").asInt(numRetries),
        given.path("numNoDelayRetries").asInt(numNoDelayRetries),
        given.path("numMinDelayRetries").asInt(numMinDelayRetries),
        given.path("numMaxDelayRetries").asInt(numMaxDelayRetries),
        given.path("backoffFunction").asText(backoffFunction),
        contentType);
  }

  private SnsDeliveryPolicy withRequest(JsonNode request) {
    if (!(request instanceof ObjectNode given) || !given.path("headerContentType").isTextual()) {
      return this;
    }
    return new SnsDeliveryPolicy(
        minDelaySeconds,
        maxDelaySeconds,
        numRetries,
        numNoDelayRetries,
        numMinDelayRetries,
        numMaxDelayRetries,
        backoffFunction,
        given.get("headerContentType").asText());
  }

  /**
   * How long to wait before retry number {@code retry} (1 for the first), or {@code null} when the
   * policy has no retries left.
   */
  Duration delayBefore(int retry) {
    if (retry < 1 || retry > numRetries) {
      return null;
    }
    if (retry <= numNoDelayRetries) {
      return Duration.ZERO;
    }
    int afterNoDelay = retry - numNoDelayRetries;
    if (afterNoDelay <= numMinDelayRetries) {
      return Duration.ofSeconds(minDelaySeconds);
    }
    int backoffRetries =
        Math.max(0, numRetries - numNoDelayRetries - numMinDelayRetries - numMaxDelayRetries);
    int inBackoff = afterNoDelay - numMinDelayRetries;
    if (inBackoff > backoffRetries) {
      return Duration.ofSeconds(maxDelaySeconds);
    }
    return Duration.ofMillis(Math.round(1000 * backoff(inBackoff, backoffRetries)));
  }

  /** The delay, in seconds, of backoff retry {@code i} of {@code n}. */
  private double backoff(int i, int n) {
    double min = minDelaySeconds;
    double max = Math.max(minDelaySeconds, maxDelaySeconds);
    double progress = (double) i / n;
    return switch (backoffFunction) {
      case "arithmetic" -> min + (max - min) * (i * (i + 1.0)) / (n * (n + 1.0));
      case "geometric" -> min > 0 ? min * Math.pow(max / min, progress) : max * progress;
      case "exponential" -> min + (max - min) * Math.expm1(i) / Math.expm1(n);
      default -> min + (max - min) * progress;
    };
  }
}
