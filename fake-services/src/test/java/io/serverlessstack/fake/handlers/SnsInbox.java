package io.serverlessstack.fake.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/** A topic's subscriber: takes the typed SNS event, and refuses a message it cannot handle. */
public class SnsInbox implements RequestHandler<SNSEvent, Void> {

  /** Every event a function with this handler got, in the order they arrived. */
  public static final Queue<SNSEvent> RECEIVED = new ConcurrentLinkedQueue<>();

  @Override
  public Void handleRequest(SNSEvent event, Context context) {
    RECEIVED.add(event);
    for (SNSEvent.SNSRecord record : event.getRecords()) {
      String message = record.getSNS().getMessage();
      if (message.startsWith("poison")) {
        throw new IllegalStateException("Cannot handle " + message);
      }
    }
    return null;
  }
}
