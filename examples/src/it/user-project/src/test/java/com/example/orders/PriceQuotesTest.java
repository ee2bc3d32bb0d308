package com.example.orders;

import static io.serverlessstack.assertions.StackAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.serverlessstack.api.ClockMode;
import io.serverlessstack.fake.JavaFunction;
import io.serverlessstack.junit.LambdaFunction;
import io.serverlessstack.junit.ServerlessStack;
import io.serverlessstack.junit.StateMachine;
import io.serverlessstack.junit.StateMachineHandle;
import io.serverlessstack.junit.StateMachineName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The application's EXPRESS workflow, started by its own default SDK client with
 * StartSyncExecution, its function the application's handler, its path asserted.
 */
class PriceQuotesTest {

  @StateMachine(name = "quote", definition = "classpath:workflows/quote.asl.json", express = true)
  abstract static class QuoteWorkflow {

    @LambdaFunction final JavaFunction discount = JavaFunction.of("discount", new Discount());

    @Test
    void goldCustomersGetTheirDiscount(@StateMachineName("quote") StateMachineHandle quote) {
      try (PriceQuotes quotes = new PriceQuotes(quote.arn())) {
        assertThat(quotes.quote("{\"tier\": \"gold\", \"price\": 100}")).isEqualTo("{\"price\":80}");
      }

      assertThat(quote)
          .hasExecutions(1)
          .latestExecution()
          .succeeded()
          .followedPath("Discount", "HasDiscount", "Discounted")
          .tookChoice("HasDiscount", "Discounted");
    }
  }

  @Nested
  @ServerlessStack(clock = ClockMode.SKIP_IDLE)
  class InThisJvm extends QuoteWorkflow {}

  /** The function stays in this JVM; the workflow in the container calls back into it. */
  @Nested
  @ServerlessStack(mode = ServerlessStack.Mode.CONTAINER, clock = ClockMode.SKIP_IDLE)
  class InAContainer extends QuoteWorkflow {}
}
