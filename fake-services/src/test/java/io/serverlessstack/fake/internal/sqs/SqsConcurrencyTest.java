package io.serverlessstack.fake.internal.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import io.serverlessstack.fake.SqsStack;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * Several producers and consumers on real clients at once. The visibility timeout outlasts the
 * test, so every message must be received exactly once and deleted exactly once; on a FIFO queue
 * each group's messages must also reach consumers in send order. Concurrent changes to a queue's
 * attributes must not undo one another.
 */
class SqsConcurrencyTest {

  @RegisterExtension static final SqsStack stack = SqsStack.withSystemClock();

  private static final int PRODUCERS = 3;
  private static final int CONSUMERS = 4;
  private static final int MESSAGES_PER_PRODUCER = 100;
  private static final int GROUPS = 4;
  private static final int MESSAGES_PER_GROUP = 50;
  private static final Duration DEADLINE = Duration.ofSeconds(45);

  private ExecutorService threads;

  @BeforeEach
  void startThreads() {
    threads = Executors.newFixedThreadPool(PRODUCERS + CONSUMERS);
  }

  @AfterEach
  void stopThreads() {
    threads.shutdownNow();
  }

  @Test
  void standardQueueDeliversEveryMessageOnceToConcurrentConsumers() throws Exception {
    String url = stack.createQueue("busy", Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "300"));
    int total = PRODUCERS * MESSAGES_PER_PRODUCER;
    Map<String, AtomicInteger> receipts = new ConcurrentHashMap<>();
    AtomicInteger deleted = new AtomicInteger();

    List<Future<?>> work = new ArrayList<>();
    for (int p = 0; p < PRODUCERS; p++) {
      int producer = p;
      work.add(
          threads.submit(
              () ->
                  sendInBatches(
                      url,
                      IntStream.range(0, MESSAGES_PER_PRODUCER)
                          .mapToObj(i -> "p" + producer + "-" + i)
                          .toList(),
                      body -> null)));
    }
    for (int c = 0; c < CONSUMERS; c++) {
      work.add(
          threads.submit(
              consumer(
                  url,
                  c,
                  total,
                  deleted,
                  messages ->
                      messages.forEach(
                          m ->
                              receipts
                                  .computeIfAbsent(m.body(), b -> new AtomicInteger())
                                  .incrementAndGet()))));
    }
    awaitAll(work);

    assertThat(deleted).hasValue(total);
    assertThat(receipts).hasSize(total);
    assertThat(receipts.values()).allSatisfy(count -> assertThat(count).hasValue(1));
    assertThat(stack.count(url, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).isZero();
    assertThat(stack.count(url, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
        .isZero();
  }

  @Test
  void fifoQueueKeepsEachGroupInOrderAcrossConcurrentConsumers() throws Exception {
    String url =
        stack.createFifoQueue("busy.fifo", Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "300"));
    int total = GROUPS * MESSAGES_PER_GROUP;
    // What consumers saw per group, recorded on receipt and before the delete that releases the
    // group: FIFO semantics order those records exactly as the group was sent.
    Map<String, List<Integer>> seen = new ConcurrentHashMap<>();
    Map<String, List<BigInteger>> sequences = new ConcurrentHashMap<>();
    AtomicInteger deleted = new AtomicInteger();

    List<Future<?>> work = new ArrayList<>();
    for (int p = 0; p < 2; p++) {
      List<String> groups = List.of("group-" + p, "group-" + (p + 2));
      work.add(
          threads.submit(
              () -> {
                for (String group : groups) {
                  sendInBatches(
                      url,
                      IntStream.range(0, MESSAGES_PER_GROUP)
                          .mapToObj(i -> group + ":" + i)
                          .toList(),
                      body -> group);
                }
                return null;
              }));
    }
    for (int c = 0; c < CONSUMERS; c++) {
      work.add(
          threads.submit(
              consumer(
                  url,
                  c,
                  total,
                  deleted,
                  messages -> {
                    for (Message message : messages) {
                      String group =
                          message.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID);
                      seen.computeIfAbsent(
                              group, g -> Collections.synchronizedList(new ArrayList<>()))
                          .add(
                              Integer.parseInt(
                                  message.body().substring(message.body().indexOf(':') + 1)));
                      sequences
                          .computeIfAbsent(
                              group, g -> Collections.synchronizedList(new ArrayList<>()))
                          .add(
                              new BigInteger(
                                  message
                                      .attributes()
                                      .get(MessageSystemAttributeName.SEQUENCE_NUMBER)));
                    }
                  })));
    }
    awaitAll(work);

    assertThat(deleted).hasValue(total);
    assertThat(seen).hasSize(GROUPS);
    List<Integer> inSendOrder = IntStream.range(0, MESSAGES_PER_GROUP).boxed().toList();
    seen.forEach(
        (group, indexes) -> assertThat(indexes).as(group).containsExactlyElementsOf(inSendOrder));
    sequences.forEach(
        (group, numbers) -> assertThat(numbers).as(group).isSorted().doesNotHaveDuplicates());
  }

  @Test
  void concurrentAttributeChangesKeepEveryAddedPermission() throws Exception {
    // A redrive policy makes each SetQueueAttributes look at another queue before it writes.
    String url = stack.createQueueWithDeadLetterQueue("contended", 5);
    String redrivePolicy = attribute(url, QueueAttributeName.REDRIVE_POLICY);
    int perThread = 40;
    List<Future<?>> work = new ArrayList<>();
    for (int t = 0; t < PRODUCERS; t++) {
      int thread = t;
      work.add(
          threads.submit(
              () -> {
                for (int i = 0; i < perThread; i++) {
                  String label = "p" + thread + "-" + i;
                  stack
                      .sqs()
                      .addPermission(
                          b ->
                              b.queueUrl(url)
                                  .label(label)
                                  .awsAccountIds("111111111111")
                                  .actions("SendMessage"));
                }
                return null;
              }));
    }
    for (int t = 0; t < CONSUMERS; t++) {
      work.add(
          threads.submit(
              () -> {
                for (int i = 0; i < perThread; i++) {
                  String timeout = String.valueOf(30 + i);
                  stack
                      .sqs()
                      .setQueueAttributes(
                          b ->
                              b.queueUrl(url)
                                  .attributes(
                                      Map.of(
                                          QueueAttributeName.VISIBILITY_TIMEOUT, timeout,
                                          QueueAttributeName.REDRIVE_POLICY, redrivePolicy)));
                }
                return null;
              }));
    }
    awaitAll(work);

    String policy = attribute(url, QueueAttributeName.POLICY);
    for (int t = 0; t < PRODUCERS; t++) {
      for (int i = 0; i < perThread; i++) {
        assertThat(policy).contains("\"Sid\":\"p" + t + "-" + i + "\"");
      }
    }
  }

  private static String attribute(String url, QueueAttributeName name) {
    return stack
        .sqs()
        .getQueueAttributes(b -> b.queueUrl(url).attributeNames(name))
        .attributes()
        .get(name);
  }

  /** Sends {@code bodies} in batches of ten, with the message group {@code groupOf} gives. */
  private static Void sendInBatches(
      String url, List<String> bodies, Function<String, String> groupOf) {
    for (int from = 0; from < bodies.size(); from += 10) {
      List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
      for (int i = from; i < Math.min(from + 10, bodies.size()); i++) {
        String body = bodies.get(i);
        entries.add(
            SendMessageBatchRequestEntry.builder()
                .id("e" + i)
                .messageBody(body)
                .messageGroupId(groupOf.apply(body))
                .messageDeduplicationId(groupOf.apply(body) == null ? null : body)
                .build());
      }
      assertThat(stack.sqs().sendMessageBatch(b -> b.queueUrl(url).entries(entries)).failed())
          .isEmpty();
    }
    return null;
  }

  /**
   * A consumer that long-polls, hands each batch to {@code record}, then deletes it, until {@code
   * total} messages are deleted. Odd consumers use the async client, even ones the sync client.
   */
  private static Callable<Void> consumer(
      String url, int index, int total, AtomicInteger deleted, Consumer<List<Message>> record) {
    ReceiveMessageRequest request =
        ReceiveMessageRequest.builder()
            .queueUrl(url)
            .maxNumberOfMessages(10)
            .waitTimeSeconds(1)
            .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
            .build();
    return () -> {
      long deadline = System.nanoTime() + DEADLINE.toNanos();
      while (deleted.get() < total && System.nanoTime() < deadline) {
        ReceiveMessageResponse response =
            index % 2 == 0
                ? stack.sqs().receiveMessage(request)
                : stack.async().receiveMessage(request).get(30, TimeUnit.SECONDS);
        List<Message> messages = response.messages();
        if (messages.isEmpty()) {
          continue;
        }
        record.accept(messages);
        DeleteMessageBatchResponse deletion =
            stack
                .sqs()
                .deleteMessageBatch(
                    b ->
                        b.queueUrl(url)
                            .entries(
                                IntStream.range(0, messages.size())
                                    .mapToObj(
                                        i ->
                                            DeleteMessageBatchRequestEntry.builder()
                                                .id("d" + i)
                                                .receiptHandle(messages.get(i).receiptHandle())
                                                .build())
                                    .toList()));
        assertThat(deletion.failed()).isEmpty();
        deleted.addAndGet(deletion.successful().size());
      }
      return null;
    };
  }

  private static void awaitAll(List<Future<?>> work) throws Exception {
    for (Future<?> future : work) {
      future.get(DEADLINE.toSeconds() + 15, TimeUnit.SECONDS);
    }
  }
}
