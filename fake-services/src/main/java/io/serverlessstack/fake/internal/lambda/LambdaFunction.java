package io.serverlessstack.fake.internal.lambda;

import io.serverlessstack.fake.internal.server.Scope;
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
   * How asynchronous invocations of the function are retried and where they go after.
   *
   * @param maximumRetryAttempts 0 to 2, 2 by default
   * @param maximumEventAgeSeconds 60 to 21,600, 21,600 by default
   * @param onSuccess a destination ARN, or {@code null}
   * @param onFailure a destination ARN, or {@code null}
   */
  record EventInvokeConfig(
      int maximumRetryAttempts, int maximumEventAgeSeconds, String onSuccess, String onFailure) {
    static final EventInvokeConfig DEFAULT = new EventInvokeConfig(2, 21_600, null, null);
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
  private EventInvokeConfig eventInvokeConfig;

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

  /** The last published version, or {@code null}. */
  synchronized Version lastPublished() {
    return versions.isEmpty() ? null : versions.lastEntry().getValue();
  }

  synchronized int nextVersionNumber() {
    return versions.isEmpty() ? 1 : versions.lastKey() + 1;
  }

  synchronized void addVersion(int number, Version version) {
    versions.put(number, version);
  }

  synchronized boolean removeVersion(int number) {
    return versions.remove(number) != null;
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

  synchronized AliasConfiguration removeAlias(String aliasName) {
    return aliases.remove(aliasName);
  }

  /** Whether an alias routes to version {@code number}. */
  synchronized boolean aliasUses(String number) {
    for (AliasConfiguration alias : aliases.values()) {
      if (alias.functionVersion().equals(number)
          || (alias.routingConfig() != null
              && alias.routingConfig().additionalVersionWeights().containsKey(number))) {
        return true;
      }
    }
    return false;
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

  synchronized EventInvokeConfig eventInvokeConfig() {
    return eventInvokeConfig == null ? EventInvokeConfig.DEFAULT : eventInvokeConfig;
  }

  synchronized boolean hasEventInvokeConfig() {
    return eventInvokeConfig != null;
  }

  synchronized void eventInvokeConfig(EventInvokeConfig config) {
    this.eventInvokeConfig = config;
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
