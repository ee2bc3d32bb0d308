package io.serverlessstack.fake.internal.stepfunctions;

import io.serverlessstack.fake.Await;
import io.serverlessstack.fake.SqsStack;
import java.util.List;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.StateMachineType;

/** A test's state machines and executions on its stack, through the real {@code SfnClient}. */
final class Workflows {

  static final String ROLE = "arn:aws:iam::000000000000:role/states-role";

  private final SqsStack stack;

  Workflows(SqsStack stack) {
    this.stack = stack;
  }

  String machine(String name, String definition) {
    return machine(name, definition, StateMachineType.STANDARD);
  }

  String machine(String name, String definition, StateMachineType type) {
    return stack
        .sfn()
        .createStateMachine(
            request -> request.name(name).definition(definition).roleArn(ROLE).type(type))
        .stateMachineArn();
  }

  String start(String machineArn, String input) {
    return stack
        .sfn()
        .startExecution(request -> request.stateMachineArn(machineArn).input(input))
        .executionArn();
  }

  DescribeExecutionResponse describe(String executionArn) {
    return stack.sfn().describeExecution(request -> request.executionArn(executionArn));
  }

  /** The execution once it has ended, waiting up to Await's limit. */
  DescribeExecutionResponse finished(String executionArn) throws InterruptedException {
    Await.until(() -> describe(executionArn).status() != ExecutionStatus.RUNNING);
    return describe(executionArn);
  }

  List<HistoryEvent> history(String executionArn) {
    return stack.sfn().getExecutionHistory(request -> request.executionArn(executionArn)).events();
  }

  List<HistoryEventType> types(String executionArn) {
    return history(executionArn).stream().map(HistoryEvent::type).toList();
  }

  /** The first event of this type. */
  HistoryEvent event(String executionArn, HistoryEventType type) {
    return history(executionArn).stream().filter(e -> e.type() == type).findFirst().orElseThrow();
  }
}
