package io.serverlessstack.fake.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/** A POJO handler: a map in, a string out, and a line in its log. */
public class Greeter implements RequestHandler<Map<String, String>, String> {

  @Override
  public String handleRequest(Map<String, String> input, Context context) {
    context.getLogger().log("greeting " + input.get("name"));
    return "Hello, " + input.get("name") + "!";
  }
}
