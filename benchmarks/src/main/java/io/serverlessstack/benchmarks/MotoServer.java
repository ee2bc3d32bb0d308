package io.serverlessstack.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * <a href="https://github.com/getmoto/moto">Moto</a>'s server ({@code python3 -m moto.server}) as a
 * child process: one server on one loopback port serves SQS and SNS alike. Its request log goes to
 * a temporary file, named on stderr. The Python interpreter is {@code -Dbench.python} ({@code
 * python3} by default), which must have Moto installed with its server extras.
 */
final class MotoServer implements SqsTarget {

  private static final Duration START_LIMIT = Duration.ofSeconds(60);
  private static final Duration STOP_GRACE = Duration.ofSeconds(10);

  private final Process process;
  private final URI endpoint;
  private final Path log;

  private MotoServer(Process process, URI endpoint, Path log) {
    this.process = process;
    this.endpoint = endpoint;
    this.log = log;
  }

  static String python() {
    return System.getProperty("bench.python", "python3");
  }

  /** The installed Moto's version, as {@code moto.__version__} says. */
  static String version() {
    try {
      Process process =
          new ProcessBuilder(python(), "-c", "import moto; print(moto.__version__)")
              .redirectErrorStream(true)
              .start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException("Cannot find Moto's version: " + output);
      }
      return output.strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Starts Moto on a free loopback port and returns once it answers HTTP. */
  static MotoServer start() {
    int port = SqsTarget.freePort();
    URI endpoint = URI.create("http://127.0.0.1:" + port);
    try {
      Path log = Files.createTempFile("moto-", ".log");
      Process process =
          new ProcessBuilder(
                  List.of(python(), "-m", "moto.server", "-H", "127.0.0.1", "-p", "" + port))
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      MotoServer server = new MotoServer(process, endpoint, log);
      // If the benchmark dies, Moto must not outlive it.
      Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, "moto-reaper"));
      server.awaitAnswer();
      System.err.println("  Moto " + endpoint + " (pid " + process.pid() + "), log in " + log);
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start Moto with " + python(), e);
    }
  }

  private void awaitAnswer() {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    HttpRequest request =
        HttpRequest.newBuilder(endpoint.resolve("/moto-api/"))
            .timeout(Duration.ofSeconds(5))
            .build();
    long deadline = System.nanoTime() + START_LIMIT.toNanos();
    while (true) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "Moto exited with " + process.exitValue() + " before answering: " + logText());
      }
      try {
        if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        close();
        throw new IllegalStateException(e);
      }
      if (System.nanoTime() > deadline) {
        close();
        throw new IllegalStateException("Moto did not answer within " + START_LIMIT);
      }
      Load.pause(Duration.ofMillis(100));
    }
  }

  private String logText() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(log unreadable: " + e + ")";
    }
  }

  @Override
  public TargetKind kind() {
    return TargetKind.MOTO;
  }

  @Override
  public URI endpoint() {
    return endpoint;
  }

  /** Asks Moto to stop (SIGTERM), and kills it if it has not within a few seconds. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
