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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.messagemanager.sns.model.SnsNotification;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * What SNS delivers passes AWS's own verifier, {@code SnsMessageManager}, with the certificate
 * fetched from the stack ({@link StackSnsVerifier}).
 */
class SnsSignatureTest {

  @RegisterExtension static final SqsStack stack = SqsStack.withVirtualClock();

  private static final ObjectMapper JSON = new ObjectMapper();

  private final SnsClient sns = stack.sns();

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

  @ParameterizedTest
  @ValueSource(strings = {"1", "2"})
  void deliveredNotificationsPassAwsVerification(String version) throws Exception {
    String envelope = deliveredEnvelope(version);

    try (StackSnsVerifier verifier = new StackSnsVerifier(stack)) {
      SnsNotification verified = (SnsNotification) verifier.parse(envelope);

      assertThat(verified.message()).isEqualTo("order 42\nshipped ✓");
      assertThat(verified.subject()).isEqualTo("Shipped");
      assertThat(verified.signatureVersion().toString()).contains(version);
    }
  }

  @Test
  void anAlteredNotificationFailsAwsVerification() throws Exception {
    ObjectNode json = (ObjectNode) JSON.readTree(deliveredEnvelope("2"));
    json.put("Message", "order 43\nshipped ✓");

    try (StackSnsVerifier verifier = new StackSnsVerifier(stack)) {
      assertThatThrownBy(() -> verifier.parse(JSON.writeValueAsString(json)))
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
