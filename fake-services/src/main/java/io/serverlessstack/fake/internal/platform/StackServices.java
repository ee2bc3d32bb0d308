package io.serverlessstack.fake.internal.platform;

import io.serverlessstack.fake.internal.clock.StackClock;
import io.serverlessstack.fake.internal.delivery.DeliveryBus;
import io.serverlessstack.fake.internal.journal.Journal;
import io.serverlessstack.fake.internal.server.AwsService;
import io.serverlessstack.fake.internal.server.ServiceDescriptor;
import io.serverlessstack.fake.internal.server.ServiceDirectory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The services one stack runs: each plug-in described up front and built on first need — its first
 * request, a resource declared for it, inspection of it, or another service asking for its engine —
 * once, whichever threads ask at a time. Resetting and closing touch the built services only.
 */
public final class StackServices implements ServiceDirectory, AutoCloseable {

  /**
   * A resource the stack starts with and re-creates on every reset, e.g. a queue of {@code
   * withQueue(...)}.
   *
   * @param service the id of the service that creates it
   * @param type the kind of resource, as the service declares it ({@code queue})
   */
  public record Declaration(
      String service, String type, String name, Map<String, String> attributes) {
    public Declaration {
      Objects.requireNonNull(service, "service");
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(name, "name");
      attributes = Map.copyOf(attributes);
    }
  }

  private static final class Entry {
    final ServicePlugin plugin;
    volatile AwsService service;

    Entry(ServicePlugin plugin) {
      this.plugin = plugin;
    }
  }

  private final List<Entry> entries = new ArrayList<>();
  private final Map<String, Entry> byId = new LinkedHashMap<>();
  private final List<ServiceDescriptor> descriptors;
  private final List<Declaration> declarations;
  private final ServiceContext context;
  private volatile List<AwsService> loaded = List.of();

  /**
   * Describes {@code plugins} and builds those that {@code declarations} need.
   *
   * @throws IllegalArgumentException if two plug-ins share an id, or a declaration is for a service
   *     not among them
   */
  public StackServices(
      List<ServicePlugin> plugins,
      StackClock clock,
      Journal journal,
      DeliveryBus bus,
      List<Declaration> declarations) {
    this(plugins, clock, journal, bus, declarations, Map.of());
  }

  /**
   * As above, with the stack's {@link io.serverlessstack.api.StackSettings}, which the services
   * read from their {@link ServiceContext}.
   */
  public StackServices(
      List<ServicePlugin> plugins,
      StackClock clock,
      Journal journal,
      DeliveryBus bus,
      List<Declaration> declarations,
      Map<String, String> settings) {
    List<ServiceDescriptor> described = new ArrayList<>();
    for (ServicePlugin plugin : plugins) {
      Entry entry = new Entry(plugin);
      if (byId.putIfAbsent(plugin.descriptor().id(), entry) != null) {
        throw new IllegalArgumentException("Two services named " + plugin.descriptor().id());
      }
      entries.add(entry);
      described.add(plugin.descriptor());
    }
    this.descriptors = List.copyOf(described);
    this.declarations = List.copyOf(declarations);
    this.context = new ServiceContext(clock, journal, bus, this, settings);
    for (Declaration declaration : this.declarations) {
      if (!byId.containsKey(declaration.service())) {
        throw new IllegalArgumentException(
            "A "
                + declaration.type()
                + " named "
                + declaration.name()
                + " is declared for "
                + declaration.service()
                + ", which the stack does not run; it runs "
                + byId.keySet());
      }
    }
    for (Declaration declaration : this.declarations) {
      load(declaration.service());
    }
  }

  @Override
  public List<ServiceDescriptor> descriptors() {
    return descriptors;
  }

  @Override
  public boolean isLoaded(String id) {
    Entry entry = byId.get(id);
    return entry != null && entry.service != null;
  }

  @Override
  public boolean allLoaded() {
    return loaded.size() == entries.size();
  }

  @Override
  public AwsService load(String id) {
    Entry entry = byId.get(id);
    if (entry == null) {
      throw new IllegalArgumentException(
          "The stack does not run " + id + "; it runs " + byId.keySet());
    }
    AwsService service = entry.service;
    if (service != null) {
      return service;
    }
    synchronized (entry) {
      if (entry.service == null) {
        AwsService built = entry.plugin.create(context);
        entry.plugin.descriptor().checkDescribes(built);
        declareOn(built, id);
        entry.service = built;
        publishLoaded();
      }
      return entry.service;
    }
  }

  @Override
  public List<AwsService> loaded() {
    return loaded;
  }

  /** The service that signs as {@code signingName}, built now if it was not; empty if none. */
  public Optional<AwsService> bySigningName(String signingName) {
    for (ServiceDescriptor descriptor : descriptors) {
      if (descriptor.signingName().equals(signingName)) {
        return Optional.of(load(descriptor.id()));
      }
    }
    return Optional.empty();
  }

  /** Whether the stack runs {@code id}, built or not. */
  public boolean runs(String id) {
    return byId.containsKey(id);
  }

  /** Resets every built service and re-creates its declared resources. */
  public void reset() {
    for (AwsService service : loaded) {
      service.reset();
      declareOn(service, idOf(service));
    }
  }

  /** Closes every built service; the first failure is thrown once all have been tried. */
  @Override
  public void close() {
    RuntimeException failure = null;
    for (AwsService service : loaded) {
      try {
        service.close();
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  private void declareOn(AwsService service, String id) {
    for (Declaration declaration : declarations) {
      if (declaration.service().equals(id)) {
        service.declare(declaration.type(), declaration.name(), declaration.attributes());
      }
    }
  }

  private String idOf(AwsService service) {
    for (Entry entry : entries) {
      if (entry.service == service) {
        return entry.plugin.descriptor().id();
      }
    }
    throw new IllegalStateException(service + " is not one of the stack's");
  }

  /** Keeps {@link #loaded} in registration order, whichever order services are built in. */
  private synchronized void publishLoaded() {
    List<AwsService> built = new ArrayList<>();
    for (Entry entry : entries) {
      if (entry.service != null) {
        built.add(entry.service);
      }
    }
    loaded = List.copyOf(built);
  }
}
