package io.serverlessstack.examples;

import static io.serverlessstack.assertions.StackAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.serverlessstack.junit.ServerlessStack;
import io.serverlessstack.junit.SqsQueue;
import io.serverlessstack.junit.SqsQueueHandle;
import io.serverlessstack.junit.SqsQueueName;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

@ServerlessStack
@SqsQueue(name = "orders.fifo")
class OrderServiceTest {

  private static Order order(String id, String customer) {
    return new Order(id, customer, "book", 1);
  }

  @Test
  void placedOrderIsPublishedToTheOrdersQueue(@SqsQueueName("orders.fifo") SqsQueueHandle orders) {
    Order order = order("o-1", "alice");

    // The application builds its own default client, as it would in production.
    try (SqsClient sqs = SqsClient.create()) {
      new OrderService(sqs, "orders.fifo").place(order);
    }

    assertThat(orders).hasBeenSentMessageWithBody(order.toMessageBody()).hasVisibleMessages(1);
  }

  @Test
  void eachCustomersOrdersArriveInTheOrderTheyWerePlaced(
      SqsClient sqs, @SqsQueueName("orders.fifo") SqsQueueHandle orders) {
    OrderService service = new OrderService(sqs, "orders.fifo");
    List<Order> placed =
        List.of(
            order("o-1", "alice"),
            order("o-2", "bob"),
            order("o-3", "alice"),
            order("o-4", "alice"));
    placed.forEach(service::place);

    assertThat(orders)
        .messagesOfGroup("alice")
        .wereSentInOrder(
            placed.get(0).toMessageBody(),
            placed.get(2).toMessageBody(),
            placed.get(3).toMessageBody());
    assertThat(orders).messagesOfGroup("bob").wereSentInOrder(placed.get(1).toMessageBody());
  }

  @Test
  void placingTheSameOrderAgainPublishesItOnce(
      SqsClient sqs, @SqsQueueName("orders.fifo") SqsQueueHandle orders) {
    OrderService service = new OrderService(sqs, "orders.fifo");

    String first = service.place(order("o-1", "alice"));
    String retried = service.place(order("o-1", "alice"));

    assertThat(retried).isEqualTo(first);
    assertThat(orders).hasBeenSentNoDuplicates().hasMessageCount(1);
  }

  @Test
  void ordersPlacedFromManyThreadsAllArrive(
      SqsClient sqs, @SqsQueueName("orders.fifo") SqsQueueHandle orders) {
    OrderService service = new OrderService(sqs, "orders.fifo");
    List<Order> placed =
        IntStream.rangeClosed(1, 5).mapToObj(i -> order("o-" + i, "customer-" + i)).toList();

    List<CompletableFuture<String>> placing =
        placed.stream()
            .map(order -> CompletableFuture.supplyAsync(() -> service.place(order)))
            .toList();

    assertThat(orders)
        .eventually()
        .hasBeenSentMessagesWithBodies(
            placed.stream().map(Order::toMessageBody).toArray(String[]::new))
        .hasBeenSentNoDuplicates();
    placing.forEach(CompletableFuture::join);
  }
}
