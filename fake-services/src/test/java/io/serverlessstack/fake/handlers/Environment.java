package io.serverlessstack.fake.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/** Answers the environment variables it is asked for, as {@code System.getenv} shows them. */
public class Environment implements RequestHandler<java.util.List<String>, Map<String, String>> {

  @Override
  public Map<String, String> handleRequest(java.util.List<String> names, Context context) {
    Map<String, String> values = new java.util.TreeMap<>();
    for (String name : names) {
      values.put(name, String.valueOf(System.getenv(name)));
    }
    return values;
  }
}
