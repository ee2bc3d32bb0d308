package io.serverlessstack.fake.handlers;

import com.amazonaws.services.lambda.runtime.Context;

/** Handler methods named as {@code Class::method}, with a POJO in and out. */
public class Orders {

  /** An order as the caller sends it. */
  public static class Order {
    public String id;
    public int quantity;
  }

  /** What the handler answers. */
  public static class Receipt {
    public String orderId;
    public int total;
    public String function;
  }

  public Receipt price(Order order, Context context) {
    Receipt receipt = new Receipt();
    receipt.orderId = order.id;
    receipt.total = order.quantity * 5;
    receipt.function = context.getFunctionName();
    return receipt;
  }

  /** Throws what a user's validation would. */
  public void reject(Order order) {
    throw new IllegalArgumentException("Order " + order.id + " has no items");
  }
}
