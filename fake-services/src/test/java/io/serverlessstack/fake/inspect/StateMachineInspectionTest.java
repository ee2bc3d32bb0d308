package io.serverlessstack.fake.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.serverlessstack.api.ExecutionView;
import io.serverlessstack.api.JournalEvent;
import io.serverlessstack.api.JournalFilter;
import io.serverlessstack.api.StackInspector;
import io.serverlessstack.api.StateMachineView;
import io.serverlessstack.api.StepFunctionsEvents;
import io.serverlessstack.fake.Await;
import io.serverlessstack.fake.ServerlessStackServer;
import io.serverlessstack.fake.SfnClients;
import io.serverlessstack.fake.SqsStack;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * State machines and executions as inspection sees them: the definition's graph, each execution's
 * history in the flat form, the journal's start and end events, the admin API, and state machines
 * declared on the builder.
 */
class StateMachineInspectionTest {

  @RegisterExtension static final SqsStack stack = SqsStack.withIdleSkippingClock();

  private static final String ROLE = "arn:aws:iam::000000000000:role/states";

  static final String ORDERS =
      """
      {"StartAt": "Check",
       "States": {
         "Check": {"Type": "Choice",
           "Choices": [{"Variable": "$.ok", "BooleanEquals": true, "Next": "Fan"}],
           "Default": "Rejected"},
         "Fan": {"Type": "Parallel", "Next": "Done",
           "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Rejected"}],
           "Branches": [
             {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}},
             {"StartAt": "B", "States": {"B": {"Type": "Pass", "End": true}}}]},
         "Done": {"Type": "Succeed"},
         "Rejected": {"Type": "Fail", "Error": "Rejected", "Cause": "not ok"}}}
      """;

  private static StackInspector inspector() {
    return stack.server().inspector();
  }

  private static String machine(String definition) {
    return stack
        .sfn()
        .createStateMachine(request -> request.name("orders").definition(definition).roleArn(ROLE))
        .stateMachineArn();
  }

  private static String run(String machineArn, String input) throws InterruptedException {
    String arn =
        stack
            .sfn()
            .startExecution(request -> request.stateMachineArn(machineArn).input(input))
            .executionArn();
    Await.until(() -> !inspector().execution(arn).orElseThrow().running());
    return arn;
  }

  @Test
  void aStateMachineShowsItsDefinitionAsAGraphOfStatesAndTransitions() {
    String arn = machine(ORDERS);

    StateMachineView view = inspector().stateMachine("orders").orElseThrow();
    assertThat(inspector().stateMachine(arn)).contains(view);
    assertThat(view.arn()).isEqualTo(arn);
    assertThat(view.type()).isEqualTo("STANDARD");
    assertThat(view.definition()).isEqualTo(ORDERS);
    assertThat(view.startAt()).isEqualTo("Check");
    assertThat(view.states())
        .containsExactly(
            new StateMachineView.State("Check", "Choice", null, 0, true, false),
            new StateMachineView.State("Fan", "Parallel", null, 0, false, false),
            new StateMachineView.State("A", "Pass", "Fan", 0, true, true),
            new StateMachineView.State("B", "Pass", "Fan", 1, true, true),
            new StateMachineView.State("Done", "Succeed", null, 0, false, true),
            new StateMachineView.State("Rejected", "Fail", null, 0, false, true));
    assertThat(view.transitions())
        .containsExactly(
            new StateMachineView.Transition("Check", "Fan", "Choice", "$.ok BooleanEquals true"),
            new StateMachineView.Transition("Check", "Rejected", "Default", "Default"),
            new StateMachineView.Transition("Fan", "Done", "Next", ""),
            new StateMachineView.Transition("Fan", "Rejected", "Catch", "States.ALL"));
    assertThat(view.executionArns()).isEmpty();
    assertThat(inspector().stateMachines()).containsExactly(view);
  }

  @Test
  void anExecutionShowsItsOutcomeAndHistoryWithTheDetailsLiftedOut() throws Exception {
    String machineArn = machine(ORDERS);
    String succeeded = run(machineArn, "{\"ok\": true}");
    String failed = run(machineArn, "{\"ok\": false}");

    ExecutionView view = inspector().execution(succeeded).orElseThrow();
    assertThat(view.status()).isEqualTo("SUCCEEDED");
    assertThat(view.stateMachineArn()).isEqualTo(machineArn);
    assertThat(view.input()).isEqualTo("{\"ok\": true}");
    assertThat(view.output()).isEqualTo("[{\"ok\":true},{\"ok\":true}]");
    assertThat(view.stopped()).isNotNull();
    assertThat(view.events())
        .extracting(ExecutionView.Event::type)
        .containsExactly(
            "ExecutionStarted",
            "ChoiceStateEntered",
            "ChoiceStateExited",
            "ParallelStateEntered",
            "ParallelStateStarted",
            "PassStateEntered",
            "PassStateExited",
            "PassStateEntered",
            "PassStateExited",
            "ParallelStateSucceeded",
            "ParallelStateExited",
            "SucceedStateEntered",
            "SucceedStateExited",
            "ExecutionSucceeded");
    ExecutionView.Event entered = view.events().get(1);
    assertThat(entered.stateName()).isEqualTo("Check");
    assertThat(entered.input()).isEqualTo("{\"ok\":true}");
    assertThat(entered.previousEventId()).isEqualTo(1);
    assertThat(view.events().get(2).output()).isEqualTo("{\"ok\":true}");

    ExecutionView failure = inspector().execution(failed).orElseThrow();
    assertThat(failure.status()).isEqualTo("FAILED");
    assertThat(failure.error()).isEqualTo("Rejected");
    assertThat(failure.cause()).isEqualTo("not ok");
    assertThat(failure.output()).isNull();
    ExecutionView.Event last = failure.events().get(failure.events().size() - 1);
    assertThat(last.type()).isEqualTo("ExecutionFailed");
    assertThat(last.error()).isEqualTo("Rejected");
    assertThat(last.cause()).isEqualTo("not ok");

    assertThat(inspector().stateMachine(machineArn).orElseThrow().executionArns())
        .as("newest first")
        .containsExactly(failed, succeeded);
    assertThat(inspector().execution(machineArn.replace("stateMachine", "execution") + ":none"))
        .isEmpty();
  }

  @Test
  void theJournalRecordsWhereExecutionsBeginAndEnd() throws Exception {
    String machineArn = machine(ORDERS);
    String failed = run(machineArn, "{\"ok\": false}");

    List<JournalEvent> events =
        inspector().journal(0, JournalFilter.all().withService(StepFunctionsEvents.SERVICE));
    assertThat(events)
        .extracting(JournalEvent::type)
        .containsExactly(
            StepFunctionsEvents.STATE_MACHINE_CREATED,
            StepFunctionsEvents.EXECUTION_STARTED,
            StepFunctionsEvents.EXECUTION_ENDED);
    assertThat(events).allSatisfy(event -> assertThat(event.resource()).isEqualTo("orders"));
    assertThat(events.get(0).resourceArn()).isEqualTo(machineArn);
    assertThat(events.get(1).resourceArn()).isEqualTo(failed);
    assertThat(events.get(1).details())
        .containsEntry(StepFunctionsEvents.Details.STATE_MACHINE_ARN, machineArn)
        .containsEntry(StepFunctionsEvents.Details.INPUT, "{\"ok\": false}");
    assertThat(events.get(2).details())
        .isEqualTo(
            Map.of(
                StepFunctionsEvents.Details.STATUS, "FAILED",
                StepFunctionsEvents.Details.ERROR, "Rejected",
                StepFunctionsEvents.Details.CAUSE, "not ok"));
  }

  @Test
  void theAdminApiServesStateMachinesAndExecutions() throws Exception {
    String machineArn = machine(ORDERS);
    String executionArn = run(machineArn, "{\"ok\": true}");
    HttpClient http = HttpClient.newHttpClient();
    ObjectMapper json = new ObjectMapper();

    JsonNode machines = json.readTree(get(http, "/_stack/states/statemachines").body());
    assertThat(machines).hasSize(1);
    assertThat(machines.get(0).path("ref").path("arn").asText()).isEqualTo(machineArn);
    assertThat(machines.get(0).path("transitions")).hasSize(4);
    HttpResponse<String> execution =
        get(
            http,
            "/_stack/states/executions/" + URLEncoder.encode(executionArn, StandardCharsets.UTF_8));
    assertThat(execution.statusCode()).isEqualTo(200);
    JsonNode view = json.readTree(execution.body());
    assertThat(view.path("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(view.path("events")).hasSize(14);
    assertThat(view.path("events").get(1).path("stateName").asText()).isEqualTo("Check");
    assertThat(get(http, "/_stack/states/executions/nope").statusCode()).isEqualTo(404);
  }

  private static HttpResponse<String> get(HttpClient http, String path) throws Exception {
    URI uri = stack.server().endpoint().resolve(path);
    return http.send(
        HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aStateMachineDeclaredOnTheBuilderExistsWhenTheStackStartsAndAfterAReset() {
    try (ServerlessStackServer server =
            ServerlessStackServer.builder()
                .withPort(0)
                .withStateMachine("express-orders", ORDERS, Map.of("Type", "EXPRESS"))
                .start();
        SfnClient sfn = SfnClients.sync(server)) {
      assertThat(sfn.listStateMachines().stateMachines())
          .singleElement()
          .satisfies(
              machine -> {
                assertThat(machine.name()).isEqualTo("express-orders");
                assertThat(machine.typeAsString()).isEqualTo("EXPRESS");
              });
      server.reset();
      assertThat(server.inspector().stateMachine("express-orders")).isPresent();
    }
  }

  @Test
  void aDeclaredStateMachineWithAnInvalidDefinitionStopsTheStackFromStarting() {
    ServerlessStackServer.Builder builder =
        ServerlessStackServer.builder()
            .withPort(0)
            .withStateMachine("broken", "{\"StartAt\": \"Nowhere\", \"States\": {}}", Map.of());
    assertThatThrownBy(builder::start).hasMessageContaining("Invalid State Machine Definition");
  }
}
