package io.serverlessstack.fake.internal.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import io.serverlessstack.api.JournalFilter;
import io.serverlessstack.api.LambdaEvents;
import io.serverlessstack.fake.SqsStack;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.EventSourcePosition;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

/**
 * On an idle-skipping clock a failing batch's retries come by themselves, a poll apart, and the
 * clock never runs past a batch being handled.
 */
class KinesisEventSourceIdleSkippingTest {

  @RegisterExtension static final SqsStack stack = SqsStack.withIdleSkippingClock();

  @Test
  void retriesFollowOnePollApartUntilTheBatchGoesToTheOnFailureQueue() throws Exception {
    TestFunctions.create(stack, "consumer", "io.serverlessstack.fake.handlers.StreamFailer");
    stack.kinesis().createStream(b -> b.streamName("orders").shardCount(1));
    String failures = stack.createQueue("failures");
    stack
        .lambda()
        .createEventSourceMapping(
            r ->
                r.eventSourceArn("arn:aws:kinesis:us-east-1:000000000000:stream/orders")
                    .functionName("consumer")
                    .startingPosition(EventSourcePosition.LATEST)
                    .maximumRetryAttempts(3)
                    .destinationConfig(d -> d.onFailure(f -> f.destination(stack.arn(failures)))));
    Instant put = stack.now();
    stack
        .kinesis()
        .putRecord(
            b -> b.streamName("orders").partitionKey("k").data(SdkBytes.fromUtf8String("poison")));

    // A long poll waits on the clock, so the clock skips to each of the mapping's polls.
    ReceiveMessageResponse received = stack.longPoll(failures, 20).get(10, TimeUnit.SECONDS);

    assertThat(received.messages()).hasSize(1);
    assertThat(received.messages().get(0).body())
        .contains("\"condition\":\"RetryAttemptsExhausted\"");
    List<Instant> attempts =
        stack
            .server()
            .inspector()
            .journal(
                0,
                JournalFilter.all()
                    .withService(LambdaEvents.SERVICE)
                    .withTypes(LambdaEvents.INVOKED)
                    .withResource("consumer"))
            .stream()
            .map(event -> event.time())
            .toList();
    assertThat(attempts).hasSize(4);
    for (int i = 1; i < attempts.size(); i++) {
      assertThat(Duration.between(attempts.get(i - 1), attempts.get(i)))
          .isEqualTo(Duration.ofSeconds(1));
    }
    assertThat(attempts.get(0)).isBetween(put, put.plusSeconds(1));
  }
}
