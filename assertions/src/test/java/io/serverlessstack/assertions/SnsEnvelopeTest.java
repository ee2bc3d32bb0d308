package io.serverlessstack.assertions;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which bodies count as SNS notification envelopes, and what is read from them. */
class SnsEnvelopeTest {

  private static final String TOPIC = "arn:aws:sns:us-east-1:000000000000:orders";

  @Test
  void aNotificationEnvelopeYieldsItsMessageIdTopicMessageAndSubject() {
    String body =
        "{\n  \"Type\" : \"Notification\",\n  \"MessageId\" : \"m-1\",\n  \"TopicArn\" : \""
            + TOPIC
            + "\",\n  \"Subject\" : \"s\",\n  \"Message\" : \"order-1\",\n  \"Timestamp\" :"
            + " \"2030-01-01T00:00:00.000Z\",\n  \"SignatureVersion\" : \"1\",\n"
            + "  \"MessageAttributes\" : {\"k\" : {\"Type\" : \"Number\", \"Value\" : \"1.5e3\"}},"
            + "\n  \"Flags\" : [true, false, null, -2, 0.5]\n}";

    assertThat(SnsEnvelope.of(body)).isEqualTo(new SnsEnvelope("m-1", TOPIC, "order-1", "s"));
    assertThat(SnsEnvelope.content(body)).isEqualTo("order-1");
  }

  @Test
  void escapesInTheMessageAreDecoded() {
    String body =
        "{\"Type\":\"Notification\",\"TopicArn\":\""
            + TOPIC
            + "\",\"Message\":\"{\\\"id\\\":7,\\\"note\\\":\\\"a\\\\b\\\\n\\\"}\\n\\t\\u00e9\\/\"}";

    assertThat(SnsEnvelope.content(body)).isEqualTo("{\"id\":7,\"note\":\"a\\b\\n\"}\n\té/");
  }

  @Test
  void bodiesThatAreNoNotificationEnvelopeAreLeftAsTheyAre() {
    String confirmation =
        "{\"Type\":\"SubscriptionConfirmation\",\"TopicArn\":\"" + TOPIC + "\",\"Message\":\"m\"}";
    String noMessage = "{\"Type\":\"Notification\",\"TopicArn\":\"" + TOPIC + "\"}";
    String numberMessage =
        "{\"Type\":\"Notification\",\"TopicArn\":\"" + TOPIC + "\",\"Message\":5}";
    String broken = "{\"Type\":\"Notification\",\"TopicArn\":\"" + TOPIC + "\",\"Message\":\"m\"";
    String trailing =
        "{\"Type\":\"Notification\",\"TopicArn\":\"" + TOPIC + "\",\"Message\":\"m\"} x";
    String array = "[\"Notification\",\"TopicArn\"]";

    for (String body :
        new String[] {
          "order-1", confirmation, noMessage, numberMessage, broken, trailing, array, "", "{}"
        }) {
      assertThat(SnsEnvelope.of(body)).as(body).isNull();
      assertThat(SnsEnvelope.content(body)).isEqualTo(body);
    }
    assertThat(SnsEnvelope.of(null)).isNull();
  }

  @Test
  void malformedJsonIsNoEnvelope() {
    String prefix = "{\"Type\":\"Notification\",\"TopicArn\":\"" + TOPIC + "\",\"Message\":";
    for (String rest :
        new String[] {
          "\"bad \\x escape\"}",
          "\"short \\u12\"}",
          "\"raw \n newline\"}",
          "tru}",
          "-}",
          "1.}",
          "\"m\", }",
          "\"m\" \"n\"}",
          "\"m\", 5: 1}"
        }) {
      assertThat(SnsEnvelope.of(prefix + rest)).as(rest).isNull();
    }
  }
}
