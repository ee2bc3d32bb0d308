package io.serverlessstack.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JournalEventTest {

  @Test
  void anEventKeepsItsDetailsAsTheyWereWhenItHappened() {
    Map<String, String> details = new HashMap<>(Map.of(SqsEvents.Details.BODY, "order-42"));
    JournalEvent event =
        new JournalEvent(
            7,
            Instant.parse("2026-01-01T00:00:00Z"),
            SqsEvents.SERVICE,
            SqsEvents.MESSAGE_SENT,
            "orders",
            details);
    details.put(SqsEvents.Details.BODY, "changed");

    assertThat(event.detail(SqsEvents.Details.BODY)).isEqualTo("order-42");
    assertThat(event.detail(SqsEvents.Details.MESSAGE_GROUP_ID)).isNull();
    assertThatThrownBy(() -> event.details().put("x", "y"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(event).hasToString("#7 2026-01-01T00:00:00Z sqs MessageSent orders {body=order-42}");
  }
}
