package io.serverlessstack.fake.internal.apigateway;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.apigateway.model.MethodSetting;
import software.amazon.awssdk.services.apigateway.model.QuotaSettings;
import software.amazon.awssdk.services.apigateway.model.ThrottleSettings;

/**
 * API Gateway's throttling and quotas on the stack's clock: token buckets (a bucket holds {@code
 * burstLimit} requests and refills at {@code rateLimit} per second; it starts full) for a stage's
 * method settings, shared by every caller, and for each API key of a usage plan; and each key's
 * requests counted per quota period (a day, a week from the day {@code offset} names, 0 being
 * Sunday, or a month from its {@code offset}-th day, in UTC). Guarded by its own monitor.
 */
final class Metering {

  /** A token bucket with the limits it was made for; new limits start a new bucket. */
  private static final class Bucket {
    final double rate;
    final int burst;
    double tokens;
    Instant refilled;

    Bucket(double rate, int burst, Instant now) {
      this.rate = rate;
      this.burst = burst;
      this.tokens = burst;
      this.refilled = now;
    }

    boolean take(Instant now) {
      if (now.isAfter(refilled)) {
        double seconds = Duration.between(refilled, now).toNanos() / 1e9;
        tokens = Math.min(burst, tokens + seconds * rate);
        refilled = now;
      }
      if (tokens < 1) {
        return false;
      }
      tokens -= 1;
      return true;
    }
  }

  private final Map<String, Bucket> buckets = new HashMap<>();

  /** Requests per day of each plan's keys, by {@code planId/keyId}: what GetUsage reports. */
  private final Map<String, TreeMap<LocalDate, Long>> daily = new HashMap<>();

  /**
   * Whether a call of {@code method} (its key {@code resourcePath/HTTP_METHOD} in method settings,
   * {@code *}{@code /*} for all) on a stage gets through the stage's throttle.
   */
  synchronized boolean admitStage(
      String apiId, String stage, Map<String, MethodSetting> settings, String method, Instant now) {
    MethodSetting setting = settings.get(method);
    String scope = method;
    if (setting == null || setting.throttlingRateLimit() == null) {
      setting = settings.get("*/*");
      scope = "*/*";
    }
    if (setting == null || setting.throttlingRateLimit() == null) {
      return true;
    }
    return take(
        "stage/" + apiId + "/" + stage + "/" + scope,
        setting.throttlingRateLimit(),
        setting.throttlingBurstLimit(),
        now);
  }

  /** Whether a call of an API key within its usage plan gets through the plan's throttle. */
  synchronized boolean admitKey(
      String planId, String keyId, String method, ThrottleSettings throttle, Instant now) {
    if (throttle == null || throttle.rateLimit() == null) {
      return true;
    }
    return take(
        "key/" + planId + "/" + keyId + "/" + method,
        throttle.rateLimit(),
        throttle.burstLimit(),
        now);
  }

  private boolean take(String key, double rate, Integer burst, Instant now) {
    int size = burst == null ? 0 : burst;
    Bucket bucket = buckets.get(key);
    if (bucket == null || bucket.rate != rate || bucket.burst != size) {
      bucket = new Bucket(rate, size, now);
      buckets.put(key, bucket);
    }
    return bucket.take(now);
  }

  /**
   * Counts a call of {@code keyId} against its plan's quota, unless the quota is used up.
   *
   * @return whether the call was within the quota
   */
  synchronized boolean countWithinQuota(
      String planId, String keyId, QuotaSettings quota, Instant now) {
    TreeMap<LocalDate, Long> days =
        daily.computeIfAbsent(planId + "/" + keyId, k -> new TreeMap<>());
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    if (quota != null && quota.limit() != null) {
      long used = usedInPeriod(days, quota, today);
      if (used >= quota.limit()) {
        return false;
      }
    }
    days.merge(today, 1L, Long::sum);
    return true;
  }

  /** The requests of the quota period holding {@code day}, up to and including it. */
  private static long usedInPeriod(
      TreeMap<LocalDate, Long> days, QuotaSettings quota, LocalDate day) {
    long used = 0;
    for (long count : days.subMap(periodStart(quota, day), true, day, true).values()) {
      used += count;
    }
    return used;
  }

  static LocalDate periodStart(QuotaSettings quota, LocalDate day) {
    int offset = quota.offset() == null ? 0 : quota.offset();
    String period = quota.periodAsString() == null ? "DAY" : quota.periodAsString();
    switch (period) {
      case "WEEK":
        DayOfWeek first = DayOfWeek.SUNDAY.plus(offset);
        return day.with(TemporalAdjusters.previousOrSame(first));
      case "MONTH":
        LocalDate start = day.withDayOfMonth(1).plusDays(offset);
        return start.isAfter(day) ? day.minusMonths(1).withDayOfMonth(1).plusDays(offset) : start;
      default:
        return day;
    }
  }

  /**
   * What GetUsage reports for one key: each day from {@code from} to {@code to}, its requests and
   * what was left of the quota at its end.
   */
  synchronized List<List<Long>> usage(
      String planId, String keyId, QuotaSettings quota, LocalDate from, LocalDate to) {
    TreeMap<LocalDate, Long> days = daily.getOrDefault(planId + "/" + keyId, new TreeMap<>());
    List<List<Long>> usage = new ArrayList<>();
    for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
      long used = days.getOrDefault(day, 0L);
      long remaining =
          quota == null || quota.limit() == null
              ? 0
              : Math.max(0, quota.limit() - usedInPeriod(days, quota, day));
      usage.add(List.of(used, remaining));
    }
    return usage;
  }

  synchronized void reset() {
    buckets.clear();
    daily.clear();
  }
}
