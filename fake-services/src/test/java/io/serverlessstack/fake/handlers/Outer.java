package io.serverlessstack.fake.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

/** Holds a handler declared, by mistake, as a non-static inner class. */
public class Outer {

  /** Needs an {@link Outer} to be built, which the runtime does not have. */
  public class Inner implements RequestHandler<String, String> {
    @Override
    public String handleRequest(String input, Context context) {
      return input;
    }
  }
}
