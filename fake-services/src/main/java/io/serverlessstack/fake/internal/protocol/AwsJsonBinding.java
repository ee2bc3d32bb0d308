package io.serverlessstack.fake.internal.protocol;

import io.serverlessstack.fake.internal.server.Call;
import io.serverlessstack.fake.internal.server.EventStream;
import io.serverlessstack.fake.internal.server.StackResponse;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import software.amazon.awssdk.core.SdkPojo;

/**
 * awsJson 1.0, awsJson 1.1 or the CBOR form of 1.1, as one service speaks it: {@code POST /} with
 * {@code X-Amz-Target: <targetPrefix>.<Operation>} and the protocol's content type. Errors are
 * {@code {"__type":"<namespace>#<Code>","message":"…"}} in the same encoding, CBOR errors also with
 * the code in {@code x-amzn-ErrorType}, and those of a query-compatible service (SQS) with the
 * legacy query code in {@code x-amzn-query-error}.
 */
public final class AwsJsonBinding implements ProtocolBinding {

  public static final String JSON_1_0 = "application/x-amz-json-1.0";
  public static final String JSON_1_1 = "application/x-amz-json-1.1";
  public static final String CBOR_1_1 = "application/x-amz-cbor-1.1";

  /** The content type of an event-stream answer. */
  public static final String EVENT_STREAM = "application/vnd.amazon.eventstream";

  /**
   * An event's {@code :event-type}: its member name in the operation's event-stream union, which
   * the SDK's event classes report through {@code sdkEventType()}; else the class's simple name.
   */
  private static final ClassValue<Method> EVENT_TYPE =
      new ClassValue<>() {
        @Override
        protected Method computeValue(Class<?> type) {
          try {
            return type.getMethod("sdkEventType");
          } catch (NoSuchMethodException e) {
            return null;
          }
        }
      };

  /** The namespace AWS's front end names errors in when no service claims a target. */
  private static final String UNCLAIMED_NAMESPACE = "com.amazon.coral.service";

  private final WireProtocol protocol;
  private final String targetPrefix;
  private final String contentType;
  private final AwsJsonCodec codec;
  private final String errorNamespace;
  private final boolean queryCompatible;

  private AwsJsonBinding(
      WireProtocol protocol,
      String targetPrefix,
      String contentType,
      AwsJsonCodec codec,
      String errorNamespace,
      boolean queryCompatible) {
    this.protocol = protocol;
    this.targetPrefix = targetPrefix;
    this.contentType = contentType;
    this.codec = codec;
    this.errorNamespace = errorNamespace;
    this.queryCompatible = queryCompatible;
  }

  /** awsJson 1.0 with {@code X-Amz-Target: <targetPrefix>.<Operation>}. */
  public static AwsJsonBinding awsJson1_0(String targetPrefix) {
    return new AwsJsonBinding(
        WireProtocol.AWS_JSON_1_0, prefix(targetPrefix), JSON_1_0, AwsJsonCodec.JSON, null, false);
  }

  /** awsJson 1.1 with {@code X-Amz-Target: <targetPrefix>.<Operation>}. */
  public static AwsJsonBinding awsJson1_1(String targetPrefix) {
    return new AwsJsonBinding(
        WireProtocol.AWS_JSON_1_1, prefix(targetPrefix), JSON_1_1, AwsJsonCodec.JSON, null, false);
  }

  /** The CBOR form of awsJson 1.1 ({@code application/x-amz-cbor-1.1}). */
  public static AwsJsonBinding cbor1_1(String targetPrefix) {
    return new AwsJsonBinding(
        WireProtocol.AWS_CBOR_1_1, prefix(targetPrefix), CBOR_1_1, AwsJsonCodec.CBOR, null, false);
  }

  private static final AwsJsonBinding UNCLAIMED_JSON_1_0 =
      new AwsJsonBinding(
          WireProtocol.AWS_JSON_1_0, "", JSON_1_0, AwsJsonCodec.JSON, UNCLAIMED_NAMESPACE, false);
  private static final AwsJsonBinding UNCLAIMED_JSON_1_1 =
      new AwsJsonBinding(
          WireProtocol.AWS_JSON_1_1, "", JSON_1_1, AwsJsonCodec.JSON, UNCLAIMED_NAMESPACE, false);
  private static final AwsJsonBinding UNCLAIMED_CBOR_1_1 =
      new AwsJsonBinding(
          WireProtocol.AWS_CBOR_1_1, "", CBOR_1_1, AwsJsonCodec.CBOR, UNCLAIMED_NAMESPACE, false);

  /**
   * What answers a target no service claims, in the encoding {@code contentType} names (JSON 1.0
   * unless it names another): {@code com.amazon.coral.service#UnknownOperationException}.
   */
  public static AwsJsonBinding unclaimed(String contentType) {
    if (UNCLAIMED_CBOR_1_1.accepts(contentType)) {
      return UNCLAIMED_CBOR_1_1;
    }
    return UNCLAIMED_JSON_1_1.accepts(contentType) ? UNCLAIMED_JSON_1_1 : UNCLAIMED_JSON_1_0;
  }

  private static String prefix(String targetPrefix) {
    Objects.requireNonNull(targetPrefix, "targetPrefix");
    if (targetPrefix.isEmpty() || targetPrefix.indexOf('.') >= 0) {
      throw new IllegalArgumentException("Not a target prefix: " + targetPrefix);
    }
    return targetPrefix;
  }

  /**
   * Errors' {@code __type} as {@code <namespace>#<Code>} (e.g. {@code com.amazonaws.sqs}); without
   * one, the bare code.
   */
  public AwsJsonBinding withErrorNamespace(String namespace) {
    return new AwsJsonBinding(
        protocol, targetPrefix, contentType, codec, namespace, queryCompatible);
  }

  /**
   * Errors also carry the legacy awsQuery code, {@code x-amzn-query-error: <Code>;Sender}, as
   * services that moved from awsQuery to JSON ({@code awsQueryCompatible}) answer.
   */
  public AwsJsonBinding queryCompatible() {
    return new AwsJsonBinding(protocol, targetPrefix, contentType, codec, errorNamespace, true);
  }

  @Override
  public WireProtocol protocol() {
    return protocol;
  }

  public String targetPrefix() {
    return targetPrefix;
  }

  public String contentType() {
    return contentType;
  }

  /** Whether a request's {@code Content-Type} header names this binding's content type. */
  public boolean accepts(String requestContentType) {
    return requestContentType != null
        && requestContentType.regionMatches(true, 0, contentType, 0, contentType.length())
        && (requestContentType.length() == contentType.length()
            || requestContentType.charAt(contentType.length()) == ';');
  }

  @Override
  public SdkPojo decode(Call call) {
    try {
      return codec.read(call.request().body(), call.operation().requestBuilder().get());
    } catch (BadInput bad) {
      throw bad.named(call.errors(), protocol);
    }
  }

  @Override
  public StackResponse encode(Call call, SdkPojo response) {
    return StackResponse.of(200, contentType, codec.write(response))
        .withHeader("x-amzn-RequestId", call.requestId());
  }

  @Override
  public StackResponse encodeError(Call call, AwsErrorException error) {
    String type = errorNamespace == null ? error.code() : errorNamespace + "#" + error.code();
    StackResponse response =
        StackResponse.of(
                error.status(), contentType, codec.errorBody(type, "message", error.getMessage()))
            .withHeader("x-amzn-RequestId", call.requestId());
    if (protocol == WireProtocol.AWS_CBOR_1_1) {
      response.withHeader("x-amzn-ErrorType", error.code());
    }
    if (queryCompatible) {
      response.withHeader(
          "x-amzn-query-error",
          error.queryCode() + ";" + (error.senderFault() ? "Sender" : "Receiver"));
    }
    return response;
  }

  @Override
  public boolean streamsEvents() {
    return true;
  }

  /**
   * The answer as AWS sends an event stream over a JSON protocol: {@code
   * application/vnd.amazon.eventstream}, an {@code initial-response} event carrying the operation's
   * output, one event per member (its {@code :event-type} the member's name), each payload in this
   * binding's encoding; a stream that fails ends with an exception event ({@code :message-type
   * exception}, {@code :exception-type} the error's code).
   */
  @Override
  public StackResponse encodeStream(Call call, EventStream stream) {
    String payloadType = protocol == WireProtocol.AWS_CBOR_1_1 ? CBOR_1_1 : "application/json";
    byte[] initial =
        EventStreamFrames.frame(
            eventHeaders("initial-response", payloadType), codec.write(stream.initialResponse()));
    EventStreamFrames frames =
        new EventStreamFrames(
            initial,
            stream.events(),
            event ->
                EventStreamFrames.frame(
                    eventHeaders(eventType(event), payloadType), codec.write(event)),
            failure -> exceptionFrame(call, failure, payloadType));
    return StackResponse.streamed(200, EVENT_STREAM, frames)
        .withHeader("x-amzn-RequestId", call.requestId());
  }

  private static Map<String, String> eventHeaders(String eventType, String payloadType) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(":message-type", "event");
    headers.put(":event-type", eventType);
    headers.put(":content-type", payloadType);
    return headers;
  }

  private byte[] exceptionFrame(Call call, Throwable failure, String payloadType) {
    Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
    AwsErrorException error =
        cause instanceof AwsErrorException aws ? aws : call.errors().internalFailure();
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(":message-type", "exception");
    headers.put(":exception-type", error.code());
    headers.put(":content-type", payloadType);
    return EventStreamFrames.frame(headers, codec.errorBody(null, "message", error.getMessage()));
  }

  private static String eventType(SdkPojo event) {
    Method sdkEventType = EVENT_TYPE.get(event.getClass());
    if (sdkEventType != null) {
      try {
        return String.valueOf(sdkEventType.invoke(event));
      } catch (IllegalAccessException | InvocationTargetException e) {
        throw new IllegalStateException("Cannot name the event " + event, e);
      }
    }
    return event.getClass().getSimpleName();
  }

  @Override
  public String toString() {
    return protocol + "[" + targetPrefix + "]";
  }
}
