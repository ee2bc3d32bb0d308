package io.serverlessstack.fake.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.util.TreeMap;

/**
 * A REST API's Lambda proxy function behind an authorizer: answers with what its event's {@code
 * requestContext.authorizer} holds (sorted by name, without the latency).
 */
public class AuthorizedEcho
    implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

  @Override
  public APIGatewayProxyResponseEvent handleRequest(
      APIGatewayProxyRequestEvent event, Context context) {
    TreeMap<String, Object> authorizer = new TreeMap<>(event.getRequestContext().getAuthorizer());
    boolean hasLatency = authorizer.remove("integrationLatency") != null;
    return new APIGatewayProxyResponseEvent()
        .withStatusCode(200)
        .withBody(authorizer + (hasLatency ? " with latency" : ""));
  }
}
