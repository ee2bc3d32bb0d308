package io.serverlessstack.benchmarks;

import io.serverlessstack.benchmarks.RecordsBenchmark.Sample;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Runs the side-by-side Kinesis benchmark (the stack over CBOR and over JSON, kinesalite, and a
 * canned-response ceiling in either encoding) and prints its results as Markdown on stdout;
 * progress goes to stderr.
 *
 * <p>Usage: {@code KinesisBenchmark}; knobs are {@code -Dbench.*} system properties, see
 * benchmarks/README.md.
 */
public final class KinesisBenchmark {

  static final String DEFAULT_TARGETS = "STACK,STACK_JSON,KINESALITE,CEILING,CEILING_JSON";

  /** How many times kinesalite's rates the stack should reach. */
  private static final double PEER_TARGET = 10;

  /** The share of the canned ceiling's rates the stack should reach. */
  private static final double CEILING_TARGET = 0.70;

  private static final double MIB = 1024 * 1024;

  private enum Operation {
    PUT("PutRecords"),
    GET("GetRecords");

    final String label;

    Operation(String label) {
      this.label = label;
    }

    double rate(Sample sample) {
      return this == PUT ? sample.putRate() : sample.getRate();
    }
  }

  /** A ratio the report gives: {@code numerator}'s rate over {@code denominator}'s, per round. */
  private record Ratio(TargetKind numerator, TargetKind denominator, String label) {}

  private static final List<Ratio> RATIOS =
      List.of(
          new Ratio(TargetKind.STACK, TargetKind.KINESALITE, "stack (CBOR) / kinesalite"),
          new Ratio(TargetKind.STACK_JSON, TargetKind.KINESALITE, "stack (JSON) / kinesalite"),
          new Ratio(TargetKind.STACK, TargetKind.CEILING, "stack / ceiling (CBOR)"),
          new Ratio(TargetKind.STACK_JSON, TargetKind.CEILING_JSON, "stack / ceiling (JSON)"),
          new Ratio(TargetKind.CEILING, TargetKind.KINESALITE, "ceiling (CBOR) / kinesalite"));

  private KinesisBenchmark() {}

  public static void main(String[] args) {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    RecordsBenchmark benchmark = new RecordsBenchmark();
    Report.printEnvironment(args);
    if (benchmark.kinds().contains(TargetKind.KINESALITE)) {
      KinesaliteServer.install();
      System.out.println(
          "- kinesalite: "
              + KinesaliteServer.installedVersion()
              + " on Node.js "
              + KinesaliteServer.nodeVersion()
              + " (a child process, in memory, streams created and deleted at once; JSON 1.1)");
    }
    System.out.println(
        "- records: "
            + benchmark.batch()
            + " × "
            + benchmark.recordBytes()
            + " bytes per PutRecords, into a fresh stream of "
            + RecordsBenchmark.SHARDS
            + " shards per sample; read back with GetRecords Limit "
            + benchmark.readLimit()
            + "; put windows of "
            + benchmark.window().toSeconds()
            + " s after a "
            + Load.RAMP.toMillis()
            + " ms ramp; warm-up "
            + benchmark.warmup(TargetKind.STACK).toSeconds()
            + " s per target and thread count (kinesalite "
            + benchmark.warmup(TargetKind.KINESALITE).toSeconds()
            + " s)");
    System.out.println();
    double load = Report.loadAverage();
    RecordsBenchmark.Results results = benchmark.run();
    printRates(results, benchmark.recordBytes());
    printRatios(results);
    printChecks(results);
    printTargets(results);
    printRaw(results);
    results.notes().forEach(note -> System.out.println("- NOTE: " + note));
    System.out.println();
    Report.printLoad(load);
  }

  private static List<Double> values(List<Sample> samples, ToDoubleFunction<Sample> value) {
    return samples.stream().map(sample -> value.applyAsDouble(sample)).toList();
  }

  private static List<Double> rates(
      RecordsBenchmark.Results results, Operation operation, int threads, TargetKind kind) {
    Map<TargetKind, List<Sample>> cell = results.samples().get(threads);
    List<Sample> samples = cell == null ? List.of() : cell.getOrDefault(kind, List.of());
    return values(samples, operation::rate);
  }

  /** Client threads for PutRecords; readers (one per shard, at most that many) for GetRecords. */
  private static int threads(Operation operation, int threads) {
    return operation == Operation.PUT ? threads : Math.min(threads, RecordsBenchmark.SHARDS);
  }

  private static void printRates(RecordsBenchmark.Results results, int recordBytes) {
    System.out.println("## Throughput (SDK v2 sync KinesisClient on Apache5HttpClient)");
    System.out.println();
    System.out.println(
        "records/s: records stored (PutRecords, over the window) or read back (GetRecords, from"
            + " the first GetShardIterator until every shard was drained); MiB/s: the same in"
            + " record data (2^20 bytes). GetRecords reads what the PutRecords window just put,"
            + " with one reader per shard, at most as many readers as put threads. Median over"
            + " rounds (min–max).");
    System.out.println();
    System.out.println("| operation | threads | server | records/s | MiB/s |");
    System.out.println("|---|---:|---|---:|---:|");
    for (Operation operation : Operation.values()) {
      results
          .samples()
          .forEach(
              (threads, byKind) ->
                  byKind.forEach(
                      (kind, samples) -> {
                        List<Double> rates = values(samples, operation::rate);
                        System.out.println(
                            "| "
                                + operation.label
                                + " | "
                                + threads(operation, threads)
                                + " | "
                                + kind.label
                                + " | "
                                + Stats.spread(rates, 0)
                                + " | "
                                + Stats.spread(
                                    rates.stream().map(rate -> rate * recordBytes / MIB).toList(),
                                    1)
                                + " |");
                      }));
    }
    System.out.println();
  }

  private static void printRatios(RecordsBenchmark.Results results) {
    System.out.println("## Ratios");
    System.out.println();
    System.out.println(
        "records/s of one server over another's, taken per round between samples measured side"
            + " by side; median (min–max).");
    System.out.println();
    StringBuilder header = new StringBuilder("| operation | threads");
    StringBuilder rule = new StringBuilder("|---|---:");
    for (Ratio ratio : RATIOS) {
      header.append(" | ").append(ratio.label());
      rule.append("|---:");
    }
    System.out.println(header.append(" |"));
    System.out.println(rule.append("|"));
    for (Operation operation : Operation.values()) {
      for (int threads : results.samples().keySet()) {
        StringBuilder row =
            new StringBuilder("| " + operation.label + " | " + threads(operation, threads));
        for (Ratio ratio : RATIOS) {
          List<Double> ratios =
              Stats.ratios(
                  rates(results, operation, threads, ratio.numerator()),
                  rates(results, operation, threads, ratio.denominator()));
          row.append(" | ").append(Stats.spread(ratios, 2));
        }
        System.out.println(row.append(" |"));
      }
    }
    System.out.println();
  }

  private static void printChecks(RecordsBenchmark.Results results) {
    System.out.println("## Every record read back");
    System.out.println();
    System.out.println(
        "After each put window, every shard is read from its trim horizon until a read comes back"
            + " empty, and each record's number is checked off against those the PutRecords"
            + " answers reported stored. Lost: reported stored, never read back. Duplicated: read"
            + " more than once. Unexpected: read back, never reported stored. Totals over all"
            + " rounds; the canned servers store nothing, so nothing is checked there.");
    System.out.println();
    System.out.println(
        "| put threads | server | PutRecords calls | records stored | failed | read back | lost"
            + " | duplicated | unexpected |");
    System.out.println("|---:|---|---:|---:|---:|---:|---:|---:|---:|");
    results
        .samples()
        .forEach(
            (threads, byKind) ->
                byKind.forEach(
                    (kind, samples) -> {
                      boolean checked = samples.stream().allMatch(Sample::checked);
                      System.out.println(
                          "| "
                              + threads
                              + " | "
                              + kind.label
                              + " | "
                              + samples.stream().mapToLong(Sample::putCalls).sum()
                              + " | "
                              + samples.stream().mapToLong(Sample::stored).sum()
                              + " | "
                              + samples.stream().mapToLong(Sample::failed).sum()
                              + " | "
                              + samples.stream().mapToLong(Sample::read).sum()
                              + " | "
                              + (checked ? samples.stream().mapToLong(Sample::lost).sum() : "–")
                              + " | "
                              + (checked
                                  ? samples.stream().mapToLong(Sample::duplicated).sum()
                                  : "–")
                              + " | "
                              + (checked
                                  ? samples.stream().mapToLong(Sample::unexpected).sum()
                                  : "–")
                              + " |");
                    }));
    System.out.println();
  }

  private static void printTargets(RecordsBenchmark.Results results) {
    System.out.println("## Targets");
    System.out.println();
    for (int threads : results.samples().keySet()) {
      for (Operation operation : Operation.values()) {
        List<Double> stack = rates(results, operation, threads, TargetKind.STACK);
        List<Double> stackJson = rates(results, operation, threads, TargetKind.STACK_JSON);
        List<Double> kinesalite = rates(results, operation, threads, TargetKind.KINESALITE);
        List<Double> ceiling = rates(results, operation, threads, TargetKind.CEILING);
        StringBuilder line =
            new StringBuilder(
                "- "
                    + operation.label
                    + ", "
                    + threads(operation, threads)
                    + (operation == Operation.PUT ? " thread(s):" : " reader(s):"));
        if (!kinesalite.isEmpty()) {
          for (List<Double> ours : List.of(stack, stackJson)) {
            if (!ours.isEmpty()) {
              double ratio = Stats.median(Stats.ratios(ours, kinesalite));
              line.append(ours == stack ? " stack (CBOR)" : " stack (JSON)")
                  .append(" / kinesalite ")
                  .append(Stats.fixed(ratio, 1))
                  .append("× (target ≥ ")
                  .append(Stats.fixed(PEER_TARGET, 0))
                  .append("×: ")
                  .append(verdict(ratio, PEER_TARGET))
                  .append(");");
            }
          }
          if (!ceiling.isEmpty()) {
            line.append(" the CBOR ceiling itself is ")
                .append(Stats.fixed(Stats.median(Stats.ratios(ceiling, kinesalite)), 1))
                .append("× kinesalite;");
          }
        }
        if (!stack.isEmpty() && !ceiling.isEmpty()) {
          double share = Stats.median(Stats.ratios(stack, ceiling));
          line.append(" stack / ceiling (CBOR) ")
              .append(Stats.fixed(share, 2))
              .append(" (target ≥ ")
              .append(Stats.fixed(CEILING_TARGET, 2))
              .append(": ")
              .append(verdict(share, CEILING_TARGET))
              .append(").");
        }
        System.out.println(line);
      }
    }
    results
        .samples()
        .forEach(
            (threads, byKind) ->
                byKind.forEach(
                    (kind, samples) -> {
                      if (samples.stream().allMatch(Sample::checked)) {
                        long lost = samples.stream().mapToLong(Sample::lost).sum();
                        long duplicated = samples.stream().mapToLong(Sample::duplicated).sum();
                        long unexpected = samples.stream().mapToLong(Sample::unexpected).sum();
                        System.out.println(
                            "- "
                                + kind.label
                                + ", "
                                + threads
                                + " producer thread(s): "
                                + (lost + duplicated + unexpected == 0
                                    ? "every record stored was read back exactly once"
                                    : lost
                                        + " LOST, "
                                        + duplicated
                                        + " DUPLICATED, "
                                        + unexpected
                                        + " UNEXPECTED")
                                + ".");
                      }
                    }));
    System.out.println();
  }

  private static String verdict(double value, double target) {
    return value >= target
        ? "met"
        : "missed by " + Stats.fixed(100 * (1 - value / target), 0) + "%";
  }

  private static void printRaw(RecordsBenchmark.Results results) {
    System.out.println(
        "Raw samples, in round order (PutRecords records/s / GetRecords records/s / records"
            + " stored):");
    System.out.println();
    results
        .samples()
        .forEach(
            (threads, byKind) ->
                byKind.forEach(
                    (kind, samples) ->
                        System.out.println(
                            "- "
                                + threads
                                + " thread(s), "
                                + kind.label
                                + ": "
                                + samples.stream()
                                    .map(
                                        s ->
                                            Stats.fixed(s.putRate(), 0)
                                                + " / "
                                                + Stats.fixed(s.getRate(), 0)
                                                + " / "
                                                + s.stored())
                                    .toList())));
    System.out.println();
  }
}
