package io.serverlessstack.assertions;

import static io.serverlessstack.assertions.StackAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.Context;
import io.serverlessstack.api.ClockMode;
import io.serverlessstack.api.InspectableExecution;
import io.serverlessstack.api.InspectableStateMachine;
import io.serverlessstack.api.StackDefaults;
import io.serverlessstack.fake.JavaFunction;
import io.serverlessstack.fake.ServerlessStackServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * Execution assertions against a real stack on the idle-skipping clock, driven by a real SfnClient:
 * an order workflow whose {@code charge} function fails twice with a busy error before it answers,
 * or always declines.
 */
class ExecutionAssertTest {

  static final String ORDERS =
      """
      {"StartAt": "Validate",
       "States": {
         "Validate": {"Type": "Pass", "Result": true, "ResultPath": "$.inStock",
           "Next": "CheckStock"},
         "CheckStock": {"Type": "Choice",
           "Choices": [{"Variable": "$.mode", "StringEquals": "none", "Next": "OutOfStock"}],
           "Default": "Charge"},
         "Charge": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
           "Parameters": {"FunctionName": "charge", "Payload.$": "$"},
           "ResultSelector": {"charged.$": "$.Payload"}, "ResultPath": "$.payment",
           "Retry": [{"ErrorEquals": ["java.lang.IllegalStateException"],
             "IntervalSeconds": 30, "MaxAttempts": 2}],
           "Catch": [{"ErrorEquals": ["java.lang.IllegalArgumentException"],
             "ResultPath": "$.error", "Next": "Declined"}],
           "Next": "Pack"},
         "Pack": {"Type": "Map", "ItemsPath": "$.items", "ResultPath": "$.packed",
           "ItemProcessor": {"StartAt": "Box", "States": {
             "Box": {"Type": "Choice",
               "Choices": [{"Variable": "$", "StringEquals": "glass", "Next": "Fragile"}],
               "Default": "Boxed"},
             "Fragile": {"Type": "Fail", "Error": "Fragile", "Cause": "cannot ship glass"},
             "Boxed": {"Type": "Pass", "End": true}}},
           "Next": "Done"},
         "Done": {"Type": "Succeed"},
         "OutOfStock": {"Type": "Fail", "Error": "OutOfStock", "Cause": "none left"},
         "Declined": {"Type": "Fail", "Error": "Payment.Declined", "Cause": "card declined"}}}
      """;

  /** What {@code charge} is given: the order as the workflow has it at the Charge state. */
  public static final class Order {
    public String mode;
    public List<String> items;
    public Boolean inStock;
  }

  private static ServerlessStackServer server;
  private static SfnClient sfn;
  private static String machineArn;
  private static int busyLeft;

  @BeforeAll
  static void startStack() {
    server =
        ServerlessStackServer.builder()
            .withPort(0)
            .withClock(ClockMode.SKIP_IDLE)
            .withStateMachine("orders", ORDERS, Map.of())
            .start();
    sfn =
        SfnClient.builder()
            .endpointOverride(server.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(
                        StackDefaults.ACCESS_KEY_ID, StackDefaults.SECRET_ACCESS_KEY)))
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .build();
  }

  @BeforeEach
  void resetAndDeploy() {
    server.reset();
    machineArn = server.inspector().stateMachine("orders").orElseThrow().arn();
    busyLeft = 2;
    server.deploy(
        JavaFunction.of(
            "charge",
            Order.class,
            (Order order, Context context) -> {
              if ("decline".equals(order.mode)) {
                throw new IllegalArgumentException("card declined");
              }
              if ("busy".equals(order.mode) && busyLeft-- > 0) {
                throw new IllegalStateException("payment service busy");
              }
              return "ok";
            }));
  }

  @AfterAll
  static void stopStack() {
    sfn.close();
    server.close();
  }

  private static InspectableExecution start(String input) {
    String arn =
        sfn.startExecution(request -> request.stateMachineArn(machineArn).input(input))
            .executionArn();
    return InspectableExecution.of(server.inspector(), arn);
  }

  @Test
  void aSuccessfulExecutionIsAssertedByOutcomePathChoiceAndData() {
    InspectableExecution execution = start("{\"mode\": \"pay\", \"items\": [\"book\", \"pen\"]}");

    assertThat(execution)
        .eventually()
        .succeeded()
        .followedPath("Validate", "CheckStock", "Charge", "Pack", "Done")
        .passedThrough("Validate", "Box", "Boxed", "Box", "Boxed", "Done")
        .tookChoice("CheckStock", "Charge")
        .neverEntered("Declined")
        .retried("Charge", 0)
        .stateReceivedInput("Validate", "{\"mode\": \"pay\", \"items\": [\"book\", \"pen\"]}")
        .stateProducedOutput("Charge", output -> output.contains("\"charged\":\"ok\""), "charged")
        .succeededWithOutput(
            """
            {"mode": "pay", "items": ["book", "pen"], "inStock": true,
             "payment": {"charged": "ok"}, "packed": ["book", "pen"]}
            """);
  }

  @Test
  void retriesAreCountedAndACaughtErrorIsSeen() {
    InspectableExecution busy = start("{\"mode\": \"busy\", \"items\": []}");
    assertThat(busy).eventually().succeeded().retried("Charge", 2);

    InspectableExecution declined = start("{\"mode\": \"decline\", \"items\": []}");
    assertThat(declined)
        .eventually()
        .failedWith("Payment.Declined", "card declined")
        .caught("Charge", "java.lang.IllegalArgumentException")
        .retried("Charge", 0)
        .followedPath("Validate", "CheckStock", "Charge", "Declined");
  }

  @Test
  void aFailedMapIterationIsNamedByItsIndex() {
    InspectableExecution execution =
        start("{\"mode\": \"pay\", \"items\": [\"book\", \"glass\", \"pen\"]}");

    assertThat(execution).eventually().failedWith("Fragile").mapIterationFailed("Pack", 1);
    assertThatThrownBy(() -> assertThat(execution).mapIterationFailed("Pack", 0))
        .hasMessageContaining("to show iteration 0 of Pack failed")
        .hasMessageContaining("but iterations [1] of Pack failed.");
  }

  @Test
  void aFailureShowsTheTimelineAndTheDiagramWithThePathTaken() {
    InspectableExecution execution = start("{\"mode\": \"none\"}");

    assertThatThrownBy(() -> assertThat(execution).eventually().succeeded())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expecting execution ")
        .hasMessageContaining("to have succeeded")
        .hasMessageContaining(
            "but it ended FAILED with error \"OutOfStock\" and cause \"none left\".")
        .hasMessageContaining("Execution now: FAILED with error \"OutOfStock\"")
        .hasMessageContaining("Path of execution")
        .hasMessageContaining("-> Validate (Pass)  input={\"mode\":\"none\"}")
        .hasMessageContaining("<- CheckStock")
        .hasMessageContaining("-> OutOfStock (Fail)")
        .hasMessageContaining("ExecutionFailed  error=\"OutOfStock\"  cause=\"none left\"")
        .hasMessageContaining("flowchart TD")
        .hasMessageContaining("class s0,s1 taken")
        .hasMessageContaining(" failed")
        // it did not wait 5 seconds for an execution that had ended
        .satisfies(
            error ->
                org.assertj.core.api.Assertions.assertThat(error.getMessage())
                    .doesNotContain("still not so after waiting"));
  }

  @Test
  void pathAssertionsSayWhatHappenedInstead() {
    InspectableExecution execution = start("{\"mode\": \"pay\", \"items\": []}");
    assertThat(execution).eventually().succeeded();

    assertThatThrownBy(() -> assertThat(execution).followedPath("Validate", "Charge"))
        .hasMessageContaining("to have followed the path [Validate, Charge]")
        .hasMessageContaining("but it followed [Validate, CheckStock, Charge, Pack, Done].");
    assertThatThrownBy(() -> assertThat(execution).tookChoice("CheckStock", "OutOfStock"))
        .hasMessageContaining("to have gone from CheckStock to OutOfStock")
        .hasMessageContaining("but from CheckStock it went to Charge.");
    assertThatThrownBy(() -> assertThat(execution).retried("Charge", 1))
        .hasMessageContaining("but it never retried it.");
    assertThatThrownBy(() -> assertThat(execution).caught("Charge", "States.ALL"))
        .hasMessageContaining("but Charge never failed.");
    assertThatThrownBy(() -> assertThat(execution).stateReceivedInput("Declined", "{}"))
        .hasMessageContaining("but Declined was never entered.");
    assertThatThrownBy(() -> assertThat(execution).failed())
        .hasMessageContaining("but it ended SUCCEEDED.");
  }

  @Test
  void aRunningExecutionIsSaidToBeRunning() {
    server.deploy(
        JavaFunction.of(
            "charge",
            Order.class,
            (Order order, Context context) -> {
              sleep(Duration.ofSeconds(2));
              return "late";
            }));
    InspectableExecution execution = start("{\"mode\": \"pay\", \"items\": []}");

    assertThat(execution).isRunning();
    assertThatThrownBy(() -> assertThat(execution).succeeded())
        .hasMessageContaining("but it is still running (eventually() waits for it).");
    assertThat(execution).within(Duration.ofSeconds(10)).succeeded();
  }

  @Test
  void theStateMachineLeadsToItsLatestExecution() {
    InspectableStateMachine orders = InspectableStateMachine.of(server.inspector(), "orders");
    assertThat(orders).exists().hasExecutions(0);
    assertThatThrownBy(() -> assertThat(orders).latestExecution())
        .hasMessageContaining("Expecting state machine orders to have been started")
        .hasMessageContaining("but it has no executions.");

    start("{\"mode\": \"none\"}");
    start("{\"mode\": \"pay\", \"items\": []}");

    assertThat(orders).hasExecutions(2).eventually().latestExecution().succeeded();
    assertThat(server.inspector()).stateMachine("orders").hasExecutions(2);
    assertThatThrownBy(() -> assertThat(server.inspector()).stateMachine("missing").exists())
        .hasMessageContaining("Expecting state machine missing to exist");
  }

  @Test
  void anUnknownExecutionIsSaidNotToExist() {
    String arn = machineArn.replace(":stateMachine:", ":execution:") + ":never-started";
    assertThatThrownBy(() -> assertThat(server.inspector()).execution(arn).succeeded())
        .hasMessageContaining("Expecting execution never-started to exist")
        .hasMessageContaining("The stack has no such execution.");
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
