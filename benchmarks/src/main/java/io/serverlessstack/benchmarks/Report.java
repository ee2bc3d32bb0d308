package io.serverlessstack.benchmarks;

import java.lang.management.ManagementFactory;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** What every benchmark report starts with, and the machine load it was measured under. */
final class Report {

  private static final double MB = 1024 * 1024;

  private Report() {}

  /** The 1-minute load average of the machine. */
  static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  /** Other work on the machine is the main source of noise: say how much there was. */
  static void printLoad(double before) {
    System.out.println(
        "Machine load average (1 min) around this suite: "
            + Stats.fixed(before, 1)
            + " before, "
            + Stats.fixed(loadAverage(), 1)
            + " after, on "
            + Runtime.getRuntime().availableProcessors()
            + " cores.");
    System.out.println();
  }

  /** The date, JDK, OS, cores, heap, JVM flags and arguments, as a Markdown section. */
  static void printEnvironment(String[] args) {
    Runtime runtime = Runtime.getRuntime();
    System.out.println("## Environment");
    System.out.println();
    System.out.println(
        "- date: " + OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS));
    System.out.println(
        "- JDK: "
            + System.getProperty("java.vm.name")
            + " "
            + System.getProperty("java.runtime.version"));
    System.out.println(
        "- OS: " + System.getProperty("os.name") + " " + System.getProperty("os.version"));
    System.out.println("- cores: " + runtime.availableProcessors());
    System.out.println("- max heap: " + Math.round(runtime.maxMemory() / MB) + " MB");
    System.out.println(
        "- JVM flags: "
            + String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
    System.out.println(
        "- arguments: " + (args.length == 0 ? "(none: all)" : String.join(" ", args)));
    System.out.println("- load average (1 min) at start: " + Stats.fixed(loadAverage(), 1));
  }
}
