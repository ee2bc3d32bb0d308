package io.serverlessstack.junit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.serverlessstack.api.ClockControl;
import io.serverlessstack.junit.SqsQueue;
import io.serverlessstack.junit.SqsQueueHandle;
import io.serverlessstack.junit.SqsQueueName;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

/**
 * {@code @ServerlessStack(clock = ClockMode.SKIP_IDLE)}, wherever the stack runs: a test's long
 * polls end at once in wall time, with the stack's clock on by the time they waited.
 */
@SqsQueue(name = "jobs")
abstract class IdleSkippingClockContract {

  @Test
  void fiveSecondLongPollFromTheTestReturnsAtOnceWithTheClockFiveSecondsOn(
      SqsClient sqs, ClockControl clock, @SqsQueueName("jobs") SqsQueueHandle jobs) {
    Instant before = clock.now();
    long started = System.nanoTime();

    ReceiveMessageResponse response =
        sqs.receiveMessage(request -> request.queueUrl(jobs.url()).waitTimeSeconds(5));

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    assertThat(response.messages()).isEmpty();
    assertThat(clock.now()).isEqualTo(before.plusSeconds(5));
  }

  @Test
  void delayedMessagesReachALongPollingConsumerInDeadlineOrder(
      SqsClient sqs, ClockControl clock, @SqsQueueName("jobs") SqsQueueHandle jobs) {
    Instant before = clock.now();
    sqs.sendMessage(request -> request.queueUrl(jobs.url()).messageBody("late").delaySeconds(9));
    sqs.sendMessage(request -> request.queueUrl(jobs.url()).messageBody("early").delaySeconds(4));

    List<String> received = new ArrayList<>();
    while (received.size() < 2) {
      for (Message message :
          sqs.receiveMessage(request -> request.queueUrl(jobs.url()).waitTimeSeconds(20))
              .messages()) {
        received.add(message.body() + " after " + Duration.between(before, clock.now()));
        sqs.deleteMessage(
            request -> request.queueUrl(jobs.url()).receiptHandle(message.receiptHandle()));
      }
    }

    assertThat(received).containsExactly("early after PT4S", "late after PT9S");
  }
}
