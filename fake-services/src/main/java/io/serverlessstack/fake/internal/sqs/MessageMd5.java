package io.serverlessstack.fake.internal.sqs;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.core.SdkBytes;

/**
 * The MD5 digests SQS returns and every SDK verifies: of the body, and of the message attributes in
 * SQS's length-prefixed encoding (names sorted, then data type, a transport byte and the value).
 */
final class MessageMd5 {

  private static final byte STRING = 1;
  private static final byte BINARY = 2;
  private static final byte STRING_LIST = 3;
  private static final byte BINARY_LIST = 4;

  private MessageMd5() {}

  static String ofBody(String body) {
    return HexFormat.of().formatHex(md5().digest(body.getBytes(StandardCharsets.UTF_8)));
  }

  /** One attribute value, whichever of the message and system attribute types it came from. */
  record AttributeValue(
      String dataType,
      String stringValue,
      SdkBytes binaryValue,
      List<String> stringListValues,
      List<SdkBytes> binaryListValues) {}

  /** The digest of {@code attributes}, or {@code null} when there are none. */
  static String ofAttributes(Map<String, AttributeValue> attributes) {
    if (attributes == null || attributes.isEmpty()) {
      return null;
    }
    MessageDigest md5 = md5();
    for (Map.Entry<String, AttributeValue> entry : new TreeMap<>(attributes).entrySet()) {
      AttributeValue value = entry.getValue();
      update(md5, entry.getKey().getBytes(StandardCharsets.UTF_8));
      update(md5, value.dataType().getBytes(StandardCharsets.UTF_8));
      if (value.stringValue() != null) {
        md5.update(STRING);
        update(md5, value.stringValue().getBytes(StandardCharsets.UTF_8));
      } else if (value.binaryValue() != null) {
        md5.update(BINARY);
        update(md5, value.binaryValue().asByteArrayUnsafe());
      } else if (value.stringListValues() != null && !value.stringListValues().isEmpty()) {
        md5.update(STRING_LIST);
        value.stringListValues().forEach(s -> update(md5, s.getBytes(StandardCharsets.UTF_8)));
      } else if (value.binaryListValues() != null && !value.binaryListValues().isEmpty()) {
        md5.update(BINARY_LIST);
        value.binaryListValues().forEach(b -> update(md5, b.asByteArrayUnsafe()));
      }
    }
    return HexFormat.of().formatHex(md5.digest());
  }

  private static void update(MessageDigest md5, byte[] bytes) {
    int length = bytes.length;
    md5.update((byte) (length >>> 24));
    md5.update((byte) (length >>> 16));
    md5.update((byte) (length >>> 8));
    md5.update((byte) length);
    md5.update(bytes);
  }

  /** One digest per thread, reset for each use: getInstance is costly on every message. */
  private static final ThreadLocal<MessageDigest> MD5 =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("MD5");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException("Every JVM has MD5", e);
            }
          });

  private static MessageDigest md5() {
    MessageDigest md5 = MD5.get();
    md5.reset();
    return md5;
  }
}
