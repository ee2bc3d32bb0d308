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
import java.util.function.Predicate;

/**
 * A test service with raw routes only, shaped like API Gateway's invoke URLs: {@code
 * /restapis/{id}/{stage}/_user_request_/…} and hosts {@code {id}.execute-api.<host>}. It answers
 * with what it saw of the request, as JSON.
 */
final class TestInvokeUrls {

  static final Predicate<StackRequest> INVOKE_PATH =
      request ->
          request.path().startsWith("/restapis/") && request.path().contains("/_user_request_/");
  static final Predicate<StackRequest> INVOKE_HOST = RawRoute.hostLabelMatcher("execute-api");

  AwsService service() {
    return AwsService.builder("execute-api")
        .rawRoute(
            new RawRoute(
                "invoke path", INVOKE_PATH, (request, context) -> echo("path", request, context)))
        .rawRoute(
            new RawRoute(
                "invoke host", INVOKE_HOST, (request, context) -> echo("host", request, context)))
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
