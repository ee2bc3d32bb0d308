package io.serverlessstack.fake.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/** Sleeps as long as it is told, then answers how long it had left. */
public class Sleeper implements RequestHandler<Map<String, Integer>, Integer> {

  @Override
  public Integer handleRequest(Map<String, Integer> input, Context context) {
    try {
      Thread.sleep(input.getOrDefault("millis", 0));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
    return context.getRemainingTimeInMillis();
  }
}
