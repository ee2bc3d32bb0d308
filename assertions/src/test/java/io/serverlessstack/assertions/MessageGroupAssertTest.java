package io.serverlessstack.assertions;

import static io.serverlessstack.assertions.StackAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

class MessageGroupAssertTest {

  private static LiveStack stack;
  private String orders;

  @BeforeAll
  static void startStack() {
    stack = new LiveStack();
  }

  @AfterAll
  static void stopStack() {
    stack.close();
  }

  @BeforeEach
  void freshQueue() {
    stack.server.reset();
    orders = stack.createFifoQueue("orders.fifo");
  }

  @Test
  void wereSentInOrderPassesForEachGroupInSendOrder() {
    stack.sendToGroup(orders, "alice", "a1");
    stack.sendToGroup(orders, "bob", "b1");
    stack.sendToGroup(orders, "alice", "a2");
    stack.sendToGroup(orders, "alice", "a3");

    assertThat(stack.queue("orders.fifo"))
        .messagesOfGroup("alice")
        .wereSentInOrder("a1", "a2", "a3");
    assertThat(stack.queue("orders.fifo")).messagesOfGroup("bob").wereSentInOrder("b1");
  }

  @Test
  void wereSentInOrderFailsShowingTheOrderTheQueueRecorded() {
    stack.sendToGroup(orders, "alice", "a1");
    stack.sendToGroup(orders, "alice", "a3");
    stack.sendToGroup(orders, "alice", "a2");

    assertThatThrownBy(
            () ->
                assertThat(stack.queue("orders.fifo"))
                    .messagesOfGroup("alice")
                    .wereSentInOrder("a1", "a2", "a3"))
        .hasMessageContaining(
            "Expecting the messages of group \"alice\" on queue \"orders.fifo\" to have been sent"
                + " exactly in this order:%n  [\"a1\", \"a2\", \"a3\"]".formatted())
        .hasMessageContaining(
            "but these were sent, in this order:%n  [\"a1\", \"a3\", \"a2\"]".formatted())
        .hasMessageContaining("MessageSent body=\"a3\" group=\"alice\" seq=2");
  }

  @Test
  void wereSentInOrderCountsADeduplicatedSendOnce() {
    stack.sendToGroup(orders, "alice", "a1");
    stack.sendToGroup(orders, "alice", "a1");
    stack.sendToGroup(orders, "alice", "a2");

    assertThat(stack.queue("orders.fifo")).messagesOfGroup("alice").wereSentInOrder("a1", "a2");
  }

  @Test
  void wereSentInOrderFailsWhenAMessageIsMissing() {
    stack.sendToGroup(orders, "alice", "a1");

    assertThatThrownBy(
            () ->
                assertThat(stack.queue("orders.fifo"))
                    .messagesOfGroup("alice")
                    .wereSentInOrder("a1", "a2"))
        .hasMessageContaining("in this order:%n  [\"a1\"]".formatted());
  }

  @Test
  void wereReceivedInOrderFollowsFirstReceivesNotLaterOnes() {
    stack.sendToGroup(orders, "alice", "a1");
    stack.sendToGroup(orders, "alice", "a2");
    stack.receiveOne(orders);
    stack.advance(Duration.ofSeconds(31)); // a1 becomes visible again and is received again first
    Message again = stack.receiveOne(orders);
    stack.delete(orders, again);
    Message second = stack.receiveOne(orders);

    assertThat(second.body()).isEqualTo("a2");
    assertThat(stack.queue("orders.fifo")).messagesOfGroup("alice").wereReceivedInOrder("a1", "a2");
    assertThatThrownBy(
            () ->
                assertThat(stack.queue("orders.fifo"))
                    .messagesOfGroup("alice")
                    .wereReceivedInOrder("a2", "a1"))
        .hasMessageContaining("to have been received exactly in this order")
        .hasMessageContaining(
            "but these were received, in this order:%n  [\"a1\", \"a2\"]".formatted());
  }

  @Test
  void eventuallyCarriesOverToTheGroupAssertion() {
    CountDownLatch looks = new CountDownLatch(2);
    CompletableFuture<Void> sending =
        LiveStack.sendAfter(
            looks,
            () -> {
              stack.sendToGroup(orders, "alice", "a1");
              stack.sendToGroup(orders, "alice", "a2");
            });

    assertThat(stack.watchedQueue("orders.fifo", looks))
        .eventually()
        .messagesOfGroup("alice")
        .wereSentInOrder("a1", "a2");
    sending.join();
  }
}
