package io.serverlessstack.fake.internal.lambda;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.function.Function;

/**
 * The code of functions registered with handler objects rather than {@code Handler} strings, by the
 * same rules as the Lambda runtime's ({@link HandlerLoader}); a handler that could never run is
 * refused at registration, where the mistake is.
 */
public final class RegisteredCode {

  private RegisteredCode() {}

  /**
   * A {@code RequestHandler} whose class gives its types, or a {@code RequestStreamHandler}.
   *
   * @throws IllegalArgumentException as the runtime would refuse it
   */
  public static HandlerCode ofInstance(Object handler) {
    try {
      return HandlerLoader.ofInstance(handler);
    } catch (HandlerLoadException e) {
      throw new IllegalArgumentException(
          e.getMessage()
              + " (for a lambda expression, give its input type: JavaFunction.of(name, type,"
              + " handler))",
          e);
    }
  }

  /** A request handler with its input type given. */
  public static HandlerCode ofTypedHandler(RequestHandler<?, ?> handler, Class<?> inputType) {
    return HandlerLoader.of(handler, inputType);
  }

  /** A plain function of its input. */
  public static HandlerCode ofFunction(Function<?, ?> function, Class<?> inputType) {
    return HandlerLoader.ofFunction(function, inputType);
  }

  /**
   * A handler class, built on the first invocation as Lambda's cold start builds it; what fails
   * then fails that invocation and the next, as on AWS.
   */
  public static HandlerCode ofClass(Class<?> handlerClass) {
    CodeSource source = CodeSource.handler(handlerClass.getName(), handlerClass.getClassLoader());
    // A load failure is thrown as the HandlerLoadException it is: the invocation reports it as
    // the runtime reports a handler that cannot be loaded.
    return (event, context) -> source.code().invoke(event, context);
  }
}
