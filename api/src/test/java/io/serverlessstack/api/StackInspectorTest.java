package io.serverlessstack.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StackInspectorTest {

  private static final String ENDPOINT = "http://127.0.0.1:4566";
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  private final QueueView defaultOrders = queue(StackDefaults.ACCOUNT_ID, "orders");
  private final QueueView otherOrders = queue("123456789012", "orders");
  private final QueueView payments = queue(StackDefaults.ACCOUNT_ID, "payments");
  private final StackInspector inspector = inspector(List.of(defaultOrders, otherOrders, payments));

  @Test
  void aQueueIsFoundByNameUrlOrArn() {
    assertThat(inspector.queue("payments")).contains(payments);
    assertThat(inspector.queue(payments.url())).contains(payments);
    assertThat(inspector.queue(payments.arn())).contains(payments);
  }

  @Test
  void aUrlOrArnTellsQueuesOfTheSameNameInOtherAccountsApart() {
    assertThat(inspector.queue("orders")).contains(defaultOrders);
    assertThat(inspector.queue(otherOrders.url())).contains(otherOrders);
    assertThat(inspector.queue(otherOrders.arn())).contains(otherOrders);
  }

  @Test
  void aQueueThatIsNotThereIsEmpty() {
    assertThat(inspector.queue("missing")).isEmpty();
    assertThat(inspector.queue(ENDPOINT + "/999999999999/orders")).isEmpty();
  }

  @Test
  void aQueueViewSelectsItsMessagesByState() {
    MessageView visible = message("1", MessageState.VISIBLE);
    MessageView inFlight = message("2", MessageState.IN_FLIGHT);
    MessageView alsoVisible = message("3", MessageState.VISIBLE);
    QueueView view =
        new QueueView(
            "q",
            ENDPOINT + "/" + StackDefaults.ACCOUNT_ID + "/q",
            "arn:aws:sqs:" + StackDefaults.REGION + ":" + StackDefaults.ACCOUNT_ID + ":q",
            StackDefaults.ACCOUNT_ID,
            StackDefaults.REGION,
            false,
            Map.of(),
            List.of(visible, inFlight, alsoVisible));

    assertThat(view.messages(MessageState.VISIBLE)).containsExactly(visible, alsoVisible);
    assertThat(view.messages(MessageState.IN_FLIGHT)).containsExactly(inFlight);
    assertThat(view.messages(MessageState.DELAYED)).isEmpty();
    assertThat(message("4", MessageState.DELAYED).attributes()).isEmpty();
  }

  @Test
  void anInspectableQueueNamesTheQueueOnItsInspector() {
    InspectableQueue queue = InspectableQueue.of(inspector, "payments");

    assertThat(queue.name()).isEqualTo("payments");
    assertThat(queue.inspector()).isSameAs(inspector);
    assertThat(queue).hasToString("payments");
  }

  private static QueueView queue(String account, String name) {
    return new QueueView(
        name,
        ENDPOINT + "/" + account + "/" + name,
        "arn:aws:sqs:" + StackDefaults.REGION + ":" + account + ":" + name,
        account,
        StackDefaults.REGION,
        false,
        Map.of(),
        List.of());
  }

  private static MessageView message(String id, MessageState state) {
    return new MessageView(id, "body " + id, state, null, null, null, null, 0, NOW, null);
  }

  private static StackInspector inspector(List<QueueView> queues) {
    return new StackInspector() {
      @Override
      public Instant now() {
        return NOW;
      }

      @Override
      public List<QueueView> queues() {
        return queues;
      }

      @Override
      public List<JournalEvent> journal() {
        return List.of();
      }
    };
  }
}
