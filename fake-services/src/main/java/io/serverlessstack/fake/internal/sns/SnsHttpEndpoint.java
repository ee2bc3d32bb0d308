package io.serverlessstack.fake.internal.sns;

import io.serverlessstack.fake.internal.delivery.Delivery;
import io.serverlessstack.fake.internal.delivery.DeliveryTarget;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The delivery-bus target of one HTTP(S) subscription: posts each delivery to the endpoint with the
 * headers SNS sends. Runs on the bus's threads, so a slow or failing endpoint never holds up a
 * publisher. As AWS does, a status from 200 to 499 ends the delivery (a 4xx is the endpoint's
 * refusal, not retried); any other status, a connection failure or no answer within 15 seconds is a
 * failure the delivery policy retries.
 */
final class SnsHttpEndpoint implements DeliveryTarget {

  /** How long SNS waits for an endpoint's answer. */
  static final Duration TIMEOUT = Duration.ofSeconds(15);

  static final String USER_AGENT = "Amazon Simple Notification Service Agent";

  /** What one delivery is, beyond its body: the headers that tell the endpoint. */
  record Post(String messageType, boolean raw, String contentType) {}

  /** An endpoint's answer that SNS counts as a failed attempt. */
  static final class EndpointFailure extends IOException {
    private static final long serialVersionUID = 1L;

    EndpointFailure(String message) {
      super(message);
    }
  }

  private final SnsSubscription subscription;
  private final HttpClient http;
  private final Map<String, Post> posts = new ConcurrentHashMap<>();

  SnsHttpEndpoint(SnsSubscription subscription, HttpClient http) {
    this.subscription = subscription;
    this.http = http;
  }

  /** Says what the delivery of {@code deliveryId} is, before it is handed to the bus. */
  void expect(String deliveryId, Post post) {
    posts.put(deliveryId, post);
  }

  /** Forgets a delivery once it ended, however it ended. */
  void done(String deliveryId) {
    posts.remove(deliveryId);
  }

  @Override
  public String accept(Delivery delivery) throws IOException, InterruptedException {
    Post post = posts.get(delivery.id());
    if (post == null) {
      throw new IllegalStateException("No post expected for delivery " + delivery.id());
    }
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(subscription.endpoint))
            .timeout(TIMEOUT)
            .header("Content-Type", post.contentType())
            .header("User-Agent", USER_AGENT)
            .header("x-amz-sns-message-type", post.messageType())
            .header("x-amz-sns-message-id", delivery.id())
            .header("x-amz-sns-topic-arn", subscription.topic.arn)
            .POST(HttpRequest.BodyPublishers.ofString(delivery.body(), StandardCharsets.UTF_8));
    if (post.messageType().equals(SnsEnvelope.NOTIFICATION)) {
      request.header("x-amz-sns-subscription-arn", subscription.arn);
    }
    if (post.raw()) {
      request.header("x-amz-sns-rawdelivery", "true");
    }
    int status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    if (status < 200 || status > 499) {
      throw new EndpointFailure("The endpoint answered HTTP " + status);
    }
    return String.valueOf(status);
  }
}
