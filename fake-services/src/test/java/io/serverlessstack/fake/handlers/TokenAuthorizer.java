package io.serverlessstack.fake.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TOKEN Lambda authorizer whose token says what it answers: {@code allow} (the method ARN, with a
 * context), {@code allow-get} (every GET, by wildcards), {@code deny} (an explicit Deny beside an
 * Allow of everything), {@code elsewhere} (an Allow of another method only), {@code key:V} (every
 * method, with usage identifier key V), {@code boom} (fails), {@code reject} (fails with {@code
 * Unauthorized}), {@code garbage} (no policy), {@code nested} (a context holding an object).
 */
public class TokenAuthorizer
    implements RequestHandler<APIGatewayCustomAuthorizerEvent, Map<String, Object>> {

  /** The events the authorizer received, oldest first. */
  public static final List<APIGatewayCustomAuthorizerEvent> EVENTS = new CopyOnWriteArrayList<>();

  @Override
  public Map<String, Object> handleRequest(APIGatewayCustomAuthorizerEvent event, Context context) {
    EVENTS.add(event);
    String token = event.getAuthorizationToken();
    String arn = event.getMethodArn();
    String everything = arn.substring(0, arn.indexOf('/')) + "/*";
    switch (token) {
      case "allow":
        return answer(
            "user-1",
            List.of(statement("Allow", arn)),
            Map.of("user", "u-1", "tier", 3, "admin", true));
      case "allow-get":
        return answer(
            "user-2", List.of(statement("Allow", "arn:aws:execute-api:*:*:*/*/GET/*")), null);
      case "deny":
        return answer(
            "user-3", List.of(statement("Allow", everything), statement("Deny", arn)), null);
      case "elsewhere":
        return answer(
            "user-4", List.of(statement("Allow", everything.replace("/*", "/*/POST/other"))), null);
      case "boom":
        throw new IllegalStateException("boom");
      case "reject":
        throw new IllegalStateException("Unauthorized");
      case "garbage":
        return Map.of("hello", "world");
      case "nested":
        return answer(
            "user-5", List.of(statement("Allow", arn)), Map.of("inner", Map.of("a", "b")));
      default:
        if (token.startsWith("key:")) {
          Map<String, Object> answer =
              answer("user-6", List.of(statement("Allow", everything)), null);
          answer.put("usageIdentifierKey", token.substring("key:".length()));
          return answer;
        }
        throw new IllegalStateException("Unauthorized");
    }
  }

  static Map<String, Object> statement(String effect, String resource) {
    Map<String, Object> statement = new LinkedHashMap<>();
    statement.put("Action", "execute-api:Invoke");
    statement.put("Effect", effect);
    statement.put("Resource", List.of(resource));
    return statement;
  }

  static Map<String, Object> answer(
      String principalId, List<Map<String, Object>> statements, Map<String, Object> context) {
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("principalId", principalId);
    answer.put("policyDocument", Map.of("Version", "2012-10-17", "Statement", statements));
    if (context != null) {
      answer.put("context", context);
    }
    return answer;
  }
}
