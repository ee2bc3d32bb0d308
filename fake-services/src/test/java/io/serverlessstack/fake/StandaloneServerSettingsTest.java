package io.serverlessstack.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * The standalone server's settings: {@code --setting key=value} and {@code
 * SERVERLESS_STACK_SETTINGS}, checked where they are given.
 */
class StandaloneServerSettingsTest {

  @Test
  void settingsFromTheFlagAndTheVariableReachTheServices() {
    ServerlessStackServer.Builder builder =
        StandaloneServer.configure(
            new String[] {"--port", "0", "--setting", "kinesis.throughputLimits=true"},
            Map.of("SERVERLESS_STACK_SETTINGS", "kinesis.statusTransition=PT1H"));

    try (ServerlessStackServer stack = builder.start();
        KinesisClient kinesis = KinesisClients.sync(stack)) {
      kinesis.createStream(b -> b.streamName("slow").shardCount(1));

      assertThat(
              kinesis
                  .describeStreamSummary(b -> b.streamName("slow"))
                  .streamDescriptionSummary()
                  .streamStatus())
          .isEqualTo(StreamStatus.CREATING);
    }
  }

  @Test
  void badSettingsAreRefusedNamingWhereTheyCameFrom() {
    assertThatThrownBy(
            () ->
                StandaloneServer.configure(
                    new String[] {"--setting", "kinesis.throughputLimits"}, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--setting: a setting is key=value, not 'kinesis.throughputLimits'");
    assertThatThrownBy(
            () ->
                StandaloneServer.configure(
                    new String[0], Map.of("SERVERLESS_STACK_SETTINGS", "sqs.fast=true")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("SERVERLESS_STACK_SETTINGS: unknown setting 'sqs.fast'");
  }
}
