package io.serverlessstack.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The standalone server's Step Functions mock configuration: Step Functions Local's {@code
 * SFN_MOCK_CONFIG} variable and the {@code --sfn-mock-config} option, which wins.
 */
class StandaloneServerStepFunctionsMocksTest {

  static final String CONFIG =
      "{\"StateMachines\": {\"m\": {\"TestCases\": {\"%s\": {}}}}, \"MockedResponses\": {}}";

  @Test
  void theVariableNamesTheFileAndTheOptionWins(@TempDir Path dir) throws IOException {
    Path fromVariable = Files.writeString(dir.resolve("variable.json"), CONFIG.formatted("env"));
    Path fromOption = Files.writeString(dir.resolve("option.json"), CONFIG.formatted("option"));

    try (ServerlessStackServer stack =
        StandaloneServer.configure(
                new String[] {"--port", "0"}, Map.of("SFN_MOCK_CONFIG", fromVariable.toString()))
            .start()) {
      assertThat(stack.stepFunctionsMocks()).contains(CONFIG.formatted("env"));
    }
    try (ServerlessStackServer stack =
        StandaloneServer.configure(
                new String[] {"--port", "0", "--sfn-mock-config", fromOption.toString()},
                Map.of("SFN_MOCK_CONFIG", fromVariable.toString()))
            .start()) {
      assertThat(stack.stepFunctionsMocks()).contains(CONFIG.formatted("option"));
    }
  }

  @Test
  void aMissingOrMalformedFileStopsTheServerSayingWhy(@TempDir Path dir) throws IOException {
    Path broken = Files.writeString(dir.resolve("broken.json"), "{\"StateMachines\": 1}");

    assertThatThrownBy(
            () ->
                StandaloneServer.configure(
                    new String[] {"--sfn-mock-config", dir.resolve("absent.json").toString()},
                    Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("--sfn-mock-config / SFN_MOCK_CONFIG: cannot read ");
    assertThatThrownBy(
            () ->
                StandaloneServer.configure(
                    new String[0], Map.of("SFN_MOCK_CONFIG", broken.toString())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageEndingWith(
            "Invalid Step Functions mock configuration: at /StateMachines: an object");
  }
}
