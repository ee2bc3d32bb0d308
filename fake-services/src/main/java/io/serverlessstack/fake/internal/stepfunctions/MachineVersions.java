package io.serverlessstack.fake.internal.stepfunctions;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * One state machine's published versions and its aliases. A version keeps the revision it was
 * published from, so that updating the machine never changes it; version numbers only grow, also
 * across deletions, as AWS numbers them. Guarded by its own monitor.
 */
final class MachineVersions {

  /** One published version: {@code machineArn:number}. */
  record Version(
      int number,
      String arn,
      StateMachine.Revision revision,
      String description,
      Instant created) {}

  /** One entry of an alias's routing: a version and its share of executions, in percent. */
  record Route(String versionArn, int weight) {}

  /** One alias: {@code machineArn:name}, routing executions to one or two versions. */
  static final class Alias {
    final String name;
    final String arn;
    final Instant created;
    String description;
    List<Route> routes;
    Instant updated;

    Alias(String name, String arn, String description, List<Route> routes, Instant created) {
      this.name = name;
      this.arn = arn;
      this.description = description;
      this.routes = List.copyOf(routes);
      this.created = created;
      this.updated = created;
    }

    /** The version an execution started through this alias runs, chosen by weight. */
    String pick() {
      int roll = ThreadLocalRandom.current().nextInt(100);
      int sum = 0;
      for (Route route : routes) {
        sum += route.weight();
        if (roll < sum) {
          return route.versionArn();
        }
      }
      return routes.get(routes.size() - 1).versionArn();
    }
  }

  /**
   * What a state machine ARN names: the machine itself, one of its versions, or one of its aliases
   * (with the version it picked for this call).
   */
  record Target(StateMachine machine, Version version, Alias alias) {

    StateMachine.Revision revision() {
      return version == null ? machine.current() : version.revision();
    }

    /** The ARN the caller used when it named a version or an alias, else {@code null}. */
    String qualifiedArn() {
      return alias != null ? alias.arn : version != null ? version.arn() : null;
    }
  }

  private final Map<Integer, Version> versions = new LinkedHashMap<>();
  private final Map<String, Alias> aliases = new LinkedHashMap<>();
  private int lastNumber;

  /**
   * Publishes {@code revision}, or answers the latest version when it was published from that very
   * revision, as AWS does for an unchanged machine.
   */
  synchronized Version publish(
      StateMachine machine, StateMachine.Revision revision, String description, Instant now) {
    Version latest = null;
    for (Version version : versions.values()) {
      latest = version;
    }
    if (latest != null && latest.revision() == revision) {
      return latest;
    }
    int number = ++lastNumber;
    Version version = new Version(number, machine.arn + ":" + number, revision, description, now);
    versions.put(number, version);
    return version;
  }

  synchronized Version version(int number) {
    return versions.get(number);
  }

  /** The versions, newest first. */
  synchronized List<Version> versions() {
    List<Version> newestFirst = new ArrayList<>(versions.values());
    java.util.Collections.reverse(newestFirst);
    return newestFirst;
  }

  /** Deletes a version unless an alias routes to it; returns those aliases' names when one does. */
  synchronized List<String> deleteVersion(int number) {
    Version version = versions.get(number);
    if (version == null) {
      return List.of();
    }
    List<String> referencing = new ArrayList<>();
    for (Alias alias : aliases.values()) {
      for (Route route : alias.routes) {
        if (route.versionArn().equals(version.arn())) {
          referencing.add(alias.name);
        }
      }
    }
    if (referencing.isEmpty()) {
      versions.remove(number);
    }
    return referencing;
  }

  synchronized Alias alias(String name) {
    return aliases.get(name);
  }

  /** The aliases, in the order they were created. */
  synchronized List<Alias> aliases() {
    return List.copyOf(aliases.values());
  }

  /** Adds {@code alias} unless its name is taken; returns the alias already there, or null. */
  synchronized Alias addAlias(Alias alias) {
    return aliases.putIfAbsent(alias.name, alias);
  }

  synchronized void deleteAlias(String name) {
    aliases.remove(name);
  }

  synchronized void updateAlias(Alias alias, String description, List<Route> routes, Instant now) {
    if (description != null) {
      alias.description = description;
    }
    if (routes != null) {
      alias.routes = List.copyOf(routes);
    }
    alias.updated = now;
  }

  /** Everything an alias shows, read under the lock that updates it. */
  synchronized <T> T read(Alias alias, Function<Alias, T> reader) {
    return reader.apply(alias);
  }

  /**
   * Splits a state machine ARN into the machine's own ARN and its qualifier (a version number or an
   * alias name); the qualifier is {@code null} for an unqualified ARN.
   */
  static String[] split(String arn) {
    String[] parts = arn.split(":", -1);
    if (parts.length <= 7) {
      return new String[] {arn, null};
    }
    int cut = arn.lastIndexOf(':');
    return new String[] {arn.substring(0, cut), arn.substring(cut + 1)};
  }

  static boolean isVersionQualifier(String qualifier) {
    return qualifier != null
        && !qualifier.isEmpty()
        && qualifier.chars().allMatch(Character::isDigit);
  }

  /**
   * What {@code arn} names, found through {@code machines} (which throws for a machine that does
   * not exist); a missing version or alias is a machine that does not exist, as AWS reports it.
   */
  static Target resolve(String arn, Function<String, StateMachine> machines) {
    String[] split = split(arn);
    String qualifier = split[1];
    if (qualifier == null) {
      return new Target(machines.apply(arn), null, null);
    }
    StateMachine machine;
    try {
      machine = machines.apply(split[0]);
    } catch (io.serverlessstack.fake.internal.protocol.AwsErrorException missing) {
      throw StepFunctionsErrors.stateMachineNotFound(arn);
    }
    MachineVersions all = machine.versions;
    if (isVersionQualifier(qualifier)) {
      Version version = parseNumber(qualifier) == null ? null : all.version(parseNumber(qualifier));
      if (version == null) {
        throw StepFunctionsErrors.stateMachineNotFound(arn);
      }
      return new Target(machine, version, null);
    }
    Alias alias = all.alias(qualifier);
    if (alias == null) {
      throw StepFunctionsErrors.stateMachineNotFound(arn);
    }
    String versionArn = all.read(alias, Alias::pick);
    Version version = all.version(parseNumber(split(versionArn)[1]));
    if (version == null) {
      throw StepFunctionsErrors.stateMachineNotFound(versionArn);
    }
    return new Target(machine, version, alias);
  }

  static Integer parseNumber(String qualifier) {
    try {
      return Integer.valueOf(qualifier);
    } catch (NumberFormatException tooLong) {
      return null;
    }
  }
}
