package io.serverlessstack.assertions;

import static io.serverlessstack.assertions.DeliveryStreamErrorMessage.deliveryStreamShould;

import io.serverlessstack.api.DeliveryStreamView;
import io.serverlessstack.api.DeliveryView;
import io.serverlessstack.api.InspectableDeliveryStream;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * Assertions on one Amazon Data Firehose delivery stream, made through the stack's {@link
 * io.serverlessstack.api.StackInspector} only, so they read the same for a stack in this JVM and
 * one in a container. Obtain one with {@link StackAssertions#assertThat(InspectableDeliveryStream)}
 * or {@code StackAssertions.assertThat(inspector).deliveryStream("clicks")}.
 *
 * <p>They look at what the delivery stream delivered to its destination: the S3 objects of its
 * records (not backups or error output) or the requests its HTTP endpoint acknowledged, each record
 * read as UTF-8 text (after transformation, before compression). Firehose delivers a buffer when
 * its interval passes on the stack's clock or its size hint fills: advance a virtual clock first,
 * then assert with {@link #eventually()}, since delivery runs on Firehose's own threads.
 *
 * <p>By default each assertion looks once. After {@link #eventually()} or {@link
 * #within(Duration)}, every following assertion of the chain polls the inspector every 10 ms until
 * it holds or the timeout passes, and only then fails, with the last state it saw.
 *
 * <pre>{@code
 * clock.advance(Duration.ofMinutes(5));
 * assertThat(clicks).eventually().hasDelivered(3).hasDeliveredObjectContaining("checkout");
 * assertThat(webhook).eventually().hasPostedRecordContaining("\"order\":42");
 * }</pre>
 */
public final class DeliveryStreamAssert
    extends AbstractAssert<DeliveryStreamAssert, InspectableDeliveryStream> {

  private Patience patience = Patience.NONE;

  DeliveryStreamAssert(InspectableDeliveryStream stream) {
    super(stream, DeliveryStreamAssert.class);
  }

  /** Makes the following assertions of this chain poll for up to 5 seconds before failing. */
  public DeliveryStreamAssert eventually() {
    return within(Patience.DEFAULT_EVENTUALLY);
  }

  /**
   * Makes the following assertions of this chain poll for up to {@code timeout} (wall clock) before
   * failing; {@link Duration#ZERO} makes them look once again.
   */
  public DeliveryStreamAssert within(Duration timeout) {
    patience = new Patience(timeout);
    return myself;
  }

  /** Verifies that the delivery stream exists on the stack now. */
  public DeliveryStreamAssert exists() {
    return check(
        snapshot ->
            snapshot.view().isPresent()
                ? null
                : deliveryStreamShould(
                    snapshot,
                    "exist",
                    "the stack has no delivery stream of that name; its delivery streams are "
                        + actual.inspector().deliveryStreams().stream()
                            .map(DeliveryStreamView::name)
                            .toList()));
  }

  /** Verifies that exactly {@code records} records reached the destination so far. */
  public DeliveryStreamAssert hasDelivered(int records) {
    return check(
        snapshot ->
            snapshot.view().isPresent() && snapshot.recordsDelivered() == records
                ? null
                : deliveryStreamShould(
                    snapshot,
                    "have delivered " + records + " records",
                    snapshot.view().isEmpty()
                        ? "it does not exist"
                        : "it delivered " + snapshot.recordsDelivered()));
  }

  /** Verifies that an S3 object of the destination contains {@code text}. */
  public DeliveryStreamAssert hasDeliveredObjectContaining(String text) {
    Objects.requireNonNull(text, "text");
    return check(
        snapshot -> {
          List<DeliveryView> objects =
              snapshot.destinationDeliveries().stream()
                  .filter(delivery -> delivery.destination().equals("S3"))
                  .toList();
          return objects.stream().anyMatch(object -> object.content().contains(text))
              ? null
              : deliveryStreamShould(
                  snapshot,
                  "have delivered an S3 object containing " + JournalListing.quote(text),
                  objects.isEmpty()
                      ? "it delivered no object to S3"
                      : "none of its " + objects.size() + " objects does");
        });
  }

  /**
   * Verifies that its HTTP endpoint acknowledged a request with a record containing {@code text}.
   */
  public DeliveryStreamAssert hasPostedRecordContaining(String text) {
    Objects.requireNonNull(text, "text");
    return check(
        snapshot -> {
          List<DeliveryView> posts =
              snapshot.destinationDeliveries().stream()
                  .filter(delivery -> delivery.destination().equals("HttpEndpoint"))
                  .toList();
          return posts.stream()
                  .flatMap(post -> post.texts().stream())
                  .anyMatch(record -> record.contains(text))
              ? null
              : deliveryStreamShould(
                  snapshot,
                  "have posted a record containing " + JournalListing.quote(text),
                  posts.isEmpty()
                      ? "its HTTP endpoint acknowledged no request"
                      : "none of the records of its " + posts.size() + " requests does");
        });
  }

  private DeliveryStreamAssert check(
      Function<DeliveryStreamSnapshot, ErrorMessageFactory> failureOf) {
    isNotNull();
    JournalTail tail = DeliveryStreamSnapshot.tail(actual);
    ErrorMessageFactory failure =
        patience.await(() -> DeliveryStreamSnapshot.take(actual, tail), failureOf);
    if (failure != null) {
      throwAssertionError(failure);
    }
    return myself;
  }
}
