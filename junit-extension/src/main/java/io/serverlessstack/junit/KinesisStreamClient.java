package io.serverlessstack.junit;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.KinesisException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.StreamMode;

/**
 * What {@link KinesisStreamDeclarations} does with the SDK's {@link KinesisClient}: creates
 * declared streams and finds the stream a handle stands for. Loaded only when a test declares a
 * stream or asks for a handle, so the SDK's {@code kinesis} module is needed only then.
 */
final class KinesisStreamClient {

  private KinesisStreamClient() {}

  static void create(ManagedStack stack, List<KinesisStream> streams) {
    KinesisClient kinesis = stack.client(KinesisClient.class);
    for (KinesisStream stream : streams) {
      if (arn(kinesis, stream.name()).isPresent()) {
        continue;
      }
      try {
        kinesis.createStream(
            request -> {
              request.streamName(stream.name());
              if (stream.onDemand()) {
                request.streamModeDetails(mode -> mode.streamMode(StreamMode.ON_DEMAND));
              } else {
                request.shardCount(stream.shards());
              }
            });
      } catch (KinesisException rejected) {
        throw new ExtensionConfigurationException(
            "Kinesis rejected @KinesisStream(name = \""
                + stream.name()
                + "\"): "
                + (rejected.awsErrorDetails() == null
                    ? rejected.getMessage()
                    : rejected.awsErrorDetails().errorCode()
                        + ": "
                        + rejected.awsErrorDetails().errorMessage()),
            rejected);
      }
    }
  }

  static Optional<KinesisStreamHandle> handle(ManagedStack stack, String name) {
    return arn(stack.client(KinesisClient.class), name)
        .map(arn -> new KinesisStreamHandle(name, arn, stack.stack().inspector()));
  }

  private static Optional<String> arn(KinesisClient kinesis, String name) {
    try {
      return Optional.of(
          kinesis
              .describeStreamSummary(request -> request.streamName(name))
              .streamDescriptionSummary()
              .streamARN());
    } catch (ResourceNotFoundException missing) {
      return Optional.empty();
    }
  }
}
