package com.example.orders;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/** The application's function: the discount, in percent, a customer tier gets. */
public class Discount implements RequestHandler<Map<String, Object>, Integer> {

  @Override
  public Integer handleRequest(Map<String, Object> order, Context context) {
    return "gold".equals(order.get("tier")) ? 20 : 0;
  }
}
