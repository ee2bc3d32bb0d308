package io.serverlessstack.fake.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import io.serverlessstack.api.MessageView;
import io.serverlessstack.fake.SqsStack;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class QueueInspectionTest {

  @RegisterExtension static final SqsStack stack = SqsStack.withVirtualClock();

  private List<String> inspectedBodies(String name) {
    return stack.server().inspector().queue(name).orElseThrow().messages().stream()
        .map(MessageView::body)
        .toList();
  }

  @Test
  void standardQueueMessagesSentAtTheSameInstantAreListedInSendOrder() {
    String url = stack.createQueue("orders");
    List<String> sent = IntStream.range(0, 60).mapToObj(i -> "m" + i).toList();
    sent.forEach(body -> stack.send(url, body));

    assertThat(inspectedBodies("orders")).containsExactlyElementsOf(sent);
  }

  @Test
  void messagesKeepTheirSendOrderWhateverTheirState() {
    String url = stack.createQueue("orders");
    stack.send(url, "first");
    stack.send(url, request -> request.messageBody("delayed").delaySeconds(5));
    stack.send(url, "third");
    stack.receive(url, 1);
    stack.advance(Duration.ofSeconds(1));
    stack.send(url, "later");

    assertThat(inspectedBodies("orders")).containsExactly("first", "delayed", "third", "later");
  }
}
