package io.serverlessstack.benchmarks;

import io.serverlessstack.fake.ServerlessStackServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Container start-to-healthy time and first-request latency of the server image, beside the in-JVM
 * start time, measured in one run.
 *
 * <p>{@code java -cp … ContainerStartBenchmark image [samples]}; needs a Docker engine and the
 * image, whose name {@code io.serverlessstack.testcontainers.internal.ServerImage} prints after
 * building it if need be (see RESULTS.md).
 */
public final class ContainerStartBenchmark {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();

  private ContainerStartBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      System.err.println(
          "usage: ContainerStartBenchmark image [samples]; the image's name is printed by"
              + " io.serverlessstack.testcontainers.internal.ServerImage (see RESULTS.md)");
      System.exit(2);
    }
    String image = args[0];
    int samples = args.length > 1 ? Integer.parseInt(args[1]) : 7;
    List<Long> healthy = new ArrayList<>();
    List<Long> firstRequest = new ArrayList<>();
    List<Long> inJvm = new ArrayList<>();
    for (int i = 0; i < samples; i++) {
      long[] container = containerSample(image);
      healthy.add(container[0]);
      firstRequest.add(container[1]);
      long start = System.nanoTime();
      try (ServerlessStackServer stack = ServerlessStackServer.builder().start()) {
        inJvm.add(nanosToMicros(System.nanoTime() - start));
        stack.port();
      }
    }
    System.out.printf(
        "container start-to-healthy: median %d ms (min %d, max %d)%n",
        median(healthy) / 1000, Collections.min(healthy) / 1000, Collections.max(healthy) / 1000);
    System.out.printf(
        "container first SQS request after healthy: median %d ms%n", median(firstRequest) / 1000);
    System.out.printf(
        "in-JVM start (same JVM, after the first): median %.1f ms; first %.1f ms%n",
        median(inJvm.subList(1, inJvm.size())) / 1000.0, inJvm.get(0) / 1000.0);
  }

  /** {@code docker run} until {@code /_stack/health} answers 200, then one CreateQueue. */
  private static long[] containerSample(String image) throws Exception {
    long start = System.nanoTime();
    String id = docker("run", "-d", "-p", "127.0.0.1::4566", image).trim();
    try {
      String hostPort = docker("port", id, "4566").lines().findFirst().orElseThrow().trim();
      URI endpoint = URI.create("http://" + hostPort);
      while (!healthy(endpoint)) {
        Thread.onSpinWait();
      }
      long healthyAt = System.nanoTime();
      HttpResponse<String> created =
          HTTP.send(
              HttpRequest.newBuilder(endpoint)
                  .header("Content-Type", "application/x-amz-json-1.0")
                  .header("X-Amz-Target", "AmazonSQS.CreateQueue")
                  .POST(HttpRequest.BodyPublishers.ofString("{\"QueueName\":\"bench\"}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (created.statusCode() != 200) {
        throw new IllegalStateException("CreateQueue answered " + created.statusCode());
      }
      return new long[] {
        nanosToMicros(healthyAt - start), nanosToMicros(System.nanoTime() - healthyAt)
      };
    } finally {
      docker("rm", "-f", id);
    }
  }

  private static boolean healthy(URI endpoint) throws InterruptedException {
    try {
      return HTTP.send(
                  HttpRequest.newBuilder(endpoint.resolve("/_stack/health"))
                      .timeout(Duration.ofMillis(500))
                      .build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode()
          == 200;
    } catch (IOException notYet) {
      return false;
    }
  }

  private static String docker(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("docker"));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
    }
    return output;
  }

  private static long median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  private static long nanosToMicros(long nanos) {
    return nanos / 1000;
  }
}
