package io.serverlessstack.assertions;

import static io.serverlessstack.assertions.ShouldExist.shouldExist;
import static io.serverlessstack.assertions.ShouldHaveBeenSentMessage.shouldHaveBeenSentMessage;
import static io.serverlessstack.assertions.ShouldHaveBeenSentMessage.shouldHaveBeenSentMessages;
import static io.serverlessstack.assertions.ShouldHaveBeenSentNoDuplicates.shouldHaveBeenSentNoDuplicates;
import static io.serverlessstack.assertions.ShouldHaveMessageCount.shouldBeEmpty;
import static io.serverlessstack.assertions.ShouldHaveMessageCount.shouldHaveMessageCount;

import io.serverlessstack.api.InspectableQueue;
import io.serverlessstack.api.JournalEvent;
import io.serverlessstack.api.MessageState;
import io.serverlessstack.api.SqsEvents.Details;
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
 * io.serverlessstack.api.StackInspector} only, so they read the same for a stack in this JVM and
 * one in a container. Obtain one with {@link StackAssertions#assertThat(InspectableQueue)} or
 * {@code StackAssertions.assertThat(inspector).queue("orders")}.
 *
 * <p>Words used here, in method names and failure messages alike: a message <em>has been sent</em>
 * to the queue when the queue accepted it: a send the journal records as {@code MessageSent} (not
 * one FIFO deduplication swallowed), a message dead-lettered to it, or one a move task brought. It
 * <em>was received</em> when a consumer's {@code ReceiveMessage} returned it, and the queue
 * <em>moved</em> it to its dead-letter queue when SQS did so on a receive.
 *
 * <p><b>SNS envelopes.</b> A message that an SNS topic delivered to the queue without raw message
 * delivery arrives as SNS's JSON envelope ({@code
 * {"Type":"Notification","TopicArn":…,"Message":…}}). Wherever these assertions match a body (an
 * exact body, a predicate, an order, duplicates), a body that is such an envelope also matches by
 * its {@code Message}: {@code hasBeenSentMessageWithBody("order-42")} passes for the raw body
 * {@code order-42} and for an envelope whose {@code Message} is {@code order-42}, so tests never
 * parse the envelope. The whole envelope still matches too. Failure messages show an envelope as
 * {@code snsMessage="…"}. To tell raw deliveries from enveloped ones, assert on the topic: {@code
 * assertThat(topic).hasDeliveredTo(queue, "order-42").inEnvelope()}.
 *
 * <p>By default each assertion looks once. After {@link #eventually()} or {@link
 * #within(Duration)}, every following assertion of the chain polls the inspector every 10 ms until
 * it holds or the timeout passes, and only then fails, with the last state it saw. The timeout is
 * wall-clock time even on a virtual clock: polling waits for other threads, never for stack time.
 * Assertions that read the journal see only what it retains (see the stack's journal capacity); a
 * reset of the stack clears it.
 *
 * <pre>{@code
 * assertThat(orders).eventually().hasBeenSentMessageWithBody("order-1").hasVisibleMessages(1);
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

  /** Verifies that a message with exactly this body has been sent to the queue. */
  public QueueAssert hasBeenSentMessageWithBody(String body) {
    Objects.requireNonNull(body, "body");
    return hasBeenSentMessageMatching(body::equals, "with body " + JournalListing.quote(body));
  }

  /** Verifies that a message whose body satisfies {@code body} has been sent to the queue. */
  public QueueAssert hasBeenSentMessageMatching(Predicate<String> body) {
    return hasBeenSentMessageMatching(body, "matching the given predicate");
  }

  /**
   * Verifies that a message whose body satisfies {@code body} has been sent to the queue.
   *
   * @param description what {@code body} accepts, for the failure message
   */
  public QueueAssert hasBeenSentMessageMatching(Predicate<String> body, String description) {
    Objects.requireNonNull(body, "body");
    Predicate<JournalEvent> matching = QueueSnapshot.body(body);
    return check(
        snapshot ->
            snapshot.sent().stream().anyMatch(matching)
                ? null
                : shouldHaveBeenSentMessage(snapshot, description));
  }

  /**
   * Verifies that, for each of {@code bodies}, a message with that body has been sent to the queue
   * (nothing was lost; the order is not checked, and other messages may have been sent too).
   */
  public QueueAssert hasBeenSentMessagesWithBodies(String... bodies) {
    List<String> expected = List.of(bodies);
    return check(
        snapshot -> {
          List<JournalEvent> sent = snapshot.sent();
          List<String> missing =
              expected.stream()
                  .filter(body -> sent.stream().noneMatch(QueueSnapshot.body(body::equals)))
                  .toList();
          return missing.isEmpty() ? null : shouldHaveBeenSentMessages(snapshot, expected, missing);
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
   * Verifies that no message body has been sent to the queue twice within one message group: no two
   * {@code MessageSent} events of this queue have the same body and the same group (on a standard
   * queue, where messages have no group: the same body; for SNS envelopes: the same {@code
   * Message}, as two envelopes always differ). Sends that FIFO deduplication swallowed ({@code
   * MessageDeduplicated}) are not duplicates, and neither are messages that were received more than
   * once, nor messages moved here from other queues.
   */
  public QueueAssert hasBeenSentNoDuplicates() {
    return check(
        snapshot -> {
          Map<List<String>, Integer> counts = new LinkedHashMap<>();
          for (JournalEvent sent : snapshot.acceptedSends()) {
            List<String> key =
                Arrays.asList(
                    sent.detail(Details.MESSAGE_GROUP_ID),
                    SnsEnvelope.content(sent.detail(Details.BODY)));
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
          return duplicates.isEmpty() ? null : shouldHaveBeenSentNoDuplicates(snapshot, duplicates);
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
   * Verifies that this queue has moved a message with this body to its dead-letter queue and that
   * it landed there; refine with {@link DeadLetterAssert#afterBeingReceived(int)}.
   */
  public DeadLetterAssert hasMovedMessageToDeadLetterQueue(String body) {
    Objects.requireNonNull(body, "body");
    return hasMovedMessageToDeadLetterQueue(
        body::equals, "with body " + JournalListing.quote(body));
  }

  /**
   * Verifies that this queue has moved a message whose body satisfies {@code body} to its
   * dead-letter queue and that it landed there; refine with {@link
   * DeadLetterAssert#afterBeingReceived(int)}.
   */
  public DeadLetterAssert hasMovedMessageToDeadLetterQueue(Predicate<String> body) {
    return hasMovedMessageToDeadLetterQueue(body, "matching the given predicate");
  }

  private DeadLetterAssert hasMovedMessageToDeadLetterQueue(
      Predicate<String> body, String description) {
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
    JournalTail tail = new JournalTail(actual.inspector());
    ErrorMessageFactory failure = patience.await(() -> QueueSnapshot.take(actual, tail), failureOf);
    if (failure != null) {
      throwAssertionError(failure);
    }
    return myself;
  }
}
