package io.serverlessstack.fake.internal.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import io.serverlessstack.fake.ServerlessStackServer;
import io.serverlessstack.fake.SqsClients;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

class SqsSmokeTest {

  @Test
  void sendReceiveDelete() {
    try (ServerlessStackServer stack = ServerlessStackServer.builder().start();
        SqsClient sqs = SqsClients.sync(stack)) {
      String url = sqs.createQueue(b -> b.queueName("orders")).queueUrl();
      sqs.sendMessage(
          b ->
              b.queueUrl(url)
                  .messageBody("hello")
                  .messageAttributes(
                      Map.of(
                          "kind",
                          MessageAttributeValue.builder()
                              .dataType("String")
                              .stringValue("x")
                              .build())));
      List<Message> messages =
          sqs.receiveMessage(
                  b ->
                      b.queueUrl(url)
                          .messageAttributeNames("All")
                          .messageSystemAttributeNamesWithStrings("All"))
              .messages();
      assertThat(messages).extracting(Message::body).containsExactly("hello");
      sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(messages.get(0).receiptHandle()));
      assertThat(stack.inspector().queue("orders").orElseThrow().messages()).isEmpty();
    }
  }
}
