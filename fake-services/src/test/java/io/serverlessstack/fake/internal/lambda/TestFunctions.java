package io.serverlessstack.fake.internal.lambda;

import io.serverlessstack.fake.SqsStack;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.Runtime;

/** Functions of the {@code handlers} test package, created through a stack's Lambda client. */
final class TestFunctions {

  static final String ROLE = "arn:aws:iam::000000000000:role/lambda-role";

  private TestFunctions() {}

  static void create(SqsStack stack, String name, String handler) {
    create(stack, name, handler, 3);
  }

  static void create(SqsStack stack, String name, String handler, int timeoutSeconds) {
    stack
        .lambda()
        .createFunction(
            request ->
                request
                    .functionName(name)
                    .runtime(Runtime.JAVA21)
                    .role(ROLE)
                    .handler(handler)
                    .timeout(timeoutSeconds)
                    .code(code -> code.zipFile(SdkBytes.fromUtf8String("not really a zip"))));
  }
}
