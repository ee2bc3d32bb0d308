package io.serverlessstack.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The quick start in the README is the quick-start test that every build runs, word for word, and
 * the one the user project (src/it/user-project) copies unchanged; so are its SNS and Lambda
 * examples.
 */
class ReadmeQuickStartTest {

  private static final String QUICK_START = "io/serverlessstack/examples/QuickStartTest.java";
  private static final String TOPIC_FAN_OUT = "io/serverlessstack/examples/TopicFanOutTest.java";
  private static final String SHIPMENTS = "io/serverlessstack/examples/ShipmentHandlerTest.java";

  @Test
  void readmeShowsTheQuickStartTestUnchanged() throws IOException {
    // Surefire runs in the module's folder; the README is the repository's.
    String readme = Files.readString(Path.of("../README.md"));
    String test = Files.readString(Path.of("src/test/java", QUICK_START));

    assertThat(readme).contains("```java\n" + test + "```\n");
  }

  @Test
  void readmeShowsTheSnsExampleTestUnchanged() throws IOException {
    String readme = Files.readString(Path.of("../README.md"));
    String test = Files.readString(Path.of("src/test/java", TOPIC_FAN_OUT));

    assertThat(readme).contains("```java\n" + test + "```\n");
  }

  @Test
  void readmeShowsTheLambdaExampleTestUnchanged() throws IOException {
    String readme = Files.readString(Path.of("../README.md"));
    String test = Files.readString(Path.of("src/test/java", SHIPMENTS));

    assertThat(readme).contains("```java\n" + test + "```\n");
  }

  @Test
  void userProjectRunsTheQuickStartTestUnchanged() throws IOException {
    String test = Files.readString(Path.of("src/test/java", QUICK_START));

    assertThat(Files.readString(Path.of("src/it/user-project/src/test/java", QUICK_START)))
        .isEqualTo(test);
  }
}
