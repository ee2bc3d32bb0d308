package io.serverlessstack.fake.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/** Prints to standard output and error, from its own thread and one it starts, as handlers do. */
public class Printer implements RequestHandler<Map<String, String>, String> {

  @Override
  public String handleRequest(Map<String, String> input, Context context) {
    System.out.println("printed " + input.get("name"));
    System.err.print("no line break");
    Thread helper = new Thread(() -> System.out.println("from a helper thread"));
    helper.start();
    try {
      helper.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return "ok";
  }
}
