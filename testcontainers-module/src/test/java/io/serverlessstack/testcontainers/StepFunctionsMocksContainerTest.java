package io.serverlessstack.testcontainers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * {@link ServerlessStackContainer#withStepFunctionsMocks}: the configuration reaches the server in
 * the container as Step Functions Local's {@code SFN_MOCK_CONFIG} file, and {@link
 * ServerlessStackContainer#useStepFunctionsMocks} replaces it while it runs.
 */
class StepFunctionsMocksContainerTest {

  static String config(String testCase) {
    return "{\"StateMachines\": {\"m\": {\"TestCases\": {\""
        + testCase
        + "\": {\"S\": \"R\"}}}}, \"MockedResponses\": {\"R\": {\"0\": {\"Return\": 1}}}}";
  }

  static HttpResponse<String> mocks(ServerlessStackContainer stack) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(stack.getEndpoint().resolve("/_stack/states/mocks")).build(),
            HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theContainerStartsWithTheConfigurationAndTakesAReplacement() throws Exception {
    ServerlessStackContainerTest.requireDocker();
    try (ServerlessStackContainer stack =
        new ServerlessStackContainer().withStepFunctionsMocks(config("FromTheStart"))) {
      stack.start();

      assertThat(mocks(stack).body()).isEqualTo(config("FromTheStart"));
      stack.useStepFunctionsMocks(config("Replaced"));
      assertThat(mocks(stack).body()).isEqualTo(config("Replaced"));
      assertThatThrownBy(() -> stack.useStepFunctionsMocks("{\"TestCases\": {}}"))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("at /TestCases: unknown field");
      assertThat(mocks(stack).body()).isEqualTo(config("Replaced"));
    }
  }
}
