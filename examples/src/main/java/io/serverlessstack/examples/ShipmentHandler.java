package io.serverlessstack.examples;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * A Lambda function behind the shipments queue: ships each order of a batch and reports the ones it
 * could not ship ({@code ReportBatchItemFailures}), so that only those go back to the queue, and
 * after the queue's {@code maxReceiveCount} to its dead-letter queue.
 */
public final class ShipmentHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

  /** Where shipped orders go: a carrier's API, say. */
  @FunctionalInterface
  public interface Shipper {
    void ship(Order order);
  }

  private final Shipper shipper;

  public ShipmentHandler(Shipper shipper) {
    this.shipper = shipper;
  }

  @Override
  public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
    List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
    for (SQSEvent.SQSMessage message : event.getRecords()) {
      try {
        Order order = Order.fromMessageBody(message.getBody());
        if (order.quantity() < 1) {
          throw new IllegalArgumentException("Nothing to ship: " + order.orderId());
        }
        shipper.ship(order);
      } catch (IllegalArgumentException unshippable) {
        context.getLogger().log(unshippable.getMessage());
        failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
      }
    }
    return new SQSBatchResponse(failures);
  }
}
