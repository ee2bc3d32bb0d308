package io.serverlessstack.fake.internal.protocol;

import io.serverlessstack.fake.internal.Json;
import io.serverlessstack.fake.internal.server.AwsService;
import io.serverlessstack.fake.internal.server.RawRoute;
import io.serverlessstack.fake.internal.server.RequestContext;
import io.serverlessstack.fake.internal.server.StackRequest;
import io.serverlessstack.fake.internal.server.StackResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A test service with raw routes only, shaped like API Gateway's invoke URLs: {@code
 * /restapis/{id}/{stage}/_user_request_/…} and hosts {@code {id}.execute-api.<host>}. It answers
 * with what it saw of the request, as JSON.
 */
final class TestInvokeUrls {

  AwsService service() {
    return AwsService.builder("execute-api")
        .rawRoute(
            new RawRoute(
                "invoke path",
                request ->
                    request.path().startsWith("/restapis/")
                        && request.path().contains("/_user_request_/"),
                (request, context) -> echo("path", request, context)))
        .rawRoute(
            RawRoute.hostLabel(
                "invoke host", "execute-api", (request, context) -> echo("host", request, context)))
        .build();
  }

  private static CompletionStage<StackResponse> echo(
      String route, StackRequest request, RequestContext context) {
    Map<String, String> seen = new LinkedHashMap<>();
    seen.put("route", route);
    seen.put("method", request.method());
    seen.put("path", request.path());
    seen.put("query", request.query());
    seen.put("host", request.header("host"));
    seen.put("body", request.bodyText());
    seen.put("account", context.accountId());
    return CompletableFuture.completedFuture(
        StackResponse.of(200, "application/json", Json.write(seen)));
  }
}
