package io.serverlessstack.fake.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Answers what it read from each record of its typed {@link KinesisEvent}, getter by getter, so a
 * test sees the event as a Java handler sees it: the data as UTF-8 text, the arrival time in epoch
 * milliseconds.
 */
public class KinesisEventEcho implements RequestHandler<KinesisEvent, List<Map<String, Object>>> {

  @Override
  public List<Map<String, Object>> handleRequest(KinesisEvent event, Context context) {
    List<Map<String, Object>> records = new ArrayList<>();
    for (KinesisEvent.KinesisEventRecord record : event.getRecords()) {
      Map<String, Object> read = new LinkedHashMap<>();
      KinesisEvent.Record kinesis = record.getKinesis();
      read.put("kinesisSchemaVersion", kinesis.getKinesisSchemaVersion());
      read.put("partitionKey", kinesis.getPartitionKey());
      read.put("sequenceNumber", kinesis.getSequenceNumber());
      read.put("data", text(kinesis.getData()));
      read.put("approximateArrivalTimestamp", kinesis.getApproximateArrivalTimestamp().getTime());
      read.put("eventSource", record.getEventSource());
      read.put("eventVersion", record.getEventVersion());
      read.put("eventID", record.getEventID());
      read.put("eventName", record.getEventName());
      read.put("invokeIdentityArn", record.getInvokeIdentityArn());
      read.put("awsRegion", record.getAwsRegion());
      read.put("eventSourceARN", record.getEventSourceARN());
      records.add(read);
    }
    return records;
  }

  private static String text(ByteBuffer data) {
    byte[] bytes = new byte[data.remaining()];
    data.duplicate().get(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
