package io.serverlessstack.fake.internal.apigateway.vtl;

import org.apache.velocity.app.event.MethodExceptionEventHandler;
import org.apache.velocity.context.Context;
import org.apache.velocity.exception.MethodInvocationException;
import org.apache.velocity.util.introspection.Info;

/**
 * A method that throws fails the template (AWS answers the call with 500). Velocity swallows such
 * exceptions once a context has event handlers of its own, unless one of them rethrows.
 */
final class MethodFailures implements MethodExceptionEventHandler {

  static final MethodFailures INSTANCE = new MethodFailures();

  private MethodFailures() {}

  @Override
  public Object methodException(
      Context context, Class<?> type, String method, Exception failure, Info info) {
    throw new MethodInvocationException(
        "$" + method + " failed: " + failure.getMessage(),
        failure,
        method,
        info.getTemplateName(),
        info.getLine(),
        info.getColumn());
  }
}
