package io.serverlessstack.fake.internal.platform;

import io.serverlessstack.fake.internal.clock.StackClock;
import io.serverlessstack.fake.internal.delivery.DeliveryBus;
import io.serverlessstack.fake.internal.journal.Journal;
import java.util.Objects;

/** What a stack shares with the services it builds. */
public final class ServiceContext {

  private final StackClock clock;
  private final Journal journal;
  private final DeliveryBus bus;
  private final StackServices services;

  ServiceContext(StackClock clock, Journal journal, DeliveryBus bus, StackServices services) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.journal = Objects.requireNonNull(journal, "journal");
    this.bus = bus;
    this.services = services;
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
}
