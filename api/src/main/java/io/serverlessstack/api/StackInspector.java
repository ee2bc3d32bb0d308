package io.serverlessstack.api;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Read-only access to a running stack: its resources, their contents and the journal. One interface
 * for a stack in this JVM and one in a container; assertions use nothing else.
 */
public interface StackInspector {

  /** The stack clock's time. */
  Instant now();

  /** Every queue of every account and region. */
  List<QueueView> queues();

  /** The queue with this name, URL or ARN (the first by account and region if names repeat). */
  default Optional<QueueView> queue(String nameUrlOrArn) {
    String name =
        nameUrlOrArn.substring(
            Math.max(nameUrlOrArn.lastIndexOf('/'), nameUrlOrArn.lastIndexOf(':')) + 1);
    return queues().stream()
        .filter(
            queue ->
                queue.name().equals(nameUrlOrArn)
                    || queue.arn().equals(nameUrlOrArn)
                    || (queue.name().equals(name)
                        && nameUrlOrArn.endsWith("/" + queue.accountId() + "/" + name)))
        .findFirst();
  }

  /**
   * Every SNS topic of every account and region, with its subscriptions: the resources {@code
   * ("sns", "topic")} of {@link #resources(String, String)}.
   */
  default List<TopicView> topics() {
    return resources(TopicView.SERVICE, TopicView.TYPE).stream()
        .filter(TopicView.class::isInstance)
        .map(TopicView.class::cast)
        .toList();
  }

  /**
   * The topic with this ARN, or with this name (the first by account and region if names repeat).
   */
  default Optional<TopicView> topic(String nameOrArn) {
    if (TopicView.SERVICE.equals(ResourceRef.serviceOf(nameOrArn))) {
      return resource(nameOrArn).filter(TopicView.class::isInstance).map(TopicView.class::cast);
    }
    return topics().stream().filter(topic -> topic.name().equals(nameOrArn)).findFirst();
  }

  /**
   * Every Lambda function of every account and region: the resources {@code ("lambda", "function")}
   * of {@link #resources(String, String)}.
   */
  default List<FunctionView> functions() {
    return resources(FunctionView.SERVICE, FunctionView.TYPE).stream()
        .filter(FunctionView.class::isInstance)
        .map(FunctionView.class::cast)
        .toList();
  }

  /**
   * The function with this (unqualified) ARN, or with this name (the first by account and region if
   * names repeat).
   */
  default Optional<FunctionView> function(String nameOrArn) {
    if (FunctionView.SERVICE.equals(ResourceRef.serviceOf(nameOrArn))) {
      return resource(nameOrArn)
          .filter(FunctionView.class::isInstance)
          .map(FunctionView.class::cast);
    }
    return functions().stream().filter(function -> function.name().equals(nameOrArn)).findFirst();
  }

  /**
   * Every Kinesis stream of every account and region, with its shards and records: the resources
   * {@code ("kinesis", "stream")} of {@link #resources(String, String)}.
   */
  default List<StreamView> streams() {
    return resources(StreamView.SERVICE, StreamView.TYPE).stream()
        .filter(StreamView.class::isInstance)
        .map(StreamView.class::cast)
        .toList();
  }

  /**
   * The stream with this ARN, or with this name (the first by account and region if names repeat).
   */
  default Optional<StreamView> stream(String nameOrArn) {
    if (StreamView.SERVICE.equals(ResourceRef.serviceOf(nameOrArn))) {
      return resource(nameOrArn).filter(StreamView.class::isInstance).map(StreamView.class::cast);
    }
    return streams().stream().filter(stream -> stream.name().equals(nameOrArn)).findFirst();
  }

  /**
   * Every Firehose delivery stream of every account and region, with what it delivered: the
   * resources {@code ("firehose", "deliverystream")} of {@link #resources(String, String)}.
   */
  default List<DeliveryStreamView> deliveryStreams() {
    return resources(DeliveryStreamView.SERVICE, DeliveryStreamView.TYPE).stream()
        .filter(DeliveryStreamView.class::isInstance)
        .map(DeliveryStreamView.class::cast)
        .toList();
  }

  /**
   * The delivery stream with this ARN, or with this name (the first by account and region if names
   * repeat).
   */
  default Optional<DeliveryStreamView> deliveryStream(String nameOrArn) {
    if (DeliveryStreamView.SERVICE.equals(ResourceRef.serviceOf(nameOrArn))) {
      return resource(nameOrArn)
          .filter(DeliveryStreamView.class::isInstance)
          .map(DeliveryStreamView.class::cast);
    }
    return deliveryStreams().stream().filter(stream -> stream.name().equals(nameOrArn)).findFirst();
  }

  /**
   * Every Step Functions state machine of every account and region: the resources {@code (states,
   * stateMachine)} of {@link #resources(String, String)}.
   */
  default List<StateMachineView> stateMachines() {
    return resources(StateMachineView.SERVICE, StateMachineView.TYPE).stream()
        .filter(StateMachineView.class::isInstance)
        .map(StateMachineView.class::cast)
        .toList();
  }

  /**
   * The state machine with this ARN, or with this name (the first by account and region if names
   * repeat).
   */
  default Optional<StateMachineView> stateMachine(String nameOrArn) {
    if (StateMachineView.SERVICE.equals(ResourceRef.serviceOf(nameOrArn))) {
      return resource(nameOrArn)
          .filter(StateMachineView.class::isInstance)
          .map(StateMachineView.class::cast);
    }
    return stateMachines().stream().filter(machine -> machine.name().equals(nameOrArn)).findFirst();
  }

  /** The Step Functions execution with this ARN, with its history. */
  default Optional<ExecutionView> execution(String executionArn) {
    return resource(executionArn)
        .filter(ExecutionView.class::isInstance)
        .map(ExecutionView.class::cast);
  }

  /** Every retained journal event, oldest first. */
  List<JournalEvent> journal();

  /**
   * Every resource of type {@code type} of {@code service}, in every account and region, as its
   * typed view (a {@link QueueView} for {@code ("sqs", "queue")}); none if the stack has no such
   * resources. This default knows the queues; inspectors of stacks with more services override it.
   */
  default List<ResourceView> resources(String service, String type) {
    if (service.equals(QueueView.SERVICE) && type.equals(QueueView.TYPE)) {
      return List.copyOf(queues());
    }
    return List.of();
  }

  /**
   * The resource with this ARN, as its typed view, looked up without building views of any other
   * resource. This default knows the queues; inspectors of stacks with more services override it.
   */
  default Optional<ResourceView> resource(String arn) {
    if (QueueView.SERVICE.equals(ResourceRef.serviceOf(arn))) {
      return queue(arn).filter(queue -> queue.arn().equals(arn)).map(ResourceView.class::cast);
    }
    return Optional.empty();
  }

  /**
   * The retained journal events with a sequence number above {@code sinceSequence} that {@code
   * filter} accepts, oldest first: what a poller has not seen yet. Implementations read only the
   * events after {@code sinceSequence}; this default, for inspectors that cannot, filters {@link
   * #journal()}.
   *
   * @param sinceSequence the last sequence number already seen; 0 for everything retained
   */
  default List<JournalEvent> journal(long sinceSequence, JournalFilter filter) {
    if (sinceSequence < 0) {
      throw new IllegalArgumentException("A sequence is never negative: " + sinceSequence);
    }
    Objects.requireNonNull(filter, "filter");
    return journal().stream()
        .filter(event -> event.sequence() > sinceSequence && filter.test(event))
        .toList();
  }
}
