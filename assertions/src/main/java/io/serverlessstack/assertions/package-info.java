/**
 * AssertJ assertions over a stack's inspection API, the same for a stack in this JVM and one in a
 * container: start with {@link io.serverlessstack.assertions.StackAssertions#assertThat}.
 *
 * <p><b>Stability:</b> the public types of this package are API. They depend on {@code
 * serverless-stack-api} and AssertJ only. The wording of failure messages may improve in any
 * release; assert on outcomes, not on message text. The automatic module name of this artifact is
 * {@code io.serverlessstack.assertions}.
 */
package io.serverlessstack.assertions;
