package io.serverlessstack.fake.internal.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import io.serverlessstack.api.JournalFilter;
import io.serverlessstack.api.SqsEvents;
import io.serverlessstack.fake.Await;
import io.serverlessstack.fake.SqsStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** On the system clock, the stack's default, a mapping polls by itself every 100 ms. */
class SqsEventSourceSystemClockTest {

  @RegisterExtension static final SqsStack stack = SqsStack.withSystemClock();

  @Test
  void aSentMessageReachesItsHandlerAndIsDeletedWithoutAnyoneMovingTheClock() throws Exception {
    TestFunctions.create(stack, "worker", "io.serverlessstack.fake.handlers.OrderWorker");
    String url = stack.createQueue("orders");
    stack
        .lambda()
        .createEventSourceMapping(r -> r.eventSourceArn(stack.arn(url)).functionName("worker"));

    stack.send(url, "o-1");

    JournalFilter deleted =
        JournalFilter.all()
            .withService(SqsEvents.SERVICE)
            .withTypes(SqsEvents.MESSAGE_DELETED)
            .withResource("orders");
    Await.until(() -> !stack.server().inspector().journal(0, deleted).isEmpty());
    assertThat(stack.server().inspector().journal(0, deleted).get(0).detail(SqsEvents.Details.BODY))
        .isEqualTo("o-1");
  }
}
