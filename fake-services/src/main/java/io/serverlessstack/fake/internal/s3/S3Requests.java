package io.serverlessstack.fake.internal.s3;

import io.serverlessstack.fake.internal.server.StackRequest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What S3 does with a request before reading its members, as the S3 binding's request filter:
 *
 * <ul>
 *   <li>decodes an {@code aws-chunked} body — what SDK v2 sends for PutObject: {@code
 *       STREAMING-UNSIGNED-PAYLOAD-TRAILER} or {@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER]}
 *       chunks, {@code <hex size>[;chunk-signature=…]\r\n<bytes>\r\n} up to a chunk of size 0, then
 *       trailers such as {@code x-amz-checksum-crc32:…} — into the object's bytes, its trailers
 *       becoming headers, {@code aws-chunked} leaving {@code Content-Encoding}, and checks the
 *       length against {@code x-amz-decoded-content-length} (chunk signatures are not checked, as
 *       no signature is);
 *   <li>checks the body against each {@code x-amz-checksum-*} header and {@code Content-MD5} it
 *       comes with ({@code BadDigest} when they differ);
 *   <li>drops conditional dates that are not dates, which S3 ignores.
 * </ul>
 */
final class S3Requests {

  private static final String AWS_CHUNKED = "aws-chunked";
  private static final String STREAMING = "STREAMING-";

  private static final List<String> CONDITIONAL_DATES =
      List.of(
          "if-modified-since",
          "if-unmodified-since",
          "x-amz-copy-source-if-modified-since",
          "x-amz-copy-source-if-unmodified-since");

  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

  private S3Requests() {}

  static StackRequest normalize(StackRequest request) {
    StackRequest decoded = isAwsChunked(request) ? decodeAwsChunked(request) : request;
    verifyChecksums(decoded);
    return withoutBadDates(decoded);
  }

  private static boolean isAwsChunked(StackRequest request) {
    String encoding = request.header("content-encoding");
    if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains(AWS_CHUNKED)) {
      return true;
    }
    String sha = request.header("x-amz-content-sha256");
    return sha != null && sha.startsWith(STREAMING);
  }

  private static StackRequest decodeAwsChunked(StackRequest request) {
    byte[] body = request.body();
    ByteArrayOutputStream content = new ByteArrayOutputStream(body.length);
    Map<String, String> headers = new HashMap<>(request.headers());
    int at = 0;
    while (true) {
      int lineEnd = lineEnd(body, at);
      String line = new String(body, at, lineEnd - at, StandardCharsets.US_ASCII);
      at = lineEnd + 2;
      int semicolon = line.indexOf(';');
      String hex = (semicolon < 0 ? line : line.substring(0, semicolon)).trim();
      int size;
      try {
        size = Integer.parseInt(hex, 16);
      } catch (NumberFormatException notASize) {
        throw S3Errors.incompleteBody();
      }
      if (size < 0 || at + (long) size > body.length) {
        throw S3Errors.incompleteBody();
      }
      if (size == 0) {
        break;
      }
      content.write(body, at, size);
      at += size;
      if (at + 2 > body.length || body[at] != '\r' || body[at + 1] != '\n') {
        throw S3Errors.incompleteBody();
      }
      at += 2;
    }
    // Trailers, each "name:value", up to an empty line or the end.
    while (at < body.length) {
      int lineEnd = lineEnd(body, at);
      String line = new String(body, at, lineEnd - at, StandardCharsets.US_ASCII);
      at = lineEnd + 2;
      if (line.isEmpty()) {
        break;
      }
      int colon = line.indexOf(':');
      if (colon > 0) {
        String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
        if (!name.equals("x-amz-trailer-signature")) {
          headers.put(name, line.substring(colon + 1).trim());
        }
      }
    }
    byte[] decoded = content.toByteArray();
    String declared = request.header("x-amz-decoded-content-length");
    if (declared != null && !declared.trim().equals(Integer.toString(decoded.length))) {
      throw S3Errors.incompleteBody();
    }
    String encoding = withoutAwsChunked(request.header("content-encoding"));
    if (encoding == null) {
      headers.remove("content-encoding");
    } else {
      headers.put("content-encoding", encoding);
    }
    headers.put("content-length", Integer.toString(decoded.length));
    return new StackRequest(request.method(), request.path(), request.query(), headers, decoded);
  }

  /** Where the line starting at {@code from} ends: the index of its CR LF. */
  private static int lineEnd(byte[] body, int from) {
    for (int i = from; i + 1 < body.length; i++) {
      if (body[i] == '\r' && body[i + 1] == '\n') {
        return i;
      }
    }
    throw S3Errors.incompleteBody();
  }

  /** {@code Content-Encoding} without {@code aws-chunked}; {@code null} if nothing is left. */
  private static String withoutAwsChunked(String encoding) {
    if (encoding == null) {
      return null;
    }
    StringBuilder rest = new StringBuilder();
    for (String part : encoding.split(",")) {
      String name = part.trim();
      if (!name.isEmpty() && !name.equalsIgnoreCase(AWS_CHUNKED)) {
        if (rest.length() > 0) {
          rest.append(',');
        }
        rest.append(name);
      }
    }
    return rest.length() == 0 ? null : rest.toString();
  }

  private static void verifyChecksums(StackRequest request) {
    byte[] body = request.body();
    for (String algorithm : S3Checksums.ALGORITHMS) {
      String header = S3Checksums.header(algorithm);
      String sent = request.header(header);
      if (sent == null) {
        continue;
      }
      if (!S3Checksums.wellFormed(algorithm, sent)) {
        throw S3Errors.invalidRequest("Value for " + header + " header is invalid.");
      }
      String computed = S3Checksums.compute(algorithm, body);
      if (computed != null && !computed.equals(sent.trim())) {
        throw S3Errors.badDigest(algorithm);
      }
    }
    String md5 = request.header("content-md5");
    if (md5 != null) {
      byte[] expected;
      try {
        expected = Base64.getDecoder().decode(md5.trim());
      } catch (IllegalArgumentException notBase64) {
        throw S3Errors.invalidDigest();
      }
      if (expected.length != 16) {
        throw S3Errors.invalidDigest();
      }
      if (!MessageDigest.isEqual(expected, md5(body))) {
        throw S3Errors.contentMd5Mismatch();
      }
    }
  }

  private static byte[] md5(byte[] body) {
    try {
      return MessageDigest.getInstance("MD5").digest(body);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is part of every Java platform", e);
    }
  }

  private static StackRequest withoutBadDates(StackRequest request) {
    Map<String, String> headers = null;
    for (String name : CONDITIONAL_DATES) {
      String value = request.header(name);
      if (value != null && !isHttpDate(value)) {
        if (headers == null) {
          headers = new HashMap<>(request.headers());
        }
        headers.remove(name);
      }
    }
    return headers == null
        ? request
        : new StackRequest(
            request.method(), request.path(), request.query(), headers, request.body());
  }

  private static boolean isHttpDate(String value) {
    try {
      HTTP_DATE.parse(value.trim());
      return true;
    } catch (DateTimeParseException notADate) {
      return false;
    }
  }
}
