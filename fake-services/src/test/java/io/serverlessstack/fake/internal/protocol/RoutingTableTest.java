package io.serverlessstack.fake.internal.protocol;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.serverlessstack.fake.RawHttp;
import io.serverlessstack.fake.internal.server.AwsService;
import io.serverlessstack.fake.internal.server.RequestContext;
import io.serverlessstack.fake.internal.server.Router;
import io.serverlessstack.fake.internal.server.StackResponse;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.kinesis.model.ListStreamsRequest;
import software.amazon.awssdk.services.kinesis.model.ListStreamsResponse;
import software.amazon.awssdk.services.sns.model.ListTopicsRequest;
import software.amazon.awssdk.services.sns.model.ListTopicsResponse;

/**
 * The one routing table, in its order — admin, raw routes, {@code X-Amz-Target}, restJson1 paths,
 * {@code Action} — and what it refuses when services are registered.
 */
class RoutingTableTest {

  @RegisterExtension static final PlatformStack stack = new PlatformStack();

  private final RawHttp raw = new RawHttp(stack.endpoint());

  @Test
  void theAdminApiComesFirst() {
    HttpResponse<String> response = raw.get("/_stack/restapis/abc/prod/_user_request_/x");

    assertThat(response.body()).isEqualTo("admin");
  }

  @Test
  void rawRoutesTakeInvokeUrlsByPath() {
    HttpResponse<String> response =
        raw.post(
            "/restapis/abc123/prod/_user_request_/orders/7?expand=true",
            Map.of("Content-Type", "application/json"),
            "{\"id\":7}".getBytes(UTF_8));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .contains("\"route\":\"path\"")
        .contains("\"method\":\"POST\"")
        .contains("\"path\":\"/restapis/abc123/prod/_user_request_/orders/7\"")
        .contains("\"query\":\"expand=true\"")
        .contains("\"body\":\"{\\\"id\\\":7}\"");
  }

  @Test
  void rawRoutesTakeInvokeHostsBeforeAnyAwsProtocol() {
    String request =
        "POST /orders HTTP/1.1\r\n"
            + "Host: abc123.execute-api.localhost:"
            + stack.endpoint().getPort()
            + "\r\n"
            + "X-Amz-Target: AmazonSQS.ListQueues\r\n"
            + "Content-Type: application/x-amz-json-1.0\r\n"
            + "Content-Length: 2\r\n"
            + "Connection: close\r\n\r\n{}";

    RawHttp.Exchange exchange = raw.exchange(request.getBytes(UTF_8), Duration.ofSeconds(5));

    assertThat(exchange.status()).isEqualTo(200);
    assertThat(exchange.response()).contains("\"route\":\"host\"").contains("\"path\":\"/orders\"");
  }

  @Test
  void aRestJson1PathSignedForAnotherServiceIsLeftToThatService() {
    HttpResponse<String> response =
        raw.post(
            "/2015-03-31/functions",
            Map.of(
                "Content-Type",
                "application/x-www-form-urlencoded",
                "Authorization",
                RawHttp.authorization("test", "us-east-1", "sqs")),
            "Action=ListQueues&Version=2012-11-05".getBytes(UTF_8));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.body()).contains("<ListQueuesResponse");
  }

  @Test
  void anUnclaimedTargetIsTheFrontEndsUnknownOperationInTheRequestsEncoding() {
    HttpResponse<String> json =
        raw.post(
            "/",
            Map.of("Content-Type", "application/x-amz-json-1.1", "X-Amz-Target", "Nobody_2020.Op"),
            "{}".getBytes(UTF_8));

    assertThat(json.statusCode()).isEqualTo(400);
    assertThat(json.headers().firstValue("content-type")).hasValue("application/x-amz-json-1.1");
    assertThat(json.body())
        .contains("\"__type\":\"com.amazon.coral.service#UnknownOperationException\"");
  }

  // ---- registration

  @Test
  void twoServicesCannotClaimOneTargetPrefix() {
    AwsService first = kinesisLike("first", "Shared_2020");
    AwsService second = kinesisLike("second", "Shared_2020");

    assertThatThrownBy(() -> router(first, second))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Target prefix Shared_2020");
  }

  @Test
  void twoServicesCannotClaimOneQueryVersion() {
    AwsService first = snsLike("first", "2010-03-31");
    AwsService second = snsLike("second", "2010-03-31");

    assertThatThrownBy(() -> router(first, second))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Query version 2010-03-31");
  }

  @Test
  void twoServicesCannotSignAlike() {
    assertThatThrownBy(() -> router(snsLike("sns", "1"), kinesisLike("sns", "Kinesis_1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sign as sns");
  }

  @Test
  void aRestJson1OperationNeedsARestJson1Model() {
    assertThatThrownBy(
            () ->
                AwsService.builder("kinesis")
                    .speaks(RestJsonBinding.restJson1())
                    .operation(
                        "ListStreams",
                        ListStreamsRequest::builder,
                        (ListStreamsRequest request, RequestContext c) ->
                            ListStreamsResponse.builder().build())
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("kinesis's ListStreams")
        .hasMessageContaining("not restJson1")
        .hasMessageContaining("Kinesis_20131202.ListStreams");
  }

  @Test
  void aSuccessStatusMustNameAnOperation() {
    assertThatThrownBy(
            () ->
                AwsService.builder("lambda")
                    .speaks(RestJsonBinding.restJson1().withSuccessStatus("Nope", 201))
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Nope");
  }

  private static Router router(AwsService... services) {
    return new Router(List.of(services), request -> StackResponse.of(200, "text/plain", ""));
  }

  private static AwsService kinesisLike(String signingName, String targetPrefix) {
    return AwsService.builder(signingName)
        .speaks(AwsJsonBinding.awsJson1_1(targetPrefix))
        .operation(
            "ListStreams",
            ListStreamsRequest::builder,
            (ListStreamsRequest request, RequestContext context) ->
                ListStreamsResponse.builder().build())
        .build();
  }

  private static AwsService snsLike(String signingName, String version) {
    return AwsService.builder(signingName)
        .speaks(AwsQueryBinding.awsQuery(version, "urn:" + signingName))
        .operation(
            "ListTopics",
            ListTopicsRequest::builder,
            (ListTopicsRequest request, RequestContext context) ->
                ListTopicsResponse.builder().build())
        .build();
  }
}
