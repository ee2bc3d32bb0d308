package io.serverlessstack.fake.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A REQUEST Lambda authorizer that reads its event untyped, as AWS sends it: allows the method ARN
 * for the tenant in the {@code tenant} query parameter, the {@code X-User} header being the
 * principal, with the tenant in the context.
 */
public class RequestAuthorizer implements RequestHandler<Map<String, Object>, Map<String, Object>> {

  /** The events the authorizer received, oldest first. */
  public static final List<Map<String, Object>> EVENTS = new CopyOnWriteArrayList<>();

  @Override
  @SuppressWarnings("unchecked")
  public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
    EVENTS.add(event);
    Map<String, Object> headers = (Map<String, Object>) event.get("headers");
    Map<String, Object> query = (Map<String, Object>) event.get("queryStringParameters");
    return TokenAuthorizer.answer(
        String.valueOf(headers.get("X-User")),
        List.of(TokenAuthorizer.statement("Allow", String.valueOf(event.get("methodArn")))),
        Map.of("tenant", String.valueOf(query.get("tenant")), "verified", true));
  }
}
