package io.serverlessstack.fake.internal.server;

import java.util.Objects;
import java.util.concurrent.Flow;
import software.amazon.awssdk.core.SdkPojo;

/**
 * The answer of an event-stream operation (Kinesis {@code SubscribeToShard}): its initial response
 * and the events that follow, as the SDK's model objects. The protocol binding sends them as AWS
 * event-stream messages, asking {@code events} for more only as the client reads them. The stream
 * ends when {@code events} completes; an {@link
 * io.serverlessstack.fake.internal.protocol.AwsErrorException} it fails with is sent as the
 * stream's last message, an exception event named by the error's code, as AWS sends them.
 *
 * @param initialResponse the operation's output ({@code SubscribeToShardResponse})
 * @param events the event stream's members ({@code SubscribeToShardEvent}s)
 */
public record EventStream(SdkPojo initialResponse, Flow.Publisher<? extends SdkPojo> events) {

  public EventStream {
    Objects.requireNonNull(initialResponse, "initialResponse");
    Objects.requireNonNull(events, "events");
  }
}
