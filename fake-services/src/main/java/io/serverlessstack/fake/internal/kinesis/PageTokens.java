package io.serverlessstack.fake.internal.kinesis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Kinesis's {@code NextToken}s: where a listing stopped, what it listed, and when the token was
 * issued, since ListShards' tokens expire after five minutes as AWS's do.
 */
final class PageTokens {

  static final Duration LIFETIME = Duration.ofMinutes(5);

  /**
   * @param listing what is listed, e.g. a stream's ARN
   * @param after the last item of the page before
   */
  record Token(String listing, String after, Instant issued) {}

  private PageTokens() {}

  static String issue(String listing, String after, Instant now) {
    String text = listing + "\n" + after + "\n" + now.toEpochMilli();
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  static Optional<Token> read(String token) {
    try {
      String[] parts =
          new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\n", -1);
      if (parts.length != 3) {
        return Optional.empty();
      }
      return Optional.of(
          new Token(parts[0], parts[1], Instant.ofEpochMilli(Long.parseLong(parts[2]))));
    } catch (IllegalArgumentException malformed) {
      return Optional.empty();
    }
  }
}
