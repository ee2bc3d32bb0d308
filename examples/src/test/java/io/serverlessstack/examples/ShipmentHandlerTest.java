package io.serverlessstack.examples;

import static io.serverlessstack.assertions.StackAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.serverlessstack.api.ClockMode;
import io.serverlessstack.fake.JavaFunction;
import io.serverlessstack.junit.LambdaFunction;
import io.serverlessstack.junit.LambdaFunctionHandle;
import io.serverlessstack.junit.LambdaFunctionName;
import io.serverlessstack.junit.ServerlessStack;
import io.serverlessstack.junit.SqsQueue;
import io.serverlessstack.junit.SqsQueueHandle;
import io.serverlessstack.junit.SqsQueueName;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionResponseType;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

// On the idle-skipping clock, time jumps while every request waits on it: the visibility timeouts
// of the redrive path pass at once while the test long-polls the dead-letter queue.
@ServerlessStack(clock = ClockMode.SKIP_IDLE)
@SqsQueue(name = "shipments-dlq")
@SqsQueue(
    name = "shipments",
    deadLetterQueue = "shipments-dlq",
    maxReceiveCount = 2,
    visibilityTimeout = 5)
class ShipmentHandlerTest {

  private final List<Order> shipped = new CopyOnWriteArrayList<>();

  // The application's handler, with a collaborator the test controls.
  @LambdaFunction
  final JavaFunction ship = JavaFunction.of("ship", new ShipmentHandler(shipped::add));

  @BeforeEach
  void mapTheQueueToTheFunction(
      LambdaClient lambda, @SqsQueueName("shipments") SqsQueueHandle shipments) {
    lambda.createEventSourceMapping(
        mapping ->
            mapping
                .functionName("ship")
                .eventSourceArn(shipments.arn())
                .batchSize(10)
                .functionResponseTypes(FunctionResponseType.REPORT_BATCH_ITEM_FAILURES));
  }

  @Test
  void goodOrdersShipAndAnEmptyOneEndsInTheDeadLetterQueue(
      SqsClient sqs,
      @SqsQueueName("shipments") SqsQueueHandle shipments,
      @SqsQueueName("shipments-dlq") SqsQueueHandle deadLetters,
      @LambdaFunctionName("ship") LambdaFunctionHandle handler) {
    Order book = new Order("o-1", "alice", "book", 1);
    Order nothing = new Order("o-2", "bob", "lamp", 0);
    String failed =
        sqs.sendMessage(send -> send.queueUrl(shipments.url()).messageBody(nothing.toMessageBody()))
            .messageId();
    sqs.sendMessage(send -> send.queueUrl(shipments.url()).messageBody(book.toMessageBody()));

    // The function reports the empty order each time it gets it; after its 2nd receive SQS moves
    // it.
    List<Message> dead =
        sqs.receiveMessage(poll -> poll.queueUrl(deadLetters.url()).waitTimeSeconds(20)).messages();

    assertThat(dead).extracting(Message::body).containsExactly(nothing.toMessageBody());
    assertThat(shipments).hasMovedMessageToDeadLetterQueue(nothing.toMessageBody());
    assertThat(handler)
        .hasBeenInvokedTimes(2)
        .hasReportedBatchItemFailures(failed)
        .hasLogged("Nothing to ship: o-2");
    assertThat(shipped).containsExactly(book);
  }
}
