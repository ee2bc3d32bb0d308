package io.serverlessstack.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;

/**
 * A peer server run as a child process for a benchmark (Moto, kinesalite): waits until it answers
 * HTTP, shows its log when it dies early, and stops it.
 */
final class PeerProcess {

  private static final Duration START_LIMIT = Duration.ofSeconds(60);
  private static final Duration STOP_GRACE = Duration.ofSeconds(10);

  private final String name;
  private final Process process;
  private final Path log;

  /**
   * @param name the peer's name, for messages
   * @param log the file its standard output and error go to
   */
  PeerProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /**
   * Waits until a GET of {@code url} answers with a status {@code answered} accepts, or fails
   * (stopping the process) once it exits or a minute passes.
   */
  void awaitAnswer(URI url, IntPredicate answered) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5)).build();
    long deadline = System.nanoTime() + START_LIMIT.toNanos();
    while (true) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            name + " exited with " + process.exitValue() + " before answering: " + logText());
      }
      try {
        if (answered.test(
            http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode())) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        stop();
        throw new IllegalStateException(e);
      }
      if (System.nanoTime() > deadline) {
        stop();
        throw new IllegalStateException(name + " did not answer within " + START_LIMIT);
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

  /** Asks the process to stop (SIGTERM), and kills it if it has not within a few seconds. */
  void stop() {
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
