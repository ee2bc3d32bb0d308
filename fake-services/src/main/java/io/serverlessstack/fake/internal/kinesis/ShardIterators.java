package io.serverlessstack.fake.internal.kinesis;

import io.serverlessstack.fake.internal.server.ScopedResources;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Shard iterators as opaque, tamper-proof tokens: the stream, the shard, the next record's counter
 * and the time the iterator was issued, signed with a key of this stack, so that a forged or
 * altered iterator is refused as AWS refuses it and an iterator keeps no state on the server. They
 * expire five minutes of the stack's clock after they were issued.
 */
final class ShardIterators {

  static final Duration LIFETIME = Duration.ofMinutes(5);

  private static final byte VERSION = 1;
  private static final int MAC_BYTES = 16;
  private static final DateTimeFormatter AWS_TIME =
      DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss 'UTC' yyyy", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  /** What an iterator says: read the shard's records from {@code position} on. */
  record Position(
      ScopedResources.Key stream, int streamTag, int shardIndex, long position, Instant issued) {}

  private final SecretKeySpec key;

  ShardIterators() {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    key = new SecretKeySpec(secret, "HmacSHA256");
  }

  String issue(Position position) {
    String payload =
        String.join(
            "\n",
            position.stream().accountId(),
            position.stream().region(),
            position.stream().name(),
            Integer.toString(position.streamTag()),
            Integer.toString(position.shardIndex()),
            Long.toString(position.position()),
            Long.toString(position.issued().toEpochMilli()));
    byte[] body = payload.getBytes(StandardCharsets.UTF_8);
    ByteBuffer token = ByteBuffer.allocate(1 + body.length + MAC_BYTES);
    token.put(VERSION).put(body).put(mac(body));
    return Base64.getEncoder().encodeToString(token.array());
  }

  /** The position {@code iterator} names, or empty if it is not an iterator this stack issued. */
  Optional<Position> read(String iterator) {
    byte[] token;
    try {
      token = Base64.getDecoder().decode(iterator);
    } catch (IllegalArgumentException notBase64) {
      return Optional.empty();
    }
    if (token.length <= 1 + MAC_BYTES || token[0] != VERSION) {
      return Optional.empty();
    }
    byte[] body = Arrays.copyOfRange(token, 1, token.length - MAC_BYTES);
    byte[] mac = Arrays.copyOfRange(token, token.length - MAC_BYTES, token.length);
    if (!MessageDigest.isEqual(mac, mac(body))) {
      return Optional.empty();
    }
    String[] parts = new String(body, StandardCharsets.UTF_8).split("\n", -1);
    if (parts.length != 7) {
      return Optional.empty();
    }
    return Optional.of(
        new Position(
            new ScopedResources.Key(parts[0], parts[1], parts[2]),
            Integer.parseInt(parts[3]),
            Integer.parseInt(parts[4]),
            Long.parseLong(parts[5]),
            Instant.ofEpochMilli(Long.parseLong(parts[6]))));
  }

  /** AWS's words for an iterator read too late. */
  static String expiredMessage(Instant issued, Instant now) {
    return "Iterator expired. The iterator was created at time "
        + AWS_TIME.format(issued)
        + " while right now it is "
        + AWS_TIME.format(now)
        + " which is further in the future than the tolerated delay of "
        + LIFETIME.toMillis()
        + " milliseconds.";
  }

  private byte[] mac(byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return Arrays.copyOf(mac.doFinal(body), MAC_BYTES);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
    }
  }
}
