package io.serverlessstack.junit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ParameterResolutionException;

/**
 * The {@link DeliveryStream} plug-in: checks the declarations and has {@link DeliveryStreamClient}
 * create them with the stack's {@code FirehoseClient} and {@code S3Client}, after the Kinesis
 * streams they may read. It names no SDK type itself, so a project without the SDK's {@code
 * firehose} and {@code s3} modules runs every other test unchanged.
 */
final class DeliveryStreamDeclarations implements ResourceDeclarations<DeliveryStream> {

  private static final List<String> SDK_CLIENTS =
      List.of(
          "software.amazon.awssdk.services.firehose.FirehoseClient",
          "software.amazon.awssdk.services.s3.S3Client");

  @Override
  public Class<DeliveryStream> annotationType() {
    return DeliveryStream.class;
  }

  /** After the Kinesis streams, which a delivery stream may read. */
  @Override
  public int order() {
    return 60;
  }

  @Override
  public List<DeliveryStream> forTest(
      List<DeliveryStream> classDeclarations,
      List<DeliveryStream> methodDeclarations,
      boolean resetBetweenTests,
      String method) {
    return MethodDeclarations.forTest(
        classDeclarations,
        methodDeclarations,
        DeliveryStream::name,
        "DeliveryStream",
        "delivery stream",
        resetBetweenTests,
        method);
  }

  /** Creates the declared delivery streams that do not exist yet, and their buckets. */
  @Override
  public void create(ManagedStack stack, List<DeliveryStream> declarations) {
    List<DeliveryStream> checked = checked(declarations);
    if (checked.isEmpty()) {
      return; // no client built, no SDK needed, for nothing
    }
    if (!sdkPresent()) {
      throw new ExtensionConfigurationException(
          "@DeliveryStream(name = \""
              + checked.get(0).name()
              + "\") needs the AWS SDK's Firehose and S3 clients on the test class path: add"
              + " software.amazon.awssdk:firehose and software.amazon.awssdk:s3");
    }
    DeliveryStreamClient.create(stack, checked);
  }

  /**
   * The declarations without repeats, in the order declared.
   *
   * @throws ExtensionConfigurationException for one declared twice differently, or buffering hints
   *     outside what Firehose takes
   */
  static List<DeliveryStream> checked(List<DeliveryStream> declared) {
    Map<String, DeliveryStream> byName = new LinkedHashMap<>();
    for (DeliveryStream stream : declared) {
      if (stream.bufferIntervalSeconds() < 0 || stream.bufferIntervalSeconds() > 900) {
        throw new ExtensionConfigurationException(
            "@DeliveryStream(name = \""
                + stream.name()
                + "\", bufferIntervalSeconds = "
                + stream.bufferIntervalSeconds()
                + "): Firehose buffers for 0 to 900 seconds");
      }
      if (stream.bufferSizeMiB() < 1 || stream.bufferSizeMiB() > 128) {
        throw new ExtensionConfigurationException(
            "@DeliveryStream(name = \""
                + stream.name()
                + "\", bufferSizeMiB = "
                + stream.bufferSizeMiB()
                + "): Firehose buffers 1 to 128 MiB");
      }
      DeliveryStream earlier = byName.putIfAbsent(stream.name(), stream);
      if (earlier != null && !earlier.equals(stream)) {
        throw new ExtensionConfigurationException(
            "Delivery stream \""
                + stream.name()
                + "\" is declared twice, differently: "
                + AnnotationSettings.differences(earlier, "in one", stream, "in the other")
                + ". Declare it once, or the two under different names.");
      }
    }
    return List.copyOf(byName.values());
  }

  /**
   * A handle on the delivery stream {@code name} of {@code stack}.
   *
   * @throws ParameterResolutionException if there is none, or no Firehose SDK to reach it with
   */
  static DeliveryStreamHandle handle(ManagedStack stack, String name) {
    if (!sdkPresent()) {
      throw new ParameterResolutionException(
          "A DeliveryStreamHandle needs the AWS SDK's Firehose and S3 clients on the test class"
              + " path: add software.amazon.awssdk:firehose and software.amazon.awssdk:s3");
    }
    return DeliveryStreamClient.handle(stack, name)
        .orElseThrow(
            () ->
                new ParameterResolutionException(
                    "There is no delivery stream \""
                        + name
                        + "\" on the stack; declare it with @DeliveryStream(name = \""
                        + name
                        + "\", bucket = ...) on the test class or method"));
  }

  private static boolean sdkPresent() {
    try {
      for (String client : SDK_CLIENTS) {
        Class.forName(client, false, DeliveryStreamDeclarations.class.getClassLoader());
      }
      return true;
    } catch (ClassNotFoundException | LinkageError absent) {
      return false;
    }
  }
}
