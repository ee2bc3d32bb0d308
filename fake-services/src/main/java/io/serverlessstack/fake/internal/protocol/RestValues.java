package io.serverlessstack.fake.internal.protocol;

import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.protocol.MarshallLocation;
import software.amazon.awssdk.core.traits.TimestampFormatTrait;

/**
 * Members outside a restJson1 body — path labels, query parameters, headers — as text, both ways,
 * with the SDK's timestamp formats: RFC 822 in headers, ISO 8601 in the path and query string,
 * unless the member's {@link TimestampFormatTrait} says otherwise.
 */
final class RestValues {

  private static final DateTimeFormatter RFC_822 =
      DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

  /** HTTP's fixed form of RFC 822 dates, two-digit day included, as AWS writes them. */
  private static final DateTimeFormatter IMF_FIXDATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
          .withZone(ZoneOffset.UTC);

  private RestValues() {}

  /** A query string's parameters, each with its values in order; form-decoded. */
  static Map<String, List<String>> parseQuery(String rawQuery) {
    Map<String, List<String>> parameters = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return parameters;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String name = equals < 0 ? pair : pair.substring(0, equals);
      String value = equals < 0 ? "" : pair.substring(equals + 1);
      try {
        parameters
            .computeIfAbsent(
                URLDecoder.decode(name, StandardCharsets.UTF_8), n -> new ArrayList<>())
            .add(URLDecoder.decode(value, StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        throw BadInput.malformedUri("Malformed query parameter: " + pair);
      }
    }
    return parameters;
  }

  /** As {@link #parseQuery}, keeping what cannot be decoded as it is. */
  static Map<String, List<String>> parseQueryLeniently(String rawQuery) {
    Map<String, List<String>> parameters = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return parameters;
    }
    for (String pair : rawQuery.split("&")) {
      if (!pair.isEmpty()) {
        int equals = pair.indexOf('=');
        parameters
            .computeIfAbsent(
                decodeLeniently(equals < 0 ? pair : pair.substring(0, equals)),
                n -> new ArrayList<>())
            .add(decodeLeniently(equals < 0 ? "" : pair.substring(equals + 1)));
      }
    }
    return parameters;
  }

  private static String decodeLeniently(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException malformed) {
      return text;
    }
  }

  /**
   * {@code text} as a value of {@code field}'s scalar type.
   *
   * @param parameter the name the request gave it, for the error
   * @throws BadInput if it is not one
   */
  static Object parse(SdkField<?> field, MarshallLocation location, String parameter, String text) {
    try {
      switch (field.marshallingType().getKnownType()) {
        case STRING:
          return text;
        case INTEGER:
          return Integer.valueOf(text.trim());
        case LONG:
          return Long.valueOf(text.trim());
        case SHORT:
          return Short.valueOf(text.trim());
        case BYTE:
          return Byte.valueOf(text.trim());
        case DOUBLE:
          return Double.valueOf(text.trim());
        case FLOAT:
          return Float.valueOf(text.trim());
        case BIG_DECIMAL:
          return new BigDecimal(text.trim());
        case BOOLEAN:
          if (!text.trim().equalsIgnoreCase("true") && !text.trim().equalsIgnoreCase("false")) {
            throw new IllegalArgumentException(text);
          }
          return Boolean.valueOf(text.trim());
        case INSTANT:
          return parseInstant(format(field, location), text.trim());
        case SDK_BYTES:
          return SdkBytes.fromByteArrayUnsafe(Base64.getMimeDecoder().decode(text));
        default:
          throw new IllegalArgumentException("not a scalar: " + field.marshallingType());
      }
    } catch (IllegalArgumentException | DateTimeParseException e) {
      throw BadInput.invalidValue(
          parameter, text, field.marshallingType().getTargetClass().getSimpleName());
    }
  }

  /** {@code value}, a value of {@code field}'s scalar type, as text. */
  static String text(SdkField<?> field, MarshallLocation location, Object value) {
    switch (field.marshallingType().getKnownType()) {
      case INSTANT:
        return formatInstant(format(field, location), (Instant) value);
      case SDK_BYTES:
        return Base64.getEncoder().encodeToString(((SdkBytes) value).asByteArrayUnsafe());
      case BIG_DECIMAL:
        return ((BigDecimal) value).toPlainString();
      default:
        return String.valueOf(value);
    }
  }

  private static TimestampFormatTrait.Format format(SdkField<?> field, MarshallLocation location) {
    return field
        .getOptionalTrait(TimestampFormatTrait.class)
        .map(TimestampFormatTrait::format)
        .orElse(
            location == MarshallLocation.HEADER
                ? TimestampFormatTrait.Format.RFC_822
                : TimestampFormatTrait.Format.ISO_8601);
  }

  private static Instant parseInstant(TimestampFormatTrait.Format format, String text) {
    switch (format) {
      case RFC_822:
        return RFC_822.parse(text, Instant::from);
      case UNIX_TIMESTAMP:
        {
          BigDecimal seconds = new BigDecimal(text);
          long whole = seconds.longValue();
          return Instant.ofEpochSecond(
              whole, seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue());
        }
      case UNIX_TIMESTAMP_MILLIS:
        return Instant.ofEpochMilli(Long.parseLong(text));
      default:
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(text, Instant::from);
    }
  }

  private static String formatInstant(TimestampFormatTrait.Format format, Instant instant) {
    switch (format) {
      case RFC_822:
        return IMF_FIXDATE.format(instant);
      case UNIX_TIMESTAMP:
        return BigDecimal.valueOf(instant.toEpochMilli()).movePointLeft(3).toPlainString();
      case UNIX_TIMESTAMP_MILLIS:
        return Long.toString(instant.toEpochMilli());
      default:
        return DateTimeFormatter.ISO_INSTANT.format(instant);
    }
  }
}
