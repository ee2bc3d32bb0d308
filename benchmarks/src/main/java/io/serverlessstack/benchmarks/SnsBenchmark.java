package io.serverlessstack.benchmarks;

import io.serverlessstack.benchmarks.FanOutBenchmark.Cell;
import io.serverlessstack.benchmarks.FanOutBenchmark.Operation;
import io.serverlessstack.benchmarks.FanOutBenchmark.Sample;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Runs the side-by-side SNS fan-out benchmark (the stack against Moto's server) and prints its
 * results as Markdown on stdout; progress goes to stderr.
 *
 * <p>Usage: {@code SnsBenchmark}; knobs are {@code -Dbench.*} system properties, see
 * benchmarks/README.md.
 */
public final class SnsBenchmark {

  /** Publish throughput as a share of SendMessage's that the stack should reach. */
  private static final double PUBLISH_SHARE_TARGET = 0.70;

  /** Deliveries per second the stack should reach, with none missing. */
  private static final double DELIVERY_RATE_TARGET = 10_000;

  private SnsBenchmark() {}

  public static void main(String[] args) {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    FanOutBenchmark benchmark = new FanOutBenchmark();
    Report.printEnvironment(args);
    List<TargetKind> kinds = Settings.targets("STACK,MOTO");
    if (kinds.contains(TargetKind.MOTO)) {
      System.out.println(
          "- Moto: "
              + MotoServer.version()
              + " (`"
              + MotoServer.python()
              + " -m moto.server`, a child process; SQS and SNS on one port)");
    }
    System.out.println(
        "- fan-out: "
            + benchmark.queues()
            + " SQS queues subscribed to one standard topic; "
            + benchmark.bodyBytes()
            + "-byte messages; windows of "
            + benchmark.window(TargetKind.STACK).toSeconds()
            + " s (Moto "
            + benchmark.window(TargetKind.MOTO).toSeconds()
            + " s) after a "
            + Load.RAMP.toMillis()
            + " ms ramp; deliveries awaited for up to "
            + benchmark.deliveryLimit().toSeconds()
            + " s");
    System.out.println();
    double load = Report.loadAverage();
    FanOutBenchmark.Results results = benchmark.run();
    printThroughput(results);
    printShares(results);
    printDeliveries(results);
    printTargets(results);
    printRaw(results);
    Report.printLoad(load);
  }

  private static List<Sample> samples(
      FanOutBenchmark.Results results, Operation operation, int threads, TargetKind kind) {
    Map<TargetKind, List<Sample>> cell = results.samples().get(new Cell(operation, threads));
    return cell == null ? List.of() : cell.getOrDefault(kind, List.of());
  }

  private static List<Double> values(List<Sample> samples, ToDoubleFunction<Sample> value) {
    return samples.stream().map(sample -> value.applyAsDouble(sample)).toList();
  }

  private static List<Integer> threadCounts(FanOutBenchmark.Results results) {
    return results.samples().keySet().stream().map(Cell::threads).distinct().toList();
  }

  private static void printThroughput(FanOutBenchmark.Results results) {
    System.out.println("## Throughput (SDK v2 sync clients on Apache5HttpClient)");
    System.out.println();
    System.out.println(
        "calls/s: publishes (or SendMessage calls) per second over the window. deliveries/s:"
            + " messages found in the queues, exactly once each, per second from the first call"
            + " to the last delivery. Median over rounds (min–max); the ratio is taken per round"
            + " between samples measured side by side.");
    System.out.println();
    System.out.println(
        "| operation | threads | stack calls/s | stack deliveries/s | Moto calls/s"
            + " | Moto deliveries/s | stack / Moto (deliveries/s) |");
    System.out.println("|---|---:|---:|---:|---:|---:|---:|");
    results
        .samples()
        .forEach(
            (cell, byKind) -> {
              List<Sample> stack = byKind.getOrDefault(TargetKind.STACK, List.of());
              List<Sample> moto = byKind.getOrDefault(TargetKind.MOTO, List.of());
              List<Double> stackDeliveries = values(stack, Sample::deliveryRate);
              List<Double> motoDeliveries = values(moto, Sample::deliveryRate);
              System.out.println(
                  "| "
                      + cell.operation().label
                      + " | "
                      + cell.threads()
                      + " | "
                      + Stats.spread(values(stack, Sample::rate), 0)
                      + " | "
                      + Stats.spread(stackDeliveries, 0)
                      + " | "
                      + Stats.spread(values(moto, Sample::rate), 1)
                      + " | "
                      + Stats.spread(motoDeliveries, 1)
                      + " | "
                      + Stats.spread(Stats.ratios(stackDeliveries, motoDeliveries), 0)
                      + " |");
            });
    System.out.println();
  }

  private static void printShares(FanOutBenchmark.Results results) {
    System.out.println("## Publish throughput / SendMessage throughput");
    System.out.println();
    System.out.println(
        "Publishes/s over SendMessage calls/s on the same server, with the same client settings"
            + " and threads, per round; median (min–max).");
    System.out.println();
    System.out.println("| threads | stack: enveloped | stack: raw | Moto: enveloped | Moto: raw |");
    System.out.println("|---:|---:|---:|---:|---:|");
    for (int threads : threadCounts(results)) {
      StringBuilder row = new StringBuilder("| " + threads);
      for (TargetKind kind : List.of(TargetKind.STACK, TargetKind.MOTO)) {
        List<Double> sends = values(samples(results, Operation.SEND, threads, kind), Sample::rate);
        for (Operation operation : List.of(Operation.PUBLISH, Operation.PUBLISH_RAW)) {
          List<Double> publishes = values(samples(results, operation, threads, kind), Sample::rate);
          row.append(" | ").append(Stats.spread(Stats.ratios(publishes, sends), 2));
        }
      }
      System.out.println(row.append(" |"));
    }
    System.out.println();
  }

  private static void printDeliveries(FanOutBenchmark.Results results) {
    System.out.println("## Deliveries checked");
    System.out.println();
    System.out.println(
        "After each window, every queue's ApproximateNumberOfMessages is polled until it equals"
            + " the number of calls made (or the time limit passes); then every queue is drained"
            + " with ReceiveMessage + DeleteMessageBatch and each message's number is checked off."
            + " Totals over all rounds. Lag: from the last call's response until every queue was"
            + " seen full, an upper bound that includes the polling round that saw it (its"
            + " duration is the poll column); median (min–max) ms.");
    System.out.println();
    System.out.println(
        "| operation | threads | server | calls | deliveries expected | found | missing"
            + " | duplicated | incomplete samples | lag (ms) | poll (ms) |");
    System.out.println("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    results
        .samples()
        .forEach(
            (cell, byKind) ->
                byKind.forEach(
                    (kind, samples) -> {
                      long calls = samples.stream().mapToLong(Sample::calls).sum();
                      long expected = samples.stream().mapToLong(s -> s.calls() * s.queues()).sum();
                      System.out.println(
                          "| "
                              + cell.operation().label
                              + " | "
                              + cell.threads()
                              + " | "
                              + kind.label
                              + " | "
                              + calls
                              + " | "
                              + expected
                              + " | "
                              + samples.stream().mapToLong(Sample::delivered).sum()
                              + " | "
                              + samples.stream().mapToLong(Sample::missing).sum()
                              + " | "
                              + samples.stream().mapToLong(Sample::duplicated).sum()
                              + " | "
                              + samples.stream().filter(s -> !s.complete()).count()
                              + " | "
                              + Stats.spread(values(samples, Sample::lagMillis), 0)
                              + " | "
                              + Stats.spread(values(samples, Sample::pollMillis), 0)
                              + " |");
                    }));
    System.out.println();
  }

  private static void printTargets(FanOutBenchmark.Results results) {
    System.out.println("## Targets (stack, enveloped delivery)");
    System.out.println();
    for (int threads : threadCounts(results)) {
      List<Sample> sends = samples(results, Operation.SEND, threads, TargetKind.STACK);
      List<Sample> publishes = samples(results, Operation.PUBLISH, threads, TargetKind.STACK);
      if (publishes.isEmpty()) {
        continue;
      }
      double share =
          Stats.median(Stats.ratios(values(publishes, Sample::rate), values(sends, Sample::rate)));
      double deliveries = Stats.median(values(publishes, Sample::deliveryRate));
      boolean exact = publishes.stream().allMatch(Sample::exact);
      System.out.println(
          "- "
              + threads
              + " thread(s): publish / SendMessage "
              + Stats.fixed(share, 2)
              + " (target ≥ "
              + Stats.fixed(PUBLISH_SHARE_TARGET, 2)
              + ": "
              + (share >= PUBLISH_SHARE_TARGET ? "met" : "missed")
              + "); "
              + Stats.fixed(deliveries, 0)
              + " deliveries/s, "
              + (exact ? "none missing or duplicated" : "SOME MISSING, DUPLICATED OR LATE")
              + " (target ≥ "
              + Stats.fixed(DELIVERY_RATE_TARGET, 0)
              + " with none missing: "
              + (deliveries >= DELIVERY_RATE_TARGET && exact ? "met" : "missed")
              + ").");
    }
    System.out.println();
  }

  private static void printRaw(FanOutBenchmark.Results results) {
    System.out.println("Raw samples, in round order (calls/s / deliveries/s / lag ms):");
    System.out.println();
    results
        .samples()
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
                                + samples.stream()
                                    .map(
                                        s ->
                                            Stats.fixed(s.rate(), 1)
                                                + " / "
                                                + Stats.fixed(s.deliveryRate(), 0)
                                                + " / "
                                                + Stats.fixed(s.lagMillis(), 0))
                                    .toList())));
    System.out.println();
  }
}
