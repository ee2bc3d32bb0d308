package io.serverlessstack.fake.internal.stepfunctions;

import io.serverlessstack.fake.internal.stepfunctions.asl.StatesError;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The stack's Step Functions mock configuration, replaceable while it runs, and how an execution
 * picks a test case of it: Step Functions Local's {@code #TestCaseName} suffix on the state machine
 * ARN given to StartExecution or StartSyncExecution. A reset leaves the configuration in place: it
 * is how the stack is set up, not something a test created.
 */
final class StepFunctionsMocks {

  private volatile StepFunctionsMockConfig config;

  void use(StepFunctionsMockConfig config) {
    this.config = config;
  }

  /** The configuration, or {@code null} when there is none. */
  StepFunctionsMockConfig config() {
    return config;
  }

  /** A state machine ARN without its test case suffix, and that suffix ({@code null} if none). */
  record Selection(String stateMachineArn, String testCase) {
    static Selection of(String arn) {
      int hash = arn == null ? -1 : arn.indexOf('#');
      if (hash < 0) {
        return new Selection(arn, null);
      }
      String testCase = arn.substring(hash + 1);
      // A bare '#' selects no test case, as in Step Functions Local.
      return new Selection(arn.substring(0, hash), testCase.isEmpty() ? null : testCase);
    }
  }

  /**
   * The mocks of one execution of {@code machine} in {@code testCase}, or {@code null} when it
   * names none.
   *
   * @throws io.serverlessstack.fake.internal.protocol.AwsErrorException a {@code
   *     ValidationException} when the configuration defines no such test case for the machine
   */
  Run start(StateMachine machine, String testCase) {
    if (testCase == null) {
      return null;
    }
    StepFunctionsMockConfig current = config;
    if (current == null) {
      throw StepFunctionsErrors.validation(
          "Test case '"
              + testCase
              + "' of state machine '"
              + machine.name
              + "' cannot run: the stack has no Step Functions mock configuration");
    }
    Map<String, String> states = current.testCase(machine.name, testCase);
    if (states == null) {
      throw StepFunctionsErrors.validation(
          "Test case '"
              + testCase
              + "' is not defined for state machine '"
              + machine.name
              + "' in the Step Functions mock configuration");
    }
    return new Run(current, machine.name, testCase, states, false);
  }

  /**
   * An execution's test case: which states it mocks, and how often each has been invoked so far.
   * One count per state for the whole execution, so that retries and Map iterations each take the
   * next invocation's response, as in Step Functions Local.
   */
  static final class Run {
    private final StepFunctionsMockConfig config;
    private final String machine;
    private final String testCase;
    private final Map<String, String> states;
    private final Map<String, AtomicInteger> invocations = new ConcurrentHashMap<>();
    private final boolean mocksActivities;

    private Run(
        StepFunctionsMockConfig config,
        String machine,
        String testCase,
        Map<String, String> states,
        boolean mocksActivities) {
      this.config = config;
      this.machine = machine;
      this.testCase = testCase;
      this.states = states;
      this.mocksActivities = mocksActivities;
    }

    /**
     * This test case, answering activity states too: TestState mocks them, where Step Functions
     * Local refuses to.
     */
    Run mockingActivities() {
      return new Run(config, machine, testCase, states, true);
    }

    boolean mocksActivities() {
      return mocksActivities;
    }

    boolean mocks(String state) {
      return states.containsKey(state);
    }

    /**
     * The response to the next invocation of {@code state}, which this test case mocks.
     *
     * @throws StatesError a {@code States.Runtime} when the mocked response is not defined or
     *     defines no response for this invocation: Step Functions Local fails the execution so
     */
    StepFunctionsMockConfig.Response next(String state) {
      String name = states.get(state);
      int index =
          invocations.computeIfAbsent(state, ignored -> new AtomicInteger()).getAndIncrement();
      if (!config.hasResponse(name)) {
        throw StatesError.of(
            StatesError.RUNTIME,
            "The mocked response '"
                + name
                + "' that test case '"
                + testCase
                + "' of state machine '"
                + machine
                + "' names for state '"
                + state
                + "' is not defined in the mock configuration");
      }
      StepFunctionsMockConfig.Response response = config.response(name, index);
      if (response == null) {
        throw StatesError.of(
            StatesError.RUNTIME,
            "The mocked response '"
                + name
                + "' defines no response for invocation "
                + index
                + " of state '"
                + state
                + "' (test case '"
                + testCase
                + "' of state machine '"
                + machine
                + "')");
      }
      return response;
    }
  }
}
