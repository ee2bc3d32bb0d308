package io.serverlessstack.fake.internal.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.serverlessstack.fake.RawHttp;
import io.serverlessstack.fake.SqsStack;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The front door's HTTP/1.1 manners, beyond what one SDK call at a time shows. */
class HttpFrontDoorTest {

  @RegisterExtension static final SqsStack stack = SqsStack.withVirtualClock();

  @Test
  void pipelinedRequestsAreAnsweredInTheOrderTheyCame() {
    String url = stack.createQueue("pipelined");
    long waiting = stack.longPollsWaiting("pipelined");
    String longPoll = "{\"QueueUrl\":\"" + url + "\",\"WaitTimeSeconds\":20}";
    RawHttp raw = new RawHttp(stack.server().endpoint());
    byte[] pipelined =
        (raw.sqsJsonRequest("ReceiveMessage", longPoll, "")
                + raw.sqsJsonRequest("ListQueues", "{}", "Connection: close\r\n"))
            .getBytes(UTF_8);

    RawHttp.Exchange exchange =
        raw.exchange(
            pipelined,
            Duration.ofSeconds(5),
            () -> {
              stack.awaitLongPolls("pipelined", waiting + 1, () -> false);
              stack.advance(Duration.ofSeconds(20));
            });

    String answers = exchange.response();
    assertThat(answers.split("HTTP/1.1 200 OK", -1)).as(answers).hasSize(3);
    assertThat(answers.indexOf("\r\n\r\n{}")).as(answers).isPositive();
    assertThat(answers.indexOf("\r\n\r\n{}")).isLessThan(answers.indexOf("QueueUrls"));
    assertThat(exchange.closedByServer()).isTrue();
  }
}
