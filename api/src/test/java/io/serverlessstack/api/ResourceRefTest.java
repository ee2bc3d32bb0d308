package io.serverlessstack.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResourceRefTest {

  private static final String ARN = "arn:aws:sqs:us-east-1:000000000000:orders";

  private static final QueueView ORDERS =
      new QueueView(
          "orders",
          "http://localhost:4566/000000000000/orders",
          ARN,
          "000000000000",
          "us-east-1",
          false,
          Map.of(),
          List.of());

  private static final StackInspector INSPECTOR =
      new StackInspector() {
        @Override
        public Instant now() {
          return Instant.EPOCH;
        }

        @Override
        public List<QueueView> queues() {
          return List.of(ORDERS);
        }

        @Override
        public List<JournalEvent> journal() {
          return List.of();
        }
      };

  @Test
  void aQueueViewIsTheTypedViewOfAnSqsQueueResource() {
    assertThat(ORDERS.ref()).isEqualTo(new ResourceRef("sqs", "queue", "orders", ARN));
    assertThat(ORDERS.ref()).hasToString("sqs queue orders " + ARN);
  }

  @Test
  void theDefaultInspectorFindsQueuesGenericallyByServiceTypeAndArn() {
    assertThat(INSPECTOR.resources("sqs", "queue")).containsExactly(ORDERS);
    assertThat(INSPECTOR.resources("sns", "topic")).isEmpty();
    assertThat(INSPECTOR.resource(ARN)).contains(ORDERS);
    assertThat(INSPECTOR.resource("orders")).isEmpty();
    assertThat(INSPECTOR.resource("arn:aws:sns:us-east-1:000000000000:orders")).isEmpty();
  }

  @Test
  void theServiceOfAnArnIsItsThirdField() {
    assertThat(ResourceRef.serviceOf(ARN)).isEqualTo("sqs");
    assertThat(ResourceRef.serviceOf("arn:aws:states:us-east-1:1:stateMachine:x"))
        .isEqualTo("states");
    assertThat(ResourceRef.serviceOf("orders")).isNull();
    assertThat(ResourceRef.serviceOf(null)).isNull();
  }
}
