package io.serverlessstack.api;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Which journal events to read: those of one service, of some event types, about one resource.
 * Immutable; each {@code withX} narrows a copy, and what is left unset matches every event.
 *
 * <pre>{@code
 * JournalFilter sends =
 *     JournalFilter.all().withService(SqsEvents.SERVICE).withTypes(SqsEvents.MESSAGE_SENT);
 * List<JournalEvent> recent = inspector.journal(lastSeen, sends);
 * }</pre>
 */
public final class JournalFilter implements Predicate<JournalEvent> {

  private static final JournalFilter ALL = new JournalFilter(null, Set.of(), null);

  private final String service;
  private final Set<String> types;
  private final String resource;

  private JournalFilter(String service, Set<String> types, String resource) {
    this.service = service;
    this.types = types;
    this.resource = resource;
  }

  /** Every event. */
  public static JournalFilter all() {
    return ALL;
  }

  /** Only events recorded by {@code service} ({@code sqs}, {@code sns}, …). */
  public JournalFilter withService(String service) {
    return new JournalFilter(Objects.requireNonNull(service, "service"), types, resource);
  }

  /** Only events of one of these types ({@code MessageSent}, …); none given means any type. */
  public JournalFilter withTypes(String... types) {
    Set<String> set = new TreeSet<>();
    for (String type : types) {
      set.add(Objects.requireNonNull(type, "types"));
    }
    return new JournalFilter(service, Set.copyOf(set), resource);
  }

  /** Only events about the resource with this ARN or name. */
  public JournalFilter withResource(String arnOrName) {
    return new JournalFilter(service, types, Objects.requireNonNull(arnOrName, "arnOrName"));
  }

  /** The service events must come from, if the filter names one. */
  public Optional<String> service() {
    return Optional.ofNullable(service);
  }

  /** The event types accepted; empty accepts any type. */
  public Set<String> types() {
    return new TreeSet<>(types);
  }

  /** The ARN or name of the resource events must be about, if the filter names one. */
  public Optional<String> resource() {
    return Optional.ofNullable(resource);
  }

  /** Whether this filter lets every event through. */
  public boolean acceptsAll() {
    return service == null && types.isEmpty() && resource == null;
  }

  @Override
  public boolean test(JournalEvent event) {
    return (service == null || service.equals(event.service()))
        && (types.isEmpty() || types.contains(event.type()))
        && (resource == null || event.isAbout(resource));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof JournalFilter that
        && Objects.equals(service, that.service)
        && types.equals(that.types)
        && Objects.equals(resource, that.resource);
  }

  @Override
  public int hashCode() {
    return Objects.hash(service, types, resource);
  }

  @Override
  public String toString() {
    return "JournalFilter[service="
        + (service == null ? "any" : service)
        + ", types="
        + (types.isEmpty() ? "any" : new TreeSet<>(types))
        + ", resource="
        + (resource == null ? "any" : resource)
        + "]";
  }
}
