package io.serverlessstack.fake.server;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The account, region and service named by a request's SigV4 credential scope. Signatures are not
 * verified.
 */
record SigV4Scope(String accountId, String region, String service) {

  static final String DEFAULT_ACCOUNT = "000000000000";
  static final String DEFAULT_REGION = "us-east-1";

  private static final Pattern CREDENTIAL =
      Pattern.compile("Credential=([^/,\\s]+)/\\d{8}/([^/,\\s]+)/([^/,\\s]+)/aws4_request");
  private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");

  static SigV4Scope of(StackRequest request) {
    String authorization = request.header("authorization");
    if (authorization != null) {
      Matcher matcher = CREDENTIAL.matcher(authorization);
      if (matcher.find()) {
        String accessKey = matcher.group(1);
        return new SigV4Scope(
            ACCOUNT_ID.matcher(accessKey).matches() ? accessKey : DEFAULT_ACCOUNT,
            matcher.group(2),
            matcher.group(3));
      }
    }
    return new SigV4Scope(DEFAULT_ACCOUNT, DEFAULT_REGION, null);
  }
}
