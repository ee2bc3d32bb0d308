package io.serverlessstack.assertions;

import static io.serverlessstack.assertions.ShouldExist.shouldExist;
import static io.serverlessstack.assertions.ShouldHaveMessageCount.shouldBeEmpty;
import static io.serverlessstack.assertions.ShouldHaveMessageCount.shouldHaveMessageCount;
import static io.serverlessstack.assertions.ShouldHaveNoDuplicates.shouldHaveNoDuplicates;
import static io.serverlessstack.assertions.ShouldHaveReceivedMessage.shouldHaveReceivedMessage;
import static io.serverlessstack.assertions.ShouldHaveReceivedMessage.shouldHaveReceivedMessages;

import io.serverlessstack.fake.inspect.InspectableQueue;
import io.serverlessstack.fake.inspect.MessageState;
import io.serverlessstack.fake.journal.JournalEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * Assertions on one SQS queue, made through the stack's {@link
 * io.serverlessstack.fake.inspect.StackInspector} only, so they read the same for a stack in this
 * JVM and one in a container. Obtain one with {@link StackAssertions#assertThat(InspectableQueue)}
 * or {@code StackAssertions.assertThat(inspector).queue("orders")}.
 *
 * <p>Words used here: a message <em>arrived on</em> (was <em>received by</em>) the queue when the
 * queue accepted it: a send the journal records as {@code MessageSent} (not one FIFO deduplication
 * swallowed), a message dead-lettered to it, or one a move task brought. A message was
 * <em>delivered</em> when a consumer received it.
 *
 * <p>By default each assertion looks once. After {@link #eventually()} or {@link
 * #within(Duration)}, every following assertion of the chain polls the inspector every 10 ms until
 * it holds or the timeout passes, and only then fails, with the last state it saw. The timeout is
 * wall-clock time even on a virtual clock: polling waits for other threads, never for stack time.
 * Assertions that read the journal see only what it retains (see the stack's journal capacity); a
 * reset of the stack clears it.
 *
 * <pre>{@code
 * assertThat(orders).eventually().receivedMessageWithBody("order-1").hasVisibleMessages(1);
 * }</pre>
 */
public final class QueueAssert extends AbstractAssert<QueueAssert, InspectableQueue> {

  private Patience patience = Patience.NONE;

  QueueAssert(InspectableQueue queue) {
    super(queue, QueueAssert.class);
  }

  /** Makes the following assertions of this chain poll for up to 5 seconds before failing. */
  public QueueAssert eventually() {
    return within(Patience.DEFAULT_EVENTUALLY);
  }

  /**
   * Makes the following assertions of this chain poll for up to {@code timeout} (wall clock) before
   * failing; {@link Duration#ZERO} makes them look once again.
   */
  public QueueAssert within(Duration timeout) {
    patience = new Patience(timeout);
    return myself;
  }

  /** Verifies that the queue exists on the stack now. */
  public QueueAssert exists() {
    return check(snapshot -> snapshot.exists() ? null : missing(snapshot));
  }

  /** Verifies that a message with exactly this body arrived on the queue. */
  public QueueAssert receivedMessageWithBody(String body) {
    Objects.requireNonNull(body, "body");
    return hasReceivedMessage(body::equals, "with body " + JournalListing.quote(body));
  }

  /** Verifies that a message whose body satisfies {@code body} arrived on the queue. */
  public QueueAssert hasReceivedMessage(Predicate<String> body) {
    return hasReceivedMessage(body, "matching the given predicate");
  }

  /**
   * Verifies that a message whose body satisfies {@code body} arrived on the queue.
   *
   * @param description what {@code body} accepts, for the failure message
   */
  public QueueAssert hasReceivedMessage(Predicate<String> body, String description) {
    Objects.requireNonNull(body, "body");
    Predicate<JournalEvent> matching = QueueSnapshot.body(body);
    return check(
        snapshot ->
            snapshot.arrivals().stream().anyMatch(matching)
                ? null
                : shouldHaveReceivedMessage(snapshot, description));
  }

  /**
   * Verifies that, for each of {@code bodies}, a message with that body arrived on the queue
   * (nothing was lost; the order is not checked, and other messages may have arrived too).
   */
  public QueueAssert receivedMessagesWithBodies(String... bodies) {
    List<String> expected = List.of(bodies);
    return check(
        snapshot -> {
          List<String> arrived =
              snapshot.arrivals().stream().map(event -> event.detail("body")).toList();
          List<String> missing = expected.stream().filter(body -> !arrived.contains(body)).toList();
          return missing.isEmpty() ? null : shouldHaveReceivedMessages(snapshot, expected, missing);
        });
  }

  /** Verifies that the queue exists and holds no message: none visible, in flight or delayed. */
  public QueueAssert isEmpty() {
    return check(
        snapshot ->
            !snapshot.exists()
                ? missing(snapshot)
                : snapshot.messageCount() == 0 ? null : shouldBeEmpty(snapshot));
  }

  /** Verifies that the queue holds exactly {@code count} messages, whatever their state. */
  public QueueAssert hasMessageCount(int count) {
    return hasCount(count, "messages", QueueSnapshot::messageCount);
  }

  /** Verifies that exactly {@code count} messages are available to the next receive. */
  public QueueAssert hasVisibleMessages(int count) {
    return hasCount(count, "visible messages", snapshot -> snapshot.count(MessageState.VISIBLE));
  }

  /**
   * Verifies that exactly {@code count} messages were received and are neither deleted nor past
   * their visibility timeout.
   */
  public QueueAssert hasInFlightMessages(int count) {
    return hasCount(
        count, "in-flight messages", snapshot -> snapshot.count(MessageState.IN_FLIGHT));
  }

  /** Verifies that exactly {@code count} messages wait for their delivery delay to pass. */
  public QueueAssert hasDelayedMessages(int count) {
    return hasCount(count, "delayed messages", snapshot -> snapshot.count(MessageState.DELAYED));
  }

  /**
   * Verifies that the queue accepted no message body twice within one message group: no two {@code
   * MessageSent} events of this queue have the same body and the same group (on a standard queue,
   * where messages have no group: the same body). Sends that FIFO deduplication swallowed ({@code
   * MessageDeduplicated}) are not duplicates, and neither are redeliveries of one message to
   * consumers, nor messages moved here from other queues.
   */
  public QueueAssert hasNoDuplicates() {
    return check(
        snapshot -> {
          Map<List<String>, Integer> counts = new LinkedHashMap<>();
          for (JournalEvent sent : snapshot.sent()) {
            List<String> key = Arrays.asList(sent.detail("messageGroupId"), sent.detail("body"));
            counts.merge(key, 1, Integer::sum);
          }
          List<String> duplicates = new ArrayList<>();
          counts.forEach(
              (key, times) -> {
                if (times > 1) {
                  duplicates.add(
                      "body "
                          + JournalListing.quote(key.get(1))
                          + (key.get(0) == null
                              ? ""
                              : " in group " + JournalListing.quote(key.get(0)))
                          + ": "
                          + times
                          + " times");
                }
              });
          return duplicates.isEmpty() ? null : shouldHaveNoDuplicates(snapshot, duplicates);
        });
  }

  /**
   * Starts assertions on the messages of one FIFO message group of this queue. The returned
   * assertion keeps this one's description and polling.
   */
  public MessageGroupAssert messagesOfGroup(String groupId) {
    Objects.requireNonNull(groupId, "groupId");
    isNotNull();
    MessageGroupAssert group = new MessageGroupAssert(actual, groupId, patience);
    group.info.description(info.description());
    return group;
  }

  /**
   * Verifies that a message with this body was moved from this queue to its dead-letter queue and
   * landed there; refine with {@link DeadLetterAssert#afterReceives(int)}.
   */
  public DeadLetterAssert movedToDeadLetterQueue(String body) {
    Objects.requireNonNull(body, "body");
    return movedToDeadLetterQueue(body::equals, "with body " + JournalListing.quote(body));
  }

  /**
   * Verifies that a message whose body satisfies {@code body} was moved from this queue to its
   * dead-letter queue and landed there; refine with {@link DeadLetterAssert#afterReceives(int)}.
   */
  public DeadLetterAssert movedToDeadLetterQueue(Predicate<String> body) {
    return movedToDeadLetterQueue(body, "matching the given predicate");
  }

  private DeadLetterAssert movedToDeadLetterQueue(Predicate<String> body, String description) {
    Objects.requireNonNull(body, "body");
    isNotNull();
    DeadLetterAssert deadLettered = new DeadLetterAssert(actual, body, description, patience);
    deadLettered.info.description(info.description());
    return deadLettered.check(0);
  }

  private QueueAssert hasCount(int expected, String kind, Function<QueueSnapshot, Integer> count) {
    return check(
        snapshot -> {
          if (!snapshot.exists()) {
            return missing(snapshot);
          }
          int actualCount = count.apply(snapshot);
          return actualCount == expected
              ? null
              : shouldHaveMessageCount(snapshot, kind, expected, actualCount);
        });
  }

  private ErrorMessageFactory missing(QueueSnapshot snapshot) {
    return shouldExist(snapshot, actual.inspector().queues());
  }

  private QueueAssert check(Function<QueueSnapshot, ErrorMessageFactory> failureOf) {
    isNotNull();
    ErrorMessageFactory failure = patience.await(() -> QueueSnapshot.take(actual), failureOf);
    if (failure != null) {
      throwAssertionError(failure);
    }
    return myself;
  }
}
