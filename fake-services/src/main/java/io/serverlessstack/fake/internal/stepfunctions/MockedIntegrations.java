package io.serverlessstack.fake.internal.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import io.serverlessstack.fake.internal.stepfunctions.asl.StatesError;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Answers the Task states an execution's mock test case names from the mock configuration, and
 * passes every other call on to the real integrations: a {@code Return} is the task's result as
 * given (for {@code lambda:invoke} the whole Invoke answer, {@code StatusCode} and {@code Payload}
 * as written), a {@code Throw} fails the task with that error and cause, so that Retry and Catch
 * see it as they would a service's. A mocked {@code .waitForTaskToken} or {@code .sync} task
 * answers at once: no callback or job is waited for, as in Step Functions Local.
 */
final class MockedIntegrations implements Integrations {

  /** Step Functions Local's cause when a test case mocks an activity. */
  static final String ACTIVITY_CANNOT_BE_MOCKED =
      "Activity state cannot be mocked. Please remove mocks mapped for all activity state in the"
          + " mock config file.";

  private final Integrations real;

  MockedIntegrations(Integrations real) {
    this.real = real;
  }

  @Override
  public CompletableFuture<JsonNode> call(TaskCall call, Consumer<JsonNode> submitted) {
    StepFunctionsMocks.Run mocks = call.execution().mocks;
    if (mocks == null || !mocks.mocks(call.stateName())) {
      return real.call(call, submitted);
    }
    if (call.resource().kind() == TaskResource.Kind.ACTIVITY && !mocks.mocksActivities()) {
      return CompletableFuture.failedFuture(
          StatesError.of(StatesError.RUNTIME, ACTIVITY_CANNOT_BE_MOCKED));
    }
    StepFunctionsMockConfig.Response response;
    try {
      response = mocks.next(call.stateName());
    } catch (StatesError undefined) {
      return CompletableFuture.failedFuture(undefined);
    }
    if (response.throwsError()) {
      return CompletableFuture.failedFuture(StatesError.of(response.error(), response.cause()));
    }
    // A copy: later states may change what they are given, and the next execution gets it too.
    return CompletableFuture.completedFuture(response.returned().deepCopy());
  }

  @Override
  public String newToken() {
    return real.newToken();
  }

  /** A TestState mock of an activity stands for the activity, which need not exist. */
  @Override
  public void checkResource(Execution execution, TaskResource resource) {
    StepFunctionsMocks.Run mocks = execution.mocks;
    if (mocks == null || !mocks.mocksActivities()) {
      real.checkResource(execution, resource);
    }
  }
}
