package io.serverlessstack.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * In-JVM start time of the stack and of ElasticMQ: cold (a fresh child JVM per sample, the two
 * alternating) and warm (one child JVM starting and stopping the server repeatedly).
 */
final class StartupBenchmark {

  static final List<TargetKind> KINDS = List.of(TargetKind.STACK, TargetKind.ELASTICMQ);
  private static final Duration CHILD_TIMEOUT = Duration.ofMinutes(5);

  /** Milliseconds by metric ({@code start_ms}, {@code first_request_ms}, {@code stop_ms}). */
  record Samples(Map<String, List<Double>> byMetric) {
    Samples() {
      this(new LinkedHashMap<>());
    }

    void add(Map<String, String> result) {
      result.forEach(
          (metric, value) ->
              byMetric.computeIfAbsent(metric, m -> new ArrayList<>()).add(Double.valueOf(value)));
    }

    List<Double> get(String metric) {
      return byMetric.getOrDefault(metric, List.of());
    }
  }

  /**
   * {@code archived}: cold starts of JVMs given a class-data-sharing archive that a previous run of
   * the same program recorded ({@code -XX:ArchiveClassesAtExit}), as a test build can keep one
   * between runs; empty when {@code bench.cdsSamples} is 0.
   */
  record Results(
      Map<TargetKind, Samples> cold,
      Map<TargetKind, Samples> archived,
      Map<TargetKind, Samples> warm,
      int warmStarts) {}

  private final int coldSamples = Settings.integer("coldSamples", 5);
  private final int cdsSamples = Settings.integer("cdsSamples", 5);
  private final int warmStarts = Settings.integer("warmStarts", 20);

  Results run() {
    Map<TargetKind, Samples> cold = new LinkedHashMap<>();
    Map<TargetKind, Samples> warm = new LinkedHashMap<>();
    KINDS.forEach(
        kind -> {
          cold.put(kind, new Samples());
          warm.put(kind, new Samples());
        });
    for (int sample = 0; sample < coldSamples; sample++) {
      for (int i = 0; i < KINDS.size(); i++) {
        TargetKind kind = KINDS.get((sample + i) % KINDS.size());
        Map<String, String> result = probe(kind, 1).get(0);
        cold.get(kind).add(result);
        System.err.println("  cold start " + kind.label + ": " + result);
      }
    }
    Map<TargetKind, Samples> archived = cdsSamples > 0 ? archivedStarts() : Map.of();
    for (TargetKind kind : KINDS) {
      // One more start than counted: the first in a fresh JVM is a cold one.
      List<Map<String, String>> results = probe(kind, warmStarts + 1);
      results.subList(1, results.size()).forEach(warm.get(kind)::add);
      System.err.println("  warm starts " + kind.label + ": " + warm.get(kind).byMetric());
    }
    return new Results(cold, archived, warm, warmStarts);
  }

  private Map<TargetKind, Samples> archivedStarts() {
    try {
      Path workDir = Files.createTempDirectory("startup-cds");
      String classPath = ChildJvm.jarsOnlyClassPath(workDir);
      Map<TargetKind, Path> archives = new LinkedHashMap<>();
      for (TargetKind kind : KINDS) {
        Path archive = workDir.resolve(kind.name() + ".jsa");
        ChildJvm.run(
            List.of(
                "-XX:ArchiveClassesAtExit=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off"),
            classPath,
            StartupProbe.class,
            List.of(kind.name(), "1"),
            CHILD_TIMEOUT);
        archives.put(kind, archive);
      }
      Map<TargetKind, Samples> archived = new LinkedHashMap<>();
      KINDS.forEach(kind -> archived.put(kind, new Samples()));
      for (int sample = 0; sample < cdsSamples; sample++) {
        for (int i = 0; i < KINDS.size(); i++) {
          TargetKind kind = KINDS.get((sample + i) % KINDS.size());
          // -Xshare:on: a JVM that cannot map the archive fails instead of quietly running without.
          Map<String, String> result =
              ChildJvm.run(
                      List.of("-Xshare:on", "-XX:SharedArchiveFile=" + archives.get(kind)),
                      classPath,
                      StartupProbe.class,
                      List.of(kind.name(), "1"),
                      CHILD_TIMEOUT)
                  .get(0);
          archived.get(kind).add(result);
          System.err.println("  cold start with CDS archive " + kind.label + ": " + result);
        }
      }
      return archived;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Map<String, String>> probe(TargetKind kind, int repeats) {
    return ChildJvm.run(
        List.of(),
        StartupProbe.class,
        List.of(kind.name(), String.valueOf(repeats)),
        CHILD_TIMEOUT);
  }
}
