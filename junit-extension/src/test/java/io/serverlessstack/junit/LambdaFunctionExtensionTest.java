package io.serverlessstack.junit;

import static io.serverlessstack.assertions.StackAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.serverlessstack.api.FunctionView;
import io.serverlessstack.api.StackInspector;
import io.serverlessstack.fake.JavaFunction;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;

/** {@code @LambdaFunction} declarations, fields and {@link LambdaFunctionHandle}s, in the JVM. */
@ServerlessStack
@LambdaFunction(
    name = "greeter",
    handler = LambdaFunctionExtensionTest.Greeter.class,
    timeout = 10,
    environment = "GREETING=Hello")
class LambdaFunctionExtensionTest {

  /** A handler class as a user writes one. */
  public static class Greeter implements RequestHandler<Map<String, String>, String> {
    @Override
    public String handleRequest(Map<String, String> input, Context context) {
      return System.getenv("GREETING") + ", " + input.get("name");
    }
  }

  /** What the field's handler saw: its collaborator. */
  private final List<String> audited = new CopyOnWriteArrayList<>();

  @LambdaFunction
  final JavaFunction auditor =
      JavaFunction.ofFunction(
          "auditor",
          String.class,
          (String entry) -> {
            audited.add(entry);
            return audited.size();
          });

  private static String invoke(LambdaClient lambda, String name, String payload) {
    return lambda
        .invoke(request -> request.functionName(name).payload(SdkBytes.fromUtf8String(payload)))
        .payload()
        .asUtf8String();
  }

  @Test
  void aDeclaredHandlerClassRunsWithItsEnvironment(
      LambdaClient lambda, @LambdaFunctionName("greeter") LambdaFunctionHandle greeter) {
    assertThat(invoke(lambda, "greeter", "{\"name\":\"Ada\"}")).isEqualTo("\"Hello, Ada\"");

    assertThat(greeter.arn()).isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:greeter");
    assertThat(greeter).hasBeenInvokedTimes(1).hasReturned("\"Hello, Ada\"");
  }

  @Test
  void aFieldDeploysAHandlerWithItsCollaborators(LambdaClient lambda, StackInspector inspector) {
    assertThat(invoke(lambda, "auditor", "\"first\"")).isEqualTo("1");

    assertThat(audited).containsExactly("first");
    assertThat(inspector.functions())
        .extracting(FunctionView::name)
        .containsExactlyInAnyOrder("greeter", "auditor");
  }

  @Test
  @LambdaFunction(name = "greeter", handler = LambdaFunctionExtensionTest.Shouter.class)
  void aMethodsDeclarationReplacesTheClassesForThatTest(LambdaClient lambda) {
    assertThat(invoke(lambda, "greeter", "{\"name\":\"Bo\"}")).isEqualTo("\"BO\"");
  }

  /** Another handler, for the method's declaration. */
  public static class Shouter implements RequestHandler<Map<String, String>, String> {
    @Override
    public String handleRequest(Map<String, String> input, Context context) {
      return input.get("name").toUpperCase();
    }
  }
}
