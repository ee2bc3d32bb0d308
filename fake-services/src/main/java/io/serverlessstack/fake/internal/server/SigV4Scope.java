package io.serverlessstack.fake.internal.server;

import io.serverlessstack.api.StackDefaults;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * The account, region and service named by a request's SigV4 credential scope, in its {@code
 * Authorization} header or, for a presigned URL, its {@code X-Amz-Credential} query parameter.
 * Signatures are not verified.
 */
record SigV4Scope(String accountId, String region, String service) {

  static final String DEFAULT_ACCOUNT = StackDefaults.ACCOUNT_ID;
  static final String DEFAULT_REGION = StackDefaults.REGION;

  private static final String CREDENTIAL = "Credential=";

  /** A presigned URL's credential scope, percent-encoded, in its query string. */
  private static final String QUERY_CREDENTIAL = "X-Amz-Credential=";

  /** Parsed by hand rather than by a regex: it runs on every request. */
  static SigV4Scope of(StackRequest request) {
    String authorization = request.header("authorization");
    int start = authorization == null ? -1 : authorization.indexOf(CREDENTIAL);
    if (start >= 0) {
      start += CREDENTIAL.length();
      int end = start;
      while (end < authorization.length()
          && authorization.charAt(end) != ','
          && !Character.isWhitespace(authorization.charAt(end))) {
        end++;
      }
      SigV4Scope scope = parse(authorization.substring(start, end));
      if (scope != null) {
        return scope;
      }
    } else if (authorization == null
        && request.query() != null
        && request.query().contains(QUERY_CREDENTIAL)) {
      SigV4Scope scope = presigned(request.query());
      if (scope != null) {
        return scope;
      }
    }
    return new SigV4Scope(DEFAULT_ACCOUNT, DEFAULT_REGION, null);
  }

  /** The scope of a presigned URL's {@code X-Amz-Credential} parameter, or {@code null}. */
  private static SigV4Scope presigned(String query) {
    for (String pair : query.split("&")) {
      if (pair.startsWith(QUERY_CREDENTIAL)) {
        try {
          return parse(
              URLDecoder.decode(pair.substring(QUERY_CREDENTIAL.length()), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException malformed) {
          return null;
        }
      }
    }
    return null;
  }

  /** {@code accessKey/yyyyMMdd/region/service/aws4_request}, or {@code null} if it is not. */
  private static SigV4Scope parse(String credential) {
    String[] scope = credential.split("/", -1);
    if (scope.length == 5 && scope[4].equals("aws4_request") && !scope[0].isEmpty()) {
      return new SigV4Scope(accountOf(scope[0]), scope[2], scope[3]);
    }
    return null;
  }

  /** A 12-digit access key id is, by convention, the account id. */
  private static String accountOf(String accessKey) {
    if (accessKey.length() != 12) {
      return DEFAULT_ACCOUNT;
    }
    for (int i = 0; i < accessKey.length(); i++) {
      if (accessKey.charAt(i) < '0' || accessKey.charAt(i) > '9') {
        return DEFAULT_ACCOUNT;
      }
    }
    return accessKey;
  }
}
