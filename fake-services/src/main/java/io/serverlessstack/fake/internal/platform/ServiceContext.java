package io.serverlessstack.fake.internal.platform;

import io.serverlessstack.fake.internal.clock.StackClock;
import io.serverlessstack.fake.internal.delivery.DeliveryBus;
import io.serverlessstack.fake.internal.journal.Journal;
import io.serverlessstack.fake.internal.server.AwsService;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** What a stack shares with the services it builds. */
public final class ServiceContext {

  private final StackClock clock;
  private final Journal journal;
  private final DeliveryBus bus;
  private final StackServices services;
  private final Map<String, String> settings;

  ServiceContext(
      StackClock clock,
      Journal journal,
      DeliveryBus bus,
      StackServices services,
      Map<String, String> settings) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.journal = Objects.requireNonNull(journal, "journal");
    this.bus = bus;
    this.services = services;
    this.settings = Map.copyOf(settings);
  }

  /** The stack's value of a {@link io.serverlessstack.api.StackSettings} key, if it was given. */
  public Optional<String> setting(String key) {
    return Optional.ofNullable(settings.get(key));
  }

  public StackClock clock() {
    return clock;
  }

  public Journal journal() {
    return journal;
  }

  /** How services deliver to each other's resources; {@code null} in stacks without one. */
  public DeliveryBus bus() {
    return bus;
  }

  /**
   * The engine of another service of the stack, built now if it was not.
   *
   * @throws IllegalArgumentException if the stack does not run service {@code id}
   */
  public <T> T engine(String id, Class<T> type) {
    return services.load(id).engine(type);
  }

  /**
   * Another service of the stack, built now if it was not, for calling its operations as a client
   * would (Step Functions' SDK integrations).
   *
   * @throws IllegalArgumentException if the stack does not run service {@code id}
   */
  public AwsService service(String id) {
    return services.load(id);
  }

  /** Whether the stack runs service {@code id}. */
  public boolean runs(String id) {
    return services.runs(id);
  }
}
