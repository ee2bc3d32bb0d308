package io.serverlessstack.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Choosing the standalone server's services: {@code --services} or {@code
 * SERVERLESS_STACK_SERVICES}.
 */
class StandaloneServerServicesTest {

  @Test
  void theServicesFlagNamesTheServicesTheStackRuns() {
    assertThat(servicesOf(new String[] {"--port", "0", "--services", " SQS "}, Map.of()))
        .containsExactly("sqs");
  }

  @Test
  void withoutEitherTheStackRunsEveryService() {
    assertThat(servicesOf(new String[] {"--port", "0"}, Map.of()))
        .isEqualTo(ServerlessStackServer.Builder.availableServices());
  }

  @Test
  void anUnknownServiceInTheFlagIsRefusedWithTheChoices() {
    assertThatThrownBy(
            () -> StandaloneServer.configure(new String[] {"--services", "sqs,kafka"}, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "--services: unknown service 'kafka'; available: sqs, sns, lambda, kinesis, s3, firehose, stepfunctions, apigateway");
  }

  @Test
  void anUnknownServiceInTheVariableIsRefusedWithTheChoices() {
    assertThatThrownBy(
            () ->
                StandaloneServer.configure(
                    new String[0], Map.of("SERVERLESS_STACK_SERVICES", "sqs, kafka")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "SERVERLESS_STACK_SERVICES: unknown service 'kafka'; available: sqs, sns, lambda, kinesis, s3, firehose, stepfunctions, apigateway");
  }

  private static List<String> servicesOf(String[] args, Map<String, String> env) {
    try (ServerlessStackServer stack = StandaloneServer.configure(args, env).start()) {
      return stack.services();
    }
  }
}
