package io.serverlessstack.fake.internal.firehose;

import io.serverlessstack.fake.internal.server.Ids;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The keys of the objects Firehose writes, {@code <evaluated prefix><suffix>}: the suffix is {@code
 * <stream>-<version>-<yyyy-MM-dd-HH-mm-ss>-<uuid><extension>}; a prefix without expressions gets
 * {@code yyyy/MM/dd/HH/} appended as it is (no slash inserted), one with {@code
 * !{timestamp:pattern}} and {@code !{firehose:random-string}} expressions is evaluated instead.
 * Times in prefixes are the arrival of the object's oldest record, in UTC unless the destination
 * names a time zone.
 *
 * <p>Error output (records that failed processing or delivery) goes under the {@code
 * ErrorOutputPrefix}, whose {@code !{firehose:error-output-type}} evaluates to {@code
 * processing-failed} or {@code http-endpoint-failed}; without one, under {@code
 * <prefix><error-output-type>/yyyy/MM/dd/HH/}, and a static one gets {@code
 * <error-output-type>/yyyy/MM/dd/HH/} appended.
 */
final class S3Keys {

  private static final Pattern EXPRESSION = Pattern.compile("!\\{([^:}]*)(?::([^}]*))?}");
  private static final DateTimeFormatter TIME_PREFIX =
      DateTimeFormatter.ofPattern("yyyy/MM/dd/HH/", Locale.ROOT);
  private static final DateTimeFormatter SUFFIX_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd-HH-mm-ss", Locale.ROOT);
  private static final String ALPHANUMERIC =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final String CONSTRAINT =
      "Ths supplied prefix(es) do not satisfy the following constraint: ";

  private S3Keys() {}

  /**
   * Checks a destination's prefixes as CreateDeliveryStream and UpdateDestination do.
   *
   * @throws io.serverlessstack.fake.internal.protocol.AwsErrorException {@code
   *     InvalidArgumentException} for an expression Firehose does not know, a timestamp pattern it
   *     cannot format, an error output type in the data prefix, or a prefix with expressions
   *     without an error output prefix
   */
  static void check(String prefix, String errorOutputPrefix, String timeZone) {
    boolean expressions = checkExpressions(prefix, false);
    checkExpressions(errorOutputPrefix, true);
    if (expressions && (errorOutputPrefix == null || errorOutputPrefix.isEmpty())) {
      throw FirehoseErrors.invalidArgument(
          CONSTRAINT
              + "ErrorOutputPrefix cannot be null or empty when Prefix contains expressions");
    }
    if (timeZone != null && !timeZone.isEmpty()) {
      try {
        ZoneId.of(timeZone);
      } catch (DateTimeException unknown) {
        throw FirehoseErrors.invalidArgument("CustomTimeZone " + timeZone + " is not supported.");
      }
    }
  }

  /** Whether {@code prefix} has expressions; throws for one Firehose would refuse. */
  private static boolean checkExpressions(String prefix, boolean errorOutput) {
    if (prefix == null) {
      return false;
    }
    Matcher matcher = EXPRESSION.matcher(prefix);
    boolean found = false;
    while (matcher.find()) {
      found = true;
      String namespace = matcher.group(1);
      String value = matcher.group(2);
      if ("timestamp".equals(namespace) && value != null && !value.isEmpty()) {
        try {
          DateTimeFormatter.ofPattern(value, Locale.ROOT)
              .format(Instant.EPOCH.atZone(ZoneOffset.UTC));
        } catch (IllegalArgumentException | DateTimeException invalid) {
          throw FirehoseErrors.invalidArgument(
              CONSTRAINT
                  + "The timestamp pattern "
                  + value
                  + " in "
                  + matcher.group()
                  + " is invalid");
        }
      } else if ("firehose".equals(namespace) && "random-string".equals(value)) {
        continue;
      } else if ("firehose".equals(namespace) && "error-output-type".equals(value)) {
        if (!errorOutput) {
          throw FirehoseErrors.invalidArgument(
              CONSTRAINT + "The expression !{firehose:error-output-type} is not allowed in Prefix");
        }
      } else {
        throw FirehoseErrors.invalidArgument(
            CONSTRAINT + "The expression " + matcher.group() + " is not supported");
      }
    }
    return found;
  }

  /** The key of an object of delivered records. */
  static String dataKey(
      Destination.S3Output output,
      String stream,
      int version,
      Instant oldestArrival,
      Instant now,
      String extension) {
    ZoneId zone = zone(output.timeZone());
    return evaluate(output.prefix(), null, oldestArrival, zone)
        + suffix(stream, version, now, zone)
        + (output.fileExtension() == null || output.fileExtension().isEmpty()
            ? extension
            : output.fileExtension());
  }

  /**
   * The key of an object of error records.
   *
   * @param errorOutputType {@code processing-failed} or {@code http-endpoint-failed}
   */
  static String errorKey(
      Destination.S3Output output,
      String errorOutputType,
      String stream,
      int version,
      Instant oldestArrival,
      Instant now) {
    ZoneId zone = zone(output.timeZone());
    String errorPrefix = output.errorOutputPrefix();
    String prefix;
    if (errorPrefix == null || errorPrefix.isEmpty()) {
      String dataPrefix = output.prefix() == null ? "" : output.prefix();
      prefix = dataPrefix + errorOutputType + "/" + time(oldestArrival, zone);
    } else if (!EXPRESSION.matcher(errorPrefix).find()) {
      prefix = errorPrefix + errorOutputType + "/" + time(oldestArrival, zone);
    } else {
      prefix = evaluate(errorPrefix, errorOutputType, oldestArrival, zone);
    }
    return prefix + suffix(stream, version, now, zone);
  }

  private static String evaluate(
      String prefix, String errorOutputType, Instant oldestArrival, ZoneId zone) {
    if (prefix == null || prefix.isEmpty()) {
      return time(oldestArrival, zone);
    }
    Matcher matcher = EXPRESSION.matcher(prefix);
    StringBuilder evaluated = new StringBuilder();
    boolean found = false;
    ZonedDateTime at = oldestArrival.atZone(zone);
    while (matcher.find()) {
      found = true;
      String namespace = matcher.group(1);
      String value = matcher.group(2);
      String replacement;
      if ("timestamp".equals(namespace)) {
        replacement = DateTimeFormatter.ofPattern(value, Locale.ROOT).format(at);
      } else if ("random-string".equals(value)) {
        replacement = randomString();
      } else {
        replacement = errorOutputType == null ? "" : errorOutputType;
      }
      matcher.appendReplacement(evaluated, Matcher.quoteReplacement(replacement));
    }
    matcher.appendTail(evaluated);
    if (!found) {
      evaluated.append(time(oldestArrival, zone));
    }
    return evaluated.toString();
  }

  private static String time(Instant at, ZoneId zone) {
    return TIME_PREFIX.format(at.atZone(zone));
  }

  private static String suffix(String stream, int version, Instant now, ZoneId zone) {
    return stream
        + "-"
        + version
        + "-"
        + SUFFIX_TIME.format(now.atZone(zone))
        + "-"
        + Ids.randomUuid();
  }

  private static ZoneId zone(String timeZone) {
    return timeZone == null || timeZone.isEmpty() ? ZoneOffset.UTC : ZoneId.of(timeZone);
  }

  /** Firehose's {@code random-string}: 11 letters and digits. */
  private static String randomString() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    StringBuilder text = new StringBuilder(11);
    for (int i = 0; i < 11; i++) {
      text.append(ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length())));
    }
    return text.toString();
  }
}
