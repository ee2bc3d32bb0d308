package io.serverlessstack.fake.internal.stepfunctions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.serverlessstack.fake.Await;
import io.serverlessstack.fake.ServerlessStackServer;
import io.serverlessstack.fake.SqsStack;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.SfnException;

/**
 * How a stack takes its Step Functions mock configuration: the admin API ({@code PUT|GET|DELETE
 * /_stack/states/mocks}, which containers and the standalone server use), the running server's Java
 * API, and the parser's errors for malformed files.
 */
class StepFunctionsMocksAdminTest {

  @RegisterExtension static final SqsStack stack = SqsStack.withVirtualClock();

  static final HttpClient HTTP = HttpClient.newHttpClient();

  static final String MACHINE =
      """
      {"StartAt": "Lookup", "States": {
        "Lookup": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:sqs:listQueues",
          "End": true}}}
      """;

  static String config(String answer) {
    return """
        {"StateMachines": {"lookup": {"TestCases": {"Canned": {"Lookup": "Answer"}}}},
         "MockedResponses": {"Answer": {"0": {"Return": {"answer": "%s"}}}}}
        """
        .formatted(answer);
  }

  @AfterEach
  void noMocksLeftBehind() throws Exception {
    send("DELETE", null);
  }

  static HttpResponse<String> send(String method, String body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(stack.server().endpoint() + "/_stack/states/mocks"));
    request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  static String lookupMachine() {
    return stack
        .sfn()
        .createStateMachine(
            request ->
                request
                    .name("lookup")
                    .definition(MACHINE)
                    .roleArn("arn:aws:iam::000000000000:role/r"))
        .stateMachineArn();
  }

  static DescribeExecutionResponse run(String machineArn) throws InterruptedException {
    String execution =
        stack
            .sfn()
            .startExecution(request -> request.stateMachineArn(machineArn).input("{}"))
            .executionArn();
    Await.until(
        () ->
            stack.sfn().describeExecution(request -> request.executionArn(execution)).status()
                != ExecutionStatus.RUNNING);
    return stack.sfn().describeExecution(request -> request.executionArn(execution));
  }

  @Test
  void theAdminApiTakesAConfigurationAndAnswersItBack() throws Exception {
    assertThat(send("GET", null).statusCode()).isEqualTo(404);

    HttpResponse<String> put = send("PUT", config("from the admin API"));
    HttpResponse<String> got = send("GET", null);

    assertThat(put.statusCode()).isEqualTo(200);
    assertThat(got.statusCode()).isEqualTo(200);
    assertThat(got.body()).isEqualTo(config("from the admin API"));
    assertThat(run(lookupMachine() + "#Canned").output())
        .isEqualTo("{\"answer\":\"from the admin API\"}");
  }

  @Test
  void aMalformedConfigurationIsRefusedWithWhereItIsWrongAndTheOldOneStays() throws Exception {
    send("PUT", config("kept"));

    HttpResponse<String> brokenJson = send("PUT", "{\"StateMachines\": {\n  \"x\": }");
    HttpResponse<String> misplaced =
        send(
            "PUT",
            """
            {"MockedResponses": {"Answer": {"0-x": {"Return": 1}}}}
            """);

    assertThat(brokenJson.statusCode()).isEqualTo(400);
    assertThat(brokenJson.body()).contains("line 2, column 8: not JSON");
    assertThat(misplaced.statusCode()).isEqualTo(400);
    assertThat(misplaced.body()).contains("at /MockedResponses/Answer/0-x: an invocation key");
    assertThat(send("GET", null).body()).isEqualTo(config("kept"));
  }

  @Test
  void theRunningServerTakesAReplacementForExecutionsStartedAfterIt() throws Exception {
    String arn = lookupMachine();
    stack.server().useStepFunctionsMocks(config("first"));
    assertThat(run(arn + "#Canned").output()).isEqualTo("{\"answer\":\"first\"}");

    stack.server().useStepFunctionsMocks(config("second"));

    assertThat(run(arn + "#Canned").output()).isEqualTo("{\"answer\":\"second\"}");
    assertThat(stack.server().stepFunctionsMocks()).contains(config("second"));
    stack.server().clearStepFunctionsMocks();
    assertThatThrownBy(() -> run(arn + "#Canned"))
        .isInstanceOf(SfnException.class)
        .hasMessageContaining("the stack has no Step Functions mock configuration");
    assertThat(run(arn).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
  }

  @Test
  void theBuilderReadsAFileAndNeedsStepFunctions(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("MockConfigFile.json"), config("from a file"));

    try (ServerlessStackServer server =
        ServerlessStackServer.builder().withStepFunctionsMocks(file).start()) {
      assertThat(server.stepFunctionsMocks()).contains(config("from a file"));
    }
    assertThatThrownBy(
            () ->
                ServerlessStackServer.builder()
                    .withServices("sqs")
                    .withStepFunctionsMocks(config("x"))
                    .start())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Step Functions mocks need Step Functions");
  }

  @Test
  void theParserSaysWhereAConfigurationIsWrong() {
    assertThatThrownBy(() -> StepFunctionsMockConfig.parse("[]"))
        .hasMessage(
            "Invalid Step Functions mock configuration: at /: the configuration is a JSON object"
                + " with StateMachines and MockedResponses");
    assertThatThrownBy(() -> StepFunctionsMockConfig.parse("{\"MockedResponse\": {}}"))
        .hasMessageContaining("at /MockedResponse: unknown field");
    assertThatThrownBy(
            () ->
                StepFunctionsMockConfig.parse(
                    "{\"StateMachines\": {\"m\": {\"TestCases\": {\"t\": {\"S\": 1}}}}}"))
        .hasMessageContaining(
            "at /StateMachines/m/TestCases/t/S: a state's mock is the name of a mocked response");
    assertThatThrownBy(
            () ->
                StepFunctionsMockConfig.parse(
                    "{\"MockedResponses\": {\"R\": {\"0\": {\"Return\": 1, \"Throw\": {}}}}}"))
        .hasMessageContaining("at /MockedResponses/R/0: a response has exactly one of Return");
    assertThatThrownBy(
            () ->
                StepFunctionsMockConfig.parse(
                    "{\"MockedResponses\": {\"R\": {\"0\": {\"Throw\": {\"Cause\": \"c\"}}}}}"))
        .hasMessageContaining("at /MockedResponses/R/0/Throw: Throw needs an Error");
    assertThatThrownBy(
            () ->
                StepFunctionsMockConfig.parse(
                    "{\"MockedResponses\": {\"R\": {\"0-2\": {\"Return\": 1},"
                        + " \"2\": {\"Return\": 2}}}}"))
        .hasMessageContaining("at /MockedResponses/R/2: invocations 2 overlap invocations 0-2");
    assertThatThrownBy(
            () ->
                StepFunctionsMockConfig.parse(
                    "{\"MockedResponses\": {\"a/b\": {\"2-1\": {\"Return\": 1}}}}"))
        .hasMessageContaining("at /MockedResponses/a~1b/2-1: an invocation key");
    assertThatThrownBy(() -> StepFunctionsMockConfig.parse("{\"StateMachines\": {}} {}"))
        .hasMessageContaining("not JSON");
  }

  @Test
  void aResponseMayBeAnyJsonValueAndRangesAnswerEachInvocationTheyCover() {
    StepFunctionsMockConfig config =
        StepFunctionsMockConfig.parse(
            """
            {"MockedResponses": {"R": {"0": {"Return": "text"}, "1-3": {"Return": [1]},
                                       "5": {"Throw": {"Error": "E"}}}}}
            """);

    assertThat(config.response("R", 0).returned().asText()).isEqualTo("text");
    assertThat(config.response("R", 3).returned().toString()).isEqualTo("[1]");
    assertThat(config.response("R", 4)).isNull();
    assertThat(config.response("R", 5).error()).isEqualTo("E");
    assertThat(config.response("R", 5).cause()).isNull();
    assertThat(config.response("R", 6)).isNull();
  }
}
