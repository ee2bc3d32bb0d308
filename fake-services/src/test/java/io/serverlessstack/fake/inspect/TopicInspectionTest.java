package io.serverlessstack.fake.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import io.serverlessstack.api.ResourceRef;
import io.serverlessstack.api.ResourceView;
import io.serverlessstack.api.StackInspector;
import io.serverlessstack.api.SubscriptionView;
import io.serverlessstack.api.TopicView;
import io.serverlessstack.fake.ServerlessStackServer;
import io.serverlessstack.fake.SnsClients;
import io.serverlessstack.fake.SqsStack;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;

/** Topics and their subscriptions as inspection sees them, in this JVM and over the admin API. */
class TopicInspectionTest {

  @RegisterExtension static final SqsStack stack = SqsStack.withVirtualClock();

  private static final HttpClient http = HttpClient.newHttpClient();

  private final SnsClient sns = stack.sns();

  private static StackInspector inspector() {
    return stack.server().inspector();
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(stack.server().endpoint().resolve(path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void topicsAreResourcesOfTypeTopicOfSnsWithTheTopicViewAsTheirTypedView() {
    String orders = sns.createTopic(b -> b.name("orders")).topicArn();
    String alerts =
        sns.createTopic(
                b ->
                    b.name("alerts.fifo")
                        .attributes(
                            Map.of("FifoTopic", "true", "ContentBasedDeduplication", "true")))
            .topicArn();

    assertThat(inspector().resources("sns", "topic"))
        .extracting(ResourceView::ref)
        .containsExactly(
            new ResourceRef("sns", "topic", "alerts.fifo", alerts),
            new ResourceRef("sns", "topic", "orders", orders));
    TopicView fifo = (TopicView) inspector().resource(alerts).orElseThrow();
    assertThat(fifo.fifo()).isTrue();
    assertThat(fifo.accountId()).isEqualTo("000000000000");
    assertThat(fifo.region()).isEqualTo("us-east-1");
    assertThat(fifo.attributes())
        .containsEntry("TopicArn", alerts)
        .containsEntry("ContentBasedDeduplication", "true")
        .isEqualTo(sns.getTopicAttributes(b -> b.topicArn(alerts)).attributes());
    assertThat(inspector().topic("orders")).map(TopicView::arn).contains(orders);
    assertThat(inspector().topic(orders)).map(TopicView::fifo).contains(false);
    assertThat(inspector().topic("missing")).isEmpty();
    assertThat(inspector().resource("arn:aws:sns:us-east-1:000000000000:missing")).isEmpty();
  }

  @Test
  void subscriptionsShowTheirDeliverySettingsAsSet() {
    String topic = sns.createTopic(b -> b.name("orders")).topicArn();
    String queueArn = stack.arn(stack.createQueue("work"));
    String deadLetterArn = stack.arn(stack.createQueue("work-dlq"));
    String redrive = "{\"deadLetterTargetArn\":\"" + deadLetterArn + "\"}";
    String policy = "{\"store\":[\"example_corp\"]}";
    String subscription =
        sns.subscribe(
                b ->
                    b.topicArn(topic)
                        .protocol("sqs")
                        .endpoint(queueArn)
                        .attributes(
                            Map.of(
                                "RawMessageDelivery",
                                "true",
                                "FilterPolicy",
                                policy,
                                "FilterPolicyScope",
                                "MessageBody",
                                "RedrivePolicy",
                                redrive)))
            .subscriptionArn();
    String plain =
        sns.subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint(deadLetterArn))
            .subscriptionArn();

    TopicView view = inspector().topic(topic).orElseThrow();

    assertThat(view.subscriptions())
        .containsExactly(
            new SubscriptionView(
                subscription,
                "sqs",
                queueArn,
                false,
                null,
                true,
                policy,
                "MessageBody",
                redrive,
                deadLetterArn,
                sns.getSubscriptionAttributes(b -> b.subscriptionArn(subscription)).attributes()),
            new SubscriptionView(
                plain,
                "sqs",
                deadLetterArn,
                false,
                null,
                false,
                null,
                null,
                null,
                null,
                sns.getSubscriptionAttributes(b -> b.subscriptionArn(plain)).attributes()));
    assertThat(view.subscription(queueArn)).map(SubscriptionView::arn).contains(subscription);
  }

  @Test
  void aPendingSubscriptionShowsTheTokenThatConfirmsIt() {
    String topic = sns.createTopic(b -> b.name("hooks")).topicArn();
    String endpoint = "https://hooks.example.com/orders";
    sns.subscribe(b -> b.topicArn(topic).protocol("https").endpoint(endpoint));

    SubscriptionView pending = inspector().topic(topic).orElseThrow().subscriptions().get(0);
    assertThat(pending.pendingConfirmation()).isTrue();
    assertThat(pending.confirmationToken()).isNotBlank();
    assertThat(pending.endpoint()).isEqualTo(endpoint);

    String confirmed =
        sns.confirmSubscription(b -> b.topicArn(topic).token(pending.confirmationToken()))
            .subscriptionArn();

    SubscriptionView after = inspector().topic(topic).orElseThrow().subscriptions().get(0);
    assertThat(after.arn()).isEqualTo(confirmed).isEqualTo(pending.arn());
    assertThat(after.pendingConfirmation()).isFalse();
    assertThat(after.confirmationToken()).isNull();
  }

  @Test
  void aTopicNameFindsTheFirstByAccountAndRegionAndAnArnExactlyOne() {
    String mine = sns.createTopic(b -> b.name("orders")).topicArn();
    String theirs;
    try (SnsClient other = SnsClients.sync(stack.server(), "111122223333", Region.EU_WEST_1)) {
      theirs = other.createTopic(b -> b.name("orders")).topicArn();
    }

    assertThat(inspector().topics()).extracting(TopicView::arn).containsExactly(mine, theirs);
    assertThat(inspector().topic("orders")).map(TopicView::arn).contains(mine);
    assertThat(inspector().topic(theirs)).map(TopicView::accountId).contains("111122223333");
    assertThat(inspector().topic(theirs)).map(TopicView::region).contains("eu-west-1");
  }

  @Test
  void genericAdminPathsServeTopicsByNameAndArn() throws Exception {
    String topic = sns.createTopic(b -> b.name("orders")).topicArn();
    sns.subscribe(b -> b.topicArn(topic).protocol("email").endpoint("ops@example.com"));

    HttpResponse<String> collections = get("/_stack/sns");
    assertThat(collections.body()).contains("\"name\":\"topics\"").contains("\"type\":\"topic\"");
    HttpResponse<String> all = get("/_stack/sns/topics");
    assertThat(all.statusCode()).isEqualTo(200);
    assertThat(all.body()).startsWith("[").contains("\"name\":\"orders\"");
    HttpResponse<String> byName = get("/_stack/sns/topics/orders");
    assertThat(byName.statusCode()).isEqualTo(200);
    assertThat(byName.body())
        .contains("\"ref\":{\"service\":\"sns\",\"type\":\"topic\",\"name\":\"orders\"")
        .contains("\"endpoint\":\"ops@example.com\"")
        .contains("\"pendingConfirmation\":true");
    HttpResponse<String> byArn =
        get("/_stack/sns/topics/" + URLEncoder.encode(topic, StandardCharsets.UTF_8));
    assertThat(byArn.body()).isEqualTo(byName.body());
    assertThat(get("/_stack/sns/topics/missing").statusCode()).isEqualTo(404);
    assertThat(get("/_stack/sns/topics/missing").body()).contains("No topic named missing in sns");
  }

  @Test
  void aStackWithoutSnsHasNoTopics() {
    try (ServerlessStackServer sqsOnly =
        ServerlessStackServer.builder().withServices("sqs").start()) {
      assertThat(sqsOnly.inspector().topics()).isEmpty();
      assertThat(sqsOnly.inspector().topic("orders")).isEmpty();
      assertThat(sqsOnly.inspector().resource("arn:aws:sns:us-east-1:000000000000:orders"))
          .isEmpty();
    }
  }

  @Test
  void aTopicDeclaredOnTheBuilderExistsFromTheStartAndAfterEachReset() {
    try (ServerlessStackServer server =
        ServerlessStackServer.builder()
            .withTopic("declared", Map.of())
            .withTopic("declared.fifo", Map.of("FifoTopic", "true"))
            .withTopic("declared.fifo", Map.of("FifoTopic", "true", "DisplayName", "again"))
            .start()) {
      assertThat(server.inspector().topics())
          .extracting(TopicView::name)
          .containsExactly("declared", "declared.fifo");
      assertThat(server.inspector().topic("declared.fifo").orElseThrow().attributes())
          .as("the last declaration of a name wins")
          .containsEntry("DisplayName", "again");

      try (SnsClient client = SnsClients.sync(server)) {
        client.deleteTopic(b -> b.topicArn(server.inspector().topics().get(0).arn()));
      }
      assertThat(server.inspector().topics()).hasSize(1);
      server.reset();

      assertThat(server.inspector().topics()).hasSize(2);
    }
  }
}
