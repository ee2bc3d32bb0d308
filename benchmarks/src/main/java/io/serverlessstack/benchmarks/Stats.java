package io.serverlessstack.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Medians and spreads over a handful of samples, formatted for the report. */
final class Stats {

  private Stats() {}

  static double median(List<Double> samples) {
    if (samples.isEmpty()) {
      return Double.NaN;
    }
    List<Double> sorted = new ArrayList<>(samples);
    Collections.sort(sorted);
    int middle = sorted.size() / 2;
    return sorted.size() % 2 == 1
        ? sorted.get(middle)
        : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
  }

  static double min(List<Double> samples) {
    return samples.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
  }

  static double max(List<Double> samples) {
    return samples.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
  }

  /** {@code median (min–max)} with {@code decimals} digits; a dash when nothing was measured. */
  static String spread(List<Double> samples, int decimals) {
    if (samples.isEmpty()) {
      return "–";
    }
    String format = "%." + decimals + "f";
    return String.format(Locale.ROOT, format, median(samples))
        + " ("
        + String.format(Locale.ROOT, format, min(samples))
        + "–"
        + String.format(Locale.ROOT, format, max(samples))
        + ")";
  }

  static String fixed(double value, int decimals) {
    return String.format(Locale.ROOT, "%." + decimals + "f", value);
  }

  /** Element-wise {@code a[i] / b[i]}: ratios of samples taken side by side. */
  static List<Double> ratios(List<Double> numerators, List<Double> denominators) {
    List<Double> ratios = new ArrayList<>();
    for (int i = 0; i < Math.min(numerators.size(), denominators.size()); i++) {
      ratios.add(numerators.get(i) / denominators.get(i));
    }
    return ratios;
  }
}
