package io.serverlessstack.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.serverlessstack.fake.ServerlessStackServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.GetExecutionHistoryResponse;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.StartSyncExecutionResponse;
import software.amazon.awssdk.services.sfn.model.StateMachineType;

/**
 * Step Functions side by side with Moto's server: state transitions per second of a STANDARD
 * execution of an inline Map whose iterations are three Pass states, and the start-to-finish
 * latency of a five-state workflow. Markdown on stdout, progress on stderr.
 *
 * <p>Usage: {@code StepFunctionsBenchmark}; knobs are {@code -Dbench.*} system properties, see
 * benchmarks/README.md.
 */
public final class StepFunctionsBenchmark {

  /** The targets for the stack. */
  private static final double TRANSITIONS_TARGET = 100_000;

  private static final double MEDIAN_MILLIS_TARGET = 2.0;

  private static final String ROLE = "arn:aws:iam::000000000000:role/states-role";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Three Pass states per item; the Map keeps its iterations' outputs as its own. */
  static final String MAP_MACHINE =
      """
      {"StartAt": "Each", "States": {
        "Each": {"Type": "Map", "ItemsPath": "$.items",
          "ItemProcessor": {"StartAt": "First", "States": {
            "First": {"Type": "Pass", "Next": "Second"},
            "Second": {"Type": "Pass", "Next": "Third"},
            "Third": {"Type": "Pass", "End": true}}},
          "End": true}}}
      """;

  /** Five states entered per run (Reject is never taken), shaping data as a real workflow does. */
  static final String FIVE_STATE_MACHINE =
      """
      {"StartAt": "Validate", "States": {
        "Validate": {"Type": "Pass",
          "Parameters": {"order.$": "$.order", "valid": true}, "Next": "Price"},
        "Price": {"Type": "Pass", "Result": {"total": 42}, "ResultPath": "$.price",
          "Next": "Route"},
        "Route": {"Type": "Choice", "Choices": [
            {"Variable": "$.valid", "BooleanEquals": true, "Next": "Confirm"}],
          "Default": "Reject"},
        "Confirm": {"Type": "Pass",
          "Parameters": {"order.$": "$.order", "total.$": "$.price.total"}, "Next": "Done"},
        "Reject": {"Type": "Fail", "Error": "Order.Invalid"},
        "Done": {"Type": "Succeed"}}}
      """;

  static final String FIVE_STATE_INPUT = "{\"order\":\"o-1\"}";
  static final String FIVE_STATE_OUTPUT = "{\"order\":\"o-1\",\"total\":42}";

  private final List<TargetKind> kinds = Settings.targets("STACK,MOTO");
  private final int rounds = Settings.integer("rounds", 5);
  private final int items = Settings.integer("items", 10_000);
  private final int motoItems = Settings.integer("motoItems", 100);
  private final int mapWarmups = Settings.integer("mapWarmups", 3);
  private final int runs = Settings.integer("runs", 200);
  private final int warmupRuns = Settings.integer("warmupRuns", 2000);
  private final int motoRuns = Settings.integer("motoRuns", 100);
  private final int motoWarmupRuns = Settings.integer("motoWarmupRuns", 5);
  private final int pollMillis = Settings.integer("pollMillis", 1);
  private int names;

  /** The stack's first Map execution and first StartSyncExecution runs, before any warm-up. */
  private MapSample coldMap;

  private Latencies coldSync;

  /** One Map execution: how many items, how many transitions its history shows, how long. */
  record MapSample(int items, long transitions, double seconds) {
    double rate() {
      return transitions / seconds;
    }
  }

  /** Latencies of one method on one server, in milliseconds, in run order. */
  record Latencies(List<Double> millis) {
    double percentile(double p) {
      List<Double> sorted = new ArrayList<>(millis);
      Collections.sort(sorted);
      int rank = (int) Math.ceil(p / 100 * sorted.size()) - 1;
      return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank)));
    }
  }

  private StepFunctionsBenchmark() {}

  public static void main(String[] args) {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    StepFunctionsBenchmark benchmark = new StepFunctionsBenchmark();
    Report.printEnvironment(args);
    if (benchmark.kinds.contains(TargetKind.MOTO)) {
      System.out.println(
          "- Moto: "
              + MotoServer.version()
              + " (`"
              + MotoServer.python()
              + " -m moto.server`, a child process, with `POST /moto-api/config"
              + " {\"stepfunctions\": {\"execute_state_machine\": true}}`)");
    }
    System.out.println();
    double load = Report.loadAverage();
    benchmark.run();
    Report.printLoad(load);
  }

  private void run() {
    Map<TargetKind, List<MapSample>> maps = new EnumMap<>(TargetKind.class);
    Map<TargetKind, Latencies> polled = new EnumMap<>(TargetKind.class);
    Latencies sync = null;
    if (kinds.contains(TargetKind.STACK)) {
      try (ServerlessStackServer stack = ServerlessStackServer.builder().withPort(0).start();
          SfnClient sfn = Clients.sfn(stack.endpoint(), 4)) {
        System.err.println("stack: Map over " + items + " items");
        maps.put(TargetKind.STACK, stackMaps(sfn));
        System.err.println("stack: 5-state workflow");
        sync = stackSync(sfn);
        polled.put(TargetKind.STACK, stackPolled(sfn));
      }
    }
    if (kinds.contains(TargetKind.MOTO)) {
      MotoServer moto = MotoServer.start();
      try (SfnClient sfn = Clients.sfn(moto.endpoint(), 4)) {
        System.err.println("Moto: Map over " + motoItems + " items");
        maps.put(TargetKind.MOTO, motoMaps(moto, sfn));
        System.err.println("Moto: 5-state workflow");
        polled.put(TargetKind.MOTO, motoPolled(moto, sfn));
      } finally {
        moto.close();
      }
    }
    printTransitions(maps);
    printLatency(sync, polled);
    printTargets(maps.get(TargetKind.STACK), sync);
    printMotoNotes();
  }

  // ---- the stack

  private List<MapSample> stackMaps(SfnClient sfn) {
    String machine = machine(sfn, "map", MAP_MACHINE, StateMachineType.STANDARD);
    for (int i = 0; i < mapWarmups; i++) {
      MapSample sample = runMap(sfn, machine, items, 2);
      if (i == 0) {
        coldMap = sample;
      }
    }
    List<MapSample> samples = new ArrayList<>();
    for (int round = 0; round < rounds; round++) {
      Load.settle();
      MapSample sample = runMap(sfn, machine, items, 2);
      System.err.printf(
          "  round %d: %.0f transitions/s (%.3f s)%n", round + 1, sample.rate(), sample.seconds());
      samples.add(sample);
    }
    return samples;
  }

  private Latencies stackSync(SfnClient sfn) {
    String machine = machine(sfn, "five-express", FIVE_STATE_MACHINE, StateMachineType.EXPRESS);
    Supplier<Double> once =
        () -> {
          long start = System.nanoTime();
          StartSyncExecutionResponse response =
              sfn.startSyncExecution(r -> r.stateMachineArn(machine).input(FIVE_STATE_INPUT));
          double millis = (System.nanoTime() - start) / 1e6;
          check("SUCCEEDED".equals(response.statusAsString()), "status", response.statusAsString());
          check(FIVE_STATE_OUTPUT.equals(response.output()), "output", response.output());
          return millis;
        };
    List<Double> cold = new ArrayList<>();
    for (int i = 0; i < Math.min(runs, warmupRuns); i++) {
      cold.add(once.get());
    }
    coldSync = new Latencies(cold);
    return measure(once, warmupRuns - cold.size(), runs, null);
  }

  private Latencies stackPolled(SfnClient sfn) {
    String machine = machine(sfn, "five-standard", FIVE_STATE_MACHINE, StateMachineType.STANDARD);
    return measure(() -> polledRun(sfn, machine), warmupRuns, runs, null);
  }

  // ---- Moto

  /**
   * Moto 5.2.1 answers HTTP 500 to every StartExecution after the first (a deep copy of the state
   * machine meets a lock); forgetting everything with {@code /moto-api/reset} makes the next one
   * work, as a fresh process would. So every Moto execution gets a reset Moto and a new machine,
   * untimed.
   */
  private String freshMotoMachine(MotoServer moto, SfnClient sfn, String name, String definition) {
    moto.postToMotoApi("/moto-api/reset", "");
    moto.postToMotoApi(
        "/moto-api/config", "{\"stepfunctions\": {\"execute_state_machine\": true}}");
    return machine(sfn, name, definition, StateMachineType.STANDARD);
  }

  private List<MapSample> motoMaps(MotoServer moto, SfnClient sfn) {
    runMap(sfn, freshMotoMachine(moto, sfn, "map", MAP_MACHINE), motoItems, 10);
    List<MapSample> samples = new ArrayList<>();
    for (int round = 0; round < rounds; round++) {
      String machine = freshMotoMachine(moto, sfn, "map", MAP_MACHINE);
      Load.settle();
      MapSample sample = runMap(sfn, machine, motoItems, 10);
      System.err.printf(
          "  round %d: %.1f transitions/s (%.3f s)%n", round + 1, sample.rate(), sample.seconds());
      samples.add(sample);
    }
    return samples;
  }

  private Latencies motoPolled(MotoServer moto, SfnClient sfn) {
    String[] machine = new String[1];
    Runnable reset = () -> machine[0] = freshMotoMachine(moto, sfn, "five", FIVE_STATE_MACHINE);
    return measure(() -> polledRun(sfn, machine[0]), motoWarmupRuns, motoRuns, reset);
  }

  // ---- measuring

  /**
   * Runs {@code once} {@code warmups} times, then {@code count} times, collecting what it returns;
   * {@code before}, when given, runs untimed before each run.
   */
  private static Latencies measure(Supplier<Double> once, int warmups, int count, Runnable before) {
    for (int i = 0; i < warmups; i++) {
      if (before != null) {
        before.run();
      }
      once.get();
    }
    Load.settle();
    List<Double> millis = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      if (before != null) {
        before.run();
      }
      millis.add(once.get());
    }
    return new Latencies(millis);
  }

  /**
   * StartExecution, then DescribeExecution (at once, then after a pause of {@code pollMillis}
   * between answers) until the execution is over: the time from the start request until the first
   * answer that shows it succeeded.
   */
  private double polledRun(SfnClient sfn, String machine) {
    String name = "run-" + ++names;
    long start = System.nanoTime();
    String execution =
        sfn.startExecution(r -> r.stateMachineArn(machine).name(name).input(FIVE_STATE_INPUT))
            .executionArn();
    DescribeExecutionResponse done = sfn.describeExecution(r -> r.executionArn(execution));
    while (done.status() == ExecutionStatus.RUNNING) {
      Load.pause(Duration.ofMillis(pollMillis));
      done = sfn.describeExecution(r -> r.executionArn(execution));
    }
    double millis = (System.nanoTime() - start) / 1e6;
    check(done.status() == ExecutionStatus.SUCCEEDED, "status", done.toString());
    check(sameJson(FIVE_STATE_OUTPUT, done.output()), "output", done.toString());
    return millis;
  }

  /**
   * One Map execution over {@code count} items, polled every {@code pollMillis}; its output is
   * checked item by item, and its transitions are counted from its history (every state entered, as
   * AWS bills them), untimed.
   */
  private MapSample runMap(SfnClient sfn, String machine, int count, int pollMillis) {
    StringBuilder input = new StringBuilder("{\"items\":[");
    for (int i = 0; i < count; i++) {
      input.append(i == 0 ? "" : ",").append(i);
    }
    String inputText = input.append("]}").toString();
    String name = "map-" + ++names;
    long start = System.nanoTime();
    String execution =
        sfn.startExecution(r -> r.stateMachineArn(machine).name(name).input(inputText))
            .executionArn();
    DescribeExecutionResponse done;
    while (true) {
      done = sfn.describeExecution(r -> r.executionArn(execution));
      if (done.status() != ExecutionStatus.RUNNING) {
        break;
      }
      Load.pause(Duration.ofMillis(pollMillis));
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    check(done.status() == ExecutionStatus.SUCCEEDED, "Map status", done.statusAsString());
    JsonNode output = parse(done.output());
    check(output.isArray() && output.size() == count, "Map output size", done.output());
    for (int i = 0; i < count; i++) {
      check(output.get(i).asInt(-1) == i, "Map output item " + i, output.get(i).toString());
    }
    long transitions = enteredStates(sfn, execution);
    check(transitions == 1 + 3L * count, "transitions", Long.toString(transitions));
    return new MapSample(count, transitions, seconds);
  }

  /** The StateEntered events of an execution's history: its billed state transitions. */
  private static long enteredStates(SfnClient sfn, String execution) {
    long entered = 0;
    String token = null;
    do {
      String page = token;
      GetExecutionHistoryResponse response =
          sfn.getExecutionHistory(
              r ->
                  r.executionArn(execution)
                      .maxResults(1000)
                      .nextToken(page)
                      .includeExecutionData(false));
      for (HistoryEvent event : response.events()) {
        if (event.typeAsString().endsWith("StateEntered")) {
          entered++;
        }
      }
      token = response.nextToken();
    } while (token != null);
    return entered;
  }

  private String machine(SfnClient sfn, String name, String definition, StateMachineType type) {
    return sfn.createStateMachine(
            r -> r.name(name + "-" + ++names).definition(definition).roleArn(ROLE).type(type))
        .stateMachineArn();
  }

  private static JsonNode parse(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean sameJson(String expected, String actual) {
    return actual != null && parse(expected).equals(parse(actual));
  }

  private static void check(boolean holds, String what, String actual) {
    if (!holds) {
      String shown = String.valueOf(actual);
      throw new IllegalStateException(
          "Unexpected " + what + ": " + (shown.length() > 300 ? shown.substring(0, 300) : shown));
    }
  }

  // ---- the report

  private static List<Double> rates(List<MapSample> samples) {
    return samples == null ? List.of() : samples.stream().map(MapSample::rate).toList();
  }

  private void printTransitions(Map<TargetKind, List<MapSample>> maps) {
    System.out.println("## State transitions per second");
    System.out.println();
    System.out.println(
        "A STANDARD execution of an inline Map (no MaxConcurrency) whose iterations are three Pass"
            + " states, started with StartExecution and polled with DescribeExecution (every 2 ms"
            + " on the stack, every 10 ms on Moto) until it succeeded. Transitions are counted as"
            + " AWS bills them, every state entered: the Map and three per item, checked against"
            + " the StateEntered events of the execution's history; the output is checked item by"
            + " item. One execution per round; median (min–max) over "
            + rounds
            + " rounds.");
    System.out.println();
    System.out.println("| server | items | transitions | seconds | transitions/s |");
    System.out.println("|---|---:|---:|---:|---:|");
    maps.forEach(
        (kind, samples) ->
            System.out.println(
                "| "
                    + kind.label
                    + " | "
                    + samples.get(0).items()
                    + " | "
                    + samples.get(0).transitions()
                    + " | "
                    + Stats.spread(samples.stream().map(MapSample::seconds).toList(), 3)
                    + " | "
                    + Stats.spread(rates(samples), kind == TargetKind.MOTO ? 1 : 0)
                    + " |"));
    List<Double> stack = rates(maps.get(TargetKind.STACK));
    List<Double> moto = rates(maps.get(TargetKind.MOTO));
    if (!stack.isEmpty() && !moto.isEmpty()) {
      System.out.println();
      System.out.println(
          "Stack / Moto, transitions per second, per round: "
              + Stats.spread(Stats.ratios(stack, moto), 0)
              + ". Moto runs a smaller Map ("
              + motoItems
              + " items instead of "
              + items
              + "): at its rate the full one would take minutes per round; the rate is per"
              + " transition either way.");
    }
    System.out.println();
  }

  private void printLatency(Latencies sync, Map<TargetKind, Latencies> polled) {
    System.out.println("## Start-to-finish latency of a 5-state workflow");
    System.out.println();
    System.out.println(
        "Pass (Parameters) → Pass (Result, ResultPath) → Choice → Pass (Parameters) → Succeed,"
            + " input and output checked on every run. *StartSyncExecution*: an EXPRESS machine,"
            + " the time of the SDK call, which answers with the outcome. Moto has no"
            + " StartSyncExecution (its server does not route it), so both servers are also"
            + " measured the way a client without it must do: *StartExecution + poll*, a STANDARD"
            + " machine, the time from the StartExecution call until the first DescribeExecution"
            + " that shows SUCCEEDED; the first is sent at once, the next "
            + pollMillis
            + " ms after each answer (back-to-back polls would compete with Moto's execution"
            + " thread for Python's interpreter lock). Milliseconds, after "
            + warmupRuns
            + " warm-up runs on the stack and "
            + motoWarmupRuns
            + " on Moto; every Moto run gets a reset Moto and a new machine first, untimed (see"
            + " below).");
    System.out.println();
    System.out.println("| server | method | runs | median | p99 | min | max |");
    System.out.println("|---|---|---:|---:|---:|---:|---:|");
    if (sync != null) {
      latencyRow(TargetKind.STACK.label, "StartSyncExecution (EXPRESS)", sync);
    }
    polled.forEach(
        (kind, latencies) -> latencyRow(kind.label, "StartExecution + poll (STANDARD)", latencies));
    Latencies stack = polled.get(TargetKind.STACK);
    Latencies moto = polled.get(TargetKind.MOTO);
    if (stack != null && moto != null) {
      System.out.println();
      System.out.println(
          "Moto / stack, median StartExecution + poll: "
              + Stats.fixed(moto.percentile(50) / stack.percentile(50), 0)
              + "×"
              + (sync == null
                  ? "."
                  : "; Moto's StartExecution + poll / the stack's StartSyncExecution: "
                      + Stats.fixed(moto.percentile(50) / sync.percentile(50), 0)
                      + "×."));
    }
    System.out.println();
  }

  private static void latencyRow(String server, String method, Latencies latencies) {
    System.out.println(
        "| "
            + server
            + " | "
            + method
            + " | "
            + latencies.millis().size()
            + " | "
            + Stats.fixed(latencies.percentile(50), 2)
            + " | "
            + Stats.fixed(latencies.percentile(99), 2)
            + " | "
            + Stats.fixed(Stats.min(latencies.millis()), 2)
            + " | "
            + Stats.fixed(Stats.max(latencies.millis()), 2)
            + " |");
  }

  private void printTargets(List<MapSample> maps, Latencies sync) {
    if (maps == null || sync == null) {
      return;
    }
    System.out.println("## Targets (stack)");
    System.out.println();
    double rate = Stats.median(rates(maps));
    double median = sync.percentile(50);
    System.out.println(
        "- transitions/s: "
            + Stats.fixed(rate, 0)
            + " (target ≥ "
            + Stats.fixed(TRANSITIONS_TARGET, 0)
            + ": "
            + (rate >= TRANSITIONS_TARGET ? "met" : "missed")
            + ")");
    System.out.println(
        "- 5-state workflow through StartSyncExecution, median: "
            + Stats.fixed(median, 2)
            + " ms (target ≤ "
            + Stats.fixed(MEDIAN_MILLIS_TARGET, 1)
            + " ms: "
            + (median <= MEDIAN_MILLIS_TARGET ? "met" : "missed")
            + "); p99 "
            + Stats.fixed(sync.percentile(99), 2)
            + " ms");
    System.out.println();
    if (coldMap != null && coldSync != null) {
      System.out.println(
          "Cold, in a JVM that has run nothing before (the first Map execution, and the first "
              + coldSync.millis().size()
              + " StartSyncExecution runs, i.e. what the first tests of a suite see): "
              + Stats.fixed(coldMap.rate(), 0)
              + " transitions/s; StartSyncExecution median "
              + Stats.fixed(coldSync.percentile(50), 2)
              + " ms, p99 "
              + Stats.fixed(coldSync.percentile(99), 2)
              + " ms. The targets are judged warm, after the warm-up stated above.");
      System.out.println();
    }
  }

  private void printMotoNotes() {
    if (!kinds.contains(TargetKind.MOTO)) {
      return;
    }
    System.out.println(
        "Moto runs executions only when `/moto-api/config` asks it to. It names an execution"
            + " started without a name `None`, so a second unnamed one is refused with"
            + " ExecutionAlreadyExists: every execution here is named. And every StartExecution"
            + " after its first execution answers HTTP 500 (`TypeError: cannot pickle"
            + " '_thread.RLock' object` from a deep copy of the state machine), even for a new"
            + " machine; `POST /moto-api/reset` clears that as a fresh process would, so each Moto"
            + " execution follows a reset, the config call and a CreateStateMachine, untimed.");
    System.out.println();
  }
}
