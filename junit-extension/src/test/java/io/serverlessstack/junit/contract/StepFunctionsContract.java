package io.serverlessstack.junit.contract;

import static io.serverlessstack.assertions.StackAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.serverlessstack.api.ExecutionView;
import io.serverlessstack.api.StackInspector;
import io.serverlessstack.api.StateMachineView;
import io.serverlessstack.junit.StateMachine;
import io.serverlessstack.junit.StateMachineHandle;
import io.serverlessstack.junit.StateMachineName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.StartSyncExecutionResponse;
import software.amazon.awssdk.services.sfn.model.SyncExecutionStatus;

/**
 * What a user of Step Functions may rely on whichever way the stack runs: written once, run by
 * {@link InJvmStepFunctionsContractTest} and {@link ContainerStepFunctionsContractTest} on the
 * idle-skipping clock, so a state machine declared from a definition file, its executions'
 * inspection and the execution assertions read the same through the in-JVM inspector and the remote
 * one.
 */
@StateMachine(
    name = "contract-orders",
    definition = "classpath:sfn/orders.asl.json",
    substitutions = "Carrier=parcel-post")
@StateMachine(name = "contract-quote", definition = "classpath:sfn/quote.asl.json", express = true)
abstract class StepFunctionsContract {

  private static String start(SfnClient sfn, StateMachineHandle orders, String input) {
    return sfn.startExecution(request -> request.stateMachineArn(orders.arn()).input(input))
        .executionArn();
  }

  @Test
  void aDeclaredWorkflowWaitsADayAtOnceAndIsAssertedByItsPath(
      SfnClient sfn, @StateMachineName("contract-orders") StateMachineHandle orders) {
    start(sfn, orders, "{\"inStock\": true, \"order\": \"o-1\"}");

    assertThat(orders)
        .eventually()
        .latestExecution()
        .succeeded()
        .followedPath("CheckStock", "WaitForPickup", "Ship")
        .tookChoice("CheckStock", "WaitForPickup")
        .succeededWithOutput("{\"carrier\": \"parcel-post\", \"order\": \"o-1\"}");
  }

  @Test
  void inspectionShowsTheGraphAndTheHistoryGetExecutionHistoryGives(
      SfnClient sfn,
      @StateMachineName("contract-orders") StateMachineHandle orders,
      StackInspector inspector) {
    String arn = start(sfn, orders, "{\"inStock\": false}");
    assertThat(orders.execution(arn)).eventually().failedWith("OutOfStock", "nothing left to ship");

    StateMachineView machine = inspector.stateMachine("contract-orders").orElseThrow();
    assertThat(machine.arn()).isEqualTo(orders.arn());
    assertThat(machine.states())
        .extracting(StateMachineView.State::name)
        .containsExactly("CheckStock", "WaitForPickup", "Ship", "OutOfStock");
    assertThat(machine.executionArns()).containsExactly(arn);
    ExecutionView execution = inspector.execution(arn).orElseThrow();
    assertThat(execution.events())
        .extracting(ExecutionView.Event::type)
        .containsExactlyElementsOf(
            sfn.getExecutionHistory(request -> request.executionArn(arn)).events().stream()
                .map(HistoryEvent::typeAsString)
                .toList());
  }

  @Test
  void aFailedAssertionDrawsTheWorkflowWithThePathTaken(
      SfnClient sfn, @StateMachineName("contract-orders") StateMachineHandle orders) {
    String arn = start(sfn, orders, "{\"inStock\": false}");

    assertThatThrownBy(() -> assertThat(orders.execution(arn)).eventually().succeeded())
        .hasMessageContaining("but it ended FAILED with error \"OutOfStock\"")
        .hasMessageContaining("-> OutOfStock (Fail)")
        .hasMessageContaining("flowchart TD")
        .hasMessageContaining("s1[\"WaitForPickup<br/><small>Wait</small>\"]")
        .hasMessageContaining("class s0 taken")
        .hasMessageContaining("class s3 failed");
  }

  @Test
  void anApplicationsOwnClientRunsAnExpressWorkflowSynchronouslyWithoutTheSyncHost(
      @StateMachineName("contract-quote") StateMachineHandle quote) {
    // Built from aws.endpointUrl, aws.region and the credentials' system properties alone, as
    // application code does: the SDK would send StartSyncExecution to sync-<stack host>.
    try (SfnClient own = SfnClient.builder().httpClient(UrlConnectionHttpClient.create()).build()) {
      StartSyncExecutionResponse run =
          own.startSyncExecution(
              request -> request.stateMachineArn(quote.arn()).input("{\"base\": 7}"));

      assertThat(run.status()).isEqualTo(SyncExecutionStatus.SUCCEEDED);
      assertThat(run.output()).isEqualTo("{\"price\":12}");
    }
  }
}
