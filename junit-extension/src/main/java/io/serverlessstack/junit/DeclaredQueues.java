package io.serverlessstack.junit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/** {@link SqsQueue} declarations, checked, and what creating each one asks of SQS. */
final class DeclaredQueues {

  private DeclaredQueues() {}

  /**
   * The queues a test gets: the class's declarations, where the test method declares a queue of the
   * same name its own instead.
   *
   * @param resetBetweenTests whether the stack is reset before the test; without a reset the
   *     class's queue carries over, so a method cannot declare it differently
   * @throws ExtensionConfigurationException for a method's declaration that cannot take effect
   */
  static List<SqsQueue> forTest(
      List<SqsQueue> classQueues,
      List<SqsQueue> methodQueues,
      boolean resetBetweenTests,
      String method) {
    return MethodDeclarations.forTest(
        classQueues, methodQueues, SqsQueue::name, "SqsQueue", "queue", resetBetweenTests, method);
  }

  /**
   * The declarations without repeats, each after the dead-letter queue it names.
   *
   * @throws ExtensionConfigurationException for a declaration SQS would reject or that names an
   *     undeclared dead-letter queue
   */
  static List<SqsQueue> inCreationOrder(List<SqsQueue> declared) {
    Map<String, SqsQueue> byName = new LinkedHashMap<>();
    for (SqsQueue queue : declared) {
      check(queue);
      SqsQueue earlier = byName.putIfAbsent(queue.name(), queue);
      if (earlier != null && !earlier.equals(queue)) {
        throw new ExtensionConfigurationException(
            "Queue \""
                + queue.name()
                + "\" is declared twice, differently: "
                + AnnotationSettings.differences(earlier, "in one", queue, "in the other")
                + ". Declare it once, or the two under different names.");
      }
    }
    Set<String> ordered = new LinkedHashSet<>();
    for (SqsQueue queue : byName.values()) {
      visit(queue, byName, new ArrayList<>(), ordered);
    }
    return ordered.stream().map(byName::get).toList();
  }

  /** Dead-letter queues first; a cycle of dead-letter queues is an error. */
  private static void visit(
      SqsQueue queue, Map<String, SqsQueue> byName, List<String> path, Set<String> ordered) {
    if (ordered.contains(queue.name())) {
      return;
    }
    if (path.contains(queue.name())) {
      path.add(queue.name());
      throw new ExtensionConfigurationException(
          "@SqsQueue dead-letter queues form a cycle: " + String.join(" -> ", path));
    }
    path.add(queue.name());
    if (!queue.deadLetterQueue().isEmpty()) {
      SqsQueue deadLetterQueue = byName.get(queue.deadLetterQueue());
      if (deadLetterQueue == null) {
        throw new ExtensionConfigurationException(
            "@SqsQueue(name = \""
                + queue.name()
                + "\") names dead-letter queue \""
                + queue.deadLetterQueue()
                + "\", which is not declared; declare it with @SqsQueue(name = \""
                + queue.deadLetterQueue()
                + "\") as well. Declared: "
                + byName.keySet());
      }
      visit(deadLetterQueue, byName, path, ordered);
    }
    path.remove(path.size() - 1);
    ordered.add(queue.name());
  }

  private static void check(SqsQueue queue) {
    String where = "@SqsQueue(name = \"" + queue.name() + "\"): ";
    if (queue.name().isBlank()) {
      throw new ExtensionConfigurationException("@SqsQueue needs a name");
    }
    boolean fifo = isFifo(queue);
    if (queue.fifo() && !queue.name().endsWith(".fifo")) {
      throw new ExtensionConfigurationException(
          where + "a FIFO queue's name must end in \".fifo\"");
    }
    if (queue.contentBasedDeduplication() && !fifo) {
      throw new ExtensionConfigurationException(
          where + "contentBasedDeduplication applies to FIFO queues only");
    }
    if (queue.deadLetterQueue().equals(queue.name())) {
      throw new ExtensionConfigurationException(
          where + "a queue cannot be its own dead-letter queue");
    }
    if (!queue.deadLetterQueue().isEmpty() && queue.maxReceiveCount() < 1) {
      throw new ExtensionConfigurationException(where + "maxReceiveCount must be at least 1");
    }
    for (String attribute : queue.attributes()) {
      int equals = attribute.indexOf('=');
      if (equals < 1) {
        throw new ExtensionConfigurationException(
            where + "attributes are written \"Name=Value\", not \"" + attribute + "\"");
      }
    }
  }

  static boolean isFifo(SqsQueue queue) {
    return queue.fifo() || queue.name().endsWith(".fifo");
  }

  /**
   * The CreateQueue attributes of {@code queue}.
   *
   * @param deadLetterQueueArn the ARN of its dead-letter queue, or {@code null} if it has none
   */
  static Map<String, String> attributes(SqsQueue queue, String deadLetterQueueArn) {
    Map<String, String> attributes = new LinkedHashMap<>();
    if (isFifo(queue)) {
      attributes.put("FifoQueue", "true");
    }
    if (queue.contentBasedDeduplication()) {
      attributes.put("ContentBasedDeduplication", "true");
    }
    if (queue.visibilityTimeout() >= 0) {
      attributes.put("VisibilityTimeout", String.valueOf(queue.visibilityTimeout()));
    }
    if (queue.delaySeconds() >= 0) {
      attributes.put("DelaySeconds", String.valueOf(queue.delaySeconds()));
    }
    if (queue.receiveWaitTimeSeconds() >= 0) {
      attributes.put(
          "ReceiveMessageWaitTimeSeconds", String.valueOf(queue.receiveWaitTimeSeconds()));
    }
    if (deadLetterQueueArn != null) {
      attributes.put(
          "RedrivePolicy",
          "{\"deadLetterTargetArn\":\""
              + deadLetterQueueArn
              + "\",\"maxReceiveCount\":\""
              + queue.maxReceiveCount()
              + "\"}");
    }
    for (String attribute : queue.attributes()) {
      int equals = attribute.indexOf('=');
      attributes.put(attribute.substring(0, equals).trim(), attribute.substring(equals + 1).trim());
    }
    return attributes;
  }
}
