package io.serverlessstack.fake.internal.platform;

import io.serverlessstack.fake.internal.clock.StackClock;
import io.serverlessstack.fake.internal.delivery.DeliveryBus;
import io.serverlessstack.fake.internal.journal.Journal;
import io.serverlessstack.fake.internal.server.AwsService;
import io.serverlessstack.fake.internal.server.Router;
import io.serverlessstack.fake.internal.server.StackRequest;
import io.serverlessstack.fake.internal.server.StackResponse;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** What a stack shares with the services it builds. */
public final class ServiceContext {

  private final StackClock clock;
  private final Journal journal;
  private final DeliveryBus bus;
  private final StackServices services;
  private final Map<String, String> settings;
  private volatile Router router;

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

  /**
   * Serves {@code request} in-process as the stack's front door would serve it from a client, by
   * the service and operation it carries (API Gateway's AWS integrations send the request AWS's
   * gateway would send the service). The admin API is not reachable this way.
   *
   * @param inFlight the request as the stack's clock sees it
   */
  public CompletionStage<StackResponse> route(StackRequest request, StackClock.InFlight inFlight) {
    Router current = router;
    if (current == null) {
      synchronized (this) {
        if (router == null) {
          router =
              new Router(
                  services,
                  admin -> StackResponse.of(404, "text/plain", "No admin API in-process"));
        }
        current = router;
      }
    }
    return current.route(request, inFlight);
  }
}
