package io.serverlessstack.fake.internal.protocol;

import io.serverlessstack.fake.internal.server.Call;
import io.serverlessstack.fake.internal.server.StackResponse;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;

/**
 * restJson1 as one service speaks it (see {@link RestBinding} for the routes and the members
 * outside the body): body members as a JSON object, a structure payload as one. Errors carry their
 * code in {@code x-amzn-ErrorType} and their message in the body.
 */
public final class RestJsonBinding extends RestBinding<RestJsonBinding> {

  private static final String JSON = "application/json";

  private static final BodyFormat FORMAT =
      new BodyFormat() {
        @Override
        public String contentType() {
          return JSON;
        }

        @Override
        public void readMembers(byte[] body, SdkPojo builder) {
          AwsJsonCodec.JSON.populate(body, builder);
        }

        @Override
        public SdkPojo readPayload(byte[] body, SdkField<?> payload) {
          if (body.length == 0) {
            return null;
          }
          SdkPojo nested = payload.constructor().get();
          AwsJsonCodec.JSON.populate(body, nested);
          return AwsJsonCodec.build(nested);
        }

        @Override
        public byte[] writeMembers(SdkPojo output, String operation) {
          return AwsJsonCodec.JSON.write(output);
        }

        @Override
        public byte[] writePayload(SdkPojo value, SdkField<?> payload) {
          return AwsJsonCodec.JSON.write(value);
        }
      };

  private final String errorMessageMember;

  private RestJsonBinding(
      Settings settings, Map<String, RestOperation> operations, String errorMessageMember) {
    super(settings, operations);
    this.errorMessageMember = errorMessageMember;
  }

  /** restJson1, every operation's method and URI from the SDK model. */
  public static RestJsonBinding restJson1() {
    return new RestJsonBinding(Settings.DEFAULT, Map.of(), "message");
  }

  /** The body member errors carry their message in ({@code message} by default). */
  public RestJsonBinding withErrorMessageMember(String member) {
    return new RestJsonBinding(settings, operations, Objects.requireNonNull(member, "member"));
  }

  @Override
  RestJsonBinding copy(Settings settings, Map<String, RestOperation> operations) {
    return new RestJsonBinding(settings, operations, errorMessageMember);
  }

  @Override
  BodyFormat format() {
    return FORMAT;
  }

  @Override
  String protocolName() {
    return "restJson1";
  }

  @Override
  public WireProtocol protocol() {
    return WireProtocol.REST_JSON_1;
  }

  @Override
  StackResponse decorate(StackResponse response, Call call) {
    return response.withHeader("x-amzn-RequestId", call.requestId());
  }

  @Override
  public StackResponse encodeError(Call call, AwsErrorException error) {
    return StackResponse.of(
            error.status(),
            JSON,
            AwsJsonCodec.JSON.errorBody(null, errorMessageMember, error.getMessage()))
        .withHeader("x-amzn-RequestId", call.requestId())
        .withHeader("x-amzn-ErrorType", error.code());
  }

  @Override
  public String toString() {
    return "restJson1" + operations.keySet();
  }
}
