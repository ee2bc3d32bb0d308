package io.serverlessstack.fake.internal.server;

import io.serverlessstack.fake.internal.protocol.ProtocolBinding;
import io.serverlessstack.fake.internal.protocol.ProtocolErrors;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkPojo;

/**
 * One AWS service as the front door serves it: the protocols it speaks ({@link ProtocolBinding}s:
 * which protocols, its target prefix, content types, XML namespace, restJson1 routes from its
 * model), how it names protocol errors, its raw routes, and its operations, each a decode → engine
 * → encode handler over the SDK's model classes.
 *
 * <pre>{@code
 * AwsService.builder("kinesis")
 *     .speaks(AwsJsonBinding.awsJson1_1("Kinesis_20131202"))
 *     .speaks(AwsJsonBinding.cbor1_1("Kinesis_20131202"))
 *     .operation("PutRecord", PutRecordRequest::builder, engine::putRecord)
 *     .build();
 * }</pre>
 */
public final class AwsService {

  /** Handles one decoded request; completes later for long polls and other waits. */
  public interface Handler {
    CompletionStage<? extends SdkPojo> handle(SdkPojo request, RequestContext context);
  }

  /** Handles one decoded request of an event-stream operation; the stream may start later. */
  public interface StreamHandler {
    CompletionStage<EventStream> handle(SdkPojo request, RequestContext context);
  }

  /** Creates a resource a stack is declared with, e.g. a queue of {@code withQueue(...)}. */
  public interface Declarer {
    void create(String name, Map<String, String> attributes);
  }

  /**
   * One operation: its name, a fresh request builder, and its handler: {@code handler} for one
   * answer, or {@code streamHandler} for an event stream (the other is {@code null}).
   */
  public record Operation(
      String name,
      Supplier<? extends SdkPojo> requestBuilder,
      Handler handler,
      StreamHandler streamHandler) {

    public Operation {
      if ((handler == null) == (streamHandler == null)) {
        throw new IllegalArgumentException(name + " needs either a handler or a stream handler");
      }
    }

    /** An operation that answers once. */
    public Operation(String name, Supplier<? extends SdkPojo> requestBuilder, Handler handler) {
      this(name, requestBuilder, handler, null);
    }

    /** Whether the operation answers with an event stream. */
    public boolean streams() {
      return streamHandler != null;
    }
  }

  private final String signingName;
  private final List<ProtocolBinding> bindings;
  private final ProtocolErrors errors;
  private final List<RawRoute> rawRoutes;
  private final Map<String, Operation> operations;
  private final List<ResourceCollection> collections;
  private final Object engine;
  private final Runnable reset;
  private final Runnable close;
  private final Map<String, Declarer> declarers;

  private AwsService(Builder builder) {
    this.collections = List.copyOf(builder.collections);
    this.engine = builder.engine;
    this.reset = builder.reset;
    this.close = builder.close;
    this.declarers = Map.copyOf(builder.declarers);
    this.signingName = builder.signingName;
    this.operations = Map.copyOf(builder.operations);
    this.errors = builder.errors;
    this.rawRoutes = List.copyOf(builder.rawRoutes);
    Collection<Operation> all = List.copyOf(new TreeMap<>(operations).values());
    List<ProtocolBinding> bound = new ArrayList<>();
    for (ProtocolBinding binding : builder.bindings) {
      for (Operation operation : all) {
        if (operation.streams() && !binding.streamsEvents()) {
          throw new IllegalArgumentException(
              signingName
                  + "'s "
                  + operation.name()
                  + " streams events, which "
                  + binding
                  + " cannot send");
        }
      }
      bound.add(binding.bind(signingName, all));
    }
    this.bindings = List.copyOf(bound);
  }

  /**
   * @param signingName the service's name in SigV4 credential scopes, e.g. {@code sqs}
   */
  public static Builder builder(String signingName) {
    return new Builder(signingName);
  }

  public String signingName() {
    return signingName;
  }

  /** The protocols the service speaks, in the order it declared them. */
  public List<ProtocolBinding> bindings() {
    return bindings;
  }

  /** How the service names the errors protocols answer before an operation runs. */
  public ProtocolErrors errors() {
    return errors;
  }

  public List<RawRoute> rawRoutes() {
    return rawRoutes;
  }

  /** The operation named {@code name}, or {@code null}. */
  public Operation operation(String name) {
    return operations.get(name);
  }

  public Collection<Operation> operations() {
    return operations.values();
  }

  /** The kinds of resource the service lets inspection see. */
  public List<ResourceCollection> collections() {
    return collections;
  }

  /**
   * The service's engine, for the typed calls other services and the stack make.
   *
   * @throws IllegalStateException if it has none of that type
   */
  public <T> T engine(Class<T> type) {
    if (!type.isInstance(engine)) {
      throw new IllegalStateException(signingName + " has no engine of type " + type.getName());
    }
    return type.cast(engine);
  }

  /** Deletes every resource and everything in them; the service keeps serving. */
  public void reset() {
    reset.run();
  }

  /** Ends what the service runs besides its state; after {@link #reset}, when the stack stops. */
  public void close() {
    close.run();
  }

  /**
   * Creates a declared resource of {@code type} (e.g. {@code queue}).
   *
   * @throws IllegalArgumentException if the service declares no resources of that type
   */
  public void declare(String type, String name, Map<String, String> attributes) {
    Declarer declarer = declarers.get(type);
    if (declarer == null) {
      throw new IllegalArgumentException(
          signingName
              + " has no declared resources of type "
              + type
              + "; it has "
              + declarers.keySet());
    }
    declarer.create(name, attributes);
  }

  @Override
  public String toString() {
    return "AwsService[" + signingName + "]";
  }

  /** Assembles an {@link AwsService}. */
  public static final class Builder {
    private final String signingName;
    private final List<ProtocolBinding> bindings = new ArrayList<>();
    private ProtocolErrors errors = ProtocolErrors.AWS;
    private final List<RawRoute> rawRoutes = new ArrayList<>();
    private final Map<String, Operation> operations = new TreeMap<>();
    private final List<ResourceCollection> collections = new ArrayList<>();
    private Object engine;
    private Runnable reset = () -> {};
    private Runnable close = () -> {};
    private final Map<String, Declarer> declarers = new TreeMap<>();

    private Builder(String signingName) {
      this.signingName = Objects.requireNonNull(signingName, "signingName");
    }

    /** A protocol the service speaks; a service may speak several. */
    public Builder speaks(ProtocolBinding binding) {
      bindings.add(Objects.requireNonNull(binding, "binding"));
      return this;
    }

    /** How the service names protocol errors; AWS's common names by default. */
    public Builder withErrors(ProtocolErrors errors) {
      this.errors = Objects.requireNonNull(errors, "errors");
      return this;
    }

    /** A kind of resource inspection may see; served under {@code /_stack/{service}/…}. */
    public Builder inspects(ResourceCollection collection) {
      collections.add(Objects.requireNonNull(collection, "collection"));
      return this;
    }

    /** The engine other services and the stack call, by its type. */
    public Builder engine(Object engine) {
      this.engine = Objects.requireNonNull(engine, "engine");
      return this;
    }

    /** How the service deletes every resource (see {@link AwsService#reset}). */
    public Builder resets(Runnable reset) {
      this.reset = Objects.requireNonNull(reset, "reset");
      return this;
    }

    /** What the service ends when the stack stops (see {@link AwsService#close}). */
    public Builder closes(Runnable close) {
      this.close = Objects.requireNonNull(close, "close");
      return this;
    }

    /** How the service creates a declared resource of {@code type}. */
    public Builder declares(String type, Declarer declarer) {
      declarers.put(
          Objects.requireNonNull(type, "type"), Objects.requireNonNull(declarer, "declarer"));
      return this;
    }

    /** Whole HTTP requests the service takes with no AWS protocol. */
    public Builder rawRoute(RawRoute route) {
      rawRoutes.add(Objects.requireNonNull(route, "route"));
      return this;
    }

    /** An operation answered at once. */
    public <Q> Builder operation(
        String name,
        Supplier<? extends SdkPojo> requestBuilder,
        BiFunction<Q, RequestContext, ? extends SdkPojo> handler) {
      return asyncOperation(
          name,
          requestBuilder,
          (Q request, RequestContext context) ->
              CompletableFuture.completedFuture(handler.apply(request, context)));
    }

    /** An operation that may complete later (long polls). */
    @SuppressWarnings("unchecked")
    public <Q> Builder asyncOperation(
        String name,
        Supplier<? extends SdkPojo> requestBuilder,
        BiFunction<Q, RequestContext, ? extends CompletionStage<? extends SdkPojo>> handler) {
      operations.put(
          name,
          new Operation(
              name, requestBuilder, (request, context) -> handler.apply((Q) request, context)));
      return this;
    }

    /**
     * An operation that answers with an event stream (Kinesis {@code SubscribeToShard}); the
     * returned stage fails, as any operation's, for an error answered instead of the stream.
     */
    @SuppressWarnings("unchecked")
    public <Q> Builder streamingOperation(
        String name,
        Supplier<? extends SdkPojo> requestBuilder,
        BiFunction<Q, RequestContext, ? extends CompletionStage<EventStream>> handler) {
      operations.put(
          name,
          new Operation(
              name,
              requestBuilder,
              null,
              (request, context) -> handler.apply((Q) request, context)));
      return this;
    }

    public AwsService build() {
      if (bindings.isEmpty() && rawRoutes.isEmpty()) {
        throw new IllegalStateException(signingName + " speaks no protocol and has no raw route");
      }
      return new AwsService(this);
    }
  }
}
