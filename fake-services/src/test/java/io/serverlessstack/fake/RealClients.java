package io.serverlessstack.fake;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs real non-Java clients (boto3 scripts, the AWS CLI) against a stack, with test credentials
 * and none of the machine's AWS configuration.
 */
public final class RealClients {

  private RealClients() {}

  /** Debian's python3, where {@code .ci/run} installs Debian's boto3. */
  public static final String DEBIAN_PYTHON = "/usr/bin/python3";

  /** What a script exits with when boto3 cannot be imported. */
  public static final int NO_BOTO3 = 3;

  /** A client's exit code ({@code -1} when it could not be started) and its output. */
  public record Result(int exitCode, String output) {

    /** Whether the client ran at all, with boto3 when it is a boto3 script. */
    public boolean clientInstalled() {
      return exitCode != -1 && exitCode != NO_BOTO3;
    }
  }

  /**
   * Skips the test where the client is missing (a skip proves nothing, but not every machine has
   * every client), and fails it under {@code CI=true}, where {@code .ci/run} installs the client.
   */
  public static void requireClient(boolean installed, String client) {
    if (!installed && "true".equals(System.getenv("CI"))) {
      throw new AssertionError(client + " is not installed, and CI=true: .ci/run installs it");
    }
    assumeTrue(installed, client + " is not installed");
  }

  /** Runs {@code command} with {@code stdin} (or none) and {@code home} as its home directory. */
  public static Result run(List<String> command, String stdin, Path home) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    Map<String, String> environment = builder.environment();
    environment.keySet().removeIf(name -> name.startsWith("AWS_"));
    environment.putAll(
        Map.of(
            "HOME", home.toString(),
            "AWS_ACCESS_KEY_ID", "test",
            "AWS_SECRET_ACCESS_KEY", "test",
            "AWS_DEFAULT_REGION", "us-east-1",
            "AWS_CONFIG_FILE", "/dev/null",
            "AWS_SHARED_CREDENTIALS_FILE", "/dev/null",
            "AWS_EC2_METADATA_DISABLED", "true",
            "AWS_PAGER", ""));
    Process process;
    try {
      process = builder.start();
    } catch (IOException notInstalled) {
      return new Result(-1, notInstalled.getMessage());
    }
    try (OutputStream in = process.getOutputStream()) {
      if (stdin != null) {
        in.write(stdin.getBytes(StandardCharsets.UTF_8));
      }
    }
    byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(command + " did not finish");
    }
    return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8).trim());
  }

  /** A resource next to {@code type}, as text: a client's script. */
  public static String resource(Class<?> type, String name) {
    try (InputStream in = type.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
