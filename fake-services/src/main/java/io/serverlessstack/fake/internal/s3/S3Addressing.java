package io.serverlessstack.fake.internal.s3;

import io.serverlessstack.fake.internal.server.StackRequest;
import java.util.Locale;

/**
 * Where an S3 request names its bucket: in the host for virtual-hosted style ({@code
 * bucket.s3.amazonaws.com}, {@code bucket.s3.us-east-1.localhost.localstack.cloud}, {@code
 * bucket.localhost:4566}, which a default {@code S3Client} pointed at {@code http://localhost:4566}
 * calls), else as the first path segment (path style, {@code localhost:4566/bucket/key}). Strings
 * only, so that the service's descriptor can claim virtual-hosted requests without loading S3.
 */
final class S3Addressing {

  private static final String LOCALHOST = "localhost";

  private S3Addressing() {}

  /**
   * The bucket a request's host names, or {@code null} for a host that names none: an IP address,
   * {@code localhost}, an S3 endpoint such as {@code s3.amazonaws.com} or {@code s3.localhost}. The
   * bucket is every label before the last label that is {@code s3} or starts with {@code s3-}, else
   * every label before a last label {@code localhost}.
   */
  static String bucketOfHost(StackRequest request) {
    String host = request.header("host");
    if (host == null || host.isEmpty() || host.charAt(0) == '[') {
      return null; // none, or an IPv6 address
    }
    int colon = host.indexOf(':');
    String name = (colon < 0 ? host : host.substring(0, colon)).toLowerCase(Locale.ROOT);
    if (name.endsWith(".")) {
      name = name.substring(0, name.length() - 1);
    }
    if (isIpv4(name)) {
      return null;
    }
    String[] labels = name.split("\\.", -1);
    if (labels.length < 2 || isS3Label(labels[0])) {
      return null;
    }
    for (int i = labels.length - 1; i >= 1; i--) {
      if (isS3Label(labels[i])) {
        return String.join(".", java.util.Arrays.copyOfRange(labels, 0, i));
      }
    }
    if (labels[labels.length - 1].equals(LOCALHOST)) {
      return String.join(".", java.util.Arrays.copyOfRange(labels, 0, labels.length - 1));
    }
    return null;
  }

  /** Whether an unsigned request is S3's: its host names a bucket. */
  static boolean claims(StackRequest request) {
    return bucketOfHost(request) != null;
  }

  private static boolean isS3Label(String label) {
    return label.equals("s3") || label.startsWith("s3-");
  }

  private static boolean isIpv4(String name) {
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c != '.' && (c < '0' || c > '9')) {
        return false;
      }
    }
    return true;
  }
}
