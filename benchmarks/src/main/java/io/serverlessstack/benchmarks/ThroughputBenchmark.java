package io.serverlessstack.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * SQS throughput through the SDK v2 sync client (Apache HTTP client) against every target in this
 * JVM: all are warmed up first, then each round measures every target once, in an order that
 * rotates, so that the ratios compare samples taken side by side.
 */
final class ThroughputBenchmark {

  enum Operation {
    SEND("SendMessage"),
    RECEIVE_DELETE("ReceiveMessage(10) + DeleteMessageBatch(10)");

    final String label;

    Operation(String label) {
      this.label = label;
    }
  }

  record Cell(Operation operation, int threads) {}

  /** Messages per second, one sample per round, by cell and target. */
  record Results(Map<Cell, Map<TargetKind, List<Double>>> rates, List<String> notes) {}

  private static final int PREFILL_THREADS = 4;

  private final Duration window = Duration.ofSeconds(Settings.integer("seconds", 3));
  private final Duration warmup = Duration.ofSeconds(Settings.integer("warmupSeconds", 5));
  private final int rounds = Settings.integer("rounds", 5);
  private final List<Integer> threadCounts = Settings.integers("threads", "1,4");
  private final List<TargetKind> kinds = Settings.targets();
  private final String body = Bodies.text(Settings.integer("bodyBytes", 256));
  private final List<String> notes = new ArrayList<>();

  Results run() {
    Map<Cell, Map<TargetKind, List<Double>>> rates = new LinkedHashMap<>();
    List<Subject> subjects = new ArrayList<>();
    try {
      for (TargetKind kind : kinds) {
        subjects.add(new Subject(kind));
      }
      for (Subject subject : subjects) {
        for (Operation operation : Operation.values()) {
          for (int threads : threadCounts) {
            double rate = measure(subject, operation, threads, warmup);
            progress("warm-up", subject.kind, operation, threads, rate);
          }
        }
      }
      for (Operation operation : Operation.values()) {
        for (int threads : threadCounts) {
          Map<TargetKind, List<Double>> cell = new LinkedHashMap<>();
          kinds.forEach(kind -> cell.put(kind, new ArrayList<>()));
          rates.put(new Cell(operation, threads), cell);
          for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < subjects.size(); i++) {
              Subject subject = subjects.get((round + i) % subjects.size());
              double rate = measure(subject, operation, threads, window);
              cell.get(subject.kind).add(rate);
              progress("round " + (round + 1), subject.kind, operation, threads, rate);
            }
          }
        }
      }
    } finally {
      subjects.forEach(Subject::close);
    }
    return new Results(rates, notes);
  }

  private static void progress(
      String phase, TargetKind kind, Operation operation, int threads, double rate) {
    System.err.printf(
        "  %-8s %-17s %-45s %d thread(s): %,.0f msgs/s%n",
        phase, kind.label, operation.label, threads, rate);
  }

  private double measure(Subject subject, Operation operation, int threads, Duration duration) {
    Load.settle();
    return switch (operation) {
      case SEND -> measureSend(subject, threads, duration);
      case RECEIVE_DELETE -> measureReceiveDelete(subject, threads, duration);
    };
  }

  /** Sends to a fresh queue, so that every window starts from the same state. */
  private double measureSend(Subject subject, int threads, Duration duration) {
    String queueUrl = subject.createQueue("send-" + (++subject.queues));
    SendMessageRequest request =
        SendMessageRequest.builder().queueUrl(queueUrl).messageBody(body).build();
    double rate =
        Load.run(
            threads,
            Load.RAMP,
            duration,
            () -> {
              subject.sqs.sendMessage(request);
              return 1;
            });
    subject.sqs.deleteQueue(delete -> delete.queueUrl(queueUrl));
    return rate;
  }

  /**
   * Receives 10 and deletes them in one batch, from a queue filled beforehand with enough messages
   * for the whole window; if it ran short anyway, measures again with twice as many.
   */
  private double measureReceiveDelete(Subject subject, int threads, Duration duration) {
    ReceiveMessageRequest receive =
        ReceiveMessageRequest.builder()
            .queueUrl(subject.receiveQueue)
            .maxNumberOfMessages(10)
            .build();
    for (int attempt = 0; ; attempt++) {
      if (subject.stateful()) {
        double expected = subject.receiveRate.getOrDefault(threads, 10_000.0);
        long seconds = Load.RAMP.plus(duration).plusSeconds(1).toSeconds();
        subject.fillTo((int) (expected * seconds * 1.5));
      }
      LongAdder shortReceives = new LongAdder();
      double rate =
          Load.run(
              threads,
              Load.RAMP,
              duration,
              () -> {
                List<Message> messages = subject.sqs.receiveMessage(receive).messages();
                if (messages.size() < 10) {
                  shortReceives.increment();
                }
                if (messages.isEmpty()) {
                  return 0;
                }
                List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>(messages.size());
                for (int i = 0; i < messages.size(); i++) {
                  entries.add(
                      DeleteMessageBatchRequestEntry.builder()
                          .id(Integer.toString(i))
                          .receiptHandle(messages.get(i).receiptHandle())
                          .build());
                }
                DeleteMessageBatchResponse deleted =
                    subject.sqs.deleteMessageBatch(
                        batch -> batch.queueUrl(subject.receiveQueue).entries(entries));
                if (!deleted.failed().isEmpty()) {
                  throw new IllegalStateException("Delete failed: " + deleted.failed());
                }
                return deleted.successful().size();
              });
      subject.receiveRate.merge(threads, rate, Math::max);
      if (shortReceives.sum() == 0) {
        return rate;
      }
      subject.receiveRate.put(threads, 2 * subject.receiveRate.get(threads));
      if (attempt == 2) {
        notes.add(
            subject.kind.label
                + ": the receive queue ran short at "
                + threads
                + " thread(s) even after refilling; its rate is a lower bound.");
        return rate;
      }
    }
  }

  /** A target with its client and its receive queue. */
  private final class Subject implements AutoCloseable {
    final TargetKind kind;
    final SqsTarget target;
    final SqsClient sqs;
    final String receiveQueue;

    /** The best receive rate seen, by thread count, to size the next fill. */
    final Map<Integer, Double> receiveRate = new HashMap<>();

    int queues;

    Subject(TargetKind kind) {
      this.kind = kind;
      this.target = SqsTarget.start(kind, body);
      int connections = threadCounts.stream().mapToInt(Integer::intValue).max().orElse(1);
      this.sqs = Clients.sqs(target.endpoint(), Math.max(connections, PREFILL_THREADS) + 2);
      this.receiveQueue = createQueue("receive");
    }

    boolean stateful() {
      return kind != TargetKind.CEILING;
    }

    String createQueue(String name) {
      return sqs.createQueue(create -> create.queueName(name)).queueUrl();
    }

    /** Tops the receive queue up to {@code count} visible messages. */
    void fillTo(int count) {
      String visible =
          sqs.getQueueAttributes(
                  get ->
                      get.queueUrl(receiveQueue)
                          .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
              .attributes()
              .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES);
      int missing = count - Integer.parseInt(visible);
      if (missing <= 0) {
        return;
      }
      List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        entries.add(
            SendMessageBatchRequestEntry.builder()
                .id(Integer.toString(i))
                .messageBody(body)
                .build());
      }
      SendMessageBatchRequest batch =
          SendMessageBatchRequest.builder().queueUrl(receiveQueue).entries(entries).build();
      Load.repeat(
          PREFILL_THREADS,
          (missing + 9) / 10,
          () -> {
            SendMessageBatchResponse sent = sqs.sendMessageBatch(batch);
            if (!sent.failed().isEmpty()) {
              throw new IllegalStateException("Fill failed: " + sent.failed());
            }
          });
    }

    @Override
    public void close() {
      sqs.close();
      target.close();
    }
  }
}
