package io.serverlessstack.benchmarks;

import io.serverlessstack.fake.ServerlessStackServer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * Child-JVM probe, run with the heap limit under test: queues {@code messages} distinct messages of
 * {@code bytes} bytes on one stack queue with SendMessageBatch of 10 from several threads, checks
 * ApproximateNumberOfMessages, and reports the time taken and the heap in use after GC. The journal
 * is kept small so that only the queue holds the messages.
 *
 * <p>Usage: {@code BulkLoadProbe messages bytes threads}
 */
public final class BulkLoadProbe {

  private static final int JOURNAL_CAPACITY = 1_000;

  private BulkLoadProbe() {}

  public static void main(String[] args) throws Exception {
    long messages = Long.parseLong(args[0]);
    int bytes = Integer.parseInt(args[1]);
    int threads = Integer.parseInt(args[2]);
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    try (ServerlessStackServer stack =
            ServerlessStackServer.builder()
                .withPort(0)
                .withJournalCapacity(JOURNAL_CAPACITY)
                .start();
        SqsClient sqs = Clients.sqs(stack.endpoint(), threads + 1)) {
      String queueUrl = sqs.createQueue(create -> create.queueName("bulk")).queueUrl();
      long heapBefore = IdleHeapProbe.usedAfterGc(memory);
      AtomicLong nextBatch = new AtomicLong();
      long batches = (messages + 9) / 10;
      long progressEvery = Math.max(1, batches / 10);
      long start = System.nanoTime();
      Load.repeat(
          threads,
          (int) batches,
          () -> {
            long batch = nextBatch.getAndIncrement();
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>(10);
            for (long n = batch * 10; n < Math.min(messages, batch * 10 + 10); n++) {
              entries.add(
                  SendMessageBatchRequestEntry.builder()
                      .id(Long.toString(n % 10))
                      .messageBody(Bodies.numbered(n, bytes))
                      .build());
            }
            SendMessageBatchResponse sent =
                sqs.sendMessageBatch(send -> send.queueUrl(queueUrl).entries(entries));
            if (!sent.failed().isEmpty()) {
              throw new IllegalStateException("Send failed: " + sent.failed());
            }
            if ((batch + 1) % progressEvery == 0) {
              System.err.printf(
                  "  [BulkLoadProbe] %,d messages sent, heap %,d MB%n",
                  (batch + 1) * 10, memory.getHeapMemoryUsage().getUsed() >> 20);
            }
          });
      long sendNanos = System.nanoTime() - start;
      long queued =
          Long.parseLong(
              sqs.getQueueAttributes(
                      get ->
                          get.queueUrl(queueUrl)
                              .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                  .attributes()
                  .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
      long heapAfter = IdleHeapProbe.usedAfterGc(memory);
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("messages", messages);
      result.put("queued", queued);
      result.put("send_s", Stats.fixed(sendNanos / 1e9, 1));
      result.put("heap_before", heapBefore);
      result.put("heap_after", heapAfter);
      result.put("heap_max", memory.getHeapMemoryUsage().getMax());
      ChildJvm.report(result);
    }
  }
}
