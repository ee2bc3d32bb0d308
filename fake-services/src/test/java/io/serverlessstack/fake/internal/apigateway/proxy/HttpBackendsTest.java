package io.serverlessstack.fake.internal.apigateway.proxy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.Options.ChunkedEncodingPolicy;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.serverlessstack.fake.Await;
import io.serverlessstack.fake.clock.VirtualClock;
import io.serverlessstack.fake.internal.apigateway.ApiCall;
import java.io.ByteArrayOutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code HTTP} and {@code HTTP_PROXY} integrations against a real HTTP backend (WireMock), timed
 * out by a virtual clock that the test advances.
 */
class HttpBackendsTest {

  private static WireMockServer backend;
  private static final HttpBackends backends = new HttpBackends();

  private VirtualClock clock;

  @BeforeAll
  static void startBackend() {
    // Content-Length rather than chunks, so the answer has a length for the gateway to remap.
    backend =
        new WireMockServer(
            wireMockConfig().dynamicPort().useChunkedTransferEncoding(ChunkedEncodingPolicy.NEVER));
    backend.start();
  }

  @AfterAll
  static void stopBackend() {
    backend.stop();
  }

  @BeforeEach
  void reset() {
    backend.resetAll();
    clock = VirtualClock.manual(Instant.parse("2026-01-01T00:00:00Z"));
  }

  @AfterEach
  void closeClock() {
    clock.close();
  }

  private String backendUri(String path) {
    return "http://localhost:" + backend.port() + path;
  }

  private static IntegrationOutcome await(CompletionStage<IntegrationOutcome> outcome)
      throws Exception {
    return outcome.toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static IntegrationResponse response(IntegrationOutcome outcome) {
    assertThat(outcome).isInstanceOf(IntegrationResponse.class);
    return (IntegrationResponse) outcome;
  }

  private static IntegrationFailure failure(IntegrationOutcome outcome) {
    assertThat(outcome).isInstanceOf(IntegrationFailure.class);
    return (IntegrationFailure) outcome;
  }

  private static ApiCall proxyCall() {
    return Calls.get("/shop/orders/a%2Bb/items")
        .method("POST")
        .resource("/shop/{proxy+}")
        .pathParameter("proxy", "orders/a+b/items")
        .query("page=2&tag=x&tag=y")
        .header("Host", "abc123.execute-api.localhost:4566")
        .header("Content-Type", "application/json")
        .header("X-Trace", "one")
        .header("X-Trace", "two")
        .header("Connection", "keep-alive")
        .header("Transfer-Encoding", "chunked")
        .body("{\"item\":1}")
        .build();
  }

  @Test
  void proxyForwardsPathQueryHeadersAndBodyAndPassesTheAnswerOn() throws Exception {
    backend.stubFor(
        any(anyUrl())
            .willReturn(
                aResponse()
                    .withStatus(418)
                    .withHeader("Content-Type", "text/plain")
                    .withHeader("X-Backend", "yes")
                    .withHeader("Set-Cookie", "a=1")
                    .withHeader("Set-Cookie", "b=2")
                    .withBody("short and stout")));
    BackendRequest request =
        HttpBackends.proxyRequest(proxyCall(), backendUri("/api/{proxy}?fixed=1"), "ANY");

    IntegrationResponse response =
        response(
            await(
                backends.forwardProxy(
                    request, HttpBackends.DEFAULT_TIMEOUT, clock, ApiKind.REST_API)));

    assertThat(response.status()).isEqualTo(418);
    assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("short and stout");
    assertThat(response.header("X-Backend")).containsExactly("yes");
    assertThat(response.header("Set-Cookie")).containsExactly("a=1", "b=2");
    assertThat(response.header("Content-Length")).isEmpty();
    assertThat(response.header("x-amzn-Remapped-Content-Length")).containsExactly("15");

    List<LoggedRequest> received = backend.findAll(anyRequestedFor(anyUrl()));
    assertThat(received).hasSize(1);
    LoggedRequest sent = received.get(0);
    assertThat(sent.getMethod().getName()).isEqualTo("POST");
    assertThat(sent.getUrl()).isEqualTo("/api/orders/a%2Bb/items?fixed=1&page=2&tag=x&tag=y");
    assertThat(sent.getHeader("Host")).isEqualTo("localhost:" + backend.port());
    assertThat(sent.getHeaders().getHeader("X-Trace").values()).containsExactly("one", "two");
    assertThat(sent.getHeader("Content-Type")).isEqualTo("application/json");
    assertThat(sent.containsHeader("Transfer-Encoding")).isFalse();
    assertThat(sent.getBodyAsString()).isEqualTo("{\"item\":1}");
  }

  @Test
  void integrationMethodOverridesTheCallsMethod() throws Exception {
    backend.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(204)));
    BackendRequest request =
        HttpBackends.proxyRequest(Calls.get("/ping").build(), backendUri("/health"), "PUT");

    assertThat(
            response(
                    await(
                        backends.forwardProxy(
                            request, HttpBackends.DEFAULT_TIMEOUT, clock, ApiKind.REST_API)))
                .status())
        .isEqualTo(204);
    assertThat(backend.findAll(anyRequestedFor(anyUrl())).get(0).getMethod().getName())
        .isEqualTo("PUT");
  }

  @Test
  void redirectIsPassedOnNotFollowed() throws Exception {
    backend.stubFor(
        any(anyUrl()).willReturn(aResponse().withStatus(302).withHeader("Location", "/elsewhere")));

    IntegrationResponse response =
        response(
            await(
                backends.forwardProxy(
                    HttpBackends.proxyRequest(Calls.get("/old").build(), backendUri("/old"), "GET"),
                    HttpBackends.DEFAULT_TIMEOUT,
                    clock,
                    ApiKind.REST_API)));

    assertThat(response.status()).isEqualTo(302);
    assertThat(response.header("Location")).containsExactly("/elsewhere");
  }

  @Test
  void gzippedAnswerArrivesDecoded() throws Exception {
    ByteArrayOutputStream zipped = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
      gzip.write("plain text".getBytes(StandardCharsets.UTF_8));
    }
    backend.stubFor(
        any(anyUrl())
            .willReturn(
                aResponse().withHeader("Content-Encoding", "gzip").withBody(zipped.toByteArray())));

    IntegrationResponse response =
        response(
            await(
                backends.forwardProxy(
                    HttpBackends.proxyRequest(Calls.get("/z").build(), backendUri("/z"), "GET"),
                    HttpBackends.DEFAULT_TIMEOUT,
                    clock,
                    ApiKind.REST_API)));

    assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("plain text");
    assertThat(response.header("Content-Encoding")).isEmpty();
  }

  @Test
  void nonProxyForwardHandsBackTheAnswerUntouchedForIntegrationResponses() throws Exception {
    backend.stubFor(
        any(anyUrl()).willReturn(aResponse().withStatus(400).withBody("{\"error\":\"bad\"}")));
    BackendRequest request =
        new BackendRequest(
            "POST",
            backendUri("/mapped"),
            java.util.Map.of("X-Mapped", List.of("v")),
            "{}".getBytes(StandardCharsets.UTF_8));

    IntegrationResponse response =
        response(
            await(
                backends.forward(request, HttpBackends.DEFAULT_TIMEOUT, clock, ApiKind.REST_API)));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.header("Content-Length")).containsExactly("15");
    assertThat(new String(response.body(), StandardCharsets.UTF_8))
        .isEqualTo("{\"error\":\"bad\"}");
    assertThat(backend.findAll(anyRequestedFor(anyUrl())).get(0).getHeader("X-Mapped"))
        .isEqualTo("v");
  }

  @Test
  void backendThatNeverAnswersTimesOutWhenTheClockReachesTheTimeout() throws Exception {
    backend.stubFor(any(anyUrl()).willReturn(aResponse().withFixedDelay(60_000)));
    CompletableFuture<IntegrationOutcome> outcome =
        backends
            .forwardProxy(
                HttpBackends.proxyRequest(Calls.get("/slow").build(), backendUri("/slow"), "GET"),
                HttpBackends.DEFAULT_TIMEOUT,
                clock,
                ApiKind.REST_API)
            .toCompletableFuture();
    awaitReceived();

    clock.advance(Duration.ofSeconds(28));
    assertThat(outcome).isNotDone();
    clock.advance(Duration.ofSeconds(1));

    IntegrationFailure failure = failure(await(outcome));
    assertThat(failure.status()).isEqualTo(504);
    assertThat(failure.gatewayResponseType()).isEqualTo("INTEGRATION_TIMEOUT");
    assertThat(new String(failure.body(), StandardCharsets.UTF_8))
        .isEqualTo("{\"message\": \"Endpoint request timed out\"}");
  }

  @Test
  void httpApiBackendThatNeverAnswersIsServiceUnavailable() throws Exception {
    backend.stubFor(any(anyUrl()).willReturn(aResponse().withFixedDelay(60_000)));
    CompletableFuture<IntegrationOutcome> outcome =
        backends
            .forwardProxy(
                HttpBackends.proxyRequest(Calls.get("/slow").build(), backendUri("/slow"), "GET"),
                Duration.ofSeconds(5),
                clock,
                ApiKind.HTTP_API)
            .toCompletableFuture();
    awaitReceived();

    clock.advance(Duration.ofSeconds(5));

    IntegrationFailure failure = failure(await(outcome));
    assertThat(failure.status()).isEqualTo(503);
    assertThat(new String(failure.body(), StandardCharsets.UTF_8))
        .isEqualTo("{\"message\":\"Service Unavailable\"}");
  }

  @Test
  void refusedConnectionIsAnInternalServerError() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }

    IntegrationFailure failure =
        failure(
            await(
                backends.forwardProxy(
                    HttpBackends.proxyRequest(
                        Calls.get("/x").build(), "http://localhost:" + closedPort + "/x", "GET"),
                    HttpBackends.DEFAULT_TIMEOUT,
                    clock,
                    ApiKind.REST_API)));

    assertThat(failure.status()).isEqualTo(500);
    assertThat(new String(failure.body(), StandardCharsets.UTF_8))
        .isEqualTo("{\"message\": \"Internal server error\"}");
    assertThat(failure.reason()).contains(String.valueOf(closedPort));
  }

  @Test
  void invalidEndpointAddressIsAnInternalServerError() throws Exception {
    BackendRequest request = new BackendRequest("GET", "not a uri", java.util.Map.of(), null);

    IntegrationFailure failure =
        failure(
            await(
                backends.forward(request, HttpBackends.DEFAULT_TIMEOUT, clock, ApiKind.REST_API)));

    assertThat(failure.status()).isEqualTo(500);
    assertThat(failure.reason()).contains("not a uri");
  }

  /** The slow backend has the request, so only the clock can end the wait. */
  private static void awaitReceived() throws InterruptedException {
    Await.until(() -> !backend.findAll(anyRequestedFor(anyUrl())).isEmpty());
  }
}
