package io.serverlessstack.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Heap cost of the stack: idle (child JVMs with and without a started server, ElasticMQ alongside
 * for scale) and loaded (a child JVM with a 2 GiB heap holding a million 1 KiB messages).
 */
final class MemoryBenchmark {

  /** The idle probes: what runs in the child JVM. */
  static final List<List<String>> IDLE_VARIANTS =
      List.of(
          List.of("NONE"),
          List.of("STACK"),
          List.of("STACK", "request"),
          List.of("ELASTICMQ"),
          List.of("ELASTICMQ", "request"));

  /** Heap in use after GC, in bytes, by idle variant; and the bulk probe's report. */
  record Results(
      Map<String, List<Double>> idleHeap,
      Map<String, List<Double>> idleNonHeap,
      String bulkHeap,
      Map<String, String> bulk,
      String bulkFailure) {}

  private final int idleSamples = Settings.integer("idleSamples", 3);
  private final long bulkMessages = Settings.integer("bulkMessages", 1_000_000);
  private final int bulkBytes = Settings.integer("bulkBytes", 1024);
  private final int bulkThreads = Settings.integer("bulkThreads", 4);
  private final String bulkHeap = System.getProperty("bench.bulkHeap", "2g");

  Results run() {
    Map<String, List<Double>> heap = new LinkedHashMap<>();
    Map<String, List<Double>> nonHeap = new LinkedHashMap<>();
    for (int sample = 0; sample < idleSamples; sample++) {
      for (List<String> variant : IDLE_VARIANTS) {
        Map<String, String> result =
            ChildJvm.run(List.of(), IdleHeapProbe.class, variant, Duration.ofMinutes(2)).get(0);
        String name = String.join(" + ", variant);
        heap.computeIfAbsent(name, v -> new ArrayList<>())
            .add(Double.valueOf(result.get("heap_used")));
        nonHeap
            .computeIfAbsent(name, v -> new ArrayList<>())
            .add(Double.valueOf(result.get("nonheap_used")));
        System.err.println("  idle heap " + name + ": " + result);
      }
    }
    Map<String, String> bulk = Map.of();
    String failure = null;
    if (bulkMessages > 0) {
      try {
        bulk =
            ChildJvm.run(
                    List.of("-Xmx" + bulkHeap, "-XX:+ExitOnOutOfMemoryError"),
                    BulkLoadProbe.class,
                    List.of(
                        String.valueOf(bulkMessages),
                        String.valueOf(bulkBytes),
                        String.valueOf(bulkThreads)),
                    Duration.ofMinutes(30))
                .get(0);
        System.err.println("  bulk load: " + bulk);
      } catch (IllegalStateException e) {
        failure = e.getMessage();
        System.err.println("  bulk load failed: " + failure);
      }
    }
    return new Results(heap, nonHeap, bulkHeap, bulk, failure);
  }
}
