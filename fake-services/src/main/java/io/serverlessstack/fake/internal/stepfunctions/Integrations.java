package io.serverlessstack.fake.internal.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** What Task states call: the stack's services, functions and activities. */
interface Integrations {

  /**
   * One call of a task.
   *
   * @param token the task token when the task waits for one, else {@code null}
   * @param stateName the Task state making the call
   */
  record TaskCall(
      Execution execution,
      TaskResource resource,
      JsonNode parameters,
      String token,
      Long heartbeatSeconds,
      String stateName) {}

  /**
   * Calls the task's resource; the result is the task's result, or a failed stage with a {@link
   * io.serverlessstack.fake.internal.stepfunctions.asl.StatesError}.
   *
   * @param submitted told the service's answer when the task goes on waiting after it (for a task
   *     token, or a {@code .sync} job)
   */
  CompletableFuture<JsonNode> call(TaskCall call, Consumer<JsonNode> submitted);

  /** A fresh task token. */
  String newToken();

  /**
   * Fails a task, before it is scheduled, whose resource does not exist (an activity); throws the
   * task's {@link io.serverlessstack.fake.internal.stepfunctions.asl.StatesError}.
   */
  default void checkResource(Execution execution, TaskResource resource) {}
}
