package io.serverlessstack.benchmarks;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs the side-by-side SQS benchmarks and prints their results as Markdown on stdout (progress
 * goes to stderr).
 *
 * <p>Usage: {@code SqsBenchmark [all|throughput|startup|memory]...}; knobs are {@code -Dbench.*}
 * system properties, see benchmarks/README.md.
 */
public final class SqsBenchmark {

  private static final double MB = 1024 * 1024;
  private static final double STACK_START_TARGET_MS = 100;
  private static final double STACK_IDLE_HEAP_TARGET_MB = 20;

  private SqsBenchmark() {}

  public static void main(String[] args) {
    // Before anything logs: ElasticMQ's actor system is chatty below WARN.
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    Set<String> suites = Set.copyOf(List.of(args.length == 0 ? new String[] {"all"} : args));
    boolean all = suites.contains("all") || suites.contains("true");
    Report.printEnvironment(args);
    System.out.println();
    if (all || suites.contains("throughput")) {
      double load = Report.loadAverage();
      printThroughput(new ThroughputBenchmark().run());
      Report.printLoad(load);
    }
    if (all || suites.contains("startup")) {
      double load = Report.loadAverage();
      printStartup(new StartupBenchmark().run());
      Report.printLoad(load);
    }
    if (all || suites.contains("memory")) {
      double load = Report.loadAverage();
      printMemory(new MemoryBenchmark().run());
      Report.printLoad(load);
    }
    System.exit(0); // ElasticMQ leaves non-daemon threads behind
  }

  private static void printThroughput(ThroughputBenchmark.Results results) {
    System.out.println("## Throughput (msgs/s, SDK v2 sync client on Apache5HttpClient)");
    System.out.println();
    System.out.println(
        "Median over rounds (min–max). Ratios are taken per round between samples measured side"
            + " by side, then their median (min–max).");
    System.out.println();
    System.out.println(
        "| operation | threads | serverless-stack | ElasticMQ | canned ceiling"
            + " | stack / ElasticMQ | stack / ceiling |");
    System.out.println("|---|---:|---:|---:|---:|---:|---:|");
    results
        .rates()
        .forEach(
            (cell, byKind) -> {
              List<Double> stack = byKind.getOrDefault(TargetKind.STACK, List.of());
              List<Double> elasticMq = byKind.getOrDefault(TargetKind.ELASTICMQ, List.of());
              List<Double> ceiling = byKind.getOrDefault(TargetKind.CEILING, List.of());
              System.out.println(
                  "| "
                      + cell.operation().label
                      + " | "
                      + cell.threads()
                      + " | "
                      + Stats.spread(stack, 0)
                      + " | "
                      + Stats.spread(elasticMq, 0)
                      + " | "
                      + Stats.spread(ceiling, 0)
                      + " | "
                      + Stats.spread(Stats.ratios(stack, elasticMq), 2)
                      + " | "
                      + Stats.spread(Stats.ratios(stack, ceiling), 2)
                      + " |");
            });
    System.out.println();
    System.out.println("Raw samples, in round order:");
    System.out.println();
    results
        .rates()
        .forEach(
            (cell, byKind) ->
                byKind.forEach(
                    (kind, samples) ->
                        System.out.println(
                            "- "
                                + cell.operation().label
                                + ", "
                                + cell.threads()
                                + " thread(s), "
                                + kind.label
                                + ": "
                                + samples.stream().map(rate -> Stats.fixed(rate, 0)).toList())));
    results.notes().forEach(note -> System.out.println("- NOTE: " + note));
    System.out.println();
  }

  private static void printStartup(StartupBenchmark.Results results) {
    System.out.println("## Start time (ms)");
    System.out.println();
    System.out.println(
        "Cold: a fresh child JVM per sample, measured from just before the builder call. Warm: "
            + results.warmStarts()
            + " start/stop cycles in one child JVM after a first, uncounted start. CDS archive:"
            + " cold, in a JVM given the class-data-sharing archive a previous run of the same"
            + " probe recorded with -XX:ArchiveClassesAtExit (what a build can keep between"
            + " runs). Median (min–max).");
    System.out.println();
    System.out.println("| | serverless-stack | ElasticMQ | stack / ElasticMQ |");
    System.out.println("|---|---:|---:|---:|");
    startupRow("cold: start() returned", results.cold(), "start_ms");
    // Process CPU time ticks in 10 ms here, too coarse for warm starts.
    startupRow("cold: CPU time of start() (all threads)", results.cold(), "start_cpu_ms");
    startupRow("cold: first request served", results.cold(), "first_request_ms");
    if (!results.archived().isEmpty()) {
      startupRow("cold, CDS archive: start() returned", results.archived(), "start_ms");
      startupRow("cold, CDS archive: CPU time of start()", results.archived(), "start_cpu_ms");
      startupRow("cold, CDS archive: first request served", results.archived(), "first_request_ms");
    }
    startupRow("warm: start() returned", results.warm(), "start_ms");
    startupRow("warm: first request served", results.warm(), "first_request_ms");
    startupRow("warm: stop", results.warm(), "stop_ms");
    System.out.println();
    double coldStack = Stats.median(results.cold().get(TargetKind.STACK).get("start_ms"));
    System.out.println(
        "Target: stack start ≤ "
            + Stats.fixed(STACK_START_TARGET_MS, 0)
            + " ms; cold median "
            + Stats.fixed(coldStack, 0)
            + " ms ("
            + (coldStack <= STACK_START_TARGET_MS
                ? "met"
                : "missed by " + Stats.fixed(coldStack - STACK_START_TARGET_MS, 0) + " ms")
            + ").");
    System.out.println();
  }

  private static void startupRow(
      String label, Map<TargetKind, StartupBenchmark.Samples> samples, String metric) {
    List<Double> stack = samples.get(TargetKind.STACK).get(metric);
    List<Double> elasticMq = samples.get(TargetKind.ELASTICMQ).get(metric);
    System.out.println(
        "| "
            + label
            + " | "
            + Stats.spread(stack, 1)
            + " | "
            + Stats.spread(elasticMq, 1)
            + " | "
            + Stats.fixed(Stats.median(stack) / Stats.median(elasticMq), 3)
            + " |");
  }

  private static void printMemory(MemoryBenchmark.Results results) {
    System.out.println("## Memory");
    System.out.println();
    System.out.println(
        "Idle: heap in use after 5 × System.gc() in a fresh child JVM, minus the same with nothing"
            + " started; median (min–max) MB over samples. \"+ request\" is after one CreateQueue.");
    System.out.println();
    System.out.println("| child JVM | heap used | above baseline | non-heap used |");
    System.out.println("|---|---:|---:|---:|");
    double baseline = Stats.median(results.idleHeap().get("NONE"));
    results
        .idleHeap()
        .forEach(
            (variant, heap) ->
                System.out.println(
                    "| "
                        + variant
                        + " | "
                        + Stats.spread(heap.stream().map(bytes -> bytes / MB).toList(), 1)
                        + " | "
                        + Stats.fixed((Stats.median(heap) - baseline) / MB, 1)
                        + " | "
                        + Stats.fixed(Stats.median(results.idleNonHeap().get(variant)) / MB, 1)
                        + " |"));
    System.out.println();
    double stackIdle = (Stats.median(results.idleHeap().get("STACK")) - baseline) / MB;
    System.out.println(
        "Target: idle stack heap < "
            + Stats.fixed(STACK_IDLE_HEAP_TARGET_MB, 0)
            + " MB; measured "
            + Stats.fixed(stackIdle, 1)
            + " MB ("
            + (stackIdle < STACK_IDLE_HEAP_TARGET_MB ? "met" : "missed")
            + ").");
    System.out.println();
    if (results.bulkFailure() != null) {
      System.out.println(
          "Bulk load with -Xmx" + results.bulkHeap() + " FAILED: " + results.bulkFailure());
    } else if (!results.bulk().isEmpty()) {
      Map<String, String> bulk = results.bulk();
      double messages = Double.parseDouble(bulk.get("messages"));
      double perMessage =
          (Double.parseDouble(bulk.get("heap_after")) - Double.parseDouble(bulk.get("heap_before")))
              / messages;
      System.out.println("| bulk load, -Xmx" + results.bulkHeap() + " | |");
      System.out.println("|---|---:|");
      System.out.println(
          "| messages sent (SendMessageBatch of 10) | " + bulk.get("messages") + " |");
      System.out.println("| ApproximateNumberOfMessages | " + bulk.get("queued") + " |");
      System.out.println("| send time (s) | " + bulk.get("send_s") + " |");
      System.out.println(
          "| heap used after GC (MB) | "
              + Stats.fixed(Double.parseDouble(bulk.get("heap_after")) / MB, 0)
              + " of "
              + Stats.fixed(Double.parseDouble(bulk.get("heap_max")) / MB, 0)
              + " |");
      System.out.println(
          "| heap per queued message (bytes) | " + Stats.fixed(perMessage, 0) + " |");
      System.out.println();
      System.out.println(
          "Fits: "
              + (bulk.get("queued").equals(bulk.get("messages")) ? "yes" : "NO (count differs)")
              + ".");
    }
    System.out.println();
  }
}
