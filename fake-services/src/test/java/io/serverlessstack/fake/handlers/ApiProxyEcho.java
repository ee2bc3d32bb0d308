package io.serverlessstack.fake.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.util.List;
import java.util.Map;

/**
 * A REST API's Lambda proxy function: answers 201 with what it read from the typed event, a header,
 * and two cookies (which API Gateway sends as two {@code Set-Cookie} lines).
 */
public class ApiProxyEcho
    implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

  @Override
  public APIGatewayProxyResponseEvent handleRequest(
      APIGatewayProxyRequestEvent event, Context context) {
    String summary =
        String.join(
            "|",
            event.getHttpMethod(),
            event.getResource(),
            event.getPath(),
            String.valueOf(event.getPathParameters()),
            String.valueOf(event.getQueryStringParameters()),
            String.valueOf(event.getMultiValueQueryStringParameters()),
            event.getHeaders() == null ? "null" : event.getHeaders().get("X-Customer"),
            event.getRequestContext().getStage(),
            event.getRequestContext().getResourcePath(),
            String.valueOf(event.getStageVariables()),
            event.getBody());
    return new APIGatewayProxyResponseEvent()
        .withStatusCode(201)
        .withHeaders(Map.of("X-Handled-By", "ApiProxyEcho", "Content-Type", "text/plain"))
        .withMultiValueHeaders(Map.of("Set-Cookie", List.of("a=1", "b=2")))
        .withBody(summary);
  }
}
