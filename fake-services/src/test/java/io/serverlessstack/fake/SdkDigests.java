package io.serverlessstack.fake;

import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.sqs.internal.MessageMD5ChecksumInterceptor;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeNameForSends;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeValue;

/**
 * The SQS attribute digests as the SDK itself computes them, so tests can check the one digest the
 * SDK does not verify on its own: {@code MD5OfMessageSystemAttributes}.
 */
public final class SdkDigests {

  private static final Method ATTRIBUTES_MD5;

  static {
    try {
      ATTRIBUTES_MD5 =
          MessageMD5ChecksumInterceptor.class.getDeclaredMethod(
              "calculateMessageAttributesMd5", Map.class);
      ATTRIBUTES_MD5.setAccessible(true);
    } catch (NoSuchMethodException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private SdkDigests() {}

  public static String ofAttributes(Map<String, MessageAttributeValue> attributes) {
    try {
      return (String) ATTRIBUTES_MD5.invoke(null, attributes);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("The SDK's digest is out of reach", e);
    }
  }

  /** System attributes are digested exactly like message attributes. */
  public static String ofSystemAttributes(
      Map<MessageSystemAttributeNameForSends, MessageSystemAttributeValue> attributes) {
    Map<String, MessageAttributeValue> asMessageAttributes = new LinkedHashMap<>();
    attributes.forEach(
        (name, value) ->
            asMessageAttributes.put(
                name.toString(),
                MessageAttributeValue.builder()
                    .dataType(value.dataType())
                    .stringValue(value.stringValue())
                    .binaryValue(value.binaryValue())
                    .build()));
    return ofAttributes(asMessageAttributes);
  }
}
