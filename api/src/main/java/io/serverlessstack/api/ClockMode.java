package io.serverlessstack.api;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Which clock a stack runs on. Visibility timeouts, delays, retention and long polls all follow it.
 */
public enum ClockMode {

  /** The machine's clock: a 20-second long poll takes 20 seconds. */
  SYSTEM("system"),

  /**
   * A virtual clock that stands still until the test advances it. A request that waits on it (a
   * long poll) waits until then; if nobody advances it for two seconds, the stack logs a warning
   * naming the request.
   */
  MANUAL("manual"),

  /**
   * A virtual clock that also moves by itself: whenever every request the stack is serving waits on
   * the clock (long polls) and nothing else changes for a few milliseconds, it jumps to the next
   * deadline. Time passes only while some request waits on it; with no request in flight it stands
   * still, so a test thread is never overtaken between two calls. The test may still advance it by
   * hand.
   */
  SKIP_IDLE("skip-idle");

  private final String label;

  ClockMode(String label) {
    this.label = label;
  }

  /**
   * The name the standalone server's {@code --clock} flag and {@code SERVERLESS_STACK_CLOCK} take:
   * {@code system}, {@code manual} or {@code skip-idle}.
   */
  public String label() {
    return label;
  }

  /**
   * The mode a label names, in any case, with {@code _} for {@code -} too.
   *
   * @throws IllegalArgumentException naming the labels there are
   */
  public static ClockMode fromLabel(String label) {
    String wanted = label.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    for (ClockMode mode : values()) {
      if (mode.label.equals(wanted)) {
        return mode;
      }
    }
    throw new IllegalArgumentException(
        "unknown clock '"
            + label
            + "'; available: "
            + Arrays.stream(values()).map(ClockMode::label).collect(Collectors.joining(", ")));
  }
}
