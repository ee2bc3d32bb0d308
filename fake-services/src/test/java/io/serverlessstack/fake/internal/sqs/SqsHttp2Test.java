package io.serverlessstack.fake.internal.sqs;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.serverlessstack.fake.SqsClients;
import io.serverlessstack.fake.SqsStack;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

/**
 * An async SQS client on Netty told to speak HTTP/2: over {@code http://} that is h2c with prior
 * knowledge, as {@code KinesisAsyncClient} speaks by default.
 */
class SqsHttp2Test {

  @RegisterExtension static final SqsStack stack = SqsStack.withSystemClock();

  private static SqsAsyncClient http2;

  @BeforeAll
  static void http2Client() {
    http2 = stack.track(SqsClients.asyncHttp2(stack.server()));
  }

  @Test
  void sendReceiveAndDeleteOverHttp2() throws Exception {
    String url = http2.createQueue(b -> b.queueName("h2")).get(5, SECONDS).queueUrl();
    Map<String, MessageAttributeValue> attributes = Map.of("kind", SqsStack.string("h2"));

    http2
        .sendMessage(b -> b.queueUrl(url).messageBody("over h2c").messageAttributes(attributes))
        .get(5, SECONDS);
    List<Message> messages =
        http2
            .receiveMessage(b -> b.queueUrl(url).messageAttributeNames("All"))
            .get(5, SECONDS)
            .messages();
    http2
        .deleteMessage(b -> b.queueUrl(url).receiptHandle(messages.get(0).receiptHandle()))
        .get(5, SECONDS);

    assertThat(url).isEqualTo(stack.server().endpoint() + "/000000000000/h2");
    assertThat(messages).extracting(Message::body).containsExactly("over h2c");
    assertThat(messages.get(0).messageAttributes()).isEqualTo(attributes);
    assertThat(stack.receive(url, 10)).isEmpty();
  }

  @Test
  void aParkedLongPollDoesNotHoldUpOtherStreams() throws Exception {
    String url = stack.createQueue("multiplexed");
    CompletableFuture<ReceiveMessageResponse> waiting =
        http2.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(20));

    http2.sendMessage(b -> b.queueUrl(url).messageBody("beside the long poll")).get(5, SECONDS);

    assertThat(waiting.get(5, SECONDS).messages())
        .extracting(Message::body)
        .containsExactly("beside the long poll");
  }
}
