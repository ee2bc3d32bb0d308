package io.serverlessstack.fake.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

/** A handler the runtime cannot build: its only constructor takes an argument. */
public class NeedsArgument implements RequestHandler<String, String> {

  private final String prefix;

  public NeedsArgument(String prefix) {
    this.prefix = prefix;
  }

  @Override
  public String handleRequest(String input, Context context) {
    return prefix + input;
  }
}
