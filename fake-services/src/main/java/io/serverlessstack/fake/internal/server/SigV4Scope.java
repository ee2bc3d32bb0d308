package io.serverlessstack.fake.internal.server;

import io.serverlessstack.api.StackDefaults;

/**
 * The account, region and service named by a request's SigV4 credential scope. Signatures are not
 * verified.
 */
record SigV4Scope(String accountId, String region, String service) {

  static final String DEFAULT_ACCOUNT = StackDefaults.ACCOUNT_ID;
  static final String DEFAULT_REGION = StackDefaults.REGION;

  private static final String CREDENTIAL = "Credential=";

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
      // accessKey/yyyyMMdd/region/service/aws4_request
      String[] scope = authorization.substring(start, end).split("/", -1);
      if (scope.length == 5 && scope[4].equals("aws4_request") && !scope[0].isEmpty()) {
        return new SigV4Scope(accountOf(scope[0]), scope[2], scope[3]);
      }
    }
    return new SigV4Scope(DEFAULT_ACCOUNT, DEFAULT_REGION, null);
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
