package io.serverlessstack.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JournalFilterTest {

  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private static final String ARN = "arn:aws:sqs:us-east-1:000000000000:orders";

  private static JournalEvent event(long sequence, String service, String type, String arn) {
    return new JournalEvent(sequence, NOW, service, type, "orders", arn, Map.of());
  }

  private static final List<JournalEvent> JOURNAL =
      List.of(
          event(1, "sqs", SqsEvents.QUEUE_CREATED, ARN),
          event(2, "sqs", SqsEvents.MESSAGE_SENT, ARN),
          event(3, "sns", "NotificationPublished", null),
          event(4, "sqs", SqsEvents.MESSAGE_RECEIVED, ARN));

  private static final StackInspector INSPECTOR =
      new StackInspector() {
        @Override
        public Instant now() {
          return NOW;
        }

        @Override
        public List<QueueView> queues() {
          return List.of();
        }

        @Override
        public List<JournalEvent> journal() {
          return JOURNAL;
        }
      };

  private static List<Long> sequences(long since, JournalFilter filter) {
    return INSPECTOR.journal(since, filter).stream().map(JournalEvent::sequence).toList();
  }

  @Test
  void theUnnarrowedFilterAcceptsEveryEvent() {
    assertThat(JournalFilter.all().acceptsAll()).isTrue();
    assertThat(sequences(0, JournalFilter.all())).containsExactly(1L, 2L, 3L, 4L);
  }

  @Test
  void journalSinceSkipsEverythingUpToTheSequenceGiven() {
    assertThat(sequences(2, JournalFilter.all())).containsExactly(3L, 4L);
    assertThat(sequences(4, JournalFilter.all())).isEmpty();
    assertThatThrownBy(() -> INSPECTOR.journal(-1, JournalFilter.all()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void narrowingByServiceTypesAndResourceCombines() {
    JournalFilter sqs = JournalFilter.all().withService("sqs");

    assertThat(sequences(0, sqs)).containsExactly(1L, 2L, 4L);
    assertThat(sequences(0, sqs.withTypes(SqsEvents.MESSAGE_SENT, SqsEvents.MESSAGE_RECEIVED)))
        .containsExactly(2L, 4L);
    assertThat(sequences(0, JournalFilter.all().withResource(ARN))).containsExactly(1L, 2L, 4L);
    assertThat(sequences(0, JournalFilter.all().withResource("orders")))
        .containsExactly(1L, 2L, 3L, 4L);
    assertThat(sequences(0, sqs.withResource("other"))).isEmpty();
    assertThat(JournalFilter.all().withTypes().acceptsAll()).isTrue();
  }

  @Test
  void filtersAreImmutableValues() {
    JournalFilter all = JournalFilter.all();
    JournalFilter sends = all.withService("sqs").withTypes(SqsEvents.MESSAGE_SENT);

    assertThat(all.acceptsAll()).isTrue();
    assertThat(sends)
        .isEqualTo(JournalFilter.all().withTypes(SqsEvents.MESSAGE_SENT).withService("sqs"));
    assertThat(sends.service()).contains("sqs");
    assertThat(sends.types()).containsExactly(SqsEvents.MESSAGE_SENT);
    assertThat(sends.resource()).isEmpty();
    assertThat(sends).hasToString("JournalFilter[service=sqs, types=[MessageSent], resource=any]");
    assertThatThrownBy(() -> all.withTypes("a", null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void anEventIsAboutItsResourceByNameOrByArn() {
    JournalEvent sent = event(2, "sqs", SqsEvents.MESSAGE_SENT, ARN);

    assertThat(sent.isAbout("orders")).isTrue();
    assertThat(sent.isAbout(ARN)).isTrue();
    assertThat(sent.isAbout("audit")).isFalse();
    assertThat(new JournalEvent(1, NOW, "sqs", "X", "orders", Map.of()).resourceArn()).isNull();
  }
}
