package io.serverlessstack.fake.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

/**
 * Named as {@code Bridged::handleRequest}: the compiler adds a bridge {@code handleRequest(Object,
 * Context)}, which the runtime must not pick over the method taking an {@link Orders.Order}.
 */
public class Bridged implements RequestHandler<Orders.Order, String> {

  @Override
  public String handleRequest(Orders.Order order, Context context) {
    return "order " + order.id;
  }
}
