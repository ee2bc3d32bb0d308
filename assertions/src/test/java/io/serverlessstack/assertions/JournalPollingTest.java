package io.serverlessstack.assertions;

import static io.serverlessstack.assertions.StackAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.serverlessstack.api.InspectableQueue;
import io.serverlessstack.api.JournalEvent;
import io.serverlessstack.api.JournalFilter;
import io.serverlessstack.api.QueueView;
import io.serverlessstack.api.StackInspector;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Polling assertions read only what the journal recorded since their last look. */
class JournalPollingTest {

  private static LiveStack stack;
  private String orders;

  @BeforeAll
  static void start() {
    stack = new LiveStack();
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  @BeforeEach
  void freshQueue() {
    stack.server.reset();
    orders = stack.createQueue("orders");
  }

  /** Records every journal read; refuses to hand out the whole journal. */
  private static final class CountingInspector implements StackInspector {
    final StackInspector real;
    final List<Long> sinces = new ArrayList<>();
    final List<JournalEvent> handedOut = new ArrayList<>();
    final CountDownLatch looks;

    CountingInspector(StackInspector real, CountDownLatch looks) {
      this.real = real;
      this.looks = looks;
    }

    @Override
    public Instant now() {
      return real.now();
    }

    @Override
    public List<QueueView> queues() {
      return real.queues();
    }

    @Override
    public Optional<QueueView> queue(String nameUrlOrArn) {
      return real.queue(nameUrlOrArn);
    }

    @Override
    public List<JournalEvent> journal() {
      throw new AssertionError("an assertion copied the whole journal");
    }

    @Override
    public synchronized List<JournalEvent> journal(long sinceSequence, JournalFilter filter) {
      List<JournalEvent> events = real.journal(sinceSequence, filter);
      sinces.add(sinceSequence);
      handedOut.addAll(events);
      looks.countDown();
      return events;
    }

    synchronized List<Long> sinces() {
      return List.copyOf(sinces);
    }

    synchronized List<Long> handedOutSequences() {
      return handedOut.stream().map(JournalEvent::sequence).toList();
    }
  }

  @Test
  void eachPollAsksOnlyForEventsAfterTheLastOneItSaw() {
    stack.send(orders, "early");
    CountDownLatch looks = new CountDownLatch(3);
    CountingInspector inspector = new CountingInspector(stack.server.inspector(), looks);
    CompletableFuture<Void> sending = LiveStack.sendAfter(looks, () -> stack.send(orders, "late"));

    assertThat(InspectableQueue.of(inspector, "orders"))
        .eventually()
        .hasBeenSentMessageWithBody("late");
    sending.join();

    List<Long> sinces = inspector.sinces();
    assertThat(sinces.size()).isGreaterThanOrEqualTo(3);
    assertThat(sinces.get(0)).isZero();
    assertThat(sinces).isSorted();
    assertThat(sinces.get(1)).as("the second look starts after what the first saw").isPositive();
    assertThat(inspector.handedOutSequences()).as("no event is read twice").doesNotHaveDuplicates();
  }

  @Test
  void aFailedPollingAssertionStillShowsEveryEventItSawAcrossItsLooks() {
    stack.send(orders, "order-1");
    CountDownLatch looks = new CountDownLatch(2);
    CountingInspector inspector = new CountingInspector(stack.server.inspector(), looks);
    CompletableFuture<Void> sending =
        LiveStack.sendAfter(looks, () -> stack.send(orders, "order-2"));

    assertThatThrownBy(
            () ->
                assertThat(InspectableQueue.of(inspector, "orders"))
                    .within(Duration.ofMillis(300))
                    .hasBeenSentMessageWithBody("never"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("MessageSent body=\"order-1\"")
        .hasMessageContaining("MessageSent body=\"order-2\"")
        .hasMessageContaining("The journal recorded for queue \"orders\" (3 events)");
    sending.join();
    assertThat(inspector.handedOutSequences()).doesNotHaveDuplicates();
  }
}
