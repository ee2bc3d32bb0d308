package io.serverlessstack.assertions;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.serverlessstack.assertions.StackAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.serverlessstack.api.InspectableDeliveryStream;
import io.serverlessstack.api.StackDefaults;
import io.serverlessstack.fake.ServerlessStackServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.firehose.FirehoseClient;

/**
 * Delivery stream assertions against a real stack: records put with the SDK's {@code
 * FirehoseClient}, delivered to the stack's S3 bucket {@code landing} or a WireMock endpoint once
 * the virtual clock passes the buffer interval.
 */
class DeliveryStreamAssertTest {

  private static final String ROLE = "arn:aws:iam::000000000000:role/firehose";
  private static ServerlessStackServer server;
  private static FirehoseClient firehose;
  private static WireMockServer endpoint;

  @BeforeAll
  static void startStack() {
    server = ServerlessStackServer.builder().withVirtualClock().withBucket("landing").start();
    firehose =
        FirehoseClient.builder()
            .endpointOverride(server.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(
                        StackDefaults.ACCESS_KEY_ID, StackDefaults.SECRET_ACCESS_KEY)))
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .build();
    endpoint = new WireMockServer(wireMockConfig().dynamicPort());
    endpoint.start();
  }

  @AfterAll
  static void stopStack() {
    endpoint.stop();
    firehose.close();
    server.close();
  }

  @BeforeEach
  void freshStreams() {
    server.reset();
    firehose.createDeliveryStream(
        b ->
            b.deliveryStreamName("clicks")
                .extendedS3DestinationConfiguration(
                    c ->
                        c.roleARN(ROLE)
                            .bucketARN("arn:aws:s3:::landing")
                            .bufferingHints(h -> h.sizeInMBs(1).intervalInSeconds(60))));
  }

  private static InspectableDeliveryStream clicks() {
    return InspectableDeliveryStream.of(server.inspector(), "clicks");
  }

  private static void put(String stream, String text) {
    firehose.putRecord(
        b -> b.deliveryStreamName(stream).record(r -> r.data(SdkBytes.fromUtf8String(text))));
  }

  @Test
  void recordsDeliveredToS3AreCountedAndFoundInTheirObject() {
    put("clicks", "{\"page\":\"view\"}\n");
    put("clicks", "{\"page\":\"checkout\"}\n");
    server.virtualClock().orElseThrow().advance(Duration.ofMinutes(1));

    assertThat(clicks())
        .eventually()
        .exists()
        .hasDelivered(2)
        .hasDeliveredObjectContaining("\"page\":\"checkout\"");
    assertThat(server.inspector()).deliveryStream("clicks").hasDelivered(2);
  }

  @Test
  void hasDeliveredFailsShowingWhatTheStreamBuffers() {
    put("clicks", "waiting");

    assertThatThrownBy(() -> assertThat(clicks()).hasDelivered(1))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expecting delivery stream \"clicks\" to have delivered 1 records")
        .hasMessageContaining("but it delivered 0")
        .hasMessageContaining("DirectPut to S3 arn:aws:s3:::landing (buffering 1 MiB or 60 s)")
        .hasMessageContaining("1 records buffered");
  }

  @Test
  void hasDeliveredObjectContainingListsTheObjectsItSaw() {
    put("clicks", "view");
    server.virtualClock().orElseThrow().advance(Duration.ofMinutes(1));
    assertThat(clicks()).eventually().hasDelivered(1);

    assertThatThrownBy(() -> assertThat(clicks()).hasDeliveredObjectContaining("refund"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("to have delivered an S3 object containing \"refund\"")
        .hasMessageContaining("but none of its 1 objects does")
        .hasMessageContaining("destination s3://landing/")
        .hasMessageContaining("1 records: \"view\"");
  }

  @Test
  void recordsPostedToAnHttpEndpointAreFound() {
    endpoint.resetAll();
    endpoint.stubFor(
        post(urlEqualTo("/hook"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withBody("{\"requestId\":\"{{jsonPath request.body '$.requestId'}}\"}")
                    .withTransformers("response-template")));
    firehose.createDeliveryStream(
        b ->
            b.deliveryStreamName("webhook")
                .httpEndpointDestinationConfiguration(
                    http ->
                        http.endpointConfiguration(
                                e -> e.url("http://localhost:" + endpoint.port() + "/hook"))
                            .bufferingHints(h -> h.sizeInMBs(1).intervalInSeconds(0))
                            .s3Configuration(
                                c -> c.roleARN(ROLE).bucketARN("arn:aws:s3:::landing"))));
    put("webhook", "{\"order\":42}");

    InspectableDeliveryStream webhook = InspectableDeliveryStream.of(server.inspector(), "webhook");
    assertThat(webhook).eventually().hasDelivered(1).hasPostedRecordContaining("\"order\":42");
    assertThatThrownBy(() -> assertThat(webhook).hasPostedRecordContaining("\"order\":43"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("but none of the records of its 1 requests does");
  }

  @Test
  void existsFailsForADeliveryStreamTheStackDoesNotHave() {
    assertThatThrownBy(() -> assertThat(server.inspector()).deliveryStream("orders").exists())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expecting delivery stream \"orders\" to exist")
        .hasMessageContaining("its delivery streams are [clicks]");
  }
}
