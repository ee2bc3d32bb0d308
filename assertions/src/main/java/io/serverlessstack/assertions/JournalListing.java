package io.serverlessstack.assertions;

import io.serverlessstack.api.JournalEvent;
import io.serverlessstack.api.SqsEvents.Details;
import java.util.List;
import java.util.function.Function;

/** Renders journal events compactly for failure messages: one event a line, newest last. */
final class JournalListing {

  /** Enough to see what happened lately without drowning the failure in history. */
  static final int MAX_EVENTS = 40;

  private static final int MAX_TEXT = 80;

  private JournalListing() {}

  static String of(String queueName, List<JournalEvent> events) {
    return of("queue", queueName, events, event -> line(queueName, event));
  }

  /**
   * The listing of one resource's events, each rendered by {@code line}: a header naming the
   * resource and the count, then the newest {@link #MAX_EVENTS}.
   */
  static String of(
      String kind, String name, List<JournalEvent> events, Function<JournalEvent, String> line) {
    String newline = System.lineSeparator();
    StringBuilder text =
        new StringBuilder("The journal recorded for ")
            .append(kind)
            .append(' ')
            .append(quote(name))
            .append(" (")
            .append(events.size())
            .append(events.size() == 1 ? " event" : " events")
            .append("):");
    if (events.isEmpty()) {
      return text.append(newline).append("  (nothing)").toString();
    }
    int skipped = Math.max(0, events.size() - MAX_EVENTS);
    if (skipped > 0) {
      text.append(newline).append("  … ").append(skipped).append(" earlier events not shown");
    }
    for (JournalEvent event : events.subList(skipped, events.size())) {
      text.append(newline).append("  ").append(line.apply(event));
    }
    return text.toString();
  }

  static String line(String queueName, JournalEvent event) {
    StringBuilder line = new StringBuilder("#").append(event.sequence()).append(' ');
    line.append(event.type());
    if (!event.resource().equals(queueName)) {
      line.append(" from ").append(quote(event.resource()));
    }
    String body = event.detail(Details.BODY);
    if (body != null) {
      line.append(' ').append(SnsEnvelope.of(body) == null ? "body=" : "").append(body(body));
    }
    append(line, "group", quote(event.detail(Details.MESSAGE_GROUP_ID)));
    append(line, "seq", stripZeros(event.detail(Details.SEQUENCE_NUMBER)));
    append(line, "receiveCount", event.detail(Details.RECEIVE_COUNT));
    append(line, "visibilityTimeout", event.detail(Details.VISIBILITY_TIMEOUT));
    if (event.resource().equals(queueName)) {
      append(line, "deadLetterQueue", quote(event.detail(Details.DEAD_LETTER_QUEUE)));
    }
    String messageId = event.detail(Details.MESSAGE_ID);
    if (messageId != null) {
      append(line, "id", messageId.length() > 8 ? messageId.substring(0, 8) + "…" : messageId);
    }
    return line.toString();
  }

  /**
   * A message body as failure messages show it: quoted, or for an SNS notification envelope the
   * message inside, {@code snsMessage="…"}, instead of the whole envelope.
   */
  static String body(String body) {
    SnsEnvelope envelope = SnsEnvelope.of(body);
    return envelope == null ? quote(body) : "snsMessage=" + quote(envelope.message());
  }

  private static void append(StringBuilder line, String name, String value) {
    if (value != null) {
      line.append(' ').append(name).append('=').append(value);
    }
  }

  static String quote(String text) {
    if (text == null) {
      return null;
    }
    String shown = text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) + "…" : text;
    return '"' + shown.replace("\n", "\\n") + '"';
  }

  private static String stripZeros(String number) {
    if (number == null) {
      return null;
    }
    return number.replaceFirst("^0+(?=.)", "");
  }
}
