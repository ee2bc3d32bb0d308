package io.serverlessstack.assertions;

import static io.serverlessstack.assertions.JournalListing.quote;

import io.serverlessstack.api.JournalEvent;
import io.serverlessstack.api.SnsEvents;
import io.serverlessstack.api.SnsEvents.Details;
import java.util.Map;

/** Renders a topic's SNS journal events for failure messages: one event a line, newest last. */
final class TopicJournalListing {

  private TopicJournalListing() {}

  static String of(TopicSnapshot snapshot) {
    return JournalListing.of(
        "topic", snapshot.name(), snapshot.events(), event -> line(snapshot, event));
  }

  static String line(TopicSnapshot snapshot, JournalEvent event) {
    StringBuilder line = new StringBuilder("#").append(event.sequence()).append(' ');
    line.append(event.type());
    switch (event.type()) {
      case SnsEvents.TOPIC_CREATED, SnsEvents.TOPIC_DELETED -> {}
      case SnsEvents.TOPIC_ATTRIBUTES_CHANGED ->
          event.details().forEach((name, value) -> append(line, name, quote(value)));
      case SnsEvents.SUBSCRIBED, SnsEvents.SUBSCRIPTION_CONFIRMED, SnsEvents.UNSUBSCRIBED -> {
        line.append(' ').append(endpoint(event));
        if ("true".equals(event.detail(Details.PENDING_CONFIRMATION))) {
          line.append(" pending confirmation");
        }
      }
      case SnsEvents.MESSAGE_PUBLISHED, SnsEvents.MESSAGE_DEDUPLICATED -> {
        append(line, "message", quote(event.detail(Details.MESSAGE)));
        append(line, "subject", quote(event.detail(Details.SUBJECT)));
        append(line, "group", quote(event.detail(Details.MESSAGE_GROUP_ID)));
        append(line, "seq", event.detail(Details.SEQUENCE_NUMBER));
        for (Map.Entry<String, String> detail : event.details().entrySet()) {
          if (detail.getKey().startsWith(Details.ATTRIBUTE_PREFIX)) {
            append(line, detail.getKey(), quote(detail.getValue()));
          }
        }
      }
      case SnsEvents.MESSAGE_FILTERED_OUT -> {
        line.append(" for ").append(endpoint(event));
        append(line, "message", quote(snapshot.messageOf(event)));
        append(line, "failedRule", event.detail(Details.FAILED_RULE));
      }
      default -> { // deliveries and their failures
        line.append(" to ").append(endpoint(event));
        if (event.detail(Details.RAW) != null) {
          line.append("true".equals(event.detail(Details.RAW)) ? " raw" : " enveloped");
        }
        append(line, "message", quote(snapshot.messageOf(event)));
        append(line, "attempts", event.detail(Details.ATTEMPTS));
        append(line, "reason", quote(event.detail(Details.REASON)));
        append(line, "deadLetterQueue", event.detail(Details.DEAD_LETTER_QUEUE_ARN));
      }
    }
    String messageId = event.detail(Details.MESSAGE_ID);
    if (messageId != null) {
      append(line, "id", messageId.length() > 8 ? messageId.substring(0, 8) + "…" : messageId);
    }
    return line.toString();
  }

  private static String endpoint(JournalEvent event) {
    return endpoint(event.detail(Details.PROTOCOL), event.detail(Details.ENDPOINT));
  }

  /**
   * An endpoint as failures show it: {@code sqs "work"} (a queue by its name), {@code https "…"}.
   */
  static String endpoint(String protocol, String endpoint) {
    String shown =
        "sqs".equals(protocol) && endpoint != null && endpoint.startsWith("arn:")
            ? endpoint.substring(endpoint.lastIndexOf(':') + 1)
            : endpoint;
    return protocol + " " + quote(shown);
  }

  private static void append(StringBuilder line, String name, String value) {
    if (value != null) {
      line.append(' ').append(name).append('=').append(value);
    }
  }
}
