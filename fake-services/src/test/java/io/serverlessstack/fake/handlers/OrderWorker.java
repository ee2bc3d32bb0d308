package io.serverlessstack.fake.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A queue worker that reports its failures item by item (ReportBatchItemFailures): an order whose
 * body ends in {@code :fail} always fails, one ending in {@code :fail-once} fails on its first
 * receive only, and one ending in {@code :crash} throws, which fails the whole batch. On a FIFO
 * queue, once an order of a group failed, the group's later orders in the batch are reported
 * unprocessed too, as AWS advises, so that the group keeps its order.
 */
public class OrderWorker implements RequestHandler<SQSEvent, SQSBatchResponse> {

  @Override
  public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
    List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
    Set<String> stoppedGroups = new HashSet<>();
    for (SQSEvent.SQSMessage message : event.getRecords()) {
      String body = message.getBody();
      if (body.endsWith(":crash")) {
        throw new IllegalStateException("Cannot process " + body);
      }
      String group = message.getAttributes().get("MessageGroupId");
      boolean firstReceive = "1".equals(message.getAttributes().get("ApproximateReceiveCount"));
      boolean fails = body.endsWith(":fail") || (body.endsWith(":fail-once") && firstReceive);
      if (fails || stoppedGroups.contains(group)) {
        failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
        if (group != null) {
          stoppedGroups.add(group);
        }
      } else {
        context.getLogger().log("processed " + body);
      }
    }
    return new SQSBatchResponse(failures);
  }
}
