package io.serverlessstack.fake.internal.sns;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static software.amazon.awssdk.services.sqs.model.QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.serverlessstack.api.JournalEvent;
import io.serverlessstack.api.SnsEvents;
import io.serverlessstack.fake.Await;
import io.serverlessstack.fake.SqsStack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.messagemanager.sns.model.SnsUnsubscribeConfirmation;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * HTTP(S) subscriptions against a real HTTP server (WireMock): the confirmation handshake, posted
 * notifications with SNS's headers, and retries on the stack's clock before the dead-letter queue.
 */
class SnsHttpEndpointTest {

  @RegisterExtension static final SqsStack stack = SqsStack.withVirtualClock();

  private static final ObjectMapper JSON = new ObjectMapper();
  private static WireMockServer endpoint;

  private final SnsClient sns = stack.sns();

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
  void answerEverythingWithOk() {
    endpoint.resetAll();
    endpoint.stubFor(post(urlEqualTo("/hook")).willReturn(aResponse().withStatus(200)));
  }

  private String hook() {
    return "http://localhost:" + endpoint.port() + "/hook";
  }

  private List<LoggedRequest> posted(String messageType) {
    return endpoint.findAll(
        postRequestedFor(urlEqualTo("/hook"))
            .withHeader("x-amz-sns-message-type", equalTo(messageType)));
  }

  private List<LoggedRequest> awaitPosts(String messageType, int count) throws Exception {
    Await.until(() -> posted(messageType).size() >= count);
    return posted(messageType);
  }

  /** Subscribes the hook and confirms it with the token its confirmation request carried. */
  private String confirmedSubscription(String topicArn, Map<String, String> attributes)
      throws Exception {
    sns.subscribe(
        b -> b.topicArn(topicArn).protocol("http").endpoint(hook()).attributes(attributes));
    JsonNode confirmation =
        JSON.readTree(awaitPosts("SubscriptionConfirmation", 1).get(0).getBodyAsString());
    return sns.confirmSubscription(
            b -> b.topicArn(topicArn).token(confirmation.get("Token").asText()))
        .subscriptionArn();
  }

  /**
   * A queue subscribed beside the hook: once it has a message, the publish has been fanned out to
   * every subscription, so whatever was to reach the hook has been handed over too.
   */
  private String witness(String topicArn) {
    String url = stack.createQueue("witness");
    sns.subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(stack.arn(url)));
    return url;
  }

  private void awaitWitness(String url) throws Exception {
    Await.until(() -> stack.count(url, APPROXIMATE_NUMBER_OF_MESSAGES) == 1);
  }

  private List<String> journalTypes() {
    return stack.server().inspector().journal().stream()
        .filter(event -> event.service().equals(SnsEvents.SERVICE))
        .map(JournalEvent::type)
        .toList();
  }

  @Test
  void subscribingPostsAConfirmationWhoseSubscribeUrlConfirms() throws Exception {
    String topicArn = sns.createTopic(b -> b.name("hooks")).topicArn();

    String answer =
        sns.subscribe(b -> b.topicArn(topicArn).protocol("http").endpoint(hook()))
            .subscriptionArn();
    LoggedRequest request = awaitPosts("SubscriptionConfirmation", 1).get(0);
    JsonNode confirmation = JSON.readTree(request.getBodyAsString());

    assertThat(answer).isEqualTo("pending confirmation");
    assertThat(confirmation.get("Type").asText()).isEqualTo("SubscriptionConfirmation");
    assertThat(confirmation.get("TopicArn").asText()).isEqualTo(topicArn);
    assertThat(confirmation.get("Token").asText()).isNotBlank();
    assertThat(confirmation.get("Message").asText())
        .isEqualTo(
            "You have chosen to subscribe to the topic "
                + topicArn
                + ".\nTo confirm the subscription, visit the SubscribeURL included in this"
                + " message.");
    assertThat(confirmation.fieldNames())
        .toIterable()
        .contains("Signature", "SigningCertURL", "SignatureVersion", "Timestamp", "MessageId");
    assertThat(request.getHeader("x-amz-sns-topic-arn")).isEqualTo(topicArn);
    assertThat(request.getHeader("x-amz-sns-message-id"))
        .isEqualTo(confirmation.get("MessageId").asText());
    assertThat(request.containsHeader("x-amz-sns-subscription-arn")).isFalse();

    // What an endpoint's code does: visit the SubscribeURL, unsigned.
    HttpResponse<String> visited =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(confirmation.get("SubscribeURL").asText()))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(visited.statusCode()).isEqualTo(200);
    assertThat(visited.body()).contains("<ConfirmSubscriptionResult>").contains(topicArn + ":");
    String subscriptionArn =
        sns.listSubscriptionsByTopic(b -> b.topicArn(topicArn))
            .subscriptions()
            .get(0)
            .subscriptionArn();
    assertThat(subscriptionArn).startsWith(topicArn + ":");
    assertThat(sns.getSubscriptionAttributes(b -> b.subscriptionArn(subscriptionArn)).attributes())
        .containsEntry("PendingConfirmation", "false");
  }

  @Test
  void nothingIsPostedToAnUnconfirmedSubscription() throws Exception {
    String topicArn = sns.createTopic(b -> b.name("unconfirmed")).topicArn();
    sns.subscribe(b -> b.topicArn(topicArn).protocol("http").endpoint(hook()));
    awaitPosts("SubscriptionConfirmation", 1);
    String witness = witness(topicArn);

    sns.publish(b -> b.topicArn(topicArn).message("not for you yet"));

    awaitWitness(witness);
    assertThat(posted("Notification")).isEmpty();
  }

  @Test
  void notificationsArePostedWithSnsHeadersAndEnvelope() throws Exception {
    String topicArn = sns.createTopic(b -> b.name("notified")).topicArn();
    String subscriptionArn = confirmedSubscription(topicArn, Map.of());

    String messageId =
        sns.publish(b -> b.topicArn(topicArn).subject("Hi").message("hello endpoint")).messageId();

    LoggedRequest request = awaitPosts("Notification", 1).get(0);
    JsonNode envelope = JSON.readTree(request.getBodyAsString());
    assertThat(request.getHeader("x-amz-sns-message-id")).isEqualTo(messageId);
    assertThat(request.getHeader("x-amz-sns-topic-arn")).isEqualTo(topicArn);
    assertThat(request.getHeader("x-amz-sns-subscription-arn")).isEqualTo(subscriptionArn);
    assertThat(request.getHeader("Content-Type")).isEqualTo("text/plain; charset=UTF-8");
    assertThat(request.getHeader("User-Agent"))
        .isEqualTo("Amazon Simple Notification Service Agent");
    assertThat(request.containsHeader("x-amz-sns-rawdelivery")).isFalse();
    assertThat(envelope.get("Message").asText()).isEqualTo("hello endpoint");
    assertThat(envelope.get("Subject").asText()).isEqualTo("Hi");
    assertThat(envelope.get("MessageId").asText()).isEqualTo(messageId);
    Await.until(() -> journalTypes().contains(SnsEvents.MESSAGE_DELIVERED));
  }

  @Test
  void rawDeliveryPostsTheBareMessageAndTheContentTypeOfTheDeliveryPolicy() throws Exception {
    String topicArn = sns.createTopic(b -> b.name("raw-hook")).topicArn();
    confirmedSubscription(
        topicArn,
        Map.of(
            "RawMessageDelivery",
            "true",
            "DeliveryPolicy",
            "{\"requestPolicy\":{\"headerContentType\":\"application/json\"}}"));

    sns.publish(b -> b.topicArn(topicArn).message("{\"bare\":true}"));

    LoggedRequest request = awaitPosts("Notification", 1).get(0);
    assertThat(request.getBodyAsString()).isEqualTo("{\"bare\":true}");
    assertThat(request.getHeader("x-amz-sns-rawdelivery")).isEqualTo("true");
    assertThat(request.getHeader("Content-Type")).isEqualTo("application/json");
  }

  @Test
  void aFailingEndpointIsRetriedEveryTwentySecondsThenDeadLettered() throws Exception {
    endpoint.stubFor(
        post(urlEqualTo("/hook"))
            .withHeader("x-amz-sns-message-type", equalTo("Notification"))
            .willReturn(aResponse().withStatus(503)));
    String topicArn = sns.createTopic(b -> b.name("flaky")).topicArn();
    String dlq = stack.createQueue("hook-dlq");
    confirmedSubscription(
        topicArn, Map.of("RedrivePolicy", "{\"deadLetterTargetArn\":\"" + stack.arn(dlq) + "\"}"));

    sns.publish(b -> b.topicArn(topicArn).message("try again"));

    // AWS's default HTTP policy: the attempt and three retries, 20 s apart on the stack's clock.
    for (int attempt = 1; attempt <= 3; attempt++) {
      awaitPosts("Notification", attempt);
      Await.until(() -> stack.deliveryRetriesWaiting() == 1);
      stack.advance(Duration.ofSeconds(19));
      assertThat(posted("Notification")).hasSize(attempt);
      stack.advance(Duration.ofSeconds(1));
    }
    awaitPosts("Notification", 4);
    Await.until(() -> stack.count(dlq, APPROXIMATE_NUMBER_OF_MESSAGES) == 1);
    stack.advance(Duration.ofHours(1));

    assertThat(posted("Notification")).hasSize(4);
    assertThat(JSON.readTree(stack.receive(dlq, 1).get(0).body()).get("Message").asText())
        .isEqualTo("try again");
    Await.until(() -> journalTypes().contains(SnsEvents.MESSAGE_DEAD_LETTERED));
    assertThat(
            journalTypes().stream()
                .filter(type -> type.startsWith("Delivery") || type.endsWith("DeadLettered")))
        .containsExactly(
            SnsEvents.DELIVERY_RETRIED,
            SnsEvents.DELIVERY_RETRIED,
            SnsEvents.DELIVERY_RETRIED,
            SnsEvents.DELIVERY_FAILED,
            SnsEvents.MESSAGE_DEAD_LETTERED);
  }

  @Test
  void aClientErrorEndsTheDeliveryWithoutRetries() throws Exception {
    endpoint.stubFor(
        post(urlEqualTo("/hook"))
            .withHeader("x-amz-sns-message-type", equalTo("Notification"))
            .willReturn(aResponse().withStatus(404)));
    String topicArn = sns.createTopic(b -> b.name("refusing")).topicArn();
    confirmedSubscription(topicArn, Map.of());

    sns.publish(b -> b.topicArn(topicArn).message("gone"));

    awaitPosts("Notification", 1);
    Await.until(() -> journalTypes().contains(SnsEvents.MESSAGE_DELIVERED));
    stack.advance(Duration.ofMinutes(5));
    assertThat(posted("Notification")).hasSize(1);
    JournalEvent delivered =
        stack.server().inspector().journal().stream()
            .filter(event -> event.type().equals(SnsEvents.MESSAGE_DELIVERED))
            .findFirst()
            .orElseThrow();
    assertThat(delivered.details()).containsEntry(SnsEvents.Details.STATUS_CODE, "404");
  }

  @Test
  void unsubscribingStopsThePosts() throws Exception {
    String topicArn = sns.createTopic(b -> b.name("leaving-hook")).topicArn();
    String subscriptionArn = confirmedSubscription(topicArn, Map.of());

    String witness = witness(topicArn);

    sns.unsubscribe(b -> b.subscriptionArn(subscriptionArn));
    sns.publish(b -> b.topicArn(topicArn).message("after"));

    awaitWitness(witness);
    assertThat(posted("Notification")).isEmpty();
  }

  @Test
  void unsubscribingPostsAnUnsubscribeConfirmationSignedAsAwsSignsIt() throws Exception {
    String topicArn = sns.createTopic(b -> b.name("farewell-hook")).topicArn();
    String subscriptionArn = confirmedSubscription(topicArn, Map.of());
    stack.advance(Duration.ofMillis(7)); // AWS's verifier refuses timestamps on a whole second

    sns.unsubscribe(b -> b.subscriptionArn(subscriptionArn));

    LoggedRequest post = awaitPosts("UnsubscribeConfirmation", 1).get(0);
    JsonNode message = JSON.readTree(post.getBodyAsString());
    assertThat(message.get("Type").asText()).isEqualTo("UnsubscribeConfirmation");
    assertThat(message.get("TopicArn").asText()).isEqualTo(topicArn);
    assertThat(message.get("Message").asText())
        .isEqualTo(
            "You have chosen to deactivate subscription "
                + subscriptionArn
                + ".\nTo cancel this operation and restore the subscription, visit the"
                + " SubscribeURL included in this message.");
    assertThat(message.get("Token").asText()).isNotBlank();
    assertThat(message.get("SubscribeURL").asText()).contains("Action=ConfirmSubscription");
    assertThat(message.get("Signature").asText()).isNotBlank();
    assertThat(post.getHeader("x-amz-sns-topic-arn")).isEqualTo(topicArn);
    try (StackSnsVerifier verifier = new StackSnsVerifier(stack)) {
      assertThat(verifier.parse(post.getBodyAsString()))
          .isInstanceOf(SnsUnsubscribeConfirmation.class);
    }
  }

  @Test
  void anUnconfirmedSubscriptionIsDeletedWithoutAPost() throws Exception {
    String topicArn = sns.createTopic(b -> b.name("never-confirmed")).topicArn();
    String subscriptionArn =
        sns.subscribe(
                b ->
                    b.topicArn(topicArn)
                        .protocol("http")
                        .endpoint(hook())
                        .returnSubscriptionArn(true))
            .subscriptionArn();
    awaitPosts("SubscriptionConfirmation", 1);
    String witness = witness(topicArn);

    sns.unsubscribe(b -> b.subscriptionArn(subscriptionArn));
    sns.publish(b -> b.topicArn(topicArn).message("after"));

    awaitWitness(witness);
    assertThat(posted("UnsubscribeConfirmation")).isEmpty();
  }
}
