package io.serverlessstack.fake.internal.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import io.serverlessstack.api.JournalFilter;
import io.serverlessstack.api.LambdaEvents;
import io.serverlessstack.fake.Await;
import io.serverlessstack.fake.SqsStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.EventSourcePosition;

/**
 * On the system clock, the stack's default, a mapping polls by itself, and a put to its stream
 * wakes it at once.
 */
class KinesisEventSourceSystemClockTest {

  @RegisterExtension static final SqsStack stack = SqsStack.withSystemClock();

  @Test
  void aPutRecordReachesItsHandlerWithoutAnyoneMovingTheClock() throws Exception {
    TestFunctions.create(stack, "consumer", "io.serverlessstack.fake.handlers.StreamFailer");
    stack.kinesis().createStream(b -> b.streamName("orders").shardCount(1));
    stack
        .lambda()
        .createEventSourceMapping(
            r ->
                r.eventSourceArn("arn:aws:kinesis:us-east-1:000000000000:stream/orders")
                    .functionName("consumer")
                    .startingPosition(EventSourcePosition.LATEST));

    stack
        .kinesis()
        .putRecord(
            b -> b.streamName("orders").partitionKey("k").data(SdkBytes.fromUtf8String("o-1")));

    JournalFilter succeeded =
        JournalFilter.all()
            .withService(LambdaEvents.SERVICE)
            .withTypes(LambdaEvents.SUCCEEDED)
            .withResource("consumer");
    Await.until(() -> !stack.server().inspector().journal(0, succeeded).isEmpty());
    assertThat(
            stack
                .server()
                .inspector()
                .journal(0, succeeded)
                .get(0)
                .detail(LambdaEvents.Details.LOG))
        .contains("processed o-1");
  }
}
