package io.serverlessstack.fake.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A stream consumer that reports its failures as AWS's example does (ReportBatchItemFailures): it
 * processes records in order and, at the first that fails, answers that record's sequence number
 * and stops. A record whose data ends in {@code :fail} always fails; one ending in {@code
 * :fail-once} fails the first time this class sees that data (tests make such data unique).
 */
public class StreamWorker implements RequestHandler<KinesisEvent, StreamsEventResponse> {

  private static final Set<String> SEEN = ConcurrentHashMap.newKeySet();

  @Override
  public StreamsEventResponse handleRequest(KinesisEvent event, Context context) {
    for (KinesisEvent.KinesisEventRecord record : event.getRecords()) {
      String data =
          StandardCharsets.UTF_8.decode(record.getKinesis().getData().duplicate()).toString();
      boolean fails = data.endsWith(":fail") || (data.endsWith(":fail-once") && SEEN.add(data));
      if (fails) {
        return new StreamsEventResponse(
            List.of(
                new StreamsEventResponse.BatchItemFailure(
                    record.getKinesis().getSequenceNumber())));
      }
      context.getLogger().log("processed " + data);
    }
    return new StreamsEventResponse(List.of());
  }
}
