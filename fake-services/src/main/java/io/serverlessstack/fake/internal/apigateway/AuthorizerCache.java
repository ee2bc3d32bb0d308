package io.serverlessstack.fake.internal.apigateway;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What Lambda authorizers answered, kept for their {@code authorizerResultTtlInSeconds} on the
 * stack's clock, per API, stage, authorizer and identity source values, as API Gateway caches them.
 * {@code FlushStageAuthorizersCache} empties a stage's part.
 */
final class AuthorizerCache {

  /** Whose answer an entry is: the identity the call presented to one authorizer of one stage. */
  record Key(String apiId, String stage, String authorizerId, List<String> identity) {}

  private record Entry(Authorizers.Verdict verdict, Instant expires) {}

  private final Map<Key, Entry> entries = new ConcurrentHashMap<>();

  /**
   * Cognito issuers' key sets by issuer, kept until the stack resets. Typed {@code Object} so that
   * this class loads nothing of the JOSE library that only Cognito authorizers use.
   */
  final Map<String, Object> issuerKeys = new ConcurrentHashMap<>();

  /** The cached answer for {@code key}, or {@code null} when none or expired at {@code now}. */
  Authorizers.Verdict get(Key key, Instant now) {
    Entry entry = entries.get(key);
    if (entry == null) {
      return null;
    }
    if (!now.isBefore(entry.expires())) {
      entries.remove(key, entry);
      return null;
    }
    return entry.verdict();
  }

  void put(Key key, Authorizers.Verdict verdict, Instant expires) {
    entries.put(key, new Entry(verdict, expires));
  }

  /** Forgets what the authorizers of one stage answered. */
  void flush(String apiId, String stage) {
    entries.keySet().removeIf(key -> key.apiId().equals(apiId) && key.stage().equals(stage));
  }

  void clear() {
    entries.clear();
    issuerKeys.clear();
  }
}
