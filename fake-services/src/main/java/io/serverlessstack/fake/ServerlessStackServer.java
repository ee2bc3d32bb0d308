package io.serverlessstack.fake;

import io.serverlessstack.api.ClockMode;
import io.serverlessstack.api.JournalEvent;
import io.serverlessstack.api.JournalFilter;
import io.serverlessstack.api.QueueView;
import io.serverlessstack.api.ResourceRef;
import io.serverlessstack.api.ResourceView;
import io.serverlessstack.api.StackInspector;
import io.serverlessstack.api.StackSettings;
import io.serverlessstack.api.StateMachineView;
import io.serverlessstack.fake.clock.VirtualClock;
import io.serverlessstack.fake.internal.admin.AdminApi;
import io.serverlessstack.fake.internal.clock.StackClock;
import io.serverlessstack.fake.internal.clock.SystemClock;
import io.serverlessstack.fake.internal.delivery.DeliveryBus;
import io.serverlessstack.fake.internal.journal.Journal;
import io.serverlessstack.fake.internal.kinesis.KinesisPlugin;
import io.serverlessstack.fake.internal.lambda.LambdaEngine;
import io.serverlessstack.fake.internal.platform.ServicePlugins;
import io.serverlessstack.fake.internal.platform.StackServices;
import io.serverlessstack.fake.internal.s3.S3Engine;
import io.serverlessstack.fake.internal.s3.S3Plugin;
import io.serverlessstack.fake.internal.server.AwsService;
import io.serverlessstack.fake.internal.server.HttpFrontDoor;
import io.serverlessstack.fake.internal.server.ResourceCollection;
import io.serverlessstack.fake.internal.server.Router;
import io.serverlessstack.fake.internal.sns.SnsPlugin;
import io.serverlessstack.fake.internal.sqs.SqsEngine;
import io.serverlessstack.fake.internal.sqs.SqsPlugin;
import io.serverlessstack.fake.internal.stepfunctions.StepFunctionsEngine;
import io.serverlessstack.fake.internal.stepfunctions.StepFunctionsMockConfig;
import io.serverlessstack.fake.internal.stepfunctions.StepFunctionsPlugin;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A running stack of fake AWS services on one HTTP port. Each service is built when it is first
 * needed (its first request, a resource declared for it, inspection of it), so a stack costs only
 * what its tests use.
 *
 * <pre>{@code
 * try (ServerlessStackServer stack = ServerlessStackServer.builder().start()) {
 *   SqsClient sqs = SqsClient.builder().endpointOverride(stack.endpoint())...build();
 * }
 * }</pre>
 */
public final class ServerlessStackServer implements AutoCloseable {

  static {
    // Netty 4.2 sets up Flight Recorder events for its allocator on first use, which took a good
    // part of a cold start; a test stack has no use for them. Only if nobody decided otherwise,
    // and only effective before Netty's first use in this JVM.
    if (System.getProperty("io.netty.jfr.enabled") == null) {
      System.setProperty("io.netty.jfr.enabled", "false");
    }
  }

  private final StackClock clock;
  private final Journal journal;
  private final DeliveryBus bus;
  private final StackServices services;
  private final HttpFrontDoor frontDoor;
  private final URI endpoint;
  private final StackInspector inspector;

  private ServerlessStackServer(Builder builder) {
    Instant start = builder.clockStart != null ? builder.clockStart : Instant.now();
    this.clock =
        switch (builder.clockMode) {
          case SYSTEM -> new SystemClock();
          case MANUAL -> VirtualClock.manual(start);
          case SKIP_IDLE -> VirtualClock.skippingIdleTime(start);
        };
    this.journal = new Journal(clock, builder.journalCapacity, builder.journalMaxChars);
    this.bus = new DeliveryBus(clock);
    try {
      this.services =
          new StackServices(
              ServicePlugins.named(builder.services),
              clock,
              journal,
              bus,
              builder.declarations,
              builder.settings);
    } catch (RuntimeException cannotBuild) {
      bus.close();
      stopClock();
      throw cannotBuild;
    }
    this.inspector = new LocalInspector();
    AdminApi admin =
        new AdminApi(
            inspector,
            clock instanceof VirtualClock virtual ? virtual : null,
            this::reset,
            services,
            () -> endpoint().toString());
    Router router = new Router(services, admin::handle);
    try {
      this.frontDoor =
          HttpFrontDoor.start(
              builder.host,
              builder.port,
              builder.maxRequestBytes,
              builder.ioThreads,
              router,
              clock);
    } catch (RuntimeException cannotListen) {
      bus.close();
      services.close();
      stopClock();
      throw cannotListen;
    }
    this.endpoint =
        URI.create("http://" + hostForUrl(builder.host) + ":" + frontDoor.address().getPort());
    try {
      builder.functions.forEach(
          function -> lambdaEngine(function).declare(function.registration()));
      if (builder.stepFunctionsMocks != null) {
        stepFunctionsEngine().useMocks(builder.stepFunctionsMocks);
      }
    } catch (RuntimeException cannotDeploy) {
      close();
      throw cannotDeploy;
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** {@code http://host:port} of the stack; point every client here. */
  public URI endpoint() {
    return endpoint;
  }

  public int port() {
    return endpoint.getPort();
  }

  public StackClock clock() {
    return clock;
  }

  /** The virtual clock, manual or idle-skipping, if the stack was started with one. */
  public Optional<VirtualClock> virtualClock() {
    return clock instanceof VirtualClock virtual ? Optional.of(virtual) : Optional.empty();
  }

  public StackInspector inspector() {
    return inspector;
  }

  /**
   * How the stack's services reach each other: every resource that takes deliveries is registered
   * here by its ARN. For the services of this artifact, not API.
   */
  DeliveryBus deliveryBus() {
    return bus;
  }

  /** The SQS engine, built now if it was not, for the services of this artifact; not API. */
  SqsEngine sqsEngine() {
    return services.load("sqs").engine(SqsEngine.class);
  }

  /**
   * The S3 engine, built now if it was not, for the services of this artifact (Firehose writes
   * objects through it); not API.
   */
  S3Engine s3Engine() {
    return services.load("s3").engine(S3Engine.class);
  }

  /**
   * Deploys a function whose code is a Java handler in this JVM, or replaces the one of that name
   * (in the default account and region). Like a resource created over the API, it lasts until the
   * next {@link #reset()}; one given to {@link Builder#withFunction} is deployed again after every
   * reset.
   *
   * @throws IllegalArgumentException if the stack does not run Lambda, or the handler could never
   *     run (a {@code RequestHandler} whose input type its class does not give, say)
   */
  public void deploy(JavaFunction function) {
    lambdaEngine(function).deploy(function.registration());
  }

  private LambdaEngine lambdaEngine(JavaFunction function) {
    if (!services.runs("lambda")) {
      throw new IllegalArgumentException(
          "Function " + function.name() + " needs Lambda, which this stack does not run");
    }
    return services.load("lambda").engine(LambdaEngine.class);
  }

  /**
   * Makes {@code json}, a mock configuration in AWS Step Functions Local's format ({@code
   * MockConfigFile.json}), the stack's from now on: an execution started on {@code
   * <stateMachineArn>#<TestCaseName>} has the Task states that test case names answered by their
   * mocked responses, and every other state run for real. Executions already running keep the
   * configuration they started with; a {@link #reset()} keeps it.
   *
   * @throws IllegalArgumentException if it is not a mock configuration, saying where, or the stack
   *     does not run Step Functions
   */
  public void useStepFunctionsMocks(String json) {
    StepFunctionsMockConfig config = StepFunctionsMockConfig.parse(json);
    stepFunctionsEngine().useMocks(config);
  }

  /** As {@link #useStepFunctionsMocks(String)}, reading the configuration from {@code file}. */
  public void useStepFunctionsMocks(Path file) {
    StepFunctionsMockConfig config = StepFunctionsMockConfig.read(file);
    stepFunctionsEngine().useMocks(config);
  }

  /** Removes the Step Functions mock configuration: test case suffixes are refused from now on. */
  public void clearStepFunctionsMocks() {
    stepFunctionsEngine().useMocks(null);
  }

  /** The Step Functions mock configuration as it was given, if the stack has one. */
  public Optional<String> stepFunctionsMocks() {
    if (!services.runs(StepFunctionsPlugin.ID)) {
      return Optional.empty();
    }
    return stepFunctionsEngine().mocks().map(StepFunctionsMockConfig::text);
  }

  private StepFunctionsEngine stepFunctionsEngine() {
    if (!services.runs(StepFunctionsPlugin.ID)) {
      throw new IllegalArgumentException(
          "Step Functions mocks need Step Functions, which this stack does not run");
    }
    return services.load(StepFunctionsPlugin.ID).engine(StepFunctionsEngine.class);
  }

  /** The ids of the services the stack runs, built or not, e.g. {@code [sqs]}. */
  public List<String> services() {
    return services.descriptors().stream().map(descriptor -> descriptor.id()).toList();
  }

  /**
   * Returns the stack to its start: deletes every resource and message, clears the journal and
   * re-creates the resources it was built with. It keeps serving throughout.
   */
  public void reset() {
    // First, so that no poller of a deleted resource polls the half-reset engines.
    bus.reset();
    services.reset();
    journal.clear();
  }

  @Override
  public void close() {
    frontDoor.close();
    bus.close();
    services.close();
    stopClock();
  }

  private void stopClock() {
    if (clock instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        throw new IllegalStateException("Could not stop the stack's clock", e);
      }
    }
  }

  private static String hostForUrl(String host) {
    if (host.equals("0.0.0.0") || host.equals("::")) {
      return "localhost";
    }
    return host.contains(":") ? "[" + host + "]" : host;
  }

  private final class LocalInspector implements StackInspector {
    @Override
    public Instant now() {
      return clock.now();
    }

    @Override
    public List<QueueView> queues() {
      if (!services.runs("sqs")) {
        return List.of();
      }
      return resources("sqs", QueueView.TYPE).stream().map(QueueView.class::cast).toList();
    }

    @Override
    public Optional<QueueView> queue(String nameUrlOrArn) {
      if (!services.runs("sqs")) {
        return Optional.empty();
      }
      for (ResourceCollection collection : services.load("sqs").collections()) {
        if (collection.type().equals(QueueView.TYPE)) {
          return collection
              .find()
              .apply(endpoint.toString(), nameUrlOrArn)
              .map(QueueView.class::cast);
        }
      }
      return Optional.empty();
    }

    @Override
    public List<JournalEvent> journal() {
      return journal.events();
    }

    @Override
    public List<ResourceView> resources(String service, String type) {
      List<ResourceView> views = new ArrayList<>();
      for (ResourceCollection collection : collections(service)) {
        if (collection.type().equals(type)) {
          views.addAll(collection.list().apply(endpoint.toString()));
        }
      }
      return List.copyOf(views);
    }

    @Override
    public Optional<ResourceView> resource(String arn) {
      for (ResourceCollection collection : collections(ResourceRef.serviceOf(arn))) {
        Optional<? extends ResourceView> found =
            collection
                .find()
                .apply(endpoint.toString(), arn)
                .filter(view -> view.ref().arn().equals(arn));
        if (found.isPresent()) {
          return Optional.of(found.get());
        }
      }
      return Optional.empty();
    }

    /** The collections of the service signing as {@code service}, built now if it was not. */
    private List<ResourceCollection> collections(String service) {
      return services.bySigningName(service).map(AwsService::collections).orElse(List.of());
    }

    @Override
    public List<JournalEvent> journal(long sinceSequence, JournalFilter filter) {
      if (sinceSequence < 0) {
        throw new IllegalArgumentException("A sequence is never negative: " + sinceSequence);
      }
      return journal.since(sinceSequence, Objects.requireNonNull(filter, "filter"));
    }
  }

  /** Immutable settings of a stack to start. */
  public static final class Builder {
    private String host = "127.0.0.1";
    private int port = 0;
    private ClockMode clockMode = ClockMode.SYSTEM;
    private Instant clockStart;
    private int journalCapacity = 100_000;
    private long journalMaxChars = 32L * 1024 * 1024;
    private int maxRequestBytes = 8 * 1024 * 1024;
    private int ioThreads = Math.min(4, Runtime.getRuntime().availableProcessors());
    private List<String> services = List.of();
    private List<StackServices.Declaration> declarations = new ArrayList<>();
    private List<JavaFunction> functions = new ArrayList<>();
    private Map<String, String> settings = new LinkedHashMap<>();
    private StepFunctionsMockConfig stepFunctionsMocks;

    private Builder() {}

    private Builder copy() {
      Builder copy = new Builder();
      copy.host = host;
      copy.port = port;
      copy.clockMode = clockMode;
      copy.clockStart = clockStart;
      copy.journalCapacity = journalCapacity;
      copy.journalMaxChars = journalMaxChars;
      copy.maxRequestBytes = maxRequestBytes;
      copy.ioThreads = ioThreads;
      copy.services = services;
      copy.declarations = new ArrayList<>(declarations);
      copy.functions = new ArrayList<>(functions);
      copy.settings = new LinkedHashMap<>(settings);
      copy.stepFunctionsMocks = stepFunctionsMocks;
      return copy;
    }

    /** The interface to bind; loopback by default. */
    public Builder withHost(String host) {
      Builder copy = copy();
      copy.host = Objects.requireNonNull(host, "host");
      return copy;
    }

    /** The port to bind; 0 (the default) picks a free one. */
    public Builder withPort(int port) {
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException("Not a port: " + port);
      }
      Builder copy = copy();
      copy.port = port;
      return copy;
    }

    /**
     * The clock the stack runs on (the system clock by default); a virtual one starts at the time
     * the stack starts. See {@link ClockMode}.
     */
    public Builder withClock(ClockMode mode) {
      Builder copy = copy();
      copy.clockMode = Objects.requireNonNull(mode, "mode");
      copy.clockStart = null;
      return copy;
    }

    /**
     * A virtual clock ({@link ClockMode#MANUAL} or {@link ClockMode#SKIP_IDLE}) showing {@code
     * start} when the stack starts.
     */
    public Builder withClock(ClockMode mode, Instant start) {
      if (mode == ClockMode.SYSTEM) {
        throw new IllegalArgumentException(
            "The system clock shows the system's time; only a virtual clock takes a start");
      }
      Builder copy = withClock(mode);
      copy.clockStart = Objects.requireNonNull(start, "start");
      return copy;
    }

    /** A manual virtual clock starting now: {@code withClock(ClockMode.MANUAL)}. */
    public Builder withVirtualClock() {
      return withClock(ClockMode.MANUAL);
    }

    /** A manual virtual clock showing {@code start}: {@code withClock(ClockMode.MANUAL, start)}. */
    public Builder withVirtualClock(Instant start) {
      return withClock(ClockMode.MANUAL, start);
    }

    /**
     * How much journal to keep: at most {@code events} events (100,000 by default) holding at most
     * {@code maxChars} characters of details, message bodies included (32 Mi by default); the
     * oldest events are dropped first.
     */
    public Builder withJournalCapacity(int events, long maxChars) {
      if (events < 1 || maxChars < 1) {
        throw new IllegalArgumentException(
            "Journal limits must be positive: " + events + " events, " + maxChars + " chars");
      }
      Builder copy = copy();
      copy.journalCapacity = events;
      copy.journalMaxChars = maxChars;
      return copy;
    }

    /** At most {@code events} journal events, with the default character limit. */
    public Builder withJournalCapacity(int events) {
      return withJournalCapacity(events, journalMaxChars);
    }

    /** The largest request body accepted; larger ones get a 413. */
    public Builder withMaxRequestBytes(int bytes) {
      if (bytes < 1024) {
        throw new IllegalArgumentException("Request limit too small: " + bytes);
      }
      Builder copy = copy();
      copy.maxRequestBytes = bytes;
      return copy;
    }

    /** Netty event-loop threads. */
    public Builder withIoThreads(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("Need at least one I/O thread: " + threads);
      }
      Builder copy = copy();
      copy.ioThreads = threads;
      return copy;
    }

    /**
     * An SQS queue the stack starts with, in the default account and region; queues are created in
     * the order given, so a dead-letter queue must come before the queues that name it.
     */
    public Builder withQueue(String name, Map<String, String> attributes) {
      // Declaring a queue again replaces it in place: its dead-letter queue still comes first.
      return withDeclaration(
          new StackServices.Declaration(
              "sqs", SqsPlugin.QUEUE, Objects.requireNonNull(name, "name"), attributes));
    }

    /**
     * An SNS topic the stack starts with, in the default account and region, with the attributes
     * CreateTopic takes (a FIFO topic's name ends in {@code .fifo} and has {@code FifoTopic=true});
     * declaring a topic of the same name again replaces the declaration. {@link #start()} fails,
     * with SNS's error, if SNS refuses the name or an attribute.
     */
    public Builder withTopic(String name, Map<String, String> attributes) {
      return withDeclaration(
          new StackServices.Declaration(
              "sns", SnsPlugin.TOPIC, Objects.requireNonNull(name, "name"), attributes));
    }

    /**
     * A {@link StackSettings} setting, e.g. {@code
     * withSetting(StackSettings.KINESIS_THROUGHPUT_LIMITS, "true")}; giving a key again replaces
     * its value.
     *
     * @throws IllegalArgumentException for an unknown key or a bad value
     */
    public Builder withSetting(String key, String value) {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(value, "value");
      StackSettings.check(key, value);
      Builder copy = copy();
      copy.settings.put(key, value);
      return copy;
    }

    /**
     * A Kinesis data stream the stack starts with, in the default account and region. Attributes:
     * {@code ShardCount} (default 1), {@code StreamMode} ({@code PROVISIONED} or {@code
     * ON_DEMAND}), and {@code ThroughputLimits=true} to have its shards enforce AWS's per-shard
     * write and read limits ({@code ProvisionedThroughputExceededException}); declaring a stream of
     * the same name again replaces the declaration.
     */
    public Builder withStream(String name, Map<String, String> attributes) {
      return withDeclaration(
          new StackServices.Declaration(
              "kinesis", KinesisPlugin.STREAM, Objects.requireNonNull(name, "name"), attributes));
    }

    /**
     * An S3 bucket the stack starts with, in the default account and region, empty after every
     * reset. {@link #start()} fails if the name breaks S3's bucket naming rules.
     */
    public Builder withBucket(String name) {
      return withDeclaration(
          new StackServices.Declaration(
              "s3", S3Plugin.BUCKET, Objects.requireNonNull(name, "name"), Map.of()));
    }

    /**
     * A Step Functions state machine the stack starts with, in the default account and region, from
     * its Amazon States Language definition (checked as CreateStateMachine checks it when the stack
     * starts). Attributes: {@code Type} ({@code STANDARD}, the default, or {@code EXPRESS}) and
     * {@code RoleArn}; declaring one of the same name again replaces the declaration.
     */
    public Builder withStateMachine(
        String name, String definition, Map<String, String> attributes) {
      Map<String, String> all = new LinkedHashMap<>(attributes);
      all.put("Definition", Objects.requireNonNull(definition, "definition"));
      return withDeclaration(
          new StackServices.Declaration(
              StepFunctionsPlugin.ID,
              StateMachineView.TYPE,
              Objects.requireNonNull(name, "name"),
              all));
    }

    /**
     * A function whose code is a Java handler in this JVM, deployed when the stack starts and kept
     * across resets (see {@link ServerlessStackServer#deploy}); one of the same name replaces it.
     */
    public Builder withFunction(JavaFunction function) {
      Objects.requireNonNull(function, "function");
      Builder copy = copy();
      copy.functions.removeIf(each -> each.name().equals(function.name()));
      copy.functions.add(function);
      return copy;
    }

    /**
     * The stack's Step Functions mock configuration, in AWS Step Functions Local's format ({@code
     * MockConfigFile.json}); see {@link ServerlessStackServer#useStepFunctionsMocks(String)}, which
     * also replaces it while the stack runs.
     *
     * @throws IllegalArgumentException if it is not a mock configuration, saying where
     */
    public Builder withStepFunctionsMocks(String json) {
      StepFunctionsMockConfig config = StepFunctionsMockConfig.parse(json);
      Builder copy = copy();
      copy.stepFunctionsMocks = config;
      return copy;
    }

    /**
     * As {@link #withStepFunctionsMocks(String)}, read from {@code file} now.
     *
     * @throws java.io.UncheckedIOException if it cannot be read
     */
    public Builder withStepFunctionsMocks(Path file) {
      StepFunctionsMockConfig config = StepFunctionsMockConfig.read(file);
      Builder copy = copy();
      copy.stepFunctionsMocks = config;
      return copy;
    }

    /** Adds a declaration, or replaces in place the one of the same service, type and name. */
    private Builder withDeclaration(StackServices.Declaration declaration) {
      Builder copy = copy();
      for (int i = 0; i < copy.declarations.size(); i++) {
        StackServices.Declaration declared = copy.declarations.get(i);
        if (declared.service().equals(declaration.service())
            && declared.type().equals(declaration.type())
            && declared.name().equals(declaration.name())) {
          copy.declarations.set(i, declaration);
          return copy;
        }
      }
      copy.declarations.add(declaration);
      return copy;
    }

    /**
     * The services the stack runs, by id ({@code "sqs"}, ...; case-insensitive); all it knows when
     * none are named, which is the default. A service costs nothing until it is first used.
     *
     * @throws IllegalArgumentException naming an unknown service and the known ones
     */
    public Builder withServices(String... ids) {
      return withServices(Arrays.asList(ids));
    }

    /** As {@link #withServices(String...)}. */
    public Builder withServices(Collection<String> ids) {
      List<String> named = List.copyOf(ids);
      ServicePlugins.named(named); // fails now, not at start
      Builder copy = copy();
      copy.services = named;
      return copy;
    }

    /** The ids of every service a stack can run, e.g. {@code [sqs]}. */
    public static List<String> availableServices() {
      return ServicePlugins.ids();
    }

    /**
     * Binds the port and starts serving.
     *
     * @throws java.io.UncheckedIOException if it cannot listen, e.g. because the port is in use
     * @throws IllegalArgumentException if a resource is declared for a service the stack does not
     *     run, e.g. a queue without {@code sqs}
     */
    public ServerlessStackServer start() {
      return new ServerlessStackServer(this);
    }
  }
}
