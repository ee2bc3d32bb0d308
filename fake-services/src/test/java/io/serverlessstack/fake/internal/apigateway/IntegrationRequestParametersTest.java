package io.serverlessstack.fake.internal.apigateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Integration request parameter mappings applied to one call, source by source. */
class IntegrationRequestParametersTest {

  static final ApiCall CALL =
      new ApiCall(
          "POST",
          "/orders/o-7",
          "tag=a&tag=b&page=2",
          List.of(
              Map.entry("Content-Type", "application/json"),
              Map.entry("X-Trace", "t-1"),
              Map.entry("X-Trace", "t-2")),
          "{\"customer\": {\"id\": \"c-9\"}, \"items\": [1, 2]}".getBytes(StandardCharsets.UTF_8),
          "api123",
          "prod",
          "dep1",
          "res1",
          "/orders/{orderId}",
          Map.of("orderId", "o-7"),
          Map.of("queue", "orders-queue"),
          "000000000000",
          "us-east-1",
          "req-1",
          Instant.parse("2030-01-01T00:00:00Z"),
          "127.0.0.1",
          "HTTP/1.1",
          "localhost",
          null,
          Map.of());

  static IntegrationRequestParameters mapped(String target, String source) {
    return IntegrationRequestParameters.of(Map.of(target, source), CALL);
  }

  @Test
  void literalsStageVariablesAndContextVariablesMapToHeaders() {
    assertThat(mapped("integration.request.header.Content-Type", "'text/plain'").headers())
        .containsExactly(Map.entry("Content-Type", List.of("text/plain")));
    assertThat(mapped("integration.request.header.X-Queue", "stageVariables.queue").headers())
        .containsExactly(Map.entry("X-Queue", List.of("orders-queue")));
    assertThat(mapped("integration.request.header.X-Request", "context.requestId").headers())
        .containsExactly(Map.entry("X-Request", List.of("req-1")));
  }

  @Test
  void methodRequestParametersMapToPathQueryAndHeaders() {
    assertThat(mapped("integration.request.path.id", "method.request.path.orderId").path())
        .containsExactly(Map.entry("id", "o-7"));
    assertThat(
            mapped("integration.request.querystring.p", "method.request.querystring.page").query())
        .containsExactly(Map.entry("p", List.of("2")));
    assertThat(
            mapped(
                    "integration.request.querystring.tags",
                    "method.request.multivaluequerystring.tag")
                .query())
        .containsExactly(Map.entry("tags", List.of("a", "b")));
    assertThat(
            mapped("integration.request.header.X-Trace", "method.request.header.X-Trace").headers())
        .containsExactly(Map.entry("X-Trace", List.of("t-1")));
    assertThat(
            mapped("integration.request.header.X-Traces", "method.request.multivalueheader.X-Trace")
                .headers())
        .containsExactly(Map.entry("X-Traces", List.of("t-1,t-2")));
  }

  @Test
  void theBodyAndItsFieldsMapByJsonPath() {
    assertThat(mapped("integration.request.querystring.b", "method.request.body").query())
        .containsExactly(Map.entry("b", List.of(CALL.bodyText())));
    assertThat(
            mapped("integration.request.header.X-Customer", "method.request.body.customer.id")
                .headers())
        .containsExactly(Map.entry("X-Customer", List.of("c-9")));
    assertThat(
            mapped("integration.request.header.X-Items", "method.request.body.$.items").headers())
        .containsExactly(Map.entry("X-Items", List.of("[1,2]")));
  }

  @Test
  void aSourceWithoutValueLeavesItsTargetOut() {
    IntegrationRequestParameters none =
        IntegrationRequestParameters.of(
            Map.of(
                "integration.request.header.X-Missing", "method.request.header.X-Absent",
                "integration.request.querystring.q", "method.request.querystring.absent",
                "integration.request.path.p", "stageVariables.absent"),
            CALL);
    assertThat(none.headers()).isEmpty();
    assertThat(none.query()).isEmpty();
    assertThat(none.path()).isEmpty();
  }
}
