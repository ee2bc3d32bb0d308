package io.serverlessstack.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ClockModeTest {

  @Test
  void eachModeIsFoundByItsLabelInAnyCaseAndWithUnderscores() {
    assertThat(ClockMode.fromLabel("system")).isEqualTo(ClockMode.SYSTEM);
    assertThat(ClockMode.fromLabel(" Manual ")).isEqualTo(ClockMode.MANUAL);
    assertThat(ClockMode.fromLabel("skip-idle")).isEqualTo(ClockMode.SKIP_IDLE);
    assertThat(ClockMode.fromLabel("SKIP_IDLE")).isEqualTo(ClockMode.SKIP_IDLE);
    for (ClockMode mode : ClockMode.values()) {
      assertThat(ClockMode.fromLabel(mode.label())).isEqualTo(mode);
    }
  }

  @Test
  void anUnknownLabelIsRefusedNamingTheLabelsThereAre() {
    assertThatThrownBy(() -> ClockMode.fromLabel("virtual"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown clock 'virtual'; available: system, manual, skip-idle");
  }
}
