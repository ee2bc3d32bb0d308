package io.serverlessstack.fake.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Answers what it read from each record of its typed {@link SQSEvent}, getter by getter, so a test
 * sees the event as a Java handler sees it.
 */
public class QueueEventEcho implements RequestHandler<SQSEvent, List<Map<String, Object>>> {

  @Override
  public List<Map<String, Object>> handleRequest(SQSEvent event, Context context) {
    List<Map<String, Object>> records = new ArrayList<>();
    for (SQSEvent.SQSMessage message : event.getRecords()) {
      Map<String, Object> record = new LinkedHashMap<>();
      record.put("messageId", message.getMessageId());
      record.put("receiptHandle", message.getReceiptHandle());
      record.put("body", message.getBody());
      record.put("attributes", message.getAttributes());
      Map<String, Object> attributes = new LinkedHashMap<>();
      message
          .getMessageAttributes()
          .forEach(
              (name, value) -> {
                Map<String, Object> attribute = new LinkedHashMap<>();
                attribute.put("stringValue", value.getStringValue());
                attribute.put("binaryValue", base64(value.getBinaryValue()));
                attribute.put("stringListValues", value.getStringListValues());
                attribute.put("binaryListValues", value.getBinaryListValues().size());
                attribute.put("dataType", value.getDataType());
                attributes.put(name, attribute);
              });
      record.put("messageAttributes", attributes);
      record.put("md5OfMessageAttributes", message.getMd5OfMessageAttributes());
      record.put("md5OfBody", message.getMd5OfBody());
      record.put("eventSource", message.getEventSource());
      record.put("eventSourceArn", message.getEventSourceArn());
      record.put("awsRegion", message.getAwsRegion());
      records.add(record);
    }
    return records;
  }

  private static String base64(ByteBuffer bytes) {
    if (bytes == null) {
      return null;
    }
    byte[] copy = new byte[bytes.remaining()];
    bytes.duplicate().get(copy);
    return Base64.getEncoder().encodeToString(copy);
  }
}
