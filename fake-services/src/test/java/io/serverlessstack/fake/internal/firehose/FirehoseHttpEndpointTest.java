package io.serverlessstack.fake.internal.firehose;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.serverlessstack.api.DeliveryStreamView;
import io.serverlessstack.api.FirehoseEvents;
import io.serverlessstack.fake.Await;
import io.serverlessstack.fake.FirehoseStack;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.HttpEndpointCommonAttribute;
import software.amazon.awssdk.services.firehose.model.HttpEndpointDestinationConfiguration;
import software.amazon.awssdk.services.firehose.model.Record;

/**
 * HTTP endpoint destinations against a real HTTP server (WireMock): Firehose's request format and
 * headers, the acknowledgement it needs, retries on the stack's clock for the retry duration, then
 * the records backed up to S3 as {@code http-endpoint-failed} error records.
 */
class FirehoseHttpEndpointTest {

  @RegisterExtension static final FirehoseStack stack = new FirehoseStack();

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BACKUP = "backup";
  private static WireMockServer endpoint;

  private final FirehoseClient firehose = stack.firehose();

  @BeforeAll
  static void startEndpoint() {
    endpoint = new WireMockServer(wireMockConfig().dynamicPort());
    endpoint.start();
  }

  @AfterAll
  static void stopEndpoint() {
    endpoint.stop();
  }

  @BeforeEach
  void acknowledgeEverything() {
    endpoint.resetAll();
    acknowledge();
    stack.s3().createBucket(b -> b.bucket(BACKUP));
  }

  /** Answers 200 with the request's id, as Firehose's protocol asks. */
  private static void acknowledge() {
    endpoint.stubFor(
        post(urlEqualTo("/ingest"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"requestId\":\"{{jsonPath request.body '$.requestId'}}\","
                            + "\"timestamp\":1}")
                    .withTransformers("response-template")));
  }

  private static String url() {
    return "http://localhost:" + endpoint.port() + "/ingest";
  }

  private void create(Consumer<HttpEndpointDestinationConfiguration.Builder> http) {
    firehose.createDeliveryStream(
        b ->
            b.deliveryStreamName("events")
                .httpEndpointDestinationConfiguration(
                    c -> {
                      c.endpointConfiguration(e -> e.url(url()).name("ingest"))
                          .s3Configuration(
                              s3 ->
                                  s3.roleARN("arn:aws:iam::000000000000:role/firehose")
                                      .bucketARN("arn:aws:s3:::" + BACKUP));
                      http.accept(c);
                    }));
  }

  private void put(String... texts) {
    List<Record> records = new ArrayList<>();
    for (String text : texts) {
      records.add(Record.builder().data(SdkBytes.fromUtf8String(text)).build());
    }
    firehose.putRecordBatch(b -> b.deliveryStreamName("events").records(records));
  }

  private static List<LoggedRequest> posts() {
    return endpoint.findAll(postRequestedFor(urlEqualTo("/ingest")));
  }

  private static List<String> texts(JsonNode body) {
    List<String> texts = new ArrayList<>();
    body.get("records")
        .forEach(
            record ->
                texts.add(
                    new String(
                        Base64.getDecoder().decode(record.get("data").asText()),
                        StandardCharsets.UTF_8)));
    return texts;
  }

  private static long retried() {
    return stack.server().inspector().journal().stream()
        .filter(event -> event.type().equals(FirehoseEvents.DELIVERY_RETRIED))
        .count();
  }

  @Test
  void recordsArePostedInFirehosesRequestFormatWithItsHeaders() throws Exception {
    create(
        http ->
            http.endpointConfiguration(e -> e.url(url()).name("ingest").accessKey("secret-key"))
                .bufferingHints(h -> h.sizeInMBs(1).intervalInSeconds(60))
                .requestConfiguration(
                    r ->
                        r.commonAttributes(
                            HttpEndpointCommonAttribute.builder()
                                .attributeName("env")
                                .attributeValue("test")
                                .build())));
    put("{\"n\":1}", "{\"n\":2}");
    stack.advance(Duration.ofSeconds(59));
    assertThat(posts()).isEmpty();

    stack.advance(Duration.ofSeconds(1));
    Instant sent = stack.server().inspector().now();
    Await.until(() -> posts().size() == 1);

    LoggedRequest request = posts().get(0);
    JsonNode body = JSON.readTree(request.getBodyAsString());
    assertThat(texts(body)).containsExactly("{\"n\":1}", "{\"n\":2}");
    assertThat(body.get("timestamp").asLong()).isEqualTo(sent.toEpochMilli());
    assertThat(request.getHeader("X-Amz-Firehose-Request-Id"))
        .isEqualTo(body.get("requestId").asText());
    assertThat(request.getHeader("X-Amz-Firehose-Protocol-Version")).isEqualTo("1.0");
    assertThat(request.getHeader("X-Amz-Firehose-Access-Key")).isEqualTo("secret-key");
    assertThat(request.getHeader("X-Amz-Firehose-Source-Arn"))
        .isEqualTo("arn:aws:firehose:us-east-1:000000000000:deliverystream/events");
    assertThat(JSON.readTree(request.getHeader("X-Amz-Firehose-Common-Attributes")))
        .isEqualTo(JSON.readTree("{\"commonAttributes\":{\"env\":\"test\"}}"));
    assertThat(request.getHeader("Content-Type")).isEqualTo("application/json");
    assertThat(request.containsHeader("Content-Encoding")).isFalse();

    Await.until(
        () ->
            stack.server().inspector().deliveryStream("events").orElseThrow().recordsDelivered()
                == 2);
    DeliveryStreamView view = stack.server().inspector().deliveryStream("events").orElseThrow();
    assertThat(view.destinationDeliveries().get(0).texts())
        .containsExactly("{\"n\":1}", "{\"n\":2}");
    assertThat(view.destinationDeliveries().get(0).target()).isEqualTo(url());
    assertThat(stack.keys(BACKUP)).isEmpty();
  }

  @Test
  void gzipContentEncodingCompressesTheBody() throws Exception {
    create(
        http ->
            http.bufferingHints(h -> h.sizeInMBs(1).intervalInSeconds(0))
                .requestConfiguration(r -> r.contentEncoding("GZIP")));
    put("zipped");

    Await.until(() -> posts().size() == 1);

    LoggedRequest request = posts().get(0);
    assertThat(request.getHeader("Content-Encoding")).isEqualTo("gzip");
    byte[] body = request.getBody();
    // WireMock hands back the body as it arrived, or already inflated, depending on its version.
    String json =
        body.length > 1 && (body[0] & 0xff) == 0x1f && (body[1] & 0xff) == 0x8b
            ? new String(
                new GZIPInputStream(new ByteArrayInputStream(body)).readAllBytes(),
                StandardCharsets.UTF_8)
            : new String(body, StandardCharsets.UTF_8);
    assertThat(texts(JSON.readTree(json))).containsExactly("zipped");
  }

  @Test
  void aFailingEndpointIsRetriedForTheRetryDurationThenTheRecordsAreBackedUp() throws Exception {
    endpoint.resetAll();
    endpoint.stubFor(
        post(urlEqualTo("/ingest")).willReturn(aResponse().withStatus(503).withBody("busy")));
    create(
        http ->
            http.bufferingHints(h -> h.sizeInMBs(1).intervalInSeconds(0))
                .retryOptions(r -> r.durationInSeconds(60)));
    put("first\n", "second\n");

    // Each failed attempt waits on the stack's clock (30 s at most): move it on once the retry is
    // scheduled.
    for (int retries = 1; stack.keys(BACKUP).isEmpty(); retries++) {
      int expected = retries;
      Await.until(() -> retried() >= expected || !stack.keys(BACKUP).isEmpty());
      stack.advance(Duration.ofSeconds(30));
      assertThat(retries).as("retries").isLessThan(30);
    }

    List<LoggedRequest> attempts = posts();
    assertThat(attempts.size()).isGreaterThanOrEqualTo(3);
    assertThat(attempts)
        .extracting(request -> request.getHeader("X-Amz-Firehose-Request-Id"))
        .containsOnly(attempts.get(0).getHeader("X-Amz-Firehose-Request-Id"));
    String key = stack.keys(BACKUP).get(0);
    assertThat(key).matches("http-endpoint-failed/\\d{4}/\\d\\d/\\d\\d/\\d\\d/events-1-.*");
    String[] lines = stack.object(BACKUP, key).asUtf8String().split("\n");
    assertThat(lines).hasSize(2);
    JsonNode error = JSON.readTree(lines[0]);
    assertThat(error.get("errorCode").asText()).isEqualTo("HttpEndpoint.DestinationException");
    assertThat(error.get("errorMessage").asText()).contains("503").contains("busy");
    assertThat(error.get("attemptsMade").asInt()).isEqualTo(attempts.size());
    assertThat(
            new String(
                Base64.getDecoder().decode(error.get("rawData").asText()), StandardCharsets.UTF_8))
        .isEqualTo("first\n");
    assertThat(
            stack.server().inspector().journal().stream()
                .filter(event -> event.type().equals(FirehoseEvents.DELIVERY_FAILED))
                .map(event -> event.detail(FirehoseEvents.Details.DESTINATION)))
        .containsExactly("HttpEndpoint");
  }

  @Test
  void anAnswerWithoutTheRequestIdIsNoAcknowledgement() throws Exception {
    endpoint.resetAll();
    endpoint.stubFor(
        post(urlEqualTo("/ingest")).willReturn(aResponse().withStatus(200).withBody("{}")));
    create(
        http ->
            http.bufferingHints(h -> h.sizeInMBs(1).intervalInSeconds(0))
                .retryOptions(r -> r.durationInSeconds(0)));
    put("unacknowledged");

    String key = stack.awaitKeys(BACKUP, 1).get(0);

    assertThat(posts()).hasSize(1);
    assertThat(JSON.readTree(stack.object(BACKUP, key).asUtf8String()).get("errorCode").asText())
        .isEqualTo("HttpEndpoint.InvalidResponseFromDestination");
  }

  @Test
  void allDataBackupKeepsACopyOfWhatWasPosted() throws Exception {
    create(
        http ->
            http.bufferingHints(h -> h.sizeInMBs(1).intervalInSeconds(0)).s3BackupMode("AllData"));
    put("kept\n");

    String key = stack.awaitKeys(BACKUP, 1).get(0);
    Await.until(() -> posts().size() == 1);

    assertThat(key).matches("\\d{4}/\\d\\d/\\d\\d/\\d\\d/events-1-.*");
    assertThat(stack.object(BACKUP, key).asUtf8String()).isEqualTo("kept\n");
  }
}
