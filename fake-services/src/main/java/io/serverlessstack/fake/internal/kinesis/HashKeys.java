package io.serverlessstack.fake.internal.kinesis;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * Kinesis's 128-bit hash key space: a partition key's hash key is the MD5 of its UTF-8 bytes read
 * as an unsigned integer, and shards own contiguous ranges of {@code 0 … 2^128 − 1}.
 */
final class HashKeys {

  static final BigInteger MAX = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);

  /** A range of hash keys, both ends included. */
  record Range(BigInteger start, BigInteger end) {
    boolean contains(BigInteger key) {
      return key.compareTo(start) >= 0 && key.compareTo(end) <= 0;
    }
  }

  private HashKeys() {}

  static BigInteger of(String partitionKey) {
    try {
      byte[] digest =
          MessageDigest.getInstance("MD5").digest(partitionKey.getBytes(StandardCharsets.UTF_8));
      return new BigInteger(1, digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is missing from this JVM", e);
    }
  }

  /**
   * The ranges of {@code count} shards that split the space evenly, as CreateStream and
   * UpdateShardCount's uniform scaling lay them out: each {@code 2^128 / count} wide, the last
   * reaching the end.
   */
  static List<Range> uniform(int count) {
    BigInteger width = BigInteger.ONE.shiftLeft(128).divide(BigInteger.valueOf(count));
    List<Range> ranges = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      BigInteger start = width.multiply(BigInteger.valueOf(i));
      BigInteger end = i == count - 1 ? MAX : start.add(width).subtract(BigInteger.ONE);
      ranges.add(new Range(start, end));
    }
    return ranges;
  }
}
