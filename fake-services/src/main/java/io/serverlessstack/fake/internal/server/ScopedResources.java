package io.serverlessstack.fake.internal.server;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One service's resources of one kind, each named within its account and region, so that the same
 * name in two accounts or regions is two resources: SQS queues, SNS topics, Kinesis streams, state
 * machines. It also builds and reads their ARNs, {@code arn:aws:{service}:{region}:{account}:
 * {prefix}{name}}, so an ARN finds exactly the resource of its own scope.
 *
 * <p>Thread-safe; lookups take no lock. Creating a resource atomically with checks of its own
 * (AWS's "exists with other attributes", "deleted recently") is the engine's business, under a lock
 * of its own around {@link #putIfAbsent}.
 *
 * @param <R> the engine's resource type
 */
public final class ScopedResources<R> {

  private static final Comparator<Key> ORDER =
      Comparator.comparing(Key::accountId).thenComparing(Key::region).thenComparing(Key::name);

  /** A resource's identity: its scope and its name there. */
  public record Key(String accountId, String region, String name) {
    public Key(Scope scope, String name) {
      this(scope.accountId(), scope.region(), name);
    }

    public Scope scope() {
      return new Scope(accountId, region);
    }
  }

  private final String service;
  private final String arnPrefix;
  private final Map<Key, R> resources = new ConcurrentHashMap<>();

  /**
   * @param service the service in the resources' ARNs ({@code sqs})
   * @param arnPrefix what comes before the name in the ARN's resource part: {@code ""} for queues
   *     and topics, {@code "stream/"} for Kinesis streams, {@code "stateMachine:"} for state
   *     machines
   */
  public ScopedResources(String service, String arnPrefix) {
    this.service = Objects.requireNonNull(service, "service");
    this.arnPrefix = Objects.requireNonNull(arnPrefix, "arnPrefix");
  }

  /** The ARN the resource {@code name} of {@code scope} has (whether or not it exists). */
  public Arn arn(Scope scope, String name) {
    return Arn.of(service, scope, arnPrefix + name);
  }

  /**
   * The key an ARN names, if it is an ARN of this service and kind; the resource need not exist.
   */
  public Optional<Key> keyOf(String arn) {
    return Arn.parse(arn)
        .filter(
            parsed ->
                parsed.service().equals(service)
                    && parsed.resource().startsWith(arnPrefix)
                    && parsed.resource().length() > arnPrefix.length())
        .map(
            parsed ->
                new Key(
                    parsed.accountId(),
                    parsed.region(),
                    parsed.resource().substring(arnPrefix.length())));
  }

  /** The resource {@code name} of {@code scope}, or {@code null}. */
  public R get(Scope scope, String name) {
    return resources.get(new Key(scope, name));
  }

  public R get(Key key) {
    return resources.get(key);
  }

  /** The resource an ARN names, or {@code null} (also for ARNs of other services or kinds). */
  public R byArn(String arn) {
    return keyOf(arn).map(resources::get).orElse(null);
  }

  /** Adds {@code resource} unless its key is taken; returns the one already there, or null. */
  public R putIfAbsent(Key key, R resource) {
    return resources.putIfAbsent(key, resource);
  }

  /** Removes the resource under {@code key} if it is {@code resource}; returns whether it was. */
  public boolean remove(Key key, R resource) {
    return resources.remove(key, resource);
  }

  /** The resources of one scope, by name. */
  public List<R> in(Scope scope) {
    return resources.entrySet().stream()
        .filter(
            entry ->
                entry.getKey().accountId().equals(scope.accountId())
                    && entry.getKey().region().equals(scope.region()))
        .sorted(Map.Entry.comparingByKey(ORDER))
        .map(Map.Entry::getValue)
        .toList();
  }

  /** Every resource, by account, region and name. */
  public List<R> all() {
    return resources.entrySet().stream()
        .sorted(Map.Entry.comparingByKey(ORDER))
        .map(Map.Entry::getValue)
        .toList();
  }

  /** Forgets every resource and returns them, for a stack reset to close. */
  public List<R> clear() {
    List<R> removed = new ArrayList<>();
    for (Key key : List.copyOf(resources.keySet())) {
      R resource = resources.remove(key);
      if (resource != null) {
        removed.add(resource);
      }
    }
    return removed;
  }
}
