package io.serverlessstack.fake.internal.apigateway;

import io.serverlessstack.fake.internal.protocol.AwsJsonCodec;
import software.amazon.awssdk.core.SdkPojo;

/**
 * Copies between SDK model objects of the same shape: API Gateway's responses repeat the members of
 * the resource they describe ({@code GetStageResponse} is a {@code Stage}), and the state keeps the
 * resource.
 */
final class Shapes {

  private Shapes() {}

  /** What {@code builder} builds, with every member of {@code from} it has. */
  @SuppressWarnings("unchecked")
  static <T> T copy(SdkPojo from, SdkPojo builder) {
    return (T) AwsJsonCodec.JSON.read(AwsJsonCodec.JSON.write(from), builder);
  }
}
