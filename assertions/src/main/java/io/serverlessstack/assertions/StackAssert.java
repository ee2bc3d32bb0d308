package io.serverlessstack.assertions;

import io.serverlessstack.api.InspectableDeliveryStream;
import io.serverlessstack.api.InspectableExecution;
import io.serverlessstack.api.InspectableFunction;
import io.serverlessstack.api.InspectableQueue;
import io.serverlessstack.api.InspectableStateMachine;
import io.serverlessstack.api.InspectableStream;
import io.serverlessstack.api.InspectableTopic;
import io.serverlessstack.api.StackInspector;
import java.util.Objects;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a whole stack, from {@link StackAssertions#assertThat(StackInspector)}; its methods
 * lead to the assertions on one resource.
 */
public final class StackAssert extends AbstractAssert<StackAssert, StackInspector> {

  StackAssert(StackInspector stack) {
    super(stack, StackAssert.class);
  }

  /**
   * Starts assertions on the queue {@code name} (as in its URL). The queue need not exist yet:
   * assertions that need it say so when it does not.
   */
  public QueueAssert queue(String name) {
    Objects.requireNonNull(name, "name");
    isNotNull();
    QueueAssert queue = new QueueAssert(InspectableQueue.of(actual, name));
    queue.info.description(info.description());
    return queue;
  }

  /**
   * Starts assertions on the SNS topic with this name or ARN. The topic need not exist yet:
   * assertions that need it say so when it does not.
   */
  public TopicAssert topic(String nameOrArn) {
    Objects.requireNonNull(nameOrArn, "nameOrArn");
    isNotNull();
    TopicAssert topic = new TopicAssert(InspectableTopic.of(actual, nameOrArn));
    topic.info.description(info.description());
    return topic;
  }

  /**
   * Starts assertions on the calls of the API Gateway API with this id or name. The API need not
   * exist yet: assertions read the calls the journal recorded for it.
   */
  public ApiAssert api(String idOrName) {
    Objects.requireNonNull(idOrName, "idOrName");
    isNotNull();
    ApiAssert api = new ApiAssert(actual, idOrName);
    api.info.description(info.description());
    return api;
  }

  /**
   * Starts assertions on the Lambda function with this name or (unqualified) ARN. The function need
   * not exist yet: assertions that need it say so when it does not.
   */
  public FunctionAssert function(String nameOrArn) {
    Objects.requireNonNull(nameOrArn, "nameOrArn");
    isNotNull();
    FunctionAssert function = new FunctionAssert(InspectableFunction.of(actual, nameOrArn));
    function.info.description(info.description());
    return function;
  }

  /**
   * Starts assertions on the Kinesis stream with this name or ARN. The stream need not exist yet:
   * assertions that need it say so when it does not.
   */
  public StreamAssert stream(String nameOrArn) {
    Objects.requireNonNull(nameOrArn, "nameOrArn");
    isNotNull();
    StreamAssert stream = new StreamAssert(InspectableStream.of(actual, nameOrArn));
    stream.info.description(info.description());
    return stream;
  }

  /**
   * Starts assertions on the Firehose delivery stream with this name or ARN. The delivery stream
   * need not exist yet: assertions that need it say so when it does not.
   */
  public DeliveryStreamAssert deliveryStream(String nameOrArn) {
    Objects.requireNonNull(nameOrArn, "nameOrArn");
    isNotNull();
    DeliveryStreamAssert deliveryStream =
        new DeliveryStreamAssert(InspectableDeliveryStream.of(actual, nameOrArn));
    deliveryStream.info.description(info.description());
    return deliveryStream;
  }

  /**
   * Starts assertions on the Step Functions state machine with this name or ARN. It need not exist
   * yet: assertions that need it say so when it does not.
   */
  public StateMachineAssert stateMachine(String nameOrArn) {
    Objects.requireNonNull(nameOrArn, "nameOrArn");
    isNotNull();
    StateMachineAssert stateMachine =
        new StateMachineAssert(InspectableStateMachine.of(actual, nameOrArn));
    stateMachine.info.description(info.description());
    return stateMachine;
  }

  /** Starts assertions on the Step Functions execution with this ARN. */
  public ExecutionAssert execution(String executionArn) {
    Objects.requireNonNull(executionArn, "executionArn");
    isNotNull();
    ExecutionAssert execution = new ExecutionAssert(InspectableExecution.of(actual, executionArn));
    execution.info.description(info.description());
    return execution;
  }
}
