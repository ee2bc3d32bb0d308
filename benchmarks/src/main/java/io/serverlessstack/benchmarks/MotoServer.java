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

  private static final HttpClient MOTO_API =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final PeerProcess peer;
  private final URI endpoint;

  private MotoServer(Process process, URI endpoint, Path log) {
    this.peer = new PeerProcess("Moto", process, log);
    this.endpoint = endpoint;
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
      server.peer.awaitAnswer(endpoint.resolve("/moto-api/"), status -> status == 200);
      System.err.println("  Moto " + endpoint + " (pid " + process.pid() + "), log in " + log);
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start Moto with " + python(), e);
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

  /**
   * POSTs {@code json} to Moto's own API at {@code path}, e.g. {@code /moto-api/reset} (which
   * forgets every resource) or {@code /moto-api/config}; fails unless Moto answers 2xx.
   */
  void postToMotoApi(String path, String json) {
    HttpRequest request =
        HttpRequest.newBuilder(endpoint.resolve(path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build();
    try {
      HttpResponse<String> response = MOTO_API.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 != 2) {
        throw new IllegalStateException(
            "Moto answered " + response.statusCode() + " to " + path + ": " + response.body());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Asks Moto to stop (SIGTERM), and kills it if it has not within a few seconds. */
  @Override
  public void close() {
    peer.stop();
  }
}
