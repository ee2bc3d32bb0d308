package io.serverlessstack.fake.internal.stepfunctions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.serverlessstack.api.ExecutionView;
import io.serverlessstack.api.StateMachineView;
import io.serverlessstack.api.StepFunctionsEvents;
import io.serverlessstack.fake.internal.clock.StackClock;
import io.serverlessstack.fake.internal.journal.Journal;
import io.serverlessstack.fake.internal.platform.ServiceContext;
import io.serverlessstack.fake.internal.s3.S3Engine;
import io.serverlessstack.fake.internal.server.Ids;
import io.serverlessstack.fake.internal.server.Scope;
import io.serverlessstack.fake.internal.server.ScopedResources;
import io.serverlessstack.fake.internal.stepfunctions.asl.Definition;
import io.serverlessstack.fake.internal.stepfunctions.asl.StatesError;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.sfn.model.TestStateRequest;
import software.amazon.awssdk.services.sfn.model.TestStateResponse;

/**
 * Step Functions' state: state machines and their executions, which the {@link Interpreter} runs on
 * the engine's own daemon threads. Thread-safe; it never blocks its caller.
 */
public final class StepFunctionsEngine {

  static final String THREAD_PREFIX = "serverless-stack-states-";

  /** Names as AWS accepts them: 1 to 80 characters, none of the ones ARNs and URLs reserve. */
  private static final Pattern NAME =
      Pattern.compile("[^\\s<>{}\\[\\]?*\"#%\\\\^|~`$&,;:/\\u0000-\\u001f\\u007f-\\u009f]{1,80}");

  private final StackClock clock;
  private final Journal journal;
  private final ScopedResources<StateMachine> machines =
      new ScopedResources<>("states", "stateMachine:");
  private final Map<String, Execution> executions = new ConcurrentHashMap<>();
  private final ExecutorService threads;
  private final ServiceIntegrations integrations;
  private final Interpreter interpreter;
  private final StepFunctionsMocks mocks = new StepFunctionsMocks();
  final MapRuns mapRuns;
  final Activities activities;

  public StepFunctionsEngine(ServiceContext context) {
    this.clock = context.clock();
    this.journal = context.journal();
    AtomicInteger count = new AtomicInteger();
    this.threads =
        Executors.newFixedThreadPool(
            Math.max(2, Runtime.getRuntime().availableProcessors()),
            task -> {
              Thread thread = new Thread(task, THREAD_PREFIX + count.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    this.mapRuns =
        new MapRuns(() -> context.runs("s3") ? context.engine("s3", S3Engine.class) : null);
    this.activities = new Activities(clock);
    this.integrations = new ServiceIntegrations(context, clock, activities);
    this.interpreter =
        new Interpreter(clock, threads, new MockedIntegrations(integrations), mapRuns);
  }

  // ---- state machines

  /** What CreateStateMachine asks for. */
  record MachineRequest(
      String name,
      String definition,
      String roleArn,
      boolean express,
      String loggingJson,
      boolean tracing,
      Map<String, String> tags) {}

  StateMachine create(Scope scope, MachineRequest request) {
    checkName(request.name());
    Definition definition = Definitions.parse(request.definition());
    StateMachine.Revision revision =
        new StateMachine.Revision(
            request.definition(),
            definition,
            request.roleArn(),
            Ids.randomUuid(),
            clock.now(),
            request.loggingJson(),
            request.tracing());
    ScopedResources.Key key = new ScopedResources.Key(scope, request.name());
    String arn = machines.arn(scope, request.name()).toString();
    synchronized (machines) {
      StateMachine existing = machines.get(key);
      if (existing != null) {
        StateMachine.Revision current = existing.current();
        if (existing.express == request.express()
            && current.definitionText().equals(request.definition())
            && java.util.Objects.equals(current.roleArn(), request.roleArn())) {
          return existing;
        }
        throw StepFunctionsErrors.stateMachineExists(arn);
      }
      StateMachine machine =
          new StateMachine(scope, request.name(), arn, request.express(), clock.now(), revision);
      machine.tags.putAll(request.tags());
      machines.putIfAbsent(key, machine);
      journal.append(
          StepFunctionsEvents.SERVICE,
          StepFunctionsEvents.STATE_MACHINE_CREATED,
          machine.name,
          machine.arn,
          Map.of(StepFunctionsEvents.Details.TYPE, machine.type()));
      return machine;
    }
  }

  StateMachine machine(String arn) {
    StateMachine machine = machines.byArn(arn);
    if (machine == null) {
      throw StepFunctionsErrors.stateMachineNotFound(arn);
    }
    return machine;
  }

  /** The state machine an ARN names, checked for its form first as AWS does. */
  StateMachine machineByArn(String arn) {
    checkArn(arn, "stateMachine");
    return machine(arn);
  }

  /** The state machine an unqualified ARN names, or {@code null}. */
  StateMachine findMachine(String arn) {
    return machines.byArn(arn);
  }

  List<StateMachine> machines(Scope scope) {
    return machines.in(scope);
  }

  StateMachine update(String arn, String definition, String roleArn) {
    StateMachine machine = machineByArn(arn);
    synchronized (machine) {
      StateMachine.Revision current = machine.current();
      if ((definition == null || definition.equals(current.definitionText()))
          && (roleArn == null || roleArn.equals(current.roleArn()))) {
        // Nothing changes: the revision stays, so publishing it again finds its version.
        return machine;
      }
      String text = definition == null ? current.definitionText() : definition;
      Definition parsed = definition == null ? current.definition() : Definitions.parse(definition);
      machine.update(
          new StateMachine.Revision(
              text,
              parsed,
              roleArn == null ? current.roleArn() : roleArn,
              Ids.randomUuid(),
              clock.now(),
              current.loggingJson(),
              current.tracing()));
    }
    return machine;
  }

  void delete(String arn) {
    checkArn(arn, "stateMachine");
    StateMachine machine = machines.byArn(arn);
    if (machine == null) {
      return;
    }
    machine.deleting = true;
    machines.remove(new ScopedResources.Key(machine.scope, machine.name), machine);
    for (Execution execution : executions.values()) {
      if (execution.machine == machine) {
        interpreter.abort(execution, null, null);
      }
    }
  }

  // ---- versions and aliases

  /** What a state machine, version or alias ARN names; an alias picks its version now. */
  MachineVersions.Target target(String arn) {
    checkArn(arn, "stateMachine");
    return MachineVersions.resolve(arn, this::machine);
  }

  /**
   * Publishes the machine's current revision as a version, or answers the latest version when it
   * holds that revision already.
   *
   * @param revisionId when set, the revision the caller expects to publish
   */
  MachineVersions.Version publish(StateMachine machine, String revisionId, String description) {
    synchronized (machine) {
      StateMachine.Revision current = machine.current();
      if (revisionId != null && !revisionId.equals(current.revisionId())) {
        throw StepFunctionsErrors.conflict(
            "Failed to publish the State Machine version for revision "
                + revisionId
                + ". The current State Machine revision is "
                + current.revisionId()
                + ".");
      }
      return machine.versions.publish(machine, current, description, clock.now());
    }
  }

  java.time.Instant now() {
    return clock.now();
  }

  // ---- executions

  /** What StartExecution and StartSyncExecution ask for. */
  record StartRequest(
      String stateMachineArn, String name, String input, String traceHeader, String baseUrl) {}

  /** Starts an execution, or finds the running one of the same name and input (idempotent). */
  Execution start(StartRequest request, boolean sync) {
    StepFunctionsMocks.Selection selected =
        StepFunctionsMocks.Selection.of(request.stateMachineArn());
    MachineVersions.Target target = target(selected.stateMachineArn());
    StateMachine machine = target.machine();
    if (sync && !machine.express) {
      throw StepFunctionsErrors.typeNotSupported();
    }
    String name = request.name() == null ? Ids.randomUuid() : request.name();
    checkName(name);
    String inputText = request.input() == null ? "{}" : request.input();
    JsonNode input = input(inputText);
    StepFunctionsMocks.Run mocked = mocks.start(machine, selected.testCase());
    String arn =
        machine.express
            ? "arn:aws:states:"
                + machine.scope.region()
                + ":"
                + machine.scope.accountId()
                + ":express:"
                + machine.name
                + ":"
                + name
                + ":"
                + Ids.randomUuid()
            : "arn:aws:states:"
                + machine.scope.region()
                + ":"
                + machine.scope.accountId()
                + ":execution:"
                + machine.name
                + ":"
                + name;
    Execution execution =
        new Execution(
            machine,
            target.revision(),
            arn,
            name,
            inputText,
            input,
            clock.now(),
            request.traceHeader(),
            request.baseUrl());
    execution.mocks = mocked;
    Execution existing = executions.putIfAbsent(arn, execution);
    if (existing != null) {
      if (existing.status() == Execution.Status.RUNNING && existing.inputText.equals(inputText)) {
        return existing;
      }
      throw StepFunctionsErrors.executionExists(arn);
    }
    journalStartAndEnd(execution);
    if (target.version() != null) {
      execution.versionArn = target.version().arn();
      execution.aliasArn = target.alias() == null ? null : target.alias().arn;
      // Guess: AWS gives the ARN the execution was started with (the version's or the alias's).
      execution.contextStateMachine.put("Id", target.qualifiedArn());
    }
    interpreter.start(execution);
    return execution;
  }

  private void journalStartAndEnd(Execution execution) {
    journal.append(
        StepFunctionsEvents.SERVICE,
        StepFunctionsEvents.EXECUTION_STARTED,
        execution.machine.name,
        execution.arn,
        Map.of(
            StepFunctionsEvents.Details.STATE_MACHINE_ARN,
            execution.machine.arn,
            StepFunctionsEvents.Details.INPUT,
            execution.inputText));
    journalEnd(execution);
  }

  /** Journals the end of the execution's current attempt (its first, or a redrive's). */
  private void journalEnd(Execution execution) {
    execution.ended.thenAccept(
        outcome -> {
          Map<String, String> details = new LinkedHashMap<>();
          details.put(StepFunctionsEvents.Details.STATUS, outcome.status().name());
          if (outcome.output() != null) {
            details.put(StepFunctionsEvents.Details.OUTPUT, Payloads.text(outcome.output()));
          }
          if (outcome.error() != null) {
            details.put(StepFunctionsEvents.Details.ERROR, outcome.error());
          }
          if (outcome.cause() != null) {
            details.put(StepFunctionsEvents.Details.CAUSE, outcome.cause());
          }
          journal.append(
              StepFunctionsEvents.SERVICE,
              StepFunctionsEvents.EXECUTION_ENDED,
              execution.machine.name,
              execution.arn,
              details);
        });
  }

  private static JsonNode input(String text) {
    if (Payloads.utf8Length(text) > Payloads.MAX_BYTES) {
      throw StepFunctionsErrors.validation(
          "1 validation error detected: Value at 'input' failed to satisfy constraint: Member"
              + " must have length less than or equal to 262144");
    }
    try {
      return Payloads.parse(text);
    } catch (JsonProcessingException e) {
      throw StepFunctionsErrors.invalidInput(e.getOriginalMessage());
    }
  }

  Execution execution(String arn) {
    checkArn(arn, "execution");
    Execution execution = executions.get(arn);
    if (execution == null) {
      execution = mapRuns.child(arn);
    }
    if (execution == null) {
      throw StepFunctionsErrors.executionNotFound(arn);
    }
    return execution;
  }

  /** The executions of a state machine, newest first. */
  List<Execution> executions(StateMachine machine) {
    List<Execution> found = new ArrayList<>();
    for (Execution execution : executions.values()) {
      if (execution.machine == machine) {
        found.add(execution);
      }
    }
    found.sort(
        Comparator.comparing((Execution execution) -> execution.started)
            .thenComparingLong(execution -> execution.serial)
            .reversed());
    return found;
  }

  /**
   * Redrives a FAILED, TIMED_OUT or ABORTED STANDARD execution of the last 14 days from the state
   * it stopped in.
   */
  Execution redrive(String arn) {
    Execution execution = execution(arn);
    synchronized (execution) {
      String reason = Redrives.notRedrivableReason(execution, clock.now());
      if (reason != null) {
        throw StepFunctionsErrors.notRedrivable(reason);
      }
      execution.redriven(clock.now());
    }
    journalEnd(execution);
    interpreter.redrive(execution, execution.lastStateName, execution.lastStateInput);
    return execution;
  }

  Execution stop(String arn, String error, String cause) {
    Execution execution = execution(arn);
    interpreter.abort(execution, error, cause);
    return execution;
  }

  // ---- TestState

  /** Runs one state alone, as TestState does; the answer comes when the state is done. */
  CompletableFuture<TestStateResponse> testState(
      TestStateRequest request, Scope scope, String baseUrl) {
    return new TestStateRunner(clock, interpreter).run(request, scope, baseUrl);
  }

  // ---- mocked integrations

  /**
   * Makes {@code config} the stack's Step Functions mock configuration (none for {@code null}), for
   * executions that start from now on; running ones keep theirs. A reset keeps it.
   */
  public void useMocks(StepFunctionsMockConfig config) {
    mocks.use(config);
  }

  /** The stack's Step Functions mock configuration, if it has one. */
  public Optional<StepFunctionsMockConfig> mocks() {
    return Optional.ofNullable(mocks.config());
  }

  // ---- callbacks

  void sendTaskSuccess(String token, String output) {
    ServiceIntegrations.PendingTask task = pendingTask(token);
    JsonNode result;
    try {
      result = Payloads.parse(output);
    } catch (JsonProcessingException e) {
      throw StepFunctionsErrors.invalidOutput(e.getOriginalMessage());
    }
    task.result.complete(result);
  }

  void sendTaskFailure(String token, String error, String cause) {
    pendingTask(token).result.completeExceptionally(StatesError.of(error, cause));
  }

  void sendTaskHeartbeat(String token) {
    pendingTask(token).beat(clock);
  }

  private ServiceIntegrations.PendingTask pendingTask(String token) {
    if (token == null || token.length() < 10) {
      throw StepFunctionsErrors.invalidToken("Invalid token");
    }
    ServiceIntegrations.PendingTask task = integrations.pending(token);
    if (task == null || task.result.isDone()) {
      throw StepFunctionsErrors.error(
          "TaskTimedOut", "Task Timed Out: 'Provided task does not exist anymore'");
    }
    return task;
  }

  // ---- inspection

  public List<StateMachineView> inspectMachines() {
    return machines.all().stream().map(this::view).toList();
  }

  /**
   * The state machine with this ARN, or the first by account and region with this name, without
   * looking at any other machine.
   */
  public Optional<StateMachineView> inspectMachine(String nameOrArn) {
    StateMachine found = machines.byArn(nameOrArn);
    if (found == null) {
      found =
          machines.all().stream()
              .filter(machine -> machine.name.equals(nameOrArn))
              .min(Comparator.comparing((StateMachine machine) -> machine.scope.toString()))
              .orElse(null);
    }
    return Optional.ofNullable(found).map(this::view);
  }

  private StateMachineView view(StateMachine machine) {
    return StepFunctionsViews.machine(machine, executions(machine));
  }

  public List<ExecutionView> inspectExecutions() {
    return executions.values().stream()
        .sorted(
            Comparator.comparing((Execution execution) -> execution.started)
                .thenComparingLong(execution -> execution.serial))
        .map(StepFunctionsViews::execution)
        .toList();
  }

  public Optional<ExecutionView> inspectExecution(String arn) {
    return Optional.ofNullable(executions.get(arn)).map(StepFunctionsViews::execution);
  }

  // ---- checks

  static void checkName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw StepFunctionsErrors.invalidName(name);
    }
  }

  /** AWS's checks of an ARN's form, before it looks the resource up. */
  static void checkArn(String arn, String type) {
    if (arn == null || !arn.startsWith("arn:")) {
      throw StepFunctionsErrors.invalidArn("Invalid ARN prefix: " + arn);
    }
    String[] parts = arn.split(":", -1);
    if (parts.length < 7 || !"states".equals(parts[2])) {
      throw StepFunctionsErrors.invalidArn("Invalid ARN: " + arn);
    }
    boolean fits =
        type.equals(parts[5]) || ("execution".equals(type) && "express".equals(parts[5]));
    if (!fits) {
      throw StepFunctionsErrors.invalidArn("Resource type not valid in this context: " + parts[5]);
    }
  }

  public void reset() {
    for (Execution execution : executions.values()) {
      interpreter.abort(execution, null, null);
    }
    for (Execution child : mapRuns.allChildren()) {
      interpreter.abort(child, null, null);
    }
    executions.clear();
    mapRuns.clear();
    machines.clear();
    integrations.reset();
    activities.reset();
  }

  public void close() {
    reset();
    threads.shutdownNow();
  }
}
