package io.serverlessstack.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.serverlessstack.api.FunctionView;
import io.serverlessstack.fake.handlers.Greeter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;

/** Functions whose code is a handler object the test built, deployed on the stack's builder. */
class JavaFunctionTest {

  /** A handler with a collaborator, as a user's handler has its repository. */
  static final class Recorder implements RequestHandler<Map<String, String>, Integer> {
    final List<String> seen = new CopyOnWriteArrayList<>();

    @Override
    public Integer handleRequest(Map<String, String> input, Context context) {
      seen.add(input.get("item") + "@" + context.getFunctionName());
      return seen.size();
    }
  }

  private static String invoke(LambdaClient lambda, String name, String payload) {
    return lambda
        .invoke(request -> request.functionName(name).payload(SdkBytes.fromUtf8String(payload)))
        .payload()
        .asUtf8String();
  }

  @Test
  void aDeployedHandlerObjectRunsWithItsCollaboratorsAndSurvivesReset() {
    Recorder recorder = new Recorder();
    try (ServerlessStackServer stack =
            ServerlessStackServer.builder()
                .withFunction(
                    JavaFunction.of("recorder", recorder)
                        .withTimeout(Duration.ofSeconds(30))
                        .withMemorySize(512)
                        .withEnvironment("TABLE_NAME", "orders"))
                .start();
        LambdaClient lambda = LambdaClients.sync(stack)) {

      assertThat(invoke(lambda, "recorder", "{\"item\":\"a\"}")).isEqualTo("1");
      stack.reset();
      assertThat(invoke(lambda, "recorder", "{\"item\":\"b\"}")).isEqualTo("2");

      assertThat(recorder.seen).containsExactly("a@recorder", "b@recorder");
      FunctionView view = stack.inspector().function("recorder").orElseThrow();
      assertThat(view.arn()).isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:recorder");
      assertThat(view.handler()).isEqualTo(Recorder.class.getName());
      assertThat(view.timeoutSeconds()).isEqualTo(30);
      assertThat(view.memoryMb()).isEqualTo(512);
      assertThat(view.environment()).containsEntry("TABLE_NAME", "orders");
      assertThat(
              lambda
                  .getFunctionConfiguration(request -> request.functionName("recorder"))
                  .timeout())
          .isEqualTo(30);
    }
  }

  @Test
  void lambdaExpressionsPlainFunctionsAndClassesAreFunctionsToo() {
    try (ServerlessStackServer stack = ServerlessStackServer.builder().start();
        LambdaClient lambda = LambdaClients.sync(stack)) {
      stack.deploy(
          JavaFunction.of(
              "shout", String.class, (String word, Context context) -> word.toUpperCase()));
      stack.deploy(JavaFunction.ofFunction("length", String.class, String::length));
      stack.deploy(JavaFunction.ofClass("greeter", Greeter.class));

      assertThat(invoke(lambda, "shout", "\"hey\"")).isEqualTo("\"HEY\"");
      assertThat(invoke(lambda, "length", "\"four\"")).isEqualTo("4");
      assertThat(invoke(lambda, "greeter", "{\"name\":\"Kim\"}")).isEqualTo("\"Hello, Kim!\"");
      assertThat(stack.inspector().functions())
          .extracting(FunctionView::name)
          .containsExactlyInAnyOrder("shout", "length", "greeter");
      // Deployed on the running stack, as if created over the API: gone after a reset.
      stack.reset();
      assertThat(stack.inspector().functions()).isEmpty();
    }
  }

  @Test
  void aHandlerWhoseInputTypeCannotBeKnownIsRefusedAtDeployment() {
    RequestHandler<Object, Object> untyped = (input, context) -> input;
    try (ServerlessStackServer stack = ServerlessStackServer.builder().start()) {
      assertThatThrownBy(() -> stack.deploy(JavaFunction.of("untyped", untyped)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("does not implement RequestHandler with concrete type parameters")
          .hasMessageContaining("JavaFunction.of(name, type, handler)");
    }
  }

  @Test
  void aStackWithoutLambdaRefusesFunctions() {
    assertThatThrownBy(
            () ->
                ServerlessStackServer.builder()
                    .withServices("sqs")
                    .withFunction(JavaFunction.ofClass("greeter", Greeter.class))
                    .start())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Function greeter needs Lambda, which this stack does not run");
  }
}
