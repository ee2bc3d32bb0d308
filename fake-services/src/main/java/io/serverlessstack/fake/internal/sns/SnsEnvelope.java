package io.serverlessstack.fake.internal.sns;

import com.fasterxml.jackson.core.JsonGenerator;
import io.serverlessstack.fake.internal.delivery.Delivery;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON documents SNS sends to queues and endpoints, field for field as AWS writes them and
 * signed as AWS signs them: {@code Notification}, {@code SubscriptionConfirmation} and {@code
 * UnsubscribeConfirmation}; and the event it invokes Lambda functions with. The URLs in them point
 * at the stack the publisher called.
 */
final class SnsEnvelope {

  static final String NOTIFICATION = "Notification";
  static final String SUBSCRIPTION_CONFIRMATION = "SubscriptionConfirmation";
  static final String UNSUBSCRIBE_CONFIRMATION = "UnsubscribeConfirmation";

  /** The signed notification's fields a Lambda event carries as they are, in its order. */
  private static final List<String> LAMBDA_SIGNED_FIELDS =
      List.of(
          "Type",
          "MessageId",
          "TopicArn",
          "Subject",
          "Message",
          "Timestamp",
          "SignatureVersion",
          "Signature");

  /** AWS's timestamps always carry milliseconds, even {@code .000}. */
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private SnsEnvelope() {}

  static String timestamp(Instant at) {
    return TIMESTAMP.format(at);
  }

  /** What a notification says, whatever subscription it goes to. */
  record Notification(
      String messageId,
      String topicArn,
      String subject,
      String message,
      Instant timestamp,
      String sequenceNumber,
      Map<String, Delivery.Attribute> attributes) {}

  /**
   * A notification's fields, signed: signed once per published message and shared by every
   * subscription it goes to, since the signature covers nothing that differs between them.
   */
  record Signed(Map<String, String> fields, Map<String, Delivery.Attribute> attributes) {}

  static Signed sign(
      Notification notification, String signatureVersion, MessageSigner signer, String baseUrl) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("Type", NOTIFICATION);
    fields.put("MessageId", notification.messageId());
    if (notification.sequenceNumber() != null) {
      fields.put("SequenceNumber", notification.sequenceNumber());
    }
    fields.put("TopicArn", notification.topicArn());
    if (notification.subject() != null) {
      fields.put("Subject", notification.subject());
    }
    fields.put("Message", notification.message());
    fields.put("Timestamp", timestamp(notification.timestamp()));
    sign(fields, signatureVersion, signer, baseUrl);
    return new Signed(fields, notification.attributes());
  }

  /** The envelope of a signed notification for one subscription. */
  static String notification(Signed signed, String subscriptionArn, String baseUrl) {
    Map<String, String> fields = new LinkedHashMap<>(signed.fields());
    fields.put("UnsubscribeURL", unsubscribeUrl(baseUrl, subscriptionArn));
    return write(fields, signed.attributes());
  }

  /**
   * A notification as SNS hands it to a Firehose delivery stream: the envelope without its
   * signature fields ({@code SignatureVersion}, {@code Signature}, {@code SigningCertURL}), as AWS
   * documents the records Firehose writes: on one line, with a line break after it, which separates
   * the messages of one buffered object.
   */
  static String firehoseRecord(Signed signed, String subscriptionArn, String baseUrl) {
    Map<String, String> fields = new LinkedHashMap<>(signed.fields());
    fields.remove("SignatureVersion");
    fields.remove("Signature");
    fields.remove("SigningCertURL");
    fields.put("UnsubscribeURL", unsubscribeUrl(baseUrl, subscriptionArn));
    return write(fields, signed.attributes(), false) + "\n";
  }

  /**
   * The event SNS invokes a subscribed Lambda function with: one record holding the signed
   * notification. Keys are in the order of the events Lambda functions receive (AWS's documented
   * sample lists the same keys in no particular order), with Lambda's own spellings {@code
   * SigningCertUrl} and {@code UnsubscribeUrl}, {@code Subject} null when there is none and {@code
   * MessageAttributes} always present.
   */
  static String lambdaEvent(Signed signed, String subscriptionArn, String baseUrl) {
    Map<String, String> fields = signed.fields();
    StringWriter out = new StringWriter();
    try (JsonGenerator json = SnsJson.MAPPER.getFactory().createGenerator(out)) {
      json.writeStartObject();
      json.writeArrayFieldStart("Records");
      json.writeStartObject();
      json.writeStringField("EventSource", "aws:sns");
      json.writeStringField("EventVersion", "1.0");
      json.writeStringField("EventSubscriptionArn", subscriptionArn);
      json.writeObjectFieldStart("Sns");
      for (String name : LAMBDA_SIGNED_FIELDS) {
        json.writeStringField(name, fields.get(name));
      }
      json.writeStringField("SigningCertUrl", fields.get("SigningCertURL"));
      json.writeStringField("UnsubscribeUrl", unsubscribeUrl(baseUrl, subscriptionArn));
      writeAttributes(json, signed.attributes());
      json.writeEndObject();
      json.writeEndObject();
      json.writeEndArray();
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /**
   * A {@code SubscriptionConfirmation} or {@code UnsubscribeConfirmation}: how an HTTP endpoint
   * learns the token that confirms its subscription.
   */
  static String confirmation(
      String type,
      String messageId,
      String topicArn,
      String message,
      String token,
      Instant timestamp,
      String signatureVersion,
      MessageSigner signer,
      String baseUrl) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("Type", type);
    fields.put("MessageId", messageId);
    fields.put("Token", token);
    fields.put("TopicArn", topicArn);
    fields.put("Message", message);
    fields.put("SubscribeURL", subscribeUrl(baseUrl, topicArn, token));
    fields.put("Timestamp", timestamp(timestamp));
    sign(fields, signatureVersion, signer, baseUrl);
    return write(fields, Map.of());
  }

  static String subscribeUrl(String baseUrl, String topicArn, String token) {
    return baseUrl
        + "/?Action=ConfirmSubscription&Version="
        + SnsOperations.QUERY_VERSION
        + "&TopicArn="
        + encode(topicArn)
        + "&Token="
        + encode(token);
  }

  static String unsubscribeUrl(String baseUrl, String subscriptionArn) {
    // With the version, which tells the stack's router the action is SNS's.
    return baseUrl
        + "/?Action=Unsubscribe&Version="
        + SnsOperations.QUERY_VERSION
        + "&SubscriptionArn="
        + encode(subscriptionArn);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static void sign(
      Map<String, String> fields, String version, MessageSigner signer, String baseUrl) {
    String signature = signer.sign(fields, version);
    fields.put("SignatureVersion", version);
    fields.put("Signature", signature);
    fields.put("SigningCertURL", baseUrl + signer.certificatePath());
  }

  /** AWS's layout: two-space indents and {@code "Name" : "value"}. */
  private static String write(Map<String, String> fields, Map<String, Delivery.Attribute> attrs) {
    return write(fields, attrs, true);
  }

  /**
   * @param pretty indented, as SNS writes envelopes for queues and endpoints; else on one line, as
   *     it hands them to Firehose
   */
  private static String write(
      Map<String, String> fields, Map<String, Delivery.Attribute> attrs, boolean pretty) {
    StringWriter out = new StringWriter();
    try (JsonGenerator json = SnsJson.MAPPER.getFactory().createGenerator(out)) {
      if (pretty) {
        json.useDefaultPrettyPrinter();
      }
      json.writeStartObject();
      for (Map.Entry<String, String> field : fields.entrySet()) {
        json.writeStringField(field.getKey(), field.getValue());
      }
      if (!attrs.isEmpty()) {
        writeAttributes(json, attrs);
      }
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** {@code "MessageAttributes":{"name":{"Type":…,"Value":…}}}, binary values in base64. */
  private static void writeAttributes(JsonGenerator json, Map<String, Delivery.Attribute> attrs)
      throws IOException {
    json.writeObjectFieldStart("MessageAttributes");
    for (Map.Entry<String, Delivery.Attribute> attribute : attrs.entrySet()) {
      Delivery.Attribute value = attribute.getValue();
      json.writeObjectFieldStart(attribute.getKey());
      json.writeStringField("Type", value.dataType());
      json.writeStringField(
          "Value",
          value.binaryValue() != null
              ? Base64.getEncoder().encodeToString(value.binaryValue())
              : value.stringValue());
      json.writeEndObject();
    }
    json.writeEndObject();
  }
}
