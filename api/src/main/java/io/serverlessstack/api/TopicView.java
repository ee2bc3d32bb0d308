package io.serverlessstack.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A topic and its subscriptions, as one consistent snapshot: the typed view of the resources {@code
 * (sns, topic)}. Published messages are not part of a topic (SNS keeps none); the journal records
 * them ({@link SnsEvents}).
 *
 * @param attributes every attribute GetTopicAttributes would return
 * @param subscriptions in the order they were made; pending ones included
 */
public record TopicView(
    String name,
    String arn,
    String accountId,
    String region,
    boolean fifo,
    Map<String, String> attributes,
    List<SubscriptionView> subscriptions)
    implements ResourceView {

  /** The service ({@code sns}) of topics. */
  public static final String SERVICE = "sns";

  /** The resource type ({@code topic}) of topics. */
  public static final String TYPE = "topic";

  public TopicView {
    attributes = Map.copyOf(attributes);
    subscriptions = List.copyOf(subscriptions);
  }

  @Override
  public ResourceRef ref() {
    return new ResourceRef(SERVICE, TYPE, name, arn);
  }

  /**
   * The subscription with this ARN, or the first one delivering to this endpoint (a queue ARN, a
   * URL, …).
   */
  public Optional<SubscriptionView> subscription(String arnOrEndpoint) {
    return subscriptions.stream()
        .filter(subscription -> subscription.arn().equals(arnOrEndpoint))
        .findFirst()
        .or(
            () ->
                subscriptions.stream()
                    .filter(subscription -> subscription.endpoint().equals(arnOrEndpoint))
                    .findFirst());
  }
}
