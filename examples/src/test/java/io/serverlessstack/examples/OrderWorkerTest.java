package io.serverlessstack.examples;

import static io.serverlessstack.assertions.StackAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.serverlessstack.api.ClockMode;
import io.serverlessstack.fake.clock.VirtualClock;
import io.serverlessstack.junit.ServerlessStack;
import io.serverlessstack.junit.SqsQueue;
import io.serverlessstack.junit.SqsQueueHandle;
import io.serverlessstack.junit.SqsQueueName;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

@ServerlessStack(clock = ClockMode.MANUAL)
@SqsQueue(name = "orders-dlq.fifo")
@SqsQueue(
    name = "orders.fifo",
    deadLetterQueue = "orders-dlq.fifo",
    maxReceiveCount = 3,
    visibilityTimeout = 30)
class OrderWorkerTest {

  private static final Duration PAST_VISIBILITY_TIMEOUT = Duration.ofSeconds(31);

  private final List<Order> handled = new ArrayList<>();
  private OrderService service;

  @BeforeEach
  void connect(SqsClient sqs) {
    service = new OrderService(sqs, "orders.fifo");
  }

  /** A worker that handles orders of at least one item and refuses the others. */
  private OrderWorker worker(SqsClient sqs) {
    return new OrderWorker(
        sqs,
        "orders.fifo",
        order -> {
          if (order.quantity() < 1) {
            throw new IllegalArgumentException("Nothing to ship: " + order);
          }
          handled.add(order);
        },
        Duration.ZERO); // no long polls: on a virtual clock they would wait for the test
  }

  @Test
  void workerHandlesEachCustomersOrdersInOrderAndDeletesThem(
      SqsClient sqs, @SqsQueueName("orders.fifo") SqsQueueHandle orders) {
    Order first = new Order("o-1", "alice", "book", 1);
    Order second = new Order("o-2", "alice", "lamp", 2);
    Order other = new Order("o-3", "bob", "pen", 5);
    service.place(first);
    service.place(other);
    service.place(second);

    assertThat(worker(sqs).pollOnce()).isEqualTo(3);

    assertThat(handled).containsSubsequence(first, second).contains(other);
    assertThat(orders)
        .isEmpty()
        .messagesOfGroup("alice")
        .wereReceivedInOrder(first.toMessageBody(), second.toMessageBody());
  }

  @Test
  void poisonOrderMovesToTheDeadLetterQueueAfterBeingReceivedThreeTimes(
      SqsClient sqs,
      VirtualClock clock,
      @SqsQueueName("orders.fifo") SqsQueueHandle orders,
      @SqsQueueName("orders-dlq.fifo") SqsQueueHandle deadLetters) {
    Order poison = new Order("o-1", "alice", "book", 0);
    Order fine = new Order("o-2", "bob", "pen", 1);
    service.place(poison);
    service.place(fine);
    OrderWorker worker = worker(sqs);

    for (int receive = 1; receive <= 3; receive++) {
      worker.pollOnce();
      clock.advance(PAST_VISIBILITY_TIMEOUT); // instead of waiting 30 s for the retry
    }
    worker.pollOnce(); // the receive that finds the poison order received 3 times moves it

    assertThat(handled).containsExactly(fine);
    assertThat(orders)
        .hasMovedMessageToDeadLetterQueue(poison.toMessageBody())
        .afterBeingReceived(3);
    assertThat(orders).isEmpty();
    assertThat(deadLetters)
        .hasBeenSentMessageWithBody(poison.toMessageBody())
        .hasVisibleMessages(1);
  }

  @Test
  void failedOrderHoldsBackItsCustomersLaterOrdersUntilItSucceeds(
      SqsClient sqs, VirtualClock clock, @SqsQueueName("orders.fifo") SqsQueueHandle orders) {
    Order first = new Order("o-1", "alice", "book", 1);
    Order second = new Order("o-2", "alice", "lamp", 1);
    service.place(first);
    service.place(second);
    boolean[] failOnce = {true};
    OrderWorker flaky =
        new OrderWorker(
            sqs,
            "orders.fifo",
            order -> {
              if (failOnce[0]) {
                failOnce[0] = false;
                throw new IllegalStateException("payment service down");
              }
              handled.add(order);
            },
            Duration.ZERO);

    assertThat(flaky.pollOnce()).isZero();
    assertThat(flaky.pollOnce()).as("alice's orders wait for the first one").isZero();

    clock.advance(PAST_VISIBILITY_TIMEOUT);
    assertThat(flaky.pollOnce()).isEqualTo(2);

    assertThat(handled).containsExactly(first, second);
    assertThat(orders)
        .isEmpty()
        .messagesOfGroup("alice")
        .wereSentInOrder(first.toMessageBody(), second.toMessageBody());
  }
}
