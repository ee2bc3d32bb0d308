package io.serverlessstack.fake.internal.firehose;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.serverlessstack.api.SnsEvents;
import io.serverlessstack.fake.Await;
import io.serverlessstack.fake.FirehoseStack;
import io.serverlessstack.fake.SnsClients;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

/**
 * SNS topics fan out to Firehose delivery streams as AWS documents it: a subscription with the
 * {@code firehose} protocol hands each message to the stream, as the notification envelope without
 * its signature fields (or, with raw delivery, the bare message), one message a line, and the
 * stream's buffer lands in S3 where the {@code S3Client} reads it.
 */
class SnsToFirehoseTest {

  @RegisterExtension static final FirehoseStack stack = new FirehoseStack();

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ROLE = "arn:aws:iam::000000000000:role/sns-to-firehose";

  private SnsClient sns;

  @BeforeEach
  void clients() {
    sns = SnsClients.sync(stack.server());
    stack.s3().createBucket(b -> b.bucket("archive"));
  }

  private String deliveryStream(String name) {
    return stack
        .firehose()
        .createDeliveryStream(
            b ->
                b.deliveryStreamName(name)
                    .extendedS3DestinationConfiguration(
                        c ->
                            c.roleARN(ROLE)
                                .bucketARN("arn:aws:s3:::archive")
                                .prefix(name + "/")
                                .bufferingHints(h -> h.intervalInSeconds(60).sizeInMBs(5))))
        .deliveryStreamARN();
  }

  /**
   * The lines of the object the stream wrote under {@code prefix}, once SNS has handed over {@code
   * messages} (its fan-out runs after Publish answers) and the buffer interval has passed.
   */
  private List<String> linesOf(String prefix, int messages) throws Exception {
    Await.until(
        () ->
            stack.server().inspector().journal().stream()
                    .filter(event -> event.type().equals(SnsEvents.MESSAGE_DELIVERED))
                    .count()
                >= messages);
    stack.advance(Duration.ofSeconds(60));
    Await.until(() -> stack.keys("archive").stream().anyMatch(key -> key.startsWith(prefix)));
    String key =
        stack.keys("archive").stream().filter(k -> k.startsWith(prefix)).findFirst().orElseThrow();
    return List.of(stack.object("archive", key).asUtf8String().split("\n", -1));
  }

  @Test
  void notificationsLandInS3OneEnvelopeALineWithoutSignatureFields() throws Exception {
    String streamArn = deliveryStream("enveloped");
    String topicArn = sns.createTopic(b -> b.name("orders")).topicArn();
    String subscriptionArn =
        sns.subscribe(
                b ->
                    b.topicArn(topicArn)
                        .protocol("firehose")
                        .endpoint(streamArn)
                        .attributes(Map.of("SubscriptionRoleArn", ROLE))
                        .returnSubscriptionArn(true))
            .subscriptionArn();

    sns.publish(
        b ->
            b.topicArn(topicArn)
                .subject("New order")
                .message("order-1")
                .messageAttributes(
                    Map.of(
                        "store",
                        MessageAttributeValue.builder()
                            .dataType("String")
                            .stringValue("example_corp")
                            .build())));
    sns.publish(b -> b.topicArn(topicArn).message("order-2"));

    List<String> lines = linesOf("enveloped/", 2);
    assertThat(lines).hasSize(3);
    assertThat(lines.get(2)).isEmpty(); // each message ends with a line break
    List<JsonNode> notifications = new ArrayList<>();
    for (String line : lines.subList(0, 2)) {
      notifications.add(JSON.readTree(line));
    }
    // A standard topic keeps no order between messages.
    JsonNode first =
        notifications.stream()
            .filter(n -> n.get("Message").asText().equals("order-1"))
            .findFirst()
            .orElseThrow();
    assertThat(first.get("Type").asText()).isEqualTo("Notification");
    assertThat(first.get("TopicArn").asText()).isEqualTo(topicArn);
    assertThat(first.get("Subject").asText()).isEqualTo("New order");
    assertThat(first.get("Message").asText()).isEqualTo("order-1");
    assertThat(first.get("UnsubscribeURL").asText())
        .contains(URLEncoder.encode(subscriptionArn, StandardCharsets.UTF_8));
    assertThat(first.at("/MessageAttributes/store/Value").asText()).isEqualTo("example_corp");
    assertThat(first.has("Signature")).isFalse();
    assertThat(first.has("SigningCertURL")).isFalse();
    assertThat(first.has("SignatureVersion")).isFalse();
    assertThat(notifications).extracting(n -> n.get("Message").asText()).contains("order-2");
  }

  @Test
  void rawDeliveryLandsTheBareMessagesOneALine() throws Exception {
    String streamArn = deliveryStream("raw");
    String topicArn = sns.createTopic(b -> b.name("clicks")).topicArn();
    sns.subscribe(
        b ->
            b.topicArn(topicArn)
                .protocol("firehose")
                .endpoint(streamArn)
                .attributes(Map.of("SubscriptionRoleArn", ROLE, "RawMessageDelivery", "true")));

    sns.publish(b -> b.topicArn(topicArn).message("{\"page\":\"home\"}"));
    sns.publish(b -> b.topicArn(topicArn).message("{\"page\":\"cart\"}"));

    assertThat(linesOf("raw/", 2))
        .containsExactlyInAnyOrder("{\"page\":\"home\"}", "{\"page\":\"cart\"}", "");
  }
}
