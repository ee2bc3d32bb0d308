package io.serverlessstack.fake.internal.lambda;

import software.amazon.awssdk.services.lambda.model.EventSourceMappingConfiguration;

/**
 * One event source mapping, whatever it reads: what {@link EventSourceMappings} needs of every
 * kind, to list, answer and stop them alike.
 */
sealed interface EventSource permits SqsEventSource, KinesisEventSource {

  String uuid();

  /** The ARN the mapping was created with: a queue, a stream, or a stream's consumer. */
  String eventSourceArn();

  /** The function (and version or alias) the mapping invokes. */
  FunctionRef function();

  boolean enabled();

  /** The mapping as the API answers it, in {@code state}. */
  EventSourceMappingConfiguration configuration(String state);

  /** Stops polling for good; batches already invoked still settle with their source. */
  void close();
}
