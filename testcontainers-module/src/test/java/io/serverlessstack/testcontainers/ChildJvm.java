package io.serverlessstack.testcontainers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A JVM of its own, on this JVM's class path, for what must not touch this one: Testcontainers'
 * configuration is read once per JVM and its environment cannot be changed from inside.
 */
record ChildJvm(int exitCode, String output, Duration took) {

  /**
   * Runs {@code main} and waits for it.
   *
   * @param env variables to set (a null value removes one inherited from this JVM)
   */
  static ChildJvm run(Class<?> main, Map<String, String> env, List<String> jvmArgs, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmArgs);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(main.getName());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    env.forEach(
        (name, value) -> {
          if (value == null) {
            builder.environment().remove(name);
          } else {
            builder.environment().put(name, value);
          }
        });
    long started = System.nanoTime();
    Process process = builder.start();
    byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IllegalStateException("The child JVM did not end: " + command);
    }
    return new ChildJvm(
        process.exitValue(),
        new String(output, StandardCharsets.UTF_8),
        Duration.ofNanos(System.nanoTime() - started));
  }
}
