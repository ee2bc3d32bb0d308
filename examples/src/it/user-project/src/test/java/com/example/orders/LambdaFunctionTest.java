package com.example.orders;

import static io.serverlessstack.assertions.StackAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionResponseType;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The application's handler behind a queue, on the user's own Lambda libraries and SDK. */
class LambdaFunctionTest {

  abstract static class QueueToFunction {
    final List<String> counted = new CopyOnWriteArrayList<>();

    @LambdaFunction
    final JavaFunction counter = JavaFunction.of("counter", new OrderCounter(counted::add));

    @Test
    void ordersReachTheHandlerAndOthersAreReported(
        SqsClient sqs,
        LambdaClient lambda,
        @SqsQueueName("orders") SqsQueueHandle orders,
        @LambdaFunctionName("counter") LambdaFunctionHandle counter) {
      lambda.createEventSourceMapping(
          mapping ->
              mapping
                  .functionName("counter")
                  .eventSourceArn(orders.arn())
                  .functionResponseTypes(FunctionResponseType.REPORT_BATCH_ITEM_FAILURES));
      sqs.sendMessage(message -> message.queueUrl(orders.url()).messageBody("order-1"));
      String stranger =
          sqs.sendMessage(message -> message.queueUrl(orders.url()).messageBody("hello"))
              .messageId();

      assertThat(counter).eventually().hasReportedBatchItemFailures(stranger);
      assertThat(counted).containsExactly("order-1");
    }
  }

  @Nested
  @ServerlessStack
  @SqsQueue(name = "orders")
  class InThisJvm extends QueueToFunction {}

  /** The handler stays in this JVM; the stack in the container calls back into it. */
  @Nested
  @ServerlessStack(mode = ServerlessStack.Mode.CONTAINER)
  @SqsQueue(name = "orders")
  class InAContainer extends QueueToFunction {}
}
