package io.serverlessstack.fake.internal.lambda;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.serverlessstack.api.FunctionView;
import io.serverlessstack.api.LambdaEvents;
import io.serverlessstack.fake.internal.clock.StackClock;
import io.serverlessstack.fake.internal.delivery.Delivery;
import io.serverlessstack.fake.internal.delivery.DeliveryBus;
import io.serverlessstack.fake.internal.delivery.DeliveryOutcome;
import io.serverlessstack.fake.internal.journal.Journal;
import io.serverlessstack.fake.internal.kinesis.KinesisEngine;
import io.serverlessstack.fake.internal.protocol.AwsErrorException;
import io.serverlessstack.fake.internal.server.Arn;
import io.serverlessstack.fake.internal.server.Ids;
import io.serverlessstack.fake.internal.server.Scope;
import io.serverlessstack.fake.internal.server.ScopedResources;
import io.serverlessstack.fake.internal.sns.SnsEngine;
import io.serverlessstack.fake.internal.sqs.SqsEngine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;

/**
 * Lambda's functions and their invocations. Handlers run on the engine's own daemon threads
 * ({@value #THREAD_PREFIX}…), never on a Netty event loop or a delivery-bus thread, each with its
 * {@link InvocationContext}, its environment ({@link FunctionEnvironment}) and a deadline on the
 * stack's clock; while one runs it holds the clock as a request being served does, so an
 * idle-skipping clock never jumps past a running handler's deadline.
 *
 * <p>Asynchronous invocations ({@code Event}, and every delivery other services make through the
 * bus to a function's ARN) are accepted at once and run as Lambda's event queue runs them: retried
 * after a function error (twice by default, one and then two minutes apart on the stack's clock),
 * dropped when too old, and sent with Lambda's invocation record to the function's on-success or
 * on-failure destination.
 */
public final class LambdaEngine {

  static final String THREAD_PREFIX = "serverless-stack-lambda-";

  /** Lambda's default timeout and memory. */
  static final int DEFAULT_TIMEOUT_SECONDS = 3;

  static final int DEFAULT_MEMORY_MB = 128;

  /** The runtime a function registered as an object reports. */
  static final String DEFAULT_RUNTIME = "java21";

  /** What Lambda waits before it retries a failed asynchronous event: 1 minute, then 2. */
  private static final Duration FIRST_RETRY_DELAY = Duration.ofMinutes(1);

  /** The longest Lambda waits between attempts of a throttled asynchronous event. */
  private static final Duration MAX_THROTTLE_DELAY = Duration.ofMinutes(5);

  /** An invocation record's timestamp, which always has milliseconds. */
  private static final DateTimeFormatter RECORD_TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  private static final DateTimeFormatter LAST_MODIFIED =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  static final ObjectMapper JSON = new ObjectMapper();

  final StackClock clock;
  private final Journal journal;
  private final DeliveryBus bus;
  private final ScopedResources<LambdaFunction> functions =
      new ScopedResources<>("lambda", "function:");
  private final ExecutorService handlers;
  private final ClassLoader handlerClassLoader;

  /** The mappings from queues and streams to functions, which poll on the bus. */
  final EventSourceMappings mappings;

  /** The stack's SNS engine, which topic destinations are published to; looked up on first use. */
  private final Supplier<SnsEngine> sns;

  /** Functions registered with handler objects: created again after every reset. */
  private final List<Registration> registered = new CopyOnWriteArrayList<>();

  /** A function registered with code rather than created over the API. */
  public record Registration(
      String name,
      HandlerCode code,
      String handlerName,
      int timeoutSeconds,
      int memoryMb,
      Map<String, String> environment) {}

  /**
   * @param bus how functions are reached from other services, and what polls event sources; may be
   *     {@code null}, and then mappings never poll
   * @param sqs the stack's SQS engine, which event source mappings read; looked up when the first
   *     mapping of a queue is created
   * @param kinesis the stack's Kinesis engine, likewise for streams
   * @param sns the stack's SNS engine, which stream mappings publish their on-failure records with
   */
  public LambdaEngine(
      StackClock clock,
      Journal journal,
      DeliveryBus bus,
      Supplier<SqsEngine> sqs,
      Supplier<KinesisEngine> kinesis,
      Supplier<SnsEngine> sns) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.journal = Objects.requireNonNull(journal, "journal");
    this.bus = bus;
    this.sns = sns;
    this.mappings = new EventSourceMappings(this, sqs, kinesis, sns, bus);
    AtomicInteger threads = new AtomicInteger();
    this.handlers =
        Executors.newCachedThreadPool(
            task -> {
              Thread thread = new Thread(task, THREAD_PREFIX + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    this.handlerClassLoader = context != null ? context : LambdaEngine.class.getClassLoader();
  }

  // ---- functions

  /** The settings CreateFunction takes that the engine acts on; the rest are kept as given. */
  record FunctionSpec(
      FunctionConfiguration configuration, CodeSource code, Map<String, String> tags) {}

  /**
   * Creates a function.
   *
   * @return its configuration as CreateFunction answers it
   */
  FunctionConfiguration create(Scope scope, String name, FunctionSpec spec) {
    String arn = FunctionRef.arn(scope, name);
    FunctionConfiguration configuration =
        spec.configuration().toBuilder()
            .functionName(name)
            .functionArn(arn)
            .version("$LATEST")
            .lastModified(lastModified())
            .revisionId(Ids.randomUuid())
            .state("Active")
            .lastUpdateStatus("Successful")
            .build();
    LambdaFunction function =
        new LambdaFunction(scope, name, configuration, spec.code(), spec.tags());
    if (functions.putIfAbsent(new ScopedResources.Key(scope, name), function) != null) {
      throw LambdaErrors.conflict("Function already exist: " + name);
    }
    if (bus != null) {
      bus.registerQualified(
          arn,
          DeliveryBus.Ordering.CONCURRENT,
          (qualifier, delivery) -> acceptEvent(function, qualifier, delivery));
    }
    journal.append(
        LambdaEvents.SERVICE,
        LambdaEvents.FUNCTION_CREATED,
        name,
        arn,
        Map.of(
            LambdaEvents.Details.ARN,
            arn,
            LambdaEvents.Details.HANDLER,
            String.valueOf(configuration.handler())));
    // Lambda answers a new function as Pending, and its revision changes again once it is Active:
    // the revision CreateFunction answers is never the one a precondition can use.
    return configuration.toBuilder()
        .state("Pending")
        .stateReason("The function is being created.")
        .stateReasonCode("Creating")
        .lastUpdateStatus((String) null)
        .revisionId(Ids.randomUuid())
        .build();
  }

  /** Deploys a function whose code is a handler object, now and again after every reset. */
  public void declare(Registration registration) {
    registered.removeIf(each -> each.name().equals(registration.name()));
    registered.add(registration);
    deploy(registration);
  }

  /**
   * Deploys a function whose code is a handler object until the next reset, replacing the one of
   * that name.
   */
  public void deploy(Registration registration) {
    Scope scope = Scope.DEFAULT;
    LambdaFunction existing = functions.get(scope, registration.name());
    if (existing != null) {
      delete(existing);
    }
    Map<String, String> environment = registration.environment();
    FunctionConfiguration.Builder configuration =
        FunctionConfiguration.builder()
            .runtime(DEFAULT_RUNTIME)
            .role("arn:aws:iam::" + scope.accountId() + ":role/serverless-stack")
            .handler(registration.handlerName())
            .timeout(registration.timeoutSeconds())
            .memorySize(registration.memoryMb())
            .codeSize(0L)
            .codeSha256(sha256Base64(registration.handlerName().getBytes(StandardCharsets.UTF_8)))
            .packageType("Zip")
            .architecturesWithStrings("x86_64");
    if (!environment.isEmpty()) {
      configuration.environment(env -> env.variables(environment));
    }
    create(
        scope,
        registration.name(),
        new FunctionSpec(
            configuration.build(),
            CodeSource.registered(registration.code(), registration.handlerName()),
            Map.of()));
  }

  /** Calls functions hosted in a test JVM; built on first use. */
  private volatile java.net.http.HttpClient testJvm;

  /** The code of a function whose handler runs in the test JVM at {@code url}. */
  HandlerCode testJvmCode(java.net.URI url) {
    java.net.http.HttpClient http = testJvm;
    if (http == null) {
      synchronized (this) {
        if (testJvm == null) {
          testJvm =
              java.net.http.HttpClient.newBuilder()
                  .connectTimeout(TestJvmFunctions.CONNECT_TIMEOUT)
                  .build();
        }
        http = testJvm;
      }
    }
    return TestJvmFunctions.remoteCode(url, http);
  }

  /** The class loader {@code Handler} strings are loaded from: the test's. */
  CodeSource codeOf(String handler) {
    return CodeSource.handler(handler, handlerClassLoader);
  }

  LambdaFunction function(FunctionRef ref) {
    LambdaFunction function = functions.get(ref.scope(), ref.name());
    if (function == null) {
      throw LambdaErrors.functionNotFound(ref.qualifiedArn());
    }
    return function;
  }

  /** The function a reference names, or {@code null}. */
  LambdaFunction find(FunctionRef ref) {
    return functions.get(ref.scope(), ref.name());
  }

  /** The function an ARN names, or {@code null}. */
  LambdaFunction functionByArn(String arn) {
    return functions.keyOf(arn).map(functions::get).orElse(null);
  }

  List<LambdaFunction> functions(Scope scope) {
    List<LambdaFunction> in = new ArrayList<>(functions.in(scope));
    in.sort((a, b) -> a.name.compareTo(b.name));
    return in;
  }

  List<LambdaFunction> allFunctions() {
    return functions.all();
  }

  void delete(LambdaFunction function) {
    if (functions.remove(new ScopedResources.Key(function.scope, function.name), function)) {
      if (bus != null) {
        bus.unregister(function.arn);
      }
      journal.append(
          LambdaEvents.SERVICE,
          LambdaEvents.FUNCTION_DELETED,
          function.name,
          function.arn,
          Map.of(LambdaEvents.Details.ARN, function.arn));
    }
  }

  /** Replaces {@code $LATEST}'s configuration (and code, if given) and answers the new one. */
  FunctionConfiguration update(
      LambdaFunction function, FunctionConfiguration next, CodeSource code) {
    FunctionConfiguration updated =
        next.toBuilder()
            .lastModified(lastModified())
            .revisionId(Ids.randomUuid())
            .lastUpdateStatus("Successful")
            .build();
    function.replaceLatest(updated, code);
    // As Lambda answers an update still in progress, whose revision changes again when it ends.
    return updated.toBuilder()
        .lastUpdateStatus("InProgress")
        .lastUpdateStatusReason("The function is being created.")
        .lastUpdateStatusReasonCode("Creating")
        .revisionId(Ids.randomUuid())
        .build();
  }

  /**
   * Publishes {@code $LATEST} as a new version, or answers the last version if {@code $LATEST} has
   * not changed (code or configuration) since it was published.
   */
  FunctionConfiguration publish(LambdaFunction function, String description) {
    synchronized (function) {
      FunctionConfiguration latest = function.latest();
      FunctionConfiguration settings = settingsOf(latest);
      LambdaFunction.Version last = function.publishedFrom(settings);
      if (last != null) {
        return last.configuration();
      }
      int number = function.nextVersionNumber();
      FunctionConfiguration published =
          latest.toBuilder()
              .version(String.valueOf(number))
              .functionArn(function.arn + ":" + number)
              .description(description != null ? description : latest.description())
              .lastModified(lastModified())
              .revisionId(Ids.randomUuid())
              .build();
      function.addVersion(
          number,
          new LambdaFunction.Version(String.valueOf(number), published, function.latestCode()),
          settings);
      return published;
    }
  }

  /** A configuration without what changes on every update: revision, time, state. */
  private static FunctionConfiguration settingsOf(FunctionConfiguration configuration) {
    return configuration.toBuilder()
        .revisionId(null)
        .lastModified(null)
        .state((String) null)
        .stateReason(null)
        .stateReasonCode((String) null)
        .lastUpdateStatus((String) null)
        .lastUpdateStatusReason(null)
        .lastUpdateStatusReasonCode((String) null)
        .build();
  }

  String lastModified() {
    return LAST_MODIFIED.format(clock.now());
  }

  // ---- invoking

  /** How an invocation was asked for. */
  enum Kind {
    REQUEST_RESPONSE("RequestResponse"),
    EVENT("Event");

    final String wire;

    Kind(String wire) {
      this.wire = wire;
    }
  }

  /**
   * Runs {@code version} of {@code function} once on a handler thread.
   *
   * @param invokedArn the ARN as the caller named it, which the handler's context reports
   * @param trigger {@code Invoke}, or the ARN of the queue, topic or stream whose event it is
   * @param requestId the invocation's request id, which an asynchronous event keeps across attempts
   * @return the result; throttled at once (a {@link LambdaErrors#tooManyRequests} failure) when the
   *     function's reserved concurrency is in use
   */
  CompletableFuture<InvocationResult> run(
      LambdaFunction function,
      LambdaFunction.Version version,
      String invokedArn,
      byte[] payload,
      Kind kind,
      String trigger,
      int attempt,
      String requestId) {
    if (!function.tryStart()) {
      journal.append(
          LambdaEvents.SERVICE,
          LambdaEvents.THROTTLED,
          function.name,
          function.arn,
          Map.of(
              LambdaEvents.Details.INVOCATION_TYPE,
              kind.wire,
              LambdaEvents.Details.TRIGGER,
              trigger));
      return CompletableFuture.failedFuture(LambdaErrors.tooManyRequests());
    }
    FunctionConfiguration configuration = version.configuration();
    int timeoutSeconds =
        configuration.timeout() == null ? DEFAULT_TIMEOUT_SECONDS : configuration.timeout();
    int memory =
        configuration.memorySize() == null ? DEFAULT_MEMORY_MB : configuration.memorySize();
    Instant started = clock.now();
    Instant deadline = started.plusSeconds(timeoutSeconds);
    InvocationLog log = new InvocationLog(function.name);
    log.system("START RequestId: " + requestId + " Version: " + version.label());
    String payloadText = new String(payload, StandardCharsets.UTF_8);
    journal.append(
        LambdaEvents.SERVICE,
        LambdaEvents.INVOKED,
        function.name,
        function.arn,
        Map.of(
            LambdaEvents.Details.REQUEST_ID,
            requestId,
            LambdaEvents.Details.VERSION,
            version.label(),
            LambdaEvents.Details.INVOCATION_TYPE,
            kind.wire,
            LambdaEvents.Details.TRIGGER,
            trigger,
            LambdaEvents.Details.ATTEMPT,
            String.valueOf(attempt),
            LambdaEvents.Details.PAYLOAD,
            payloadText));
    Map<String, String> environment = environment(function, configuration, version.label(), memory);
    InvocationContext context =
        new InvocationContext(
            requestId,
            function.name,
            version.label(),
            invokedArn,
            memory,
            deadline,
            clock,
            log,
            null,
            environment);
    StackClock.InFlight holdsClock = clock.requestStarted();
    CompletableFuture<InvocationResult> result = new CompletableFuture<>();
    AtomicReference<Thread> worker = new AtomicReference<>();
    StackClock.Scheduled timer =
        clock.schedule(
            deadline,
            () -> {
              if (result.complete(timedOut(requestId, version.label(), log, timeoutSeconds))) {
                Thread thread = worker.get();
                if (thread != null) {
                  thread.interrupt();
                }
              }
            });
    try {
      handlers.execute(
          () -> {
            worker.set(Thread.currentThread());
            InvocationResult ended;
            try {
              HandlerCode code = version.code().code();
              byte[] answer =
                  HandlerOutput.with(
                      log,
                      () ->
                          FunctionEnvironment.with(
                              environment, () -> code.invoke(payload, context)));
              ended =
                  new InvocationResult(
                      requestId,
                      version.label(),
                      answer == null ? new byte[0] : answer,
                      null,
                      null,
                      null);
            } catch (HandlerLoadException e) {
              ended = failed(requestId, version.label(), e.getMessage(), e.errorType(), null);
            } catch (RemoteFunctionError e) {
              ended =
                  new InvocationResult(
                      requestId, version.label(), e.payload(), "Unhandled", e.errorType(), null);
            } catch (Throwable t) {
              ended =
                  failed(
                      requestId,
                      version.label(),
                      FunctionErrors.messageOf(t),
                      t.getClass().getName(),
                      t);
            } finally {
              worker.set(null);
            }
            if (!result.isDone()) {
              result.complete(withTail(ended, log, started));
            }
            // A handler that outlived its deadline leaves the interrupt for its thread's next task.
            Thread.interrupted();
          });
    } catch (RuntimeException rejected) {
      result.complete(
          failed(requestId, version.label(), "The stack is closing", "Runtime.Unavailable", null));
    }
    return result.whenComplete(
        (ended, error) -> {
          timer.cancel();
          function.finished();
          holdsClock.finish();
          journalEnd(function, trigger, ended, log, started);
        });
  }

  /**
   * A handler's answer to a batch named some of its items as failed: they go back to the source.
   */
  void batchItemsFailed(
      LambdaFunction function, String requestId, String trigger, Collection<String> itemIds) {
    journal.append(
        LambdaEvents.SERVICE,
        LambdaEvents.BATCH_ITEMS_FAILED,
        function.name,
        function.arn,
        Map.of(
            LambdaEvents.Details.REQUEST_ID,
            requestId,
            LambdaEvents.Details.TRIGGER,
            trigger,
            LambdaEvents.Details.FAILED_ITEMS,
            String.join(",", itemIds)));
  }

  /**
   * A stream's event source mapping gave up on a batch (its retries used up, or its records too
   * old) and sent its record to {@code destination}, if any.
   */
  void batchDiscarded(
      LambdaFunction function,
      String requestId,
      String trigger,
      int attempts,
      String errorType,
      String destination) {
    journal.append(
        LambdaEvents.SERVICE,
        LambdaEvents.EVENT_DISCARDED,
        function.name,
        function.arn,
        Map.of(
            LambdaEvents.Details.REQUEST_ID,
            requestId,
            LambdaEvents.Details.TRIGGER,
            trigger,
            LambdaEvents.Details.ATTEMPT,
            String.valueOf(attempts),
            LambdaEvents.Details.ERROR_TYPE,
            errorType,
            LambdaEvents.Details.DESTINATION,
            destination == null ? "" : destination));
  }

  private InvocationResult withTail(InvocationResult result, InvocationLog log, Instant started) {
    long millis = Duration.between(started, clock.now()).toMillis();
    log.system("END RequestId: " + result.requestId());
    log.system(
        "REPORT RequestId: "
            + result.requestId()
            + "\tDuration: "
            + millis
            + ".00 ms\tBilled Duration: "
            + Math.max(1, millis)
            + " ms\tMemory Size: "
            + DEFAULT_MEMORY_MB
            + " MB\tMax Memory Used: "
            + DEFAULT_MEMORY_MB
            + " MB\t");
    return new InvocationResult(
        result.requestId(),
        result.executedVersion(),
        result.payload(),
        result.functionError(),
        result.errorType(),
        log.tail());
  }

  private InvocationResult timedOut(
      String requestId, String version, InvocationLog log, int timeoutSeconds) {
    String message = "Task timed out after " + timeoutSeconds + ".00 seconds";
    log.system(LAST_MODIFIED.format(clock.now()) + " " + requestId + " " + message);
    ObjectNode error = JSON.createObjectNode();
    error.put("errorType", "Sandbox.Timedout");
    error.put("errorMessage", "RequestId: " + requestId + " Error: " + message);
    return new InvocationResult(
        requestId, version, writeJson(error), "Unhandled", "Sandbox.Timedout", log.tail());
  }

  private static InvocationResult failed(
      String requestId, String version, String message, String errorType, Throwable thrown) {
    return new InvocationResult(
        requestId,
        version,
        FunctionErrors.payload(message, errorType, thrown),
        "Unhandled",
        errorType,
        null);
  }

  private void journalEnd(
      LambdaFunction function,
      String trigger,
      InvocationResult ended,
      InvocationLog log,
      Instant started) {
    if (ended == null) {
      return;
    }
    Map<String, String> details = new LinkedHashMap<>();
    details.put(LambdaEvents.Details.REQUEST_ID, ended.requestId());
    details.put(LambdaEvents.Details.VERSION, ended.executedVersion());
    details.put(LambdaEvents.Details.TRIGGER, trigger);
    details.put(
        LambdaEvents.Details.DURATION_MILLIS,
        String.valueOf(Duration.between(started, clock.now()).toMillis()));
    details.put(LambdaEvents.Details.LOG, log.handlerOutput());
    if (ended.failed()) {
      ObjectNode error = readObject(ended.payload());
      details.put(LambdaEvents.Details.ERROR_TYPE, String.valueOf(ended.errorType()));
      details.put(
          LambdaEvents.Details.ERROR_MESSAGE,
          error == null ? "" : error.path("errorMessage").asText(""));
      journal.append(
          LambdaEvents.SERVICE, LambdaEvents.FAILED, function.name, function.arn, details);
    } else {
      details.put(LambdaEvents.Details.RESPONSE, ended.payloadText());
      journal.append(
          LambdaEvents.SERVICE, LambdaEvents.SUCCEEDED, function.name, function.arn, details);
    }
  }

  /**
   * The function's variables over Lambda's own: {@code AWS_LAMBDA_FUNCTION_NAME}, {@code
   * AWS_REGION}, {@code _HANDLER}, ….
   */
  private static Map<String, String> environment(
      LambdaFunction function, FunctionConfiguration configuration, String version, int memory) {
    Map<String, String> variables = new LinkedHashMap<>();
    variables.put("AWS_LAMBDA_FUNCTION_NAME", function.name);
    variables.put("AWS_LAMBDA_FUNCTION_VERSION", version);
    variables.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", String.valueOf(memory));
    variables.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + function.name);
    variables.put("AWS_REGION", function.scope.region());
    variables.put("AWS_DEFAULT_REGION", function.scope.region());
    variables.put(
        "AWS_EXECUTION_ENV", "AWS_Lambda_" + String.valueOf(configuration.runtimeAsString()));
    variables.put("_HANDLER", String.valueOf(configuration.handler()));
    if (configuration.environment() != null && configuration.environment().variables() != null) {
      variables.putAll(configuration.environment().variables());
    }
    return Map.copyOf(variables);
  }

  // ---- asynchronous invocations

  /**
   * One event on Lambda's asynchronous queue: what every attempt at it runs with. Its request id is
   * the same for every attempt, as Lambda's retries keep theirs.
   *
   * @param throttles how many of its attempts so far were throttled
   */
  private record AsyncEvent(
      LambdaFunction function,
      LambdaFunction.Version version,
      String invokedArn,
      byte[] payload,
      String trigger,
      String requestId,
      Instant accepted,
      int throttles) {

    AsyncEvent throttledOnce() {
      return new AsyncEvent(
          function, version, invokedArn, payload, trigger, requestId, accepted, throttles + 1);
    }

    /**
     * How long Lambda waits after this event's latest throttle: 1 second after the first, doubling
     * up to 5 minutes, as AWS documents for asynchronous invocations.
     */
    Duration throttleDelay() {
      long seconds = throttles > 10 ? Long.MAX_VALUE : 1L << (throttles - 1);
      return seconds >= MAX_THROTTLE_DELAY.toSeconds()
          ? MAX_THROTTLE_DELAY
          : Duration.ofSeconds(seconds);
    }
  }

  /**
   * Takes an asynchronous event for {@code function} (an {@code Event} invocation, or a delivery
   * from another service) and runs it on Lambda's event queue.
   *
   * @param requestId the request id every attempt at the event runs with
   */
  void enqueue(
      LambdaFunction function,
      LambdaFunction.Version version,
      String invokedArn,
      byte[] payload,
      String trigger,
      String requestId) {
    attemptEvent(
        new AsyncEvent(function, version, invokedArn, payload, trigger, requestId, clock.now(), 0),
        1);
  }

  /**
   * A delivery through the bus: an SNS notification, an on-success destination, …, to the function
   * or to one of its versions or aliases ({@code qualifier}).
   *
   * @throws io.serverlessstack.fake.internal.protocol.AwsErrorException for a version or alias the
   *     function does not have, which fails the delivery
   */
  private String acceptEvent(LambdaFunction function, String qualifier, Delivery delivery) {
    LambdaFunction.Version version = function.resolve(qualifier, roll());
    if (version == null) {
      throw LambdaErrors.functionNotFound(function.arn + ":" + qualifier);
    }
    enqueue(
        function,
        version,
        qualifier == null ? function.arn : function.arn + ":" + qualifier,
        delivery.body().getBytes(StandardCharsets.UTF_8),
        delivery.sourceArn() == null ? "Invoke" : delivery.sourceArn(),
        Ids.randomUuid());
    return null;
  }

  private void attemptEvent(AsyncEvent event, int attempt) {
    LambdaFunction.EventInvokeConfig config =
        eventInvokeConfig(event.function(), event.invokedArn());
    // Held until what follows the attempt is scheduled or sent, so that an idle-skipping clock
    // cannot move between the attempt's end and the moment its retry's delay is counted from.
    StackClock.InFlight holdsClock = clock.requestStarted();
    run(
            event.function(),
            event.version(),
            event.invokedArn(),
            event.payload(),
            Kind.EVENT,
            event.trigger(),
            attempt,
            event.requestId())
        .whenComplete((result, error) -> followUp(event, attempt, config, result))
        .whenComplete((result, error) -> holdsClock.finish());
  }

  /** The asynchronous settings of the version or alias {@code invokedArn} names. */
  private static LambdaFunction.EventInvokeConfig eventInvokeConfig(
      LambdaFunction function, String invokedArn) {
    String qualifier =
        invokedArn.length() > function.arn.length()
            ? invokedArn.substring(function.arn.length() + 1)
            : null;
    LambdaFunction.EventInvokeConfig config = function.eventInvokeConfig(qualifier);
    return config != null ? config : LambdaFunction.EventInvokeConfig.DEFAULT;
  }

  /** What follows an attempt: a retry, or the event's end at a destination. */
  private void followUp(
      AsyncEvent event,
      int attempt,
      LambdaFunction.EventInvokeConfig config,
      InvocationResult result) {
    if (result == null) {
      // Throttled: Lambda keeps the event and tries again, backing off, for as long as it may
      // keep it; a throttled attempt is no attempt.
      AsyncEvent throttled = event.throttledOnce();
      retryEvent(throttled, attempt, config, throttled.throttleDelay(), null);
    } else if (!result.failed()) {
      sendToDestination(event, config.onSuccess(), config.baseUrl(), "Success", result, attempt);
    } else if (attempt > config.retries()) {
      discard(event, result, attempt, config, "RetriesExhausted");
    } else {
      retryEvent(event, attempt + 1, config, FIRST_RETRY_DELAY.multipliedBy(attempt), result);
    }
  }

  /**
   * Runs attempt {@code nextAttempt} after {@code delay}, or discards the event if it would be
   * older than the function lets events get by then.
   *
   * @param lastResult the failed attempt's result, or {@code null} after a throttled attempt
   */
  private void retryEvent(
      AsyncEvent event,
      int nextAttempt,
      LambdaFunction.EventInvokeConfig config,
      Duration delay,
      InvocationResult lastResult) {
    Instant next = clock.now().plus(delay);
    if (next.isAfter(event.accepted().plusSeconds(config.maximumAgeSeconds()))) {
      int attempts = lastResult == null ? nextAttempt : nextAttempt - 1;
      discard(event, lastResult, attempts, config, "EventAgeExceeded");
      return;
    }
    LambdaFunction function = event.function();
    clock.schedule(
        next,
        () -> {
          if (functions.get(new ScopedResources.Key(function.scope, function.name)) == function) {
            attemptEvent(event, nextAttempt);
          }
        });
  }

  private void discard(
      AsyncEvent event,
      InvocationResult result,
      int attempts,
      LambdaFunction.EventInvokeConfig config,
      String condition) {
    LambdaFunction function = event.function();
    journal.append(
        LambdaEvents.SERVICE,
        LambdaEvents.EVENT_DISCARDED,
        function.name,
        function.arn,
        Map.of(
            LambdaEvents.Details.REQUEST_ID,
            event.requestId(),
            LambdaEvents.Details.ATTEMPT,
            String.valueOf(attempts),
            LambdaEvents.Details.ERROR_TYPE,
            result == null ? condition : String.valueOf(result.errorType()),
            LambdaEvents.Details.DESTINATION,
            config.onFailure() == null ? "" : config.onFailure()));
    sendToDestination(event, config.onFailure(), config.baseUrl(), condition, result, attempts);
  }

  /**
   * Sends Lambda's invocation record (version 1.0: request context, request and response payloads)
   * to a destination: a topic through SNS's Publish, a queue or another function through the
   * delivery bus.
   *
   * @param baseUrl the stack as the destination's configurer reached it, for a topic's envelopes
   * @param result the last attempt's result, or {@code null} if every attempt was throttled
   */
  private void sendToDestination(
      AsyncEvent event,
      String destination,
      String baseUrl,
      String condition,
      InvocationResult result,
      int attempts) {
    if (destination == null || bus == null) {
      return;
    }
    LambdaFunction function = event.function();
    ObjectNode record = JSON.createObjectNode();
    record.put("version", "1.0");
    record.put("timestamp", RECORD_TIMESTAMP.format(clock.now()));
    ObjectNode requestContext = record.putObject("requestContext");
    requestContext.put("requestId", event.requestId());
    requestContext.put(
        "functionArn",
        event.invokedArn().equals(function.arn) ? function.arn + ":$LATEST" : event.invokedArn());
    requestContext.put("condition", condition);
    requestContext.put("approximateInvokeCount", attempts);
    record.set("requestPayload", readTreeOrText(event.payload()));
    if (result != null) {
      ObjectNode responseContext = record.putObject("responseContext");
      responseContext.put("statusCode", 200);
      responseContext.put("executedVersion", result.executedVersion());
      if (result.failed()) {
        responseContext.put("functionError", result.functionError());
      }
      record.set("responsePayload", readTreeOrText(result.payload()));
    }
    String body = new String(writeJson(record), StandardCharsets.UTF_8);
    if (Arn.parse(destination).map(Arn::service).orElse("").equals("sns")) {
      try {
        sns.get().publish(destination, body, baseUrl);
      } catch (AwsErrorException | IllegalArgumentException unreachable) {
        LoggerHolder.LOG.warn(
            "Function {} could not reach its destination {}: {}",
            function.name,
            destination,
            unreachable.getMessage());
      }
      return;
    }
    bus.deliver(destination, Delivery.of(Ids.randomUuid(), function.arn, body))
        .thenAccept(
            outcome -> {
              if (!(outcome instanceof DeliveryOutcome.Delivered)) {
                LoggerHolder.LOG.warn(
                    "Function {} could not reach its destination {}: {}",
                    function.name,
                    destination,
                    outcome);
              }
            });
  }

  private static com.fasterxml.jackson.databind.JsonNode readTreeOrText(byte[] json) {
    try {
      return JSON.readTree(json);
    } catch (IOException notJson) {
      return JSON.getNodeFactory().textNode(new String(json, StandardCharsets.UTF_8));
    }
  }

  static ObjectNode readObject(byte[] json) {
    try {
      return JSON.readTree(json) instanceof ObjectNode object ? object : null;
    } catch (IOException notJson) {
      return null;
    }
  }

  static byte[] writeJson(Object value) {
    try {
      return JSON.writeValueAsBytes(value);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static String sha256Base64(byte[] bytes) {
    try {
      return java.util.Base64.getEncoder()
          .encodeToString(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Built on first use, as a logger costs something to look up. */
  private static final class LoggerHolder {
    static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LambdaEngine.class);
  }

  /** A random number for an alias's weighted routing. */
  static double roll() {
    return ThreadLocalRandom.current().nextDouble();
  }

  // ---- inspection

  /** Every function, as inspection shows it. */
  public List<FunctionView> inspectFunctions() {
    return functions.all().stream().map(LambdaEngine::view).toList();
  }

  /**
   * The function with this unqualified ARN, or the first by account and region with this name,
   * without looking at any other function.
   */
  public Optional<FunctionView> inspectFunction(String nameOrArn) {
    LambdaFunction found = functions.byArn(nameOrArn);
    if (found == null) {
      found =
          functions.all().stream()
              .filter(function -> function.name.equals(nameOrArn))
              .min(Comparator.comparing((LambdaFunction function) -> function.scope.toString()))
              .orElse(null);
    }
    return Optional.ofNullable(found).map(LambdaEngine::view);
  }

  private static FunctionView view(LambdaFunction function) {
    FunctionConfiguration latest = function.latest();
    Map<String, String> aliases = new LinkedHashMap<>();
    function.aliases().forEach(alias -> aliases.put(alias.name(), alias.functionVersion()));
    return new FunctionView(
        function.name,
        function.arn,
        function.scope.accountId(),
        function.scope.region(),
        latest.handler(),
        latest.runtimeAsString(),
        latest.timeout() == null ? DEFAULT_TIMEOUT_SECONDS : latest.timeout(),
        latest.memorySize() == null ? DEFAULT_MEMORY_MB : latest.memorySize(),
        latest.environment() == null || latest.environment().variables() == null
            ? Map.of()
            : latest.environment().variables(),
        function.versions().stream().map(LambdaFunction.Version::label).toList(),
        aliases,
        function.reservedConcurrency(),
        function.running.get());
  }

  // ---- lifecycle

  /** Forgets every mapping and function, then registers again those registered with code. */
  public void reset() {
    mappings.reset();
    for (LambdaFunction function : functions.clear()) {
      if (bus != null) {
        bus.unregister(function.arn);
      }
    }
    registered.forEach(this::deploy);
  }

  public void close() {
    mappings.reset();
    functions.clear();
    handlers.shutdownNow();
  }
}
