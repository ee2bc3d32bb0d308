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
    return Arrays.stream(System.getProperty("bench.targets", "STACK,ELASTICMQ,CEILING").split(","))
        .map(String::trim)
        .map(TargetKind::valueOf)
        .toList();
  }
}
