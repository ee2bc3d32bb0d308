package io.serverlessstack.examples;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An order a customer placed, and its wire form on the orders queue: {@code
 * orderId=o-1;customerId=alice;item=book;quantity=2}.
 *
 * @param quantity how many; a worker refuses orders of less than one
 */
public record Order(String orderId, String customerId, String item, int quantity) {

  public Order {
    Objects.requireNonNull(orderId, "orderId");
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(item, "item");
  }

  /** The message body that carries this order. */
  public String toMessageBody() {
    return "orderId="
        + orderId
        + ";customerId="
        + customerId
        + ";item="
        + item
        + ";quantity="
        + quantity;
  }

  /**
   * The order a message body carries.
   *
   * @throws IllegalArgumentException if the body is not an order
   */
  public static Order fromMessageBody(String body) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (String field : body.split(";")) {
      int equals = field.indexOf('=');
      if (equals < 1) {
        throw new IllegalArgumentException("Not an order: " + body);
      }
      fields.put(field.substring(0, equals), field.substring(equals + 1));
    }
    try {
      return new Order(
          fields.get("orderId"),
          fields.get("customerId"),
          fields.get("item"),
          Integer.parseInt(fields.get("quantity")));
    } catch (NullPointerException | NumberFormatException incomplete) {
      throw new IllegalArgumentException("Not an order: " + body, incomplete);
    }
  }
}
