package io.serverlessstack.fake.internal.sns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.messagemanager.sns.SnsMessageManager;
import software.amazon.awssdk.messagemanager.sns.model.SignatureVersion;
import software.amazon.awssdk.messagemanager.sns.model.SnsMessage;
import software.amazon.awssdk.messagemanager.sns.model.SnsNotification;
import software.amazon.awssdk.messagemanager.sns.model.SnsSubscriptionConfirmation;
import software.amazon.awssdk.messagemanager.sns.model.SnsUnsubscribeConfirmation;
import software.amazon.awssdk.regions.Region;

/**
 * The judge of every signature here is AWS's own consumer-side verifier, the SDK's {@link
 * SnsMessageManager}: it parses the message, fetches the certificate, checks its common name and
 * validity, builds the string to sign itself and verifies the signature. It only fetches
 * certificates from SNS's https host, so the messages name that host, and the HTTP client it is
 * given answers for it with the signer's certificate, as a consumer's test setup would route the
 * fetch to the stack.
 */
class MessageSignerTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOPIC_ARN = "arn:aws:sns:us-east-1:000000000000:orders";
  private static final String SNS_HOST = "https://sns.us-east-1.amazonaws.com";
  // Milliseconds other than .000: the SDK re-renders the Timestamp with Instant.toString(), which
  // drops ".000", so it cannot verify such a message from any signer, AWS's included.
  private static final String TIMESTAMP = "2026-12-03T07:33:12.345Z";

  private static final MessageSigner SIGNER = new MessageSigner();
  private static final SnsMessageManager VERIFIER =
      SnsMessageManager.builder()
          .region(Region.US_EAST_1)
          .httpClient(new CertificateServer(SIGNER))
          .build();

  @AfterAll
  static void closeVerifier() {
    VERIFIER.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"1", "2"})
  void notificationWithSubjectPassesAwsVerification(String version) {
    Map<String, String> message = notification("order 42 shipped");
    message.put("Subject", "Order update");

    SnsMessage verified = VERIFIER.parseMessage(signed(message, version));

    assertThat(verified).isInstanceOf(SnsNotification.class);
    assertThat(((SnsNotification) verified).subject()).isEqualTo("Order update");
    assertThat(verified.message()).isEqualTo("order 42 shipped");
    assertThat(verified.signatureVersion()).isEqualTo(SignatureVersion.fromValue(version));
  }

  @ParameterizedTest
  @ValueSource(strings = {"1", "2"})
  void notificationWithoutSubjectPassesAwsVerification(String version) {
    SnsMessage verified = VERIFIER.parseMessage(signed(notification("{\"id\":42}"), version));

    assertThat(((SnsNotification) verified).subject()).isNull();
    assertThat(verified.message()).isEqualTo("{\"id\":42}");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1", "2"})
  void subscriptionConfirmationPassesAwsVerification(String version) {
    SnsMessage verified =
        VERIFIER.parseMessage(signed(confirmation("SubscriptionConfirmation"), version));

    assertThat(verified).isInstanceOf(SnsSubscriptionConfirmation.class);
    assertThat(((SnsSubscriptionConfirmation) verified).token()).isEqualTo("2336412f37fb687f");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1", "2"})
  void unsubscribeConfirmationPassesAwsVerification(String version) {
    SnsMessage verified =
        VERIFIER.parseMessage(signed(confirmation("UnsubscribeConfirmation"), version));

    assertThat(verified).isInstanceOf(SnsUnsubscribeConfirmation.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1", "2"})
  void unicodeAndLineBreaksAreSignedAsUtf8(String version) {
    String body = "Grüße – 注文 🚀\nsecond line\r\nthird\t\"quoted\" \\ backslash\n";
    Map<String, String> message = notification(body);
    message.put("Subject", "Bestellung ✓ 注文");

    SnsMessage verified = VERIFIER.parseMessage(signed(message, version));

    assertThat(verified.message()).isEqualTo(body);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1", "2"})
  void alteredMessageFailsAwsVerification(String version) throws JsonProcessingException {
    Map<String, String> message = notification("pay 10 EUR");
    message.put("Signature", SIGNER.sign(message, version));
    message.put("SignatureVersion", version);
    message.put("SigningCertURL", SNS_HOST + SIGNER.certificatePath());
    message.put("Message", "pay 1000 EUR");

    String altered = JSON.writeValueAsString(message);

    assertThatThrownBy(() -> VERIFIER.parseMessage(altered))
        .isInstanceOf(SdkClientException.class)
        .hasMessageContaining("signature");
  }

  @Test
  void addingASubjectAfterSigningFailsAwsVerification() throws JsonProcessingException {
    Map<String, String> message = notification("hello");
    message.put("Signature", SIGNER.sign(message, "2"));
    message.put("SignatureVersion", "2");
    message.put("SigningCertURL", SNS_HOST + SIGNER.certificatePath());
    message.put("Subject", "added");

    String altered = JSON.writeValueAsString(message);

    assertThatThrownBy(() -> VERIFIER.parseMessage(altered)).isInstanceOf(SdkClientException.class);
  }

  @Test
  void certificateIsAValidSelfSignedX509CertificateForSnsSigningHost() throws Exception {
    String pem = SIGNER.certificatePem();

    X509Certificate certificate =
        (X509Certificate)
            CertificateFactory.getInstance("X.509")
                .generateCertificate(
                    new ByteArrayInputStream(pem.getBytes(StandardCharsets.UTF_8)));

    assertThat(pem)
        .startsWith("-----BEGIN CERTIFICATE-----\n")
        .endsWith("\n-----END CERTIFICATE-----\n")
        .doesNotContain("\r");
    certificate.checkValidity();
    assertThat(certificate.getNotAfter().toInstant()).isAfter(Instant.now().plusSeconds(86_400));
    assertThat(certificate.getSubjectX500Principal().getName())
        .contains("CN=sns.amazonaws.com")
        .isEqualTo(certificate.getIssuerX500Principal().getName());
    certificate.verify(certificate.getPublicKey()); // self-signed
    assertThat(certificate.getPublicKey()).isInstanceOf(RSAPublicKey.class);
    assertThat(((RSAPublicKey) certificate.getPublicKey()).getModulus().bitLength())
        .isEqualTo(1024);
    assertThat(certificate.getSerialNumber()).isPositive();
  }

  @Test
  void certificatePathLooksLikeAwsCertificateFileAndStaysTheSame() {
    MessageSigner signer = new MessageSigner();
    String before = signer.certificatePath();

    signer.certificatePem();

    assertThat(signer.certificatePath())
        .matches("/_sns/SimpleNotificationService-[0-9a-f]{32}\\.pem")
        .isEqualTo(before)
        .isNotEqualTo(SIGNER.certificatePath());
  }

  @Test
  void concurrentFirstUsesShareOneKey() throws Exception {
    MessageSigner signer = new MessageSigner();
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try {
      CountDownLatch start = new CountDownLatch(1);
      Callable<String> firstUse =
          () -> {
            start.await();
            return signer.certificatePem();
          };
      List<Future<String>> pems =
          IntStream.range(0, 4).mapToObj(i -> threads.submit(firstUse)).toList();

      start.countDown();

      Set<String> distinct = new HashSet<>();
      for (Future<String> pem : pems) {
        distinct.add(pem.get(30, TimeUnit.SECONDS));
      }
      assertThat(distinct).hasSize(1);
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void unknownSignatureVersionIsRejected() {
    assertThatThrownBy(() -> SIGNER.sign(notification("x"), "3"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("3");
    assertThatThrownBy(() -> SIGNER.sign(notification("x"), null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void unknownTypeAndMissingSignedFieldsAreRejected() {
    Map<String, String> unknownType = notification("x");
    unknownType.put("Type", "Surprise");
    Map<String, String> noToken = confirmation("SubscriptionConfirmation");
    noToken.remove("Token");

    assertThatThrownBy(() -> SIGNER.sign(unknownType, "2"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Surprise");
    assertThatThrownBy(() -> SIGNER.sign(noToken, "2"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Token");
  }

  private static Map<String, String> notification(String body) {
    Map<String, String> message = new LinkedHashMap<>();
    message.put("Type", "Notification");
    message.put("MessageId", "22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324");
    message.put("TopicArn", TOPIC_ARN);
    message.put("Message", body);
    message.put("Timestamp", TIMESTAMP);
    message.put(
        "UnsubscribeURL",
        SNS_HOST + "/?Action=Unsubscribe&SubscriptionArn=" + TOPIC_ARN + ":c9135db0");
    return message;
  }

  private static Map<String, String> confirmation(String type) {
    Map<String, String> message = new LinkedHashMap<>();
    message.put("Type", type);
    message.put("MessageId", "165545c9-2a5c-472c-8df2-7ff2be2b3b1b");
    message.put("Token", "2336412f37fb687f");
    message.put("TopicArn", TOPIC_ARN);
    message.put(
        "Message",
        "You have chosen to subscribe to the topic "
            + TOPIC_ARN
            + ".\nTo confirm the subscription, visit the SubscribeURL included in this message.");
    message.put(
        "SubscribeURL",
        SNS_HOST
            + "/?Action=ConfirmSubscription&TopicArn="
            + TOPIC_ARN
            + "&Token=2336412f37fb687f");
    message.put("Timestamp", TIMESTAMP);
    return message;
  }

  /** The message as SNS delivers it: its fields plus the signature fields, as JSON. */
  private static String signed(Map<String, String> message, String version) {
    Map<String, String> delivered = new LinkedHashMap<>(message);
    delivered.put("SignatureVersion", version);
    delivered.put("Signature", SIGNER.sign(message, version));
    delivered.put("SigningCertURL", SNS_HOST + SIGNER.certificatePath());
    try {
      return JSON.writeValueAsString(delivered);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Serves the signer's certificate at its path, as the stack does; 404 for anything else. */
  private record CertificateServer(MessageSigner signer) implements SdkHttpClient {

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
      boolean certificate = request.httpRequest().encodedPath().equals(signer.certificatePath());
      byte[] body =
          certificate ? signer.certificatePem().getBytes(StandardCharsets.US_ASCII) : new byte[0];
      return new ExecutableHttpRequest() {
        @Override
        public HttpExecuteResponse call() {
          return HttpExecuteResponse.builder()
              .response(SdkHttpResponse.builder().statusCode(certificate ? 200 : 404).build())
              .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body)))
              .build();
        }

        @Override
        public void abort() {}
      };
    }

    @Override
    public void close() {}
  }
}
