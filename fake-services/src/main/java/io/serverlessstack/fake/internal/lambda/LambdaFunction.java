package io.serverlessstack.fake.internal.lambda;

import io.serverlessstack.fake.internal.server.Scope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.lambda.model.AliasConfiguration;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;

/**
 * One function: its {@code $LATEST} configuration and code, its published versions, its aliases,
 * its reserved concurrency and asynchronous-invocation settings, and how many of its invocations
 * run now. Guarded by its own monitor; invocations read a {@link Version} snapshot and never hold
 * it.
 */
final class LambdaFunction {

  /** A version as an invocation runs it: its configuration and its code. */
  record Version(String label, FunctionConfiguration configuration, CodeSource code) {}

  /**
   * How asynchronous invocations of one version or alias are retried and where they go after, as
   * PutFunctionEventInvokeConfig set it: the members it left out are {@code null}.
   *
   * @param maximumRetryAttempts 0 to 2, or {@code null} for Lambda's 2
   * @param maximumEventAgeSeconds 60 to 21,600, or {@code null} for Lambda's 21,600
   * @param onSuccess a destination ARN, or {@code null}
   * @param onFailure a destination ARN, or {@code null}
   * @param lastModified when it was put
   * @param baseUrl the stack as the caller that put it reached it, for the URLs in the envelopes of
   *     a topic destination's messages
   */
  record EventInvokeConfig(
      Integer maximumRetryAttempts,
      Integer maximumEventAgeSeconds,
      String onSuccess,
      String onFailure,
      Instant lastModified,
      String baseUrl) {
    static final EventInvokeConfig DEFAULT =
        new EventInvokeConfig(null, null, null, null, null, null);

    int retries() {
      return maximumRetryAttempts == null ? 2 : maximumRetryAttempts;
    }

    int maximumAgeSeconds() {
      return maximumEventAgeSeconds == null ? 21_600 : maximumEventAgeSeconds;
    }
  }

  final Scope scope;
  final String name;
  final String arn;
  final AtomicInteger running = new AtomicInteger();

  private FunctionConfiguration latest;
  private CodeSource latestCode;
  private final TreeMap<Integer, Version> versions = new TreeMap<>();
  private final Map<String, AliasConfiguration> aliases = new LinkedHashMap<>();
  private final Map<String, String> tags = new LinkedHashMap<>();
  private Integer reservedConcurrency;

  /** By qualifier: {@code $LATEST}, a version number or an alias name. */
  private final Map<String, EventInvokeConfig> eventInvokeConfigs = new LinkedHashMap<>();

  /** Versions are numbered on, never reusing the number of a deleted one. */
  private int versionsPublished;

  /** {@code $LATEST} as the last version was published from it, to tell whether it changed. */
  private FunctionConfiguration lastPublishedFrom;

  LambdaFunction(
      Scope scope,
      String name,
      FunctionConfiguration latest,
      CodeSource code,
      Map<String, String> tags) {
    this.scope = scope;
    this.name = name;
    this.arn = FunctionRef.arn(scope, name);
    this.latest = latest;
    this.latestCode = code;
    if (tags != null) {
      this.tags.putAll(tags);
    }
  }

  synchronized FunctionConfiguration latest() {
    return latest;
  }

  synchronized CodeSource latestCode() {
    return latestCode;
  }

  synchronized void replaceLatest(FunctionConfiguration configuration, CodeSource code) {
    this.latest = configuration;
    if (code != null) {
      this.latestCode = code;
    }
  }

  /**
   * The version {@code qualifier} names: {@code $LATEST} (or none), a published version number, or
   * an alias (with its weighted routing decided by {@code roll}, 0 to 1); {@code null} if none.
   */
  synchronized Version resolve(String qualifier, double roll) {
    if (qualifier == null || qualifier.equals("$LATEST")) {
      return new Version("$LATEST", latest, latestCode);
    }
    if (qualifier.chars().allMatch(Character::isDigit)) {
      try {
        return versions.get(Integer.parseInt(qualifier));
      } catch (NumberFormatException tooLong) {
        return null;
      }
    }
    AliasConfiguration alias = aliases.get(qualifier);
    if (alias == null) {
      return null;
    }
    String version = alias.functionVersion();
    if (alias.routingConfig() != null) {
      double threshold = 0;
      for (Map.Entry<String, Double> weighted :
          alias.routingConfig().additionalVersionWeights().entrySet()) {
        threshold += weighted.getValue();
        if (roll < threshold) {
          version = weighted.getKey();
          break;
        }
      }
    }
    return resolve(version, roll);
  }

  synchronized Version version(int number) {
    return versions.get(number);
  }

  synchronized List<Version> versions() {
    return new ArrayList<>(versions.values());
  }

  /**
   * The version last published, if it still exists and {@code $LATEST} has not changed since:
   * {@code unchanged} is {@code $LATEST} as {@link #addVersion} was given it, compared the same
   * way.
   */
  synchronized Version publishedFrom(FunctionConfiguration unchanged) {
    Version last = versions.get(versionsPublished);
    return last != null && unchanged.equals(lastPublishedFrom) ? last : null;
  }

  synchronized int nextVersionNumber() {
    return versionsPublished + 1;
  }

  /**
   * Adds the next version.
   *
   * @param from {@code $LATEST} as it was published, for {@link #publishedFrom}
   */
  synchronized void addVersion(int number, Version version, FunctionConfiguration from) {
    versions.put(number, version);
    versionsPublished = number;
    lastPublishedFrom = from;
  }

  /** Deletes a version, and its asynchronous settings; nothing if there is no such version. */
  synchronized void removeVersion(int number) {
    if (versions.remove(number) != null) {
      eventInvokeConfigs.remove(String.valueOf(number));
    }
  }

  synchronized AliasConfiguration alias(String aliasName) {
    return aliases.get(aliasName);
  }

  synchronized List<AliasConfiguration> aliases() {
    return new ArrayList<>(aliases.values());
  }

  synchronized void putAlias(AliasConfiguration alias) {
    aliases.put(alias.name(), alias);
  }

  synchronized void removeAlias(String aliasName) {
    if (aliases.remove(aliasName) != null) {
      eventInvokeConfigs.remove(aliasName);
    }
  }

  /** The aliases that route to version {@code number}, by name. */
  synchronized List<String> aliasesUsing(String number) {
    List<String> using = new ArrayList<>();
    for (AliasConfiguration alias : aliases.values()) {
      if (alias.functionVersion().equals(number)
          || (alias.routingConfig() != null
              && alias.routingConfig().additionalVersionWeights().containsKey(number))) {
        using.add(alias.name());
      }
    }
    return using;
  }

  synchronized Map<String, String> tags() {
    return new LinkedHashMap<>(tags);
  }

  synchronized void tag(Map<String, String> added) {
    tags.putAll(added);
  }

  synchronized void untag(List<String> keys) {
    keys.forEach(tags::remove);
  }

  synchronized Integer reservedConcurrency() {
    return reservedConcurrency;
  }

  synchronized void reservedConcurrency(Integer limit) {
    this.reservedConcurrency = limit;
  }

  /** The settings put for {@code qualifier} ({@code null} for {@code $LATEST}), or {@code null}. */
  synchronized EventInvokeConfig eventInvokeConfig(String qualifier) {
    return eventInvokeConfigs.get(qualifier == null ? "$LATEST" : qualifier);
  }

  /** Puts the settings for {@code qualifier}, or removes them: {@code config} {@code null}. */
  synchronized EventInvokeConfig eventInvokeConfig(String qualifier, EventInvokeConfig config) {
    String key = qualifier == null ? "$LATEST" : qualifier;
    return config == null ? eventInvokeConfigs.remove(key) : eventInvokeConfigs.put(key, config);
  }

  /** Takes a concurrency slot, or says the function is at its reserved limit. */
  boolean tryStart() {
    Integer limit = reservedConcurrency();
    int now = running.incrementAndGet();
    if (limit != null && now > limit) {
      running.decrementAndGet();
      return false;
    }
    return true;
  }

  void finished() {
    running.decrementAndGet();
  }
}
