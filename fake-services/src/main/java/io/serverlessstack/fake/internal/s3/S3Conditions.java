package io.serverlessstack.fake.internal.s3;

import java.time.Instant;

/**
 * Conditional requests and ranges as S3 answers them: {@code If-Match}, {@code If-None-Match},
 * {@code If-Modified-Since}, {@code If-Unmodified-Since} (RFC 9110's order: the first two decide
 * over the dates they go with), their {@code x-amz-copy-source-} forms, and {@code Range}.
 */
final class S3Conditions {

  private S3Conditions() {}

  /** A satisfiable byte range of an object: {@code first} to {@code last}, both included. */
  record Range(long first, long last, long size) {
    long length() {
      return last - first + 1;
    }

    String contentRange() {
      return "bytes " + first + "-" + last + "/" + size;
    }
  }

  /**
   * Whether an {@code If-Match} or {@code If-None-Match} value names {@code etag}: {@code *}, or a
   * comma-separated list of ETags, each quoted or not (weak ones compared as strong).
   */
  static boolean etagMatches(String header, String etag) {
    String bare = unquote(etag);
    for (String candidate : header.split(",")) {
      String value = candidate.trim();
      if (value.equals("*")) {
        return true;
      }
      if (value.startsWith("W/")) {
        value = value.substring(2);
      }
      if (unquote(value).equals(bare)) {
        return true;
      }
    }
    return false;
  }

  private static String unquote(String value) {
    return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
        ? value.substring(1, value.length() - 1)
        : value;
  }

  /**
   * Checks the conditions of a GetObject or HeadObject: {@code 412 PreconditionFailed} when {@code
   * If-Match} or {@code If-Unmodified-Since} fails, else {@code 304 Not Modified} when {@code
   * If-None-Match} or {@code If-Modified-Since} does. Every argument but the object may be {@code
   * null}.
   */
  static void checkRead(
      StoredObject object,
      String ifMatch,
      Instant ifUnmodifiedSince,
      String ifNoneMatch,
      Instant ifModifiedSince,
      String lastModifiedHeader) {
    String failed = failedPrecondition(object, ifMatch, ifUnmodifiedSince, "If-Match");
    if (failed != null) {
      throw S3Errors.preconditionFailed(failed);
    }
    if (unchanged(object, ifNoneMatch, ifModifiedSince)) {
      throw S3Errors.notModified(object.etag(), lastModifiedHeader);
    }
  }

  /** Checks CopyObject's conditions on its source: any that fails is a {@code 412}. */
  static void checkCopySource(
      StoredObject source,
      String ifMatch,
      Instant ifUnmodifiedSince,
      String ifNoneMatch,
      Instant ifModifiedSince) {
    String failed =
        failedPrecondition(source, ifMatch, ifUnmodifiedSince, "x-amz-copy-source-If-Match");
    if (failed != null) {
      throw S3Errors.preconditionFailed(failed);
    }
    if (unchanged(source, ifNoneMatch, ifModifiedSince)) {
      throw S3Errors.preconditionFailed(
          ifNoneMatch != null
              ? "x-amz-copy-source-If-None-Match"
              : "x-amz-copy-source-If-Modified-Since");
    }
  }

  /** The name of the failed precondition of {@code If-Match} or the date it decides over. */
  private static String failedPrecondition(
      StoredObject object, String ifMatch, Instant ifUnmodifiedSince, String ifMatchName) {
    if (ifMatch != null) {
      return etagMatches(ifMatch, object.etag()) ? null : ifMatchName;
    }
    if (ifUnmodifiedSince != null && object.lastModified().isAfter(ifUnmodifiedSince)) {
      return ifMatchName.replace("If-Match", "If-Unmodified-Since");
    }
    return null;
  }

  /** Whether {@code If-None-Match}, or the date it decides over, finds the object unchanged. */
  private static boolean unchanged(
      StoredObject object, String ifNoneMatch, Instant ifModifiedSince) {
    if (ifNoneMatch != null) {
      return etagMatches(ifNoneMatch, object.etag());
    }
    return ifModifiedSince != null && !object.lastModified().isAfter(ifModifiedSince);
  }

  /**
   * The range a {@code Range} header asks of an object of {@code size} bytes, or {@code null} for
   * the whole object: no header, or one S3 ignores (not {@code bytes=}, several ranges, not a range
   * at all).
   *
   * @throws io.serverlessstack.fake.internal.protocol.AwsErrorException {@code 416 InvalidRange} if
   *     it starts past the end
   */
  static Range range(String header, long size) {
    if (header == null) {
      return null;
    }
    String value = header.trim();
    if (!value.startsWith("bytes=") || value.indexOf(',') >= 0) {
      return null;
    }
    String spec = value.substring("bytes=".length()).trim();
    int dash = spec.indexOf('-');
    if (dash < 0) {
      return null;
    }
    String start = spec.substring(0, dash).trim();
    String end = spec.substring(dash + 1).trim();
    if (!digits(start) && !start.isEmpty() || !digits(end) && !end.isEmpty()) {
      return null;
    }
    if (start.isEmpty()) {
      if (end.isEmpty()) {
        return null;
      }
      long suffix = parse(end);
      if (suffix == 0 || size == 0) {
        throw S3Errors.invalidRange(value, size);
      }
      return new Range(Math.max(0, size - suffix), size - 1, size);
    }
    long first = parse(start);
    long last = end.isEmpty() ? Long.MAX_VALUE : parse(end);
    if (last < first) {
      return null; // not a valid range: ignored
    }
    if (first >= size) {
      throw S3Errors.invalidRange(value, size);
    }
    return new Range(first, Math.min(last, size - 1), size);
  }

  private static boolean digits(String text) {
    if (text.isEmpty() || text.length() > 18) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) < '0' || text.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private static long parse(String digits) {
    return Long.parseLong(digits);
  }
}
