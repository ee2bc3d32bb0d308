package io.serverlessstack.junit.contract;

import static io.serverlessstack.assertions.StackAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.serverlessstack.api.FunctionView;
import io.serverlessstack.api.StackInspector;
import io.serverlessstack.fake.JavaFunction;
import io.serverlessstack.junit.LambdaFunction;
import io.serverlessstack.junit.LambdaFunctionHandle;
import io.serverlessstack.junit.LambdaFunctionName;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * What a user of Lambda may rely on whichever way the stack runs: handlers are code in the test
 * JVM, and a stack in a container calls back into it for each invocation. Written once, run by
 * {@link InJvmLambdaContractTest} and {@link ContainerLambdaContractTest}.
 */
@LambdaFunction(
    name = "contract-greeter",
    handler = LambdaContract.Greeter.class,
    environment = "GREETING=Hello")
abstract class LambdaContract {

  /** A handler class as a user writes one. */
  public static class Greeter implements RequestHandler<Map<String, String>, String> {
    @Override
    public String handleRequest(Map<String, String> input, Context context) {
      if (input.get("name") == null) {
        throw new IllegalArgumentException("Whom should I greet?");
      }
      context.getLogger().log("greeting " + input.get("name"));
      return System.getenv("GREETING") + ", " + input.get("name");
    }
  }

  private final List<String> audited = new CopyOnWriteArrayList<>();

  @LambdaFunction
  final JavaFunction auditor =
      JavaFunction.ofFunction(
          "contract-auditor",
          String.class,
          (String entry) -> {
            audited.add(entry);
            return audited.size();
          });

  private static InvokeResponse invoke(LambdaClient lambda, String name, String payload) {
    return lambda.invoke(
        request -> request.functionName(name).payload(SdkBytes.fromUtf8String(payload)));
  }

  @Test
  void aDeclaredHandlerAnswersWithItsEnvironmentAndIsAssertedThroughItsHandle(
      LambdaClient lambda, @LambdaFunctionName("contract-greeter") LambdaFunctionHandle greeter) {
    InvokeResponse response = invoke(lambda, "contract-greeter", "{\"name\":\"Ada\"}");

    assertThat(response.functionError()).isNull();
    assertThat(response.payload().asUtf8String()).isEqualTo("\"Hello, Ada\"");
    assertThat(greeter)
        .hasBeenInvokedTimes(1)
        .hasReturned("\"Hello, Ada\"")
        .hasLogged("greeting Ada");
  }

  @Test
  void aHandlersExceptionIsTheFunctionError(
      LambdaClient lambda, @LambdaFunctionName("contract-greeter") LambdaFunctionHandle greeter) {
    InvokeResponse response = invoke(lambda, "contract-greeter", "{}");

    assertThat(response.functionError()).isEqualTo("Unhandled");
    assertThat(response.payload().asUtf8String())
        .startsWith(
            "{\"errorMessage\":\"Whom should I greet?\","
                + "\"errorType\":\"java.lang.IllegalArgumentException\"");
    assertThat(greeter).hasThrown(IllegalArgumentException.class);
  }

  @Test
  void aFieldsHandlerRunsWithItsCollaborators(LambdaClient lambda, StackInspector inspector) {
    assertThat(invoke(lambda, "contract-auditor", "\"first\"").payload().asUtf8String())
        .isEqualTo("1");

    assertThat(audited).containsExactly("first");
    assertThat(inspector.functions())
        .extracting(FunctionView::name)
        .containsExactlyInAnyOrder("contract-greeter", "contract-auditor");
  }
}
