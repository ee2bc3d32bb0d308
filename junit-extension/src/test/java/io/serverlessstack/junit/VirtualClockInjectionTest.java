package io.serverlessstack.junit;

import static io.serverlessstack.assertions.StackAssertions.assertThat;

import io.serverlessstack.api.ClockMode;
import io.serverlessstack.fake.clock.VirtualClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

@ServerlessStack(clock = ClockMode.MANUAL)
@SqsQueue(name = "jobs", visibilityTimeout = 60)
class VirtualClockInjectionTest {

  @Test
  void advancingTheInjectedClockEndsVisibilityTimeouts(
      SqsClient sqs, VirtualClock clock, @SqsQueueName("jobs") SqsQueueHandle jobs) {
    sqs.sendMessage(request -> request.queueUrl(jobs.url()).messageBody("job-1"));
    sqs.receiveMessage(request -> request.queueUrl(jobs.url()));
    assertThat(jobs).hasInFlightMessages(1);

    clock.advance(Duration.ofSeconds(59));
    assertThat(jobs).hasInFlightMessages(1);

    clock.advance(Duration.ofSeconds(1));
    assertThat(jobs).hasVisibleMessages(1).hasInFlightMessages(0);
  }
}
