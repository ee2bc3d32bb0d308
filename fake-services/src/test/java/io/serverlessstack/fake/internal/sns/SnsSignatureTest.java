package io.serverlessstack.fake.internal.sns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static software.amazon.awssdk.services.sqs.model.QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.serverlessstack.fake.Await;
import io.serverlessstack.fake.SqsStack;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.messagemanager.sns.SnsMessageManager;
import software.amazon.awssdk.messagemanager.sns.model.SnsNotification;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * What SNS delivers passes AWS's own verifier, {@code SnsMessageManager}, with the certificate
 * fetched from the stack. The verifier only fetches certificates from {@code sns.<region>
 * .amazonaws.com}, so the test names that host in the message and its HTTP client takes such
 * requests to the stack (the certificate URL is not part of what is signed).
 */
class SnsSignatureTest {

  @RegisterExtension static final SqsStack stack = SqsStack.withVirtualClock();

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SdkHttpClient HTTP = ApacheHttpClient.create();

  private final SnsClient sns = stack.sns();

  @AfterAll
  static void closeHttp() {
    HTTP.close();
  }

  /** Sends every request the verifier makes to the stack, path and all. */
  private static SdkHttpClient towardsTheStack() {
    return new SdkHttpClient() {
      @Override
      public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        URI stack = SnsSignatureTest.stack.server().endpoint();
        return HTTP.prepareRequest(
            HttpExecuteRequest.builder()
                .request(
                    request.httpRequest().toBuilder()
                        .protocol(stack.getScheme())
                        .host(stack.getHost())
                        .port(stack.getPort())
                        .build())
                .contentStreamProvider(request.contentStreamProvider().orElse(null))
                .build());
      }

      @Override
      public void close() {}
    };
  }

  private String deliveredEnvelope(String signatureVersion) throws Exception {
    String topicArn = sns.createTopic(b -> b.name("signed")).topicArn();
    sns.setTopicAttributes(
        b ->
            b.topicArn(topicArn)
                .attributeName("SignatureVersion")
                .attributeValue(signatureVersion));
    String url = stack.createQueue("signed-queue");
    sns.subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(stack.arn(url)));
    // The SDK's verifier re-renders the timestamp without ".000" and so cannot verify a message of
    // a whole second, from AWS either: publish off the second.
    stack.advance(Duration.ofMillis(345));
    sns.publish(b -> b.topicArn(topicArn).subject("Shipped").message("order 42\nshipped ✓"));
    Await.until(() -> stack.count(url, APPROXIMATE_NUMBER_OF_MESSAGES) == 1);
    return stack.receive(url, 1).get(0).body();
  }

  private static String withAwsCertificateHost(String envelope) throws Exception {
    ObjectNode json = (ObjectNode) JSON.readTree(envelope);
    URI certificate = URI.create(json.get("SigningCertURL").asText());
    json.put("SigningCertURL", "https://sns.us-east-1.amazonaws.com" + certificate.getPath());
    return JSON.writeValueAsString(json);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1", "2"})
  void deliveredNotificationsPassAwsVerification(String version) throws Exception {
    String envelope = deliveredEnvelope(version);

    try (SnsMessageManager verifier =
        SnsMessageManager.builder()
            .region(Region.US_EAST_1)
            .httpClient(towardsTheStack())
            .build()) {
      SnsNotification verified =
          (SnsNotification) verifier.parseMessage(withAwsCertificateHost(envelope));

      assertThat(verified.message()).isEqualTo("order 42\nshipped ✓");
      assertThat(verified.subject()).isEqualTo("Shipped");
      assertThat(verified.signatureVersion().toString()).contains(version);
    }
  }

  @Test
  void anAlteredNotificationFailsAwsVerification() throws Exception {
    ObjectNode json = (ObjectNode) JSON.readTree(withAwsCertificateHost(deliveredEnvelope("2")));
    json.put("Message", "order 43\nshipped ✓");

    try (SnsMessageManager verifier =
        SnsMessageManager.builder()
            .region(Region.US_EAST_1)
            .httpClient(towardsTheStack())
            .build()) {
      assertThatThrownBy(() -> verifier.parseMessage(JSON.writeValueAsString(json)))
          .isInstanceOf(SdkClientException.class);
    }
  }

  @Test
  void theStackServesTheCertificateItsMessagesName() throws Exception {
    String envelope = deliveredEnvelope("1");
    URI certificate = URI.create(JSON.readTree(envelope).get("SigningCertURL").asText());

    java.net.http.HttpResponse<String> response =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(certificate).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());

    assertThat(certificate.getPath()).matches("/_sns/SimpleNotificationService-[0-9a-f]{32}\\.pem");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).startsWith("-----BEGIN CERTIFICATE-----");
  }
}
