package io.serverlessstack.fake.internal.sqs;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.serverlessstack.fake.SqsStack;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

/**
 * Long polling with the async (Netty) client: a waiting receive parks on the server and completes
 * when a message becomes available, or empty when its wait, measured on the stack's clock, ends.
 */
class SqsLongPollTest {

  @RegisterExtension static final SqsStack virtual = SqsStack.withVirtualClock();
  @RegisterExtension static final SqsStack system = SqsStack.withSystemClock();

  /** Far longer than any answer needs, far shorter than a 20-second wait. */
  private static final long PROMPTLY = 5;

  @Test
  void longPollReturnsAsSoonAsAMessageArrives() throws Exception {
    String url = system.createQueue("prompt");
    CompletableFuture<ReceiveMessageResponse> waiting = system.longPoll(url, 20);

    system.send(url, "wake up");

    assertThat(waiting.get(PROMPTLY, SECONDS).messages())
        .extracting(Message::body)
        .containsExactly("wake up");
  }

  @Test
  void longPollEndsEmptyWhenItsWaitRunsOutOnTheStackClock() throws Exception {
    String url = virtual.createQueue("quiet");
    CompletableFuture<ReceiveMessageResponse> waiting = virtual.longPoll(url, 20);

    virtual.advance(Duration.ofSeconds(19));
    assertThat(waiting).isNotDone();
    virtual.advance(Duration.ofSeconds(1));

    assertThat(waiting.get(PROMPTLY, SECONDS).messages()).isEmpty();
  }

  @Test
  void longPollStillWaitingJustBeforeItsEndReceivesAMessageSentThen() throws Exception {
    String url = virtual.createQueue("last-moment");
    CompletableFuture<ReceiveMessageResponse> waiting = virtual.longPoll(url, 20);
    virtual.advance(Duration.ofSeconds(19));

    virtual.send(url, "just in time");

    assertThat(waiting.get(PROMPTLY, SECONDS).messages())
        .extracting(Message::body)
        .containsExactly("just in time");
  }

  @Test
  void longPollReceivesAMessageWhoseDelayEndsDuringTheWait() throws Exception {
    String url = virtual.createQueue("delayed-arrival");
    CompletableFuture<ReceiveMessageResponse> waiting = virtual.longPoll(url, 20);
    virtual.send(url, b -> b.messageBody("delayed").delaySeconds(5));

    virtual.advance(Duration.ofSeconds(5));

    assertThat(waiting.get(PROMPTLY, SECONDS).messages())
        .extracting(Message::body)
        .containsExactly("delayed");
  }

  @Test
  void longPollReceivesAMessageWhoseVisibilityTimeoutEndsDuringTheWait() throws Exception {
    String url = virtual.createQueue("reappearing");
    virtual.send(url, "again");
    assertThat(virtual.receive(url, b -> b.visibilityTimeout(5))).hasSize(1);
    CompletableFuture<ReceiveMessageResponse> waiting = virtual.longPoll(url, 20);

    virtual.advance(Duration.ofSeconds(5));

    List<Message> received = waiting.get(PROMPTLY, SECONDS).messages();
    assertThat(received).extracting(Message::body).containsExactly("again");
    assertThat(received.get(0).attributes())
        .containsEntry(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "2");
  }

  @Test
  void longPollWakesForAnEarlierTimerSetWhileItWaits() throws Exception {
    String url = virtual.createQueue("timers");
    virtual.send(url, "slow");
    assertThat(virtual.receive(url, b -> b.visibilityTimeout(15))).hasSize(1);
    CompletableFuture<ReceiveMessageResponse> waiting = virtual.longPoll(url, 20);
    virtual.send(url, b -> b.messageBody("delayed").delaySeconds(3));

    virtual.advance(Duration.ofSeconds(3));

    assertThat(waiting.get(PROMPTLY, SECONDS).messages())
        .extracting(Message::body)
        .containsExactly("delayed");
  }

  @Test
  void queueReceiveMessageWaitTimeIsTheDefaultWait() throws Exception {
    String url =
        virtual.createQueue(
            "waiting-queue", Map.of(QueueAttributeName.RECEIVE_MESSAGE_WAIT_TIME_SECONDS, "10"));
    CompletableFuture<ReceiveMessageResponse> waiting = virtual.longPoll(url, b -> {});

    virtual.advance(Duration.ofSeconds(9));
    assertThat(waiting).isNotDone();
    virtual.send(url, "arrived");

    assertThat(waiting.get(PROMPTLY, SECONDS).messages())
        .extracting(Message::body)
        .containsExactly("arrived");
  }

  @Test
  void longPollOnAFifoQueueGetsTheNextMessageOnceTheGroupIsReleased() throws Exception {
    String url = virtual.createFifoQueue("released.fifo", Map.of());
    virtual.sendFifo(url, "g", "first");
    virtual.sendFifo(url, "g", "second");
    Message first = virtual.receive(url, 1).get(0);
    CompletableFuture<ReceiveMessageResponse> waiting = virtual.longPoll(url, 20);
    assertThat(waiting).isNotDone();

    virtual.delete(url, first);

    assertThat(waiting.get(PROMPTLY, SECONDS).messages())
        .extracting(Message::body)
        .containsExactly("second");
  }
}
