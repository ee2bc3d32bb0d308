package io.serverlessstack.fake.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import java.nio.charset.StandardCharsets;

/**
 * A stream consumer that answers nothing: it throws, failing the whole batch, when a record's data
 * contains {@code poison}, and logs {@code processed <data>} for each record otherwise.
 */
public class StreamFailer implements RequestHandler<KinesisEvent, Void> {

  @Override
  public Void handleRequest(KinesisEvent event, Context context) {
    for (KinesisEvent.KinesisEventRecord record : event.getRecords()) {
      String data = text(record);
      if (data.contains("poison")) {
        throw new IllegalStateException("Cannot process " + data);
      }
    }
    for (KinesisEvent.KinesisEventRecord record : event.getRecords()) {
      context.getLogger().log("processed " + text(record));
    }
    return null;
  }

  private static String text(KinesisEvent.KinesisEventRecord record) {
    return StandardCharsets.UTF_8.decode(record.getKinesis().getData().duplicate()).toString();
  }
}
