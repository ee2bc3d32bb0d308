package io.serverlessstack.fake.internal.lambda;

import io.serverlessstack.fake.internal.protocol.AwsErrorException;
import io.serverlessstack.fake.internal.server.Arn;
import io.serverlessstack.fake.internal.server.Ids;
import io.serverlessstack.fake.internal.server.Scope;
import java.util.concurrent.CompletableFuture;

/**
 * Synchronous invocations other services of the stack make and read the answer of, such as
 * Firehose's data transformation: the function runs as an Invoke of type {@code RequestResponse}
 * would run it, journaled with the calling resource as its trigger.
 */
public final class ServiceInvocations {

  private ServiceInvocations() {}

  /**
   * How an invocation ended.
   *
   * @param payload the handler's answer, or Lambda's error payload when {@code functionError} is
   *     set
   * @param functionError {@code Unhandled} when the function failed, else {@code null}
   * @param errorType the error's type when it failed, else {@code null}
   */
  public record Answer(String requestId, byte[] payload, String functionError, String errorType) {

    public boolean failed() {
      return functionError != null;
    }
  }

  /**
   * Invokes the function (or version or alias) {@code functionArn} names with {@code payload}.
   *
   * @param trigger the ARN of the resource whose work it is, for the journal
   * @return the answer; a failed stage with Lambda's error ({@code ResourceNotFoundException},
   *     {@code TooManyRequestsException}) when the function cannot be invoked
   */
  public static CompletableFuture<Answer> invoke(
      LambdaEngine engine, String functionArn, byte[] payload, String trigger) {
    try {
      Scope scope =
          Arn.parse(functionArn)
              .map(Arn::scope)
              .orElseThrow(() -> LambdaErrors.functionNotFound(functionArn));
      FunctionRef ref =
          FunctionRef.parse(FunctionRef.Form.NAMESPACED, "functionName", functionArn, null, scope);
      LambdaFunction function = engine.find(ref);
      if (function == null) {
        throw LambdaErrors.functionNotFound(ref.qualifiedArn());
      }
      LambdaFunction.Version version = function.resolve(ref.qualifier(), LambdaEngine.roll());
      if (version == null) {
        throw LambdaErrors.functionNotFound(ref.qualifiedArn());
      }
      return engine
          .run(
              function,
              version,
              functionArn,
              payload,
              LambdaEngine.Kind.REQUEST_RESPONSE,
              trigger,
              1,
              Ids.randomUuid())
          .thenApply(
              result ->
                  new Answer(
                      result.requestId(),
                      result.payload(),
                      result.functionError(),
                      result.errorType()));
    } catch (AwsErrorException refused) {
      return CompletableFuture.failedFuture(refused);
    }
  }
}
