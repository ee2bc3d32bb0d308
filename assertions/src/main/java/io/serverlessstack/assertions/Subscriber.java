package io.serverlessstack.assertions;

import io.serverlessstack.api.InspectableQueue;
import io.serverlessstack.api.JournalEvent;
import io.serverlessstack.api.QueueView;
import io.serverlessstack.api.SnsEvents.Details;
import io.serverlessstack.api.StackInspector;
import io.serverlessstack.api.SubscriptionView;
import java.util.Objects;

/**
 * The subscriptions of a topic that an assertion means: those with this subscription ARN or
 * endpoint, or, for SQS, those delivering to this queue (named by name, URL or ARN, or by a queue
 * handle).
 */
final class Subscriber {

  private final String target;
  private final InspectableQueue queue;

  /** The queue's ARN once found; one assertion, on one thread, uses a subscriber. */
  private String queueArn;

  private Subscriber(String target, InspectableQueue queue) {
    this.target = target;
    this.queue = queue;
  }

  static Subscriber of(String subscriptionArnEndpointOrQueue) {
    return new Subscriber(
        Objects.requireNonNull(subscriptionArnEndpointOrQueue, "subscriber"), null);
  }

  static Subscriber of(InspectableQueue queue) {
    return new Subscriber(null, Objects.requireNonNull(queue, "queue"));
  }

  /** How failure messages name it: {@code queue "work"} or {@code "https://…"}. */
  String describe() {
    return queue != null
        ? "queue " + JournalListing.quote(queue.name())
        : JournalListing.quote(target);
  }

  /**
   * The subscriber as the stack shows it now: a queue handle's queue is looked up by name until it
   * is found (a queue's view carries its messages: a polling assertion reads it once).
   */
  Bound bind(StackInspector inspector) {
    if (queue != null && queueArn == null) {
      queueArn = inspector.queue(queue.name()).map(QueueView::arn).orElse(null);
    }
    return new Bound(queueArn);
  }

  /** A subscriber with what it needed from the stack. */
  final class Bound {
    private final String queueArn;

    private Bound(String queueArn) {
      this.queueArn = queueArn;
    }

    boolean matches(SubscriptionView subscription) {
      return matches(subscription.arn(), subscription.protocol(), subscription.endpoint());
    }

    /** Whether the subscription an SNS event names is one of these. */
    boolean matches(JournalEvent event) {
      return matches(
          event.detail(Details.SUBSCRIPTION_ARN),
          event.detail(Details.PROTOCOL),
          event.detail(Details.ENDPOINT));
    }

    private boolean matches(String subscriptionArn, String protocol, String endpoint) {
      if (endpoint == null) {
        return false;
      }
      boolean sqs = "sqs".equals(protocol);
      if (queue != null) {
        return sqs
            && (queueArn != null
                ? endpoint.equals(queueArn)
                : endpoint.endsWith(":" + queue.name()));
      }
      if (target.equals(subscriptionArn) || target.equals(endpoint)) {
        return true;
      }
      if (!sqs) {
        return false;
      }
      if (!target.contains(":") && !target.contains("/")) {
        return endpoint.endsWith(":" + target); // a queue name
      }
      String[] path = target.split("/");
      // A queue URL, http://host:port/{account}/{name}: the ARN ends in {account}:{name}.
      return target.startsWith("http")
          && path.length >= 5
          && endpoint.endsWith(":" + path[path.length - 2] + ":" + path[path.length - 1]);
    }
  }
}
