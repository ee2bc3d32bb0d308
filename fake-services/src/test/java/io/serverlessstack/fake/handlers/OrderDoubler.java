package io.serverlessstack.fake.handlers;

/** Its input type is fixed only by its generic superclass: an {@link Orders.Order}. */
public class OrderDoubler extends TypedHandler<Orders.Order, Integer> {

  @Override
  protected Integer handle(Orders.Order order) {
    return order.quantity * 2;
  }
}
