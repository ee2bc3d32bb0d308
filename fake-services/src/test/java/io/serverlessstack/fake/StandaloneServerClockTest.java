package io.serverlessstack.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.serverlessstack.api.ClockMode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Choosing the standalone server's clock: {@code --clock} or {@code SERVERLESS_STACK_CLOCK}. */
class StandaloneServerClockTest {

  @Test
  void clockFlagChoosesTheIdleSkippingClock() {
    assertThat(clockOf(new String[] {"--port", "0", "--clock", "skip-idle"}, Map.of()))
        .isEqualTo(ClockMode.SKIP_IDLE);
  }

  @Test
  void clockVariableChoosesTheManualClock() {
    assertThat(clockOf(new String[] {"--port", "0"}, Map.of("SERVERLESS_STACK_CLOCK", "manual")))
        .isEqualTo(ClockMode.MANUAL);
  }

  @Test
  void theEarlierVirtualClockVariableStillMeansTheManualClock() {
    assertThat(
            clockOf(new String[] {"--port", "0"}, Map.of("SERVERLESS_STACK_VIRTUAL_CLOCK", "true")))
        .isEqualTo(ClockMode.MANUAL);
  }

  @Test
  void theFlagOverridesTheVariable() {
    assertThat(
            clockOf(
                new String[] {"--port", "0", "--clock", "system"},
                Map.of("SERVERLESS_STACK_CLOCK", "SKIP_IDLE")))
        .isEqualTo(ClockMode.SYSTEM);
  }

  @Test
  void withoutEitherTheStackRunsOnTheSystemClock() {
    assertThat(clockOf(new String[] {"--port", "0"}, Map.of())).isEqualTo(ClockMode.SYSTEM);
  }

  @Test
  void anUnknownClockIsRefusedWithTheChoices() {
    assertThatThrownBy(
            () ->
                StandaloneServer.configure(
                    new String[0], Map.of("SERVERLESS_STACK_CLOCK", "virtual")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "SERVERLESS_STACK_CLOCK: unknown clock 'virtual'; available: system, manual,"
                + " skip-idle");
  }

  private static ClockMode clockOf(String[] args, Map<String, String> env) {
    try (ServerlessStackServer stack = StandaloneServer.configure(args, env).start()) {
      return stack.clock().mode();
    }
  }
}
