package io.serverlessstack.api;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * Settings that change how a service behaves where AWS's behaviour would slow tests down or get in
 * their way unless a test asks for it: the same keys for a stack in this JVM ({@code
 * ServerlessStackServer.Builder.withSetting}), the JUnit extension
 * ({@code @ServerlessStack(settings = "key=value")}), the standalone server ({@code --setting
 * key=value}) and a container ({@code ServerlessStackContainer.withSetting}). Unknown keys and bad
 * values are refused where they are given.
 */
public final class StackSettings {

  /**
   * {@code true} makes every Kinesis stream enforce AWS's per-shard limits (1,000 records or 1 MiB
   * written and 5 reads or 2 MiB read per shard and second, {@code
   * ProvisionedThroughputExceededException}) and its control-plane rate limits ({@code
   * LimitExceededException}); {@code false}, the default, leaves them to streams that ask.
   */
  public static final String KINESIS_THROUGHPUT_LIMITS = "kinesis.throughputLimits";

  /**
   * How long, on the stack's clock, a Kinesis stream stays {@code CREATING}, {@code UPDATING} or
   * {@code DELETING} and a consumer {@code CREATING} or {@code DELETING}, as an ISO-8601 duration
   * ({@code PT10S}); {@code PT0S}, the default, makes every change take effect at once.
   */
  public static final String KINESIS_STATUS_TRANSITION = "kinesis.statusTransition";

  private static final Map<String, String> KINDS =
      Map.of(KINESIS_THROUGHPUT_LIMITS, "boolean", KINESIS_STATUS_TRANSITION, "duration");

  private StackSettings() {}

  /** Every known key, sorted. */
  public static List<String> keys() {
    return KINDS.keySet().stream().sorted().toList();
  }

  /**
   * Checks a setting.
   *
   * @throws IllegalArgumentException naming the known keys for an unknown key, or saying what a
   *     value must be
   */
  public static void check(String key, String value) {
    String kind = KINDS.get(key);
    if (kind == null) {
      throw new IllegalArgumentException(
          "unknown setting '" + key + "'; known settings: " + String.join(", ", keys()));
    }
    if (kind.equals("boolean") && !value.equals("true") && !value.equals("false")) {
      throw new IllegalArgumentException(
          "setting " + key + " is true or false, not '" + value + "'");
    }
    if (kind.equals("duration")) {
      try {
        if (Duration.parse(value).isNegative()) {
          throw new IllegalArgumentException(
              "setting " + key + " is a duration that is not negative, not '" + value + "'");
        }
      } catch (DateTimeParseException notDuration) {
        throw new IllegalArgumentException(
            "setting " + key + " is an ISO-8601 duration such as PT10S, not '" + value + "'",
            notDuration);
      }
    }
  }

  /**
   * The key and value of {@code key=value}, checked.
   *
   * @throws IllegalArgumentException if it is not {@code key=value} or {@link #check} refuses it
   */
  public static Map.Entry<String, String> parse(String keyEqualsValue) {
    int equals = keyEqualsValue.indexOf('=');
    if (equals < 1) {
      throw new IllegalArgumentException("a setting is key=value, not '" + keyEqualsValue + "'");
    }
    String key = keyEqualsValue.substring(0, equals).trim();
    String value = keyEqualsValue.substring(equals + 1).trim();
    check(key, value);
    return Map.entry(key, value);
  }
}
