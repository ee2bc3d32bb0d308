package io.serverlessstack.testcontainers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a container start says, and how soon, when it cannot start. Each case runs in a JVM of its
 * own: Testcontainers reads its configuration, and looks for an engine, once per JVM.
 */
class FailFastTest {

  private static final Pattern FAILED =
      Pattern.compile("FAILED in (\\d+) ms: (.*)", Pattern.DOTALL);

  @TempDir Path home;

  @BeforeAll
  static void requireDocker() {
    ServerlessStackContainerTest.requireDocker();
  }

  /** Starts the default container and prints how it went. */
  static final class Start {
    public static void main(String[] args) {
      long started = System.nanoTime();
      try (ServerlessStackContainer stack = new ServerlessStackContainer()) {
        stack.start();
        System.out.println("STARTED");
      } catch (RuntimeException e) {
        System.out.println(
            "FAILED in "
                + Duration.ofNanos(System.nanoTime() - started).toMillis()
                + " ms: "
                + e.getMessage());
        System.exit(1);
      }
    }
  }

  @Test
  void failsWithinSecondsSayingWhatToDoWhenNoDockerEngineAnswers() throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("DOCKER_HOST", "unix:///nonexistent/docker.sock");
    // Testcontainers falls back to /var/run/docker.sock on Linux and macOS, where this machine's
    // engine answers: another OS name hides it, so that no engine answers at all. A home of its
    // own hides a strategy remembered in ~/.testcontainers.properties.
    List<String> jvm = List.of("-Dos.name=FreeBSD", "-Duser.home=" + home);

    ChildJvm child = ChildJvm.run(Start.class, env, jvm);

    Matcher failed = failure(child);
    assertThat(failed.group(2))
        .startsWith("No Docker engine answers")
        .contains("Start Docker", "DOCKER_HOST", "run the stack in the test JVM");
    assertThat(Long.parseLong(failed.group(1))).isLessThan(10_000);
    System.out.printf(
        "no engine: start() failed in %s ms (child JVM %d ms)%n",
        failed.group(1), child.took().toMillis());
  }

  @Test
  void failsWithinSecondsSayingHowToDoWithoutRyukWhenItsImageCannotBePulled() throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("TESTCONTAINERS_RYUK_DISABLED", null);
    // An image no registry has: the pull fails as it does where no registry answers.
    env.put("TESTCONTAINERS_RYUK_CONTAINER_IMAGE", "serverless-stack-test/no-such-ryuk:1");

    ChildJvm child = ChildJvm.run(Start.class, env, List.of("-Duser.home=" + home));

    Matcher failed = failure(child);
    assertThat(failed.group(2))
        .contains(
            "Ryuk", "serverless-stack-test/no-such-ryuk:1", "TESTCONTAINERS_RYUK_DISABLED=true");
    assertThat(Long.parseLong(failed.group(1))).isLessThan(10_000);
    System.out.printf(
        "no Ryuk image: start() failed in %s ms (child JVM %d ms)%n",
        failed.group(1), child.took().toMillis());
  }

  private static Matcher failure(ChildJvm child) {
    assertThat(child.exitCode()).as(child.output()).isEqualTo(1);
    Matcher failed =
        FAILED.matcher(
            child
                .output()
                .lines()
                .dropWhile(line -> !line.startsWith("FAILED"))
                .reduce("", (a, b) -> a + b + "\n"));
    assertThat(failed.find()).as(child.output()).isTrue();
    return failed;
  }
}
