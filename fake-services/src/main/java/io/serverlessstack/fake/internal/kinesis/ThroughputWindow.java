package io.serverlessstack.fake.internal.kinesis;

import java.time.Instant;

/**
 * What a shard took in (or gave out) during the current second of the stack's clock, for AWS's
 * per-shard limits: writes of 1 MiB or 1,000 records per second, reads of 2 MiB or 5 calls per
 * second. Guarded by the stream the shard belongs to.
 */
final class ThroughputWindow {

  private long second = Long.MIN_VALUE;
  private long bytes;
  private long count;

  /**
   * Counts {@code bytes} in {@code count} units (records or calls) if they fit this second's limits
   * and returns whether they did.
   */
  boolean tryTake(Instant now, long bytes, long count, long maxBytes, long maxCount) {
    long current = now.getEpochSecond();
    if (current != second) {
      second = current;
      this.bytes = 0;
      this.count = 0;
    }
    if (this.bytes + bytes > maxBytes || this.count + count > maxCount) {
      return false;
    }
    this.bytes += bytes;
    this.count += count;
    return true;
  }

  /** Counts what was already given out (a read's bytes, known after the read). */
  void add(Instant now, long bytes) {
    if (now.getEpochSecond() == second) {
      this.bytes += bytes;
    }
  }

  /** Whether this second's bytes already reach {@code maxBytes}. */
  boolean exhausted(Instant now, long maxBytes) {
    return now.getEpochSecond() == second && bytes >= maxBytes;
  }
}
