package io.serverlessstack.junit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ParameterResolutionException;

/**
 * The {@link KinesisStream} plug-in: checks the declarations and has {@link KinesisStreamClient}
 * create them with the stack's {@code KinesisClient}. It names no SDK type itself, so a project
 * without the SDK's {@code kinesis} module runs every other test unchanged.
 */
final class KinesisStreamDeclarations implements ResourceDeclarations<KinesisStream> {

  private static final String KINESIS_CLIENT =
      "software.amazon.awssdk.services.kinesis.KinesisClient";

  @Override
  public Class<KinesisStream> annotationType() {
    return KinesisStream.class;
  }

  /** After the queues, before the topics: nothing a stream needs is declared after it. */
  @Override
  public int order() {
    return 50;
  }

  @Override
  public List<KinesisStream> forTest(
      List<KinesisStream> classDeclarations,
      List<KinesisStream> methodDeclarations,
      boolean resetBetweenTests,
      String method) {
    return MethodDeclarations.forTest(
        classDeclarations,
        methodDeclarations,
        KinesisStream::name,
        "KinesisStream",
        "stream",
        resetBetweenTests,
        method);
  }

  /**
   * Creates the declared streams that do not exist yet; streams that exist are left as they are, so
   * records a test left behind survive when the stack does not reset.
   */
  @Override
  public void create(ManagedStack stack, List<KinesisStream> declarations) {
    List<KinesisStream> checked = checked(declarations);
    if (checked.isEmpty()) {
      return; // no client built, no SDK needed, for nothing
    }
    if (!kinesisSdkPresent()) {
      throw new ExtensionConfigurationException(
          "@KinesisStream(name = \""
              + checked.get(0).name()
              + "\") needs the AWS SDK's Kinesis client on the test class path: add"
              + " software.amazon.awssdk:kinesis");
    }
    KinesisStreamClient.create(stack, checked);
  }

  /**
   * The declarations without repeats, in the order declared.
   *
   * @throws ExtensionConfigurationException for a stream declared twice differently, or settings
   *     Kinesis would refuse
   */
  static List<KinesisStream> checked(List<KinesisStream> declared) {
    Map<String, KinesisStream> byName = new LinkedHashMap<>();
    for (KinesisStream stream : declared) {
      if (!stream.onDemand() && stream.shards() < 1) {
        throw new ExtensionConfigurationException(
            "@KinesisStream(name = \""
                + stream.name()
                + "\", shards = "
                + stream.shards()
                + "): a stream has at least one shard");
      }
      KinesisStream earlier = byName.putIfAbsent(stream.name(), stream);
      if (earlier != null && !earlier.equals(stream)) {
        throw new ExtensionConfigurationException(
            "Stream \""
                + stream.name()
                + "\" is declared twice, differently: "
                + AnnotationSettings.differences(earlier, "in one", stream, "in the other")
                + ". Declare it once, or the two under different names.");
      }
    }
    return List.copyOf(byName.values());
  }

  /**
   * A handle on the stream {@code name} of {@code stack}.
   *
   * @throws ParameterResolutionException if there is none, or no Kinesis SDK to reach it with
   */
  static KinesisStreamHandle handle(ManagedStack stack, String name) {
    if (!kinesisSdkPresent()) {
      throw new ParameterResolutionException(
          "A KinesisStreamHandle needs the AWS SDK's Kinesis client on the test class path: add"
              + " software.amazon.awssdk:kinesis");
    }
    return KinesisStreamClient.handle(stack, name)
        .orElseThrow(
            () ->
                new ParameterResolutionException(
                    "There is no stream \""
                        + name
                        + "\" on the stack; declare it with @KinesisStream(name = \""
                        + name
                        + "\") on the test class or method"));
  }

  private static boolean kinesisSdkPresent() {
    try {
      Class.forName(KINESIS_CLIENT, false, KinesisStreamDeclarations.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError absent) {
      return false;
    }
  }
}
