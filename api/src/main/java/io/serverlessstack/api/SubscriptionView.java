package io.serverlessstack.api;

import java.util.Map;

/**
 * One subscription of a topic, as inspection sees it: part of a {@link TopicView}.
 *
 * @param arn the subscription's ARN
 * @param protocol where it delivers: {@code sqs}, {@code http}, {@code https}, {@code lambda},
 *     {@code email}, …
 * @param endpoint the queue ARN, URL, function ARN, address, … it delivers to
 * @param pendingConfirmation whether it waits for confirmation (HTTP(S) and email subscriptions do
 *     until {@code ConfirmSubscription}); nothing is delivered to it until then
 * @param confirmationToken the token {@code ConfirmSubscription} takes while the subscription is
 *     pending; {@code null} once it is confirmed, or when it never needed one
 * @param rawMessageDelivery whether it delivers the bare message instead of SNS's JSON envelope
 * @param filterPolicy its filter policy as set, or {@code null} for none
 * @param filterPolicyScope {@code MessageAttributes} or {@code MessageBody} when it has a filter
 *     policy, else {@code null}
 * @param redrivePolicy its redrive policy as set, or {@code null} for none
 * @param deadLetterTargetArn the queue its redrive policy sends undeliverable messages to, or
 *     {@code null}
 * @param attributes every attribute GetSubscriptionAttributes would return
 */
public record SubscriptionView(
    String arn,
    String protocol,
    String endpoint,
    boolean pendingConfirmation,
    String confirmationToken,
    boolean rawMessageDelivery,
    String filterPolicy,
    String filterPolicyScope,
    String redrivePolicy,
    String deadLetterTargetArn,
    Map<String, String> attributes) {

  public SubscriptionView {
    attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
  }
}
