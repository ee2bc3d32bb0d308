package io.serverlessstack.fake.internal.protocol;

import io.serverlessstack.fake.internal.server.AwsService;
import io.serverlessstack.fake.internal.server.Call;
import io.serverlessstack.fake.internal.server.EventStream;
import io.serverlessstack.fake.internal.server.StackResponse;
import java.util.Collection;
import software.amazon.awssdk.core.SdkPojo;

/**
 * One wire protocol as one service speaks it: a strategy, generic over the SDK's model classes,
 * that decodes a routed request into the operation's input, and encodes its output or an error in
 * the same protocol. A service declares one binding per protocol it speaks ({@link AwsJsonBinding},
 * {@link AwsQueryBinding}, {@link RestJsonBinding}); the router builds its one routing table from
 * them.
 */
public interface ProtocolBinding {

  WireProtocol protocol();

  /**
   * The binding as it serves {@code operations} of its service; what it needs per operation it
   * works out here, once, rather than per request. The default needs nothing.
   */
  default ProtocolBinding bind(String signingName, Collection<AwsService.Operation> operations) {
    return this;
  }

  /**
   * The operation's input, read from the request.
   *
   * @throws AwsErrorException named by the call's service if the request is not that input
   */
  SdkPojo decode(Call call);

  /** The operation's answer. */
  StackResponse encode(Call call, SdkPojo response);

  /** An error, in this protocol and the call's service's shape. */
  StackResponse encodeError(Call call, AwsErrorException error);

  /** Whether the binding can answer with an event stream ({@link #encodeStream}). */
  default boolean streamsEvents() {
    return false;
  }

  /**
   * An event-stream operation's answer, streamed as its events come.
   *
   * @throws UnsupportedOperationException if the binding does not {@linkplain #streamsEvents()
   *     stream events}
   */
  default StackResponse encodeStream(Call call, EventStream stream) {
    throw new UnsupportedOperationException(this + " cannot stream events");
  }
}
