package io.serverlessstack.fake.clock;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

import io.serverlessstack.api.JournalEvent;
import io.serverlessstack.api.SqsEvents;
import io.serverlessstack.fake.RawHttp;
import io.serverlessstack.fake.SqsClients;
import io.serverlessstack.fake.SqsStack;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

/**
 * The idle-skipping clock, driven by real SDK clients and raw sockets: whenever every request in
 * flight waits on the clock, it jumps to the next deadline, in deadline order; anything still
 * arriving or being served holds it.
 */
class IdleSkippingClockTest {

  @RegisterExtension static final SqsStack stack = SqsStack.withIdleSkippingClock();

  /** What "at once" allows in wall time: far less than any of the waits these tests skip. */
  private static final Duration AT_ONCE = Duration.ofSeconds(2);

  @Test
  void fiveSecondLongPollFromTheTestThreadReturnsAtOnceWithTheClockFiveSecondsOn() {
    String url = stack.createQueue("empty");
    Instant before = stack.now();
    long started = System.nanoTime();

    ReceiveMessageResponse response =
        stack.sqs().receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(5));

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(AT_ONCE);
    assertThat(response.messages()).isEmpty();
    assertThat(stack.now()).isEqualTo(before.plusSeconds(5));
  }

  @Test
  void longPollOverHttp2IsSkippedAsWell() throws Exception {
    String url = stack.createQueue("over-http2");
    Instant before = stack.now();
    SqsAsyncClient http2 = stack.track(SqsClients.asyncHttp2(stack.server()));

    ReceiveMessageResponse response =
        http2.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(5)).get(5, SECONDS);

    assertThat(response.messages()).isEmpty();
    assertThat(stack.now()).isEqualTo(before.plusSeconds(5));
  }

  @Test
  void delaysAndVisibilityTimeoutsEndInDeadlineOrderWhileTheTestLongPolls() {
    String url = stack.createQueue("deadlines");
    Instant start = stack.now();
    stack.send(url, "visible-again-after-ten-minutes");
    assertThat(stack.receive(url, b -> b.visibilityTimeout(600))).hasSize(1);
    stack.send(url, b -> b.messageBody("delayed-fifteen-minutes").delaySeconds(900));
    stack.send(url, b -> b.messageBody("delayed-two-seconds").delaySeconds(2));
    long started = System.nanoTime();

    // A consumer's loop of 20-second long polls, each deleting what it got.
    Map<String, Duration> receivedAfter = new LinkedHashMap<>();
    while (receivedAfter.size() < 3) {
      List<Message> messages =
          stack
              .sqs()
              .receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(20).maxNumberOfMessages(10))
              .messages();
      for (Message message : messages) {
        receivedAfter.put(message.body(), Duration.between(start, stack.now()));
        stack.delete(url, message);
      }
    }

    // 45 long polls, each skipped after a few milliseconds of quiet: seconds at most, not 15 min.
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    assertThat(receivedAfter)
        .containsExactly(
            entry("delayed-two-seconds", Duration.ofSeconds(2)),
            entry("visible-again-after-ten-minutes", Duration.ofMinutes(10)),
            entry("delayed-fifteen-minutes", Duration.ofMinutes(15)));
  }

  @Test
  void twoWaitingLongPollsAreAnsweredInTheOrderOfTheirDeadlines() throws Exception {
    String later = stack.createQueue("seven-seconds");
    String sooner = stack.createQueue("three-seconds");
    Instant start = stack.now();
    stack.send(later, b -> b.messageBody("after seven").delaySeconds(7));
    stack.send(sooner, b -> b.messageBody("after three").delaySeconds(3));
    CompletableFuture<ReceiveMessageResponse> waitingLonger;
    CompletableFuture<ReceiveMessageResponse> waitingShorter;
    // Held while both polls set out, so the first cannot be skipped past before the second waits.
    VirtualClock.Hold settingUp = stack.server().virtualClock().orElseThrow().hold();
    try {
      waitingLonger = stack.longPoll(later, 20);
      waitingShorter = stack.longPoll(sooner, 20);
    } finally {
      settingUp.close();
    }

    assertThat(waitingShorter.get(5, SECONDS).messages())
        .extracting(Message::body)
        .containsExactly("after three");
    assertThat(waitingLonger.get(5, SECONDS).messages())
        .extracting(Message::body)
        .containsExactly("after seven");
    List<JournalEvent> received =
        stack.server().inspector().journal().stream()
            .filter(event -> event.type().equals(SqsEvents.MESSAGE_RECEIVED))
            .toList();
    assertThat(received)
        .extracting(JournalEvent::resource, JournalEvent::time)
        .containsExactly(
            tuple("three-seconds", start.plusSeconds(3)),
            tuple("seven-seconds", start.plusSeconds(7)));
  }

  @Test
  void aRequestStillArrivingKeepsTheClockFromSkipping() throws Exception {
    String url = stack.createQueue("held-by-a-slow-sender");
    Instant before = stack.now();
    try (Socket slowSender = connect()) {
      // The head of a ListQueues call whose body is held back: the server has it once it asks
      // for the body.
      OutputStream out = slowSender.getOutputStream();
      out.write(
          ("POST / HTTP/1.1\r\nHost: "
                  + stack.server().endpoint().getAuthority()
                  + "\r\nContent-Type: application/x-amz-json-1.0\r\n"
                  + "X-Amz-Target: AmazonSQS.ListQueues\r\n"
                  + "Authorization: "
                  + RawHttp.authorization("test", "us-east-1", "sqs")
                  + "\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n")
              .getBytes(UTF_8));
      out.flush();
      assertThat(readHead(slowSender.getInputStream())).startsWith("HTTP/1.1 100 Continue");

      CompletableFuture<ReceiveMessageResponse> waiting = stack.longPoll(url, 5);

      assertThatThrownBy(() -> waiting.get(300, MILLISECONDS)).isInstanceOf(TimeoutException.class);
      assertThat(stack.now()).isEqualTo(before);

      out.write("{}".getBytes(UTF_8));
      out.flush();
      assertThat(readHead(slowSender.getInputStream())).startsWith("HTTP/1.1 200 OK");

      assertThat(waiting.get(5, SECONDS).messages()).isEmpty();
      assertThat(stack.now()).isEqualTo(before.plusSeconds(5));
    }
  }

  @Test
  void aRequestRefusedAsTooLargeBeforeItsBodyCameDoesNotHoldTheClock() throws Exception {
    String url = stack.createQueue("after-a-refusal");
    Instant before = stack.now();
    try (Socket refused = connect()) {
      // Refused on its head alone; the connection stays open for the next request.
      refused
          .getOutputStream()
          .write(
              ("POST / HTTP/1.1\r\nHost: "
                      + stack.server().endpoint().getAuthority()
                      + "\r\nContent-Type: application/x-amz-json-1.0\r\n"
                      + "X-Amz-Target: AmazonSQS.ListQueues\r\n"
                      + "Expect: 100-continue\r\nContent-Length: 100000000\r\n\r\n")
                  .getBytes(UTF_8));
      assertThat(readHead(refused.getInputStream())).startsWith("HTTP/1.1 413");

      CompletableFuture<ReceiveMessageResponse> waiting = stack.longPoll(url, 5);

      assertThat(waiting.get(5, SECONDS).messages()).isEmpty();
      assertThat(stack.now()).isEqualTo(before.plusSeconds(5));
    }
  }

  @Test
  void aHoldKeepsTheClockFromSkippingUntilItIsClosed() throws Exception {
    String url = stack.createQueue("held-by-the-test");
    Instant before = stack.now();
    CompletableFuture<ReceiveMessageResponse> waiting;
    VirtualClock.Hold handlingAMessage = stack.server().virtualClock().orElseThrow().hold();
    try {
      waiting = stack.longPoll(url, 5);

      assertThatThrownBy(() -> waiting.get(300, MILLISECONDS)).isInstanceOf(TimeoutException.class);
      assertThat(stack.now()).isEqualTo(before);
    } finally {
      handlingAMessage.close();
    }

    assertThat(waiting.get(5, SECONDS).messages()).isEmpty();
    assertThat(stack.now()).isEqualTo(before.plusSeconds(5));
  }

  @Test
  void aRequestQueuedBehindALongPollOnItsConnectionDoesNotHoldTheClock() throws Exception {
    String url = stack.createQueue("pipelined");
    Instant before = stack.now();
    String longPoll = "{\"QueueUrl\":\"" + url + "\",\"WaitTimeSeconds\":5}";
    RawHttp raw = new RawHttp(stack.server().endpoint());
    byte[] pipelined =
        (raw.sqsJsonRequest("ReceiveMessage", longPoll, "")
                + raw.sqsJsonRequest("ListQueues", "{}", "Connection: close\r\n"))
            .getBytes(UTF_8);
    long started = System.nanoTime();

    RawHttp.Exchange exchange = raw.exchange(pipelined, Duration.ofSeconds(5));

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(AT_ONCE);
    assertThat(exchange.response().split("HTTP/1.1 200 OK", -1)).as(exchange.response()).hasSize(3);
    assertThat(stack.now()).isEqualTo(before.plusSeconds(5));
  }

  @Test
  void theTestMayStillAdvanceTheClockByHand() {
    String url = stack.createQueue("by-hand");
    stack.send(url, "in flight for a minute");
    assertThat(stack.receive(url, b -> b.visibilityTimeout(60))).hasSize(1);

    stack.advance(Duration.ofSeconds(60));

    assertThat(stack.receive(url, 1))
        .extracting(Message::body)
        .containsExactly("in flight for a minute");
  }

  @Test
  void adminApiNamesTheClock() {
    assertThat(new RawHttp(stack.server().endpoint()).get("/_stack/clock").body())
        .contains("\"virtual\":true")
        .contains("\"mode\":\"skip-idle\"");
  }

  private static Socket connect() throws IOException {
    Socket socket = new Socket();
    socket.connect(
        new InetSocketAddress(
            stack.server().endpoint().getHost(), stack.server().endpoint().getPort()),
        5_000);
    socket.setSoTimeout(5_000);
    return socket;
  }

  /** Reads a response's status line and headers, up to the blank line. */
  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(UTF_8).endsWith("\r\n\r\n")) {
      int next = in.read();
      if (next < 0) {
        break;
      }
      head.write(next);
    }
    return head.toString(UTF_8);
  }
}
