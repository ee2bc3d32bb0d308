package io.serverlessstack.benchmarks;

import java.util.Arrays;
import java.util.List;

/** Benchmark knobs, read from {@code -Dbench.NAME=value} system properties. */
final class Settings {

  private Settings() {}

  static int integer(String name, int defaultValue) {
    return Integer.getInteger("bench." + name, defaultValue);
  }

  /** A comma-separated list of integers, e.g. {@code -Dbench.threads=1,4}. */
  static List<Integer> integers(String name, String defaultValue) {
    return Arrays.stream(System.getProperty("bench." + name, defaultValue).split(","))
        .map(String::trim)
        .filter(value -> !value.isEmpty())
        .map(Integer::valueOf)
        .toList();
  }

  /** The servers to compare, e.g. {@code -Dbench.targets=STACK} while profiling. */
  static List<TargetKind> targets() {
    return targets("STACK,ELASTICMQ,CEILING");
  }

  /** As {@link #targets()}, for a benchmark whose servers are by default {@code defaultValue}. */
  static List<TargetKind> targets(String defaultValue) {
    return Arrays.stream(System.getProperty("bench.targets", defaultValue).split(","))
        .map(String::trim)
        .map(TargetKind::valueOf)
        .toList();
  }
}
