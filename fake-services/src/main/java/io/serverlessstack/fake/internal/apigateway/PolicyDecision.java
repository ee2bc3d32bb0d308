package io.serverlessstack.fake.internal.apigateway;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What an authorizer's IAM policy says of one method ARN, as IAM evaluates it: a {@code Deny}
 * statement that matches wins, else a matching {@code Allow} allows, else the call is implicitly
 * denied. A statement matches when one of its {@code Action}s matches {@code execute-api:Invoke}
 * (case-insensitively, as IAM compares actions) and one of its {@code Resource}s matches the ARN
 * (case-sensitively); both may use the wildcards {@code *} (any run of characters) and {@code ?}
 * (one character).
 */
enum PolicyDecision {
  ALLOWED,
  IMPLICITLY_DENIED,
  EXPLICITLY_DENIED;

  private static final String INVOKE = "execute-api:invoke";

  static PolicyDecision of(JsonNode policy, String methodArn) {
    boolean allowed = false;
    for (JsonNode statement : each(policy.get("Statement"))) {
      if (!statement.isObject()) {
        continue;
      }
      String effect = statement.path("Effect").asText("");
      boolean actionMatches =
          anyMatches(statement.get("Action"), INVOKE, true)
              || (statement.has("NotAction")
                  && !anyMatches(statement.get("NotAction"), INVOKE, true));
      boolean resourceMatches =
          anyMatches(statement.get("Resource"), methodArn, false)
              || (statement.has("NotResource")
                  && !anyMatches(statement.get("NotResource"), methodArn, false));
      if (!actionMatches || !resourceMatches) {
        continue;
      }
      if ("Deny".equals(effect)) {
        return EXPLICITLY_DENIED;
      }
      if ("Allow".equals(effect)) {
        allowed = true;
      }
    }
    return allowed ? ALLOWED : IMPLICITLY_DENIED;
  }

  /** A node that is one value or an array of them, as its values. */
  private static List<JsonNode> each(JsonNode node) {
    List<JsonNode> values = new ArrayList<>();
    if (node == null || node.isNull()) {
      return values;
    }
    if (node.isArray()) {
      node.forEach(values::add);
    } else {
      values.add(node);
    }
    return values;
  }

  private static boolean anyMatches(JsonNode patterns, String value, boolean ignoreCase) {
    for (JsonNode pattern : each(patterns)) {
      if (pattern.isTextual()) {
        String text = pattern.textValue();
        if (ignoreCase
            ? wildcardMatches(text.toLowerCase(Locale.ROOT), value.toLowerCase(Locale.ROOT))
            : wildcardMatches(text, value)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Whether {@code value} matches {@code pattern} whole, {@code *} and {@code ?} as IAM reads them.
   */
  static boolean wildcardMatches(String pattern, String value) {
    int p = 0;
    int v = 0;
    int star = -1;
    int resume = 0;
    while (v < value.length()) {
      if (p < pattern.length()
          && (pattern.charAt(p) == '?' || pattern.charAt(p) == value.charAt(v))) {
        p++;
        v++;
      } else if (p < pattern.length() && pattern.charAt(p) == '*') {
        star = p++;
        resume = v;
      } else if (star >= 0) {
        p = star + 1;
        v = ++resume;
      } else {
        return false;
      }
    }
    while (p < pattern.length() && pattern.charAt(p) == '*') {
      p++;
    }
    return p == pattern.length();
  }
}
