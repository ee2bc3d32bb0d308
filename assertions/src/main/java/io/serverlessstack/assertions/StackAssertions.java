package io.serverlessstack.assertions;

import io.serverlessstack.api.InspectableApi;
import io.serverlessstack.api.InspectableDeliveryStream;
import io.serverlessstack.api.InspectableExecution;
import io.serverlessstack.api.InspectableFunction;
import io.serverlessstack.api.InspectableQueue;
import io.serverlessstack.api.InspectableStateMachine;
import io.serverlessstack.api.InspectableStream;
import io.serverlessstack.api.InspectableTopic;
import io.serverlessstack.api.StackInspector;

/**
 * The entry point of the stack's AssertJ assertions. They read the stack only through its {@link
 * StackInspector}, so they work the same for a stack in this JVM and one in a container.
 *
 * <pre>{@code
 * import static io.serverlessstack.assertions.StackAssertions.assertThat;
 *
 * assertThat(orders).eventually().hasBeenSentMessageWithBody("order-1");
 * assertThat(inspector).queue("orders.fifo").messagesOfGroup("customer-7").wereSentInOrder("a", "b");
 * assertThat(ordersTopic).eventually().hasDeliveredTo(orders, "order-1").inEnvelope();
 * }</pre>
 */
public final class StackAssertions {

  private StackAssertions() {}

  /** Assertions on a whole stack, leading to its resources. */
  public static StackAssert assertThat(StackInspector stack) {
    return new StackAssert(stack);
  }

  /** Assertions on one queue, e.g. a handle a test was given for a declared queue. */
  public static QueueAssert assertThat(InspectableQueue queue) {
    return new QueueAssert(queue);
  }

  /**
   * Assertions on one API Gateway API's calls, e.g. a handle a test was given for a declared API.
   */
  public static ApiAssert assertThat(InspectableApi api) {
    return new ApiAssert(api.inspector(), api.idOrName());
  }

  /** Assertions on one Lambda function, e.g. a handle a test was given for a declared function. */
  public static FunctionAssert assertThat(InspectableFunction function) {
    return new FunctionAssert(function);
  }

  /** Assertions on one Kinesis stream, e.g. a handle a test was given for a declared stream. */
  public static StreamAssert assertThat(InspectableStream stream) {
    return new StreamAssert(stream);
  }

  /** Assertions on one Firehose delivery stream, e.g. a handle a test was given for one. */
  public static DeliveryStreamAssert assertThat(InspectableDeliveryStream deliveryStream) {
    return new DeliveryStreamAssert(deliveryStream);
  }

  /** Assertions on one Step Functions execution, e.g. one a test started with its SfnClient. */
  public static ExecutionAssert assertThat(InspectableExecution execution) {
    return new ExecutionAssert(execution);
  }

  /** Assertions on one state machine, e.g. a handle a test was given for a declared one. */
  public static StateMachineAssert assertThat(InspectableStateMachine stateMachine) {
    return new StateMachineAssert(stateMachine);
  }

  /** Assertions on one SNS topic, e.g. a handle a test was given for a declared topic. */
  public static TopicAssert assertThat(InspectableTopic topic) {
    return new TopicAssert(topic);
  }
}
