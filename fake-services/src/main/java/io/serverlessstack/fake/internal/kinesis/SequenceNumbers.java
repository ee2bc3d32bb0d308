package io.serverlessstack.fake.internal.kinesis;

import java.util.Optional;

/**
 * The stack's Kinesis sequence numbers: 56-digit decimal strings, as long as AWS's, that encode the
 * stream they came from, the shard and the record's place in the stream. {@code 49}, six digits of
 * the stream's tag, six of the shard's index, then 42 of a counter the stream increases with every
 * record, so that numbers increase within a shard, a child shard's numbers exceed its parents', and
 * a number used on the wrong shard or stream is recognised, as AWS recognises it.
 */
final class SequenceNumbers {

  private static final int TAG_DIGITS = 6;
  private static final int SHARD_DIGITS = 6;
  private static final int COUNTER_DIGITS = 42;
  static final int LENGTH = 2 + TAG_DIGITS + SHARD_DIGITS + COUNTER_DIGITS;

  /** The most shards a stream may ever have, given the digits a shard index has. */
  static final int MAX_SHARD_INDEX = 999_999;

  /** A sequence number's parts. */
  record Parsed(int streamTag, int shardIndex, long counter) {}

  private SequenceNumbers() {}

  static String format(int streamTag, int shardIndex, long counter) {
    StringBuilder text = new StringBuilder(LENGTH).append("49");
    pad(text, Integer.toString(streamTag), TAG_DIGITS);
    pad(text, Integer.toString(shardIndex), SHARD_DIGITS);
    pad(text, Long.toString(counter), COUNTER_DIGITS);
    return text.toString();
  }

  private static void pad(StringBuilder text, String digits, int width) {
    text.append("0".repeat(width - digits.length())).append(digits);
  }

  /** The parts of {@code text}, or empty if it is not one of the stack's sequence numbers. */
  static Optional<Parsed> parse(String text) {
    if (text == null || text.length() != LENGTH || !text.startsWith("49")) {
      return Optional.empty();
    }
    for (int i = 0; i < LENGTH; i++) {
      if (text.charAt(i) < '0' || text.charAt(i) > '9') {
        return Optional.empty();
      }
    }
    int counterStart = 2 + TAG_DIGITS + SHARD_DIGITS;
    String counter = text.substring(counterStart);
    // A long holds 18 digits safely; the rest of the counter's digits must be zeros.
    if (!counter.substring(0, COUNTER_DIGITS - 18).chars().allMatch(c -> c == '0')) {
      return Optional.empty();
    }
    return Optional.of(
        new Parsed(
            Integer.parseInt(text.substring(2, 2 + TAG_DIGITS)),
            Integer.parseInt(text.substring(2 + TAG_DIGITS, counterStart)),
            Long.parseLong(counter.substring(COUNTER_DIGITS - 18))));
  }
}
