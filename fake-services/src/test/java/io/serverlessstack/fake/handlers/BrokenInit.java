package io.serverlessstack.fake.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

/** A handler whose class cannot be initialized: its static initializer throws. */
public class BrokenInit implements RequestHandler<String, String> {

  private static final String CONFIG = readConfig();

  private static String readConfig() {
    throw new IllegalStateException("no configuration");
  }

  @Override
  public String handleRequest(String input, Context context) {
    return CONFIG + input;
  }
}
