package io.serverlessstack.fake;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import io.serverlessstack.api.JournalFilter;
import io.serverlessstack.api.LambdaEvents;
import io.serverlessstack.fake.handlers.Environment;
import io.serverlessstack.fake.handlers.Orders;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * Functions hosted by a {@link FunctionHost} for a stack that calls back over HTTP, as a
 * container's stack does: here the stack runs in this JVM too, but reaches the handlers only
 * through the host.
 */
class FunctionHostTest {

  private ServerlessStackServer stack;
  private FunctionHost host;
  private LambdaClient lambda;

  @BeforeEach
  void start() {
    stack = ServerlessStackServer.builder().start();
    host = FunctionHost.listeningOn("127.0.0.1");
    lambda = LambdaClients.sync(stack);
  }

  @AfterEach
  void stop() {
    lambda.close();
    host.close();
    stack.close();
  }

  private InvokeResponse invoke(String name, String payload) {
    return lambda.invoke(
        request -> request.functionName(name).payload(SdkBytes.fromUtf8String(payload)));
  }

  @Test
  void theStackRunsAHostedHandlerWithItsCollaboratorsContextAndLog() {
    List<String> seen = new CopyOnWriteArrayList<>();
    host.deploy(
        JavaFunction.of(
            "recorder",
            String.class,
            (String item, Context context) -> {
              seen.add(item + "@" + context.getFunctionName() + ":" + context.getFunctionVersion());
              context.getLogger().log("recorded " + item);
              return seen.size();
            }),
        stack.endpoint());

    InvokeResponse response = invoke("recorder", "\"apple\"");

    assertThat(response.functionError()).isNull();
    assertThat(response.payload().asUtf8String()).isEqualTo("1");
    assertThat(seen).containsExactly("apple@recorder:$LATEST");
    assertThat(
            stack
                .inspector()
                .journal(
                    0,
                    JournalFilter.all()
                        .withService(LambdaEvents.SERVICE)
                        .withTypes(LambdaEvents.SUCCEEDED)))
        .singleElement()
        .satisfies(
            event -> assertThat(event.detail(LambdaEvents.Details.LOG)).contains("recorded apple"));
  }

  @Test
  void aHostedHandlersErrorIsTheFunctionErrorWithTheRuntimesPayload() {
    host.deploy(JavaFunction.ofClass("reject", Orders.class), stack.endpoint());
    host.deploy(
        JavaFunction.of(
            "failing",
            String.class,
            (String item, Context context) -> {
              throw new IllegalStateException("no stock for " + item);
            }),
        stack.endpoint());

    InvokeResponse failing = invoke("failing", "\"pears\"");
    InvokeResponse notAHandler = invoke("reject", "{}");

    assertThat(failing.functionError()).isEqualTo("Unhandled");
    assertThat(failing.payload().asUtf8String())
        .startsWith(
            "{\"errorMessage\":\"no stock for pears\","
                + "\"errorType\":\"java.lang.IllegalStateException\",\"stackTrace\":[");
    assertThat(notAHandler.functionError()).isEqualTo("Unhandled");
    assertThat(notAHandler.payload().asUtf8String())
        .isEqualTo(
            "{\"errorMessage\":\"Class does not implement an appropriate handler interface:"
                + " io.serverlessstack.fake.handlers.Orders\"}");
  }

  @Test
  void aHostedHandlerSeesItsFunctionsEnvironment() {
    host.deploy(
        JavaFunction.ofClass("env", Environment.class).withEnvironment("TABLE_NAME", "orders"),
        stack.endpoint());

    assertThat(
            invoke("env", "[\"TABLE_NAME\",\"AWS_LAMBDA_FUNCTION_NAME\"]").payload().asUtf8String())
        .isEqualTo("{\"AWS_LAMBDA_FUNCTION_NAME\":\"env\",\"TABLE_NAME\":\"orders\"}");
  }

  @Test
  void hostedFunctionsLastUntilTheStacksNextReset() {
    host.deploy(JavaFunction.ofFunction("length", String.class, String::length), stack.endpoint());
    assertThat(invoke("length", "\"four\"").payload().asUtf8String()).isEqualTo("4");

    stack.reset();

    assertThat(stack.inspector().functions()).isEmpty();
  }
}
