package io.serverlessstack.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;

/**
 * SNS fan-out through the SDK v2 sync clients (Apache HTTP client) against every target, beside SQS
 * SendMessage on the same target with the same client settings and threads: publishing to a
 * standard topic with {@code bench.queues} SQS queues subscribed, enveloped or raw, then waiting
 * for every delivery and checking that each queue holds each published message exactly once.
 *
 * <p>Each operation has its own topic and queues on each target, created on first use; every window
 * drains them, so every window starts from empty queues. All targets are warmed up first; then each
 * round measures every (target, operation) pair once for a thread count, in an order that rotates
 * from round to round, so that the ratios compare samples taken side by side.
 */
final class FanOutBenchmark {

  enum Operation {
    SEND("SQS SendMessage", false, false),
    PUBLISH("SNS Publish, enveloped", true, false),
    PUBLISH_RAW("SNS Publish, raw delivery", true, true);

    final String label;
    final boolean publishes;
    final boolean raw;

    Operation(String label, boolean publishes, boolean raw) {
      this.label = label;
      this.publishes = publishes;
      this.raw = raw;
    }
  }

  record Cell(Operation operation, int threads) {}

  /**
   * One measurement.
   *
   * @param rate calls (publishes or sends) per second over the window
   * @param calls calls over the whole run, ramp included: each must reach every queue once
   * @param queues the queues each call must reach
   * @param delivered distinct (call, queue) pairs found in the queues
   * @param missing (call, queue) pairs not found
   * @param duplicated messages found more than once in a queue, beyond the first
   * @param deliveryRate {@code delivered} per second, from the first call to the last delivery
   * @param lagMillis from the last call's response until every queue was seen holding a message per
   *     call: an upper bound on when the last delivery landed, within one round of polling
   * @param pollMillis how long that last round of polling took: the lag's resolution
   * @param complete whether every queue held a message per call before the time limit
   */
  record Sample(
      double rate,
      long calls,
      int queues,
      long delivered,
      long missing,
      long duplicated,
      double deliveryRate,
      double lagMillis,
      double pollMillis,
      boolean complete) {

    boolean exact() {
      return complete && missing == 0 && duplicated == 0;
    }
  }

  record Results(Map<Cell, Map<TargetKind, List<Sample>>> samples) {}

  private static final int DRAIN_THREADS = 4;
  private static final Duration POLL_PAUSE = Duration.ofMillis(10);

  /** The published number at the start of the {@code Message} of an SNS envelope. */
  private static final Pattern ENVELOPED = Pattern.compile("\"Message\"\\s*:\\s*\"(\\d+) ");

  /** The number a raw delivery or a sent message starts with. */
  private static final Pattern PLAIN = Pattern.compile("^(\\d+) ");

  private final Duration window = Duration.ofSeconds(Settings.integer("seconds", 3));
  private final Duration warmup = Duration.ofSeconds(Settings.integer("warmupSeconds", 5));
  private final Duration motoWindow = Duration.ofSeconds(Settings.integer("motoSeconds", 3));
  private final Duration motoWarmup = Duration.ofSeconds(Settings.integer("motoWarmupSeconds", 1));
  private final Duration deliveryLimit =
      Duration.ofSeconds(Settings.integer("deliverySeconds", 120));
  private final int rounds = Settings.integer("rounds", 5);
  private final int queues = Settings.integer("queues", 10);
  private final int bodyBytes = Settings.integer("bodyBytes", 256);
  private final List<Integer> threadCounts = Settings.integers("threads", "1,4");
  private final List<TargetKind> kinds = Settings.targets("STACK,MOTO");
  private final List<Operation> operations =
      Arrays.stream(System.getProperty("bench.operations", "SEND,PUBLISH,PUBLISH_RAW").split(","))
          .map(String::trim)
          .map(Operation::valueOf)
          .toList();

  int queues() {
    return queues;
  }

  int bodyBytes() {
    return bodyBytes;
  }

  Duration window(TargetKind kind) {
    return kind == TargetKind.MOTO ? motoWindow : window;
  }

  Duration deliveryLimit() {
    return deliveryLimit;
  }

  Results run() {
    Map<Cell, Map<TargetKind, List<Sample>>> samples = new LinkedHashMap<>();
    List<Subject> subjects = new ArrayList<>();
    try {
      for (TargetKind kind : kinds) {
        subjects.add(new Subject(kind));
      }
      for (Subject subject : subjects) {
        Duration duration = subject.kind == TargetKind.MOTO ? motoWarmup : warmup;
        for (Operation operation : operations) {
          for (int threads : threadCounts) {
            progress(
                "warm-up",
                subject.kind,
                operation,
                threads,
                measure(subject, operation, threads, duration));
          }
        }
      }
      for (int threads : threadCounts) {
        List<Subject> order = new ArrayList<>();
        List<Operation> doing = new ArrayList<>();
        for (Operation operation : operations) {
          Map<TargetKind, List<Sample>> cell = new LinkedHashMap<>();
          kinds.forEach(kind -> cell.put(kind, new ArrayList<>()));
          samples.put(new Cell(operation, threads), cell);
          for (Subject subject : subjects) {
            order.add(subject);
            doing.add(operation);
          }
        }
        for (int round = 0; round < rounds; round++) {
          for (int i = 0; i < order.size(); i++) {
            int pick = (round + i) % order.size();
            Subject subject = order.get(pick);
            Operation operation = doing.get(pick);
            Sample sample = measure(subject, operation, threads, window(subject.kind));
            samples.get(new Cell(operation, threads)).get(subject.kind).add(sample);
            progress("round " + (round + 1), subject.kind, operation, threads, sample);
          }
        }
      }
    } finally {
      subjects.forEach(Subject::close);
    }
    return new Results(samples);
  }

  private static void progress(
      String phase, TargetKind kind, Operation operation, int threads, Sample sample) {
    System.err.printf(
        "  %-8s %-16s %-26s %d thread(s): %,7.0f calls/s, %,8.0f deliveries/s, lag %,6.0f ms"
            + " (poll %,4.0f ms), %d missing, %d duplicated%s%n",
        phase,
        kind.label,
        operation.label,
        threads,
        sample.rate(),
        sample.deliveryRate(),
        sample.lagMillis(),
        sample.pollMillis(),
        sample.missing(),
        sample.duplicated(),
        sample.complete() ? "" : " (INCOMPLETE at the time limit)");
  }

  /** Publishes (or sends) for {@code duration}, then waits for and checks every delivery. */
  private Sample measure(Subject subject, Operation operation, int threads, Duration duration) {
    Fixture fixture = subject.fixture(operation);
    boolean clean = false;
    try {
      Load.settle();
      AtomicLong next = new AtomicLong();
      Load.Step step =
          operation.publishes
              ? () -> {
                subject.sns.publish(
                    publish ->
                        publish
                            .topicArn(fixture.topicArn)
                            .message(Bodies.numbered(next.getAndIncrement(), bodyBytes)));
                return 1;
              }
              : () -> {
                subject.sqs.sendMessage(
                    send ->
                        send.queueUrl(fixture.queueUrls.get(0))
                            .messageBody(Bodies.numbered(next.getAndIncrement(), bodyBytes)));
                return 1;
              };
      Load.Window run = Load.measure(threads, Load.RAMP, duration, step);
      long calls = next.get();
      if (calls != run.total()) {
        throw new IllegalStateException(calls + " numbers taken, " + run.total() + " calls made");
      }
      Polled polled = awaitCounts(subject.sqs, fixture.queueUrls, calls, run.lastNanos());
      long end = polled.endNanos;
      Check check =
          drain(subject.sqs, fixture.queueUrls, calls, operation.publishes && !operation.raw);
      Sample sample =
          new Sample(
              run.rate(),
              calls,
              fixture.queueUrls.size(),
              check.delivered,
              check.missing,
              check.duplicated,
              check.delivered * 1e9 / (end - run.startNanos()),
              (end - run.lastNanos()) / 1e6,
              polled.lastRoundNanos / 1e6,
              polled.complete);
      clean = sample.exact();
      return sample;
    } finally {
      if (!clean) {
        // Late or stray messages must not count in the next window: start it afresh.
        subject.discard(operation);
      }
    }
  }

  /**
   * How waiting for the deliveries ended.
   *
   * @param complete whether every queue held a message per call before the time limit
   * @param endNanos {@link System#nanoTime()} at the end of the last round of polling
   * @param lastRoundNanos how long that round took
   */
  private record Polled(boolean complete, long endNanos, long lastRoundNanos) {}

  /**
   * Polls every queue's {@code ApproximateNumberOfMessages} (exact while nothing is received or in
   * flight) until each holds {@code expected}, or the time limit passes; a round stops at the first
   * queue that is short.
   */
  private Polled awaitCounts(SqsClient sqs, List<String> queueUrls, long expected, long from) {
    long deadline = from + deliveryLimit.toNanos();
    while (true) {
      long started = System.nanoTime();
      boolean all = true;
      for (String queueUrl : queueUrls) {
        if (visible(sqs, queueUrl) < expected) {
          all = false;
          break;
        }
      }
      long now = System.nanoTime();
      if (all) {
        return new Polled(true, now, now - started);
      }
      if (now - deadline > 0) {
        return new Polled(false, now, now - started);
      }
      Load.pause(POLL_PAUSE);
    }
  }

  private static long visible(SqsClient sqs, String queueUrl) {
    return Long.parseLong(
        sqs.getQueueAttributes(
                get ->
                    get.queueUrl(queueUrl)
                        .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
            .attributes()
            .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
  }

  private record Check(long delivered, long missing, long duplicated) {}

  /**
   * Receives and deletes everything from every queue (several queues at once), and counts which of
   * the numbers {@code 0..calls-1} each held, and how many it held more than once.
   */
  private static Check drain(SqsClient sqs, List<String> queueUrls, long calls, boolean enveloped) {
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(DRAIN_THREADS, queueUrls.size()));
    try {
      List<Future<Check>> checks = new ArrayList<>();
      for (String queueUrl : queueUrls) {
        checks.add(pool.submit(() -> drain(sqs, queueUrl, calls, enveloped)));
      }
      long delivered = 0;
      long missing = 0;
      long duplicated = 0;
      for (Future<Check> check : checks) {
        Check one = check.get();
        delivered += one.delivered;
        missing += one.missing;
        duplicated += one.duplicated;
      }
      return new Check(delivered, missing, duplicated);
    } catch (ExecutionException e) {
      throw new IllegalStateException("Draining a queue failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } finally {
      pool.shutdownNow();
    }
  }

  private static Check drain(SqsClient sqs, String queueUrl, long calls, boolean enveloped) {
    // Long enough that nothing received comes back before it is deleted.
    ReceiveMessageRequest receive =
        ReceiveMessageRequest.builder()
            .queueUrl(queueUrl)
            .maxNumberOfMessages(10)
            .visibilityTimeout(600)
            .waitTimeSeconds(0)
            .build();
    BitSet seen = new BitSet();
    long duplicated = 0;
    while (true) {
      List<Message> messages = sqs.receiveMessage(receive).messages();
      if (messages.isEmpty()) {
        break;
      }
      List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>(messages.size());
      for (Message message : messages) {
        long number = number(message.body(), enveloped);
        if (number < 0 || number >= calls) {
          throw new IllegalStateException(
              "Unexpected message in " + queueUrl + ": " + message.body());
        }
        if (seen.get((int) number)) {
          duplicated++;
        } else {
          seen.set((int) number);
        }
        entries.add(
            DeleteMessageBatchRequestEntry.builder()
                .id(Integer.toString(entries.size()))
                .receiptHandle(message.receiptHandle())
                .build());
      }
      DeleteMessageBatchResponse deleted =
          sqs.deleteMessageBatch(batch -> batch.queueUrl(queueUrl).entries(entries));
      if (!deleted.failed().isEmpty()) {
        throw new IllegalStateException("Delete failed: " + deleted.failed());
      }
    }
    long delivered = seen.cardinality();
    return new Check(delivered, calls - delivered, duplicated);
  }

  /** The number the message was published with, or -1 if it carries none where it should. */
  private static long number(String body, boolean enveloped) {
    Matcher matcher = (enveloped ? ENVELOPED : PLAIN).matcher(body);
    return matcher.find() ? Long.parseLong(matcher.group(1)) : -1;
  }

  /** What one measurement publishes or sends to, created before and deleted after it. */
  private record Fixture(String topicArn, List<String> queueUrls) {}

  /** A target with its clients. */
  private final class Subject implements AutoCloseable {
    final TargetKind kind;
    final SqsTarget target;
    final SqsClient sqs;
    final SnsClient sns;
    final Map<Operation, Fixture> fixtures = new EnumMap<>(Operation.class);
    int created;

    Subject(TargetKind kind) {
      this.kind = kind;
      this.target = SqsTarget.start(kind, "");
      int threads = threadCounts.stream().mapToInt(Integer::intValue).max().orElse(1);
      int connections = Math.max(threads, DRAIN_THREADS) + 2;
      this.sqs = Clients.sqs(target.endpoint(), connections);
      this.sns = Clients.sns(target.endpoint(), connections);
    }

    /**
     * The topic and queues of {@code operation}, created on first use; every window leaves the
     * queues empty, so the next one starts from the same state, without paying for the set-up again
     * (Moto creates a signing key per subscription on its first enveloped delivery).
     */
    Fixture fixture(Operation operation) {
      return fixtures.computeIfAbsent(operation, this::create);
    }

    void discard(Operation operation) {
      Fixture fixture = fixtures.remove(operation);
      if (fixture != null) {
        delete(fixture);
      }
    }

    private Fixture create(Operation operation) {
      String name = "fanout-" + (++created);
      if (!operation.publishes) {
        return new Fixture(null, List.of(createQueue(name)));
      }
      String topicArn = sns.createTopic(create -> create.name(name)).topicArn();
      List<String> queueUrls = new ArrayList<>();
      for (int i = 0; i < queues; i++) {
        String queueUrl = createQueue(name + "-" + i);
        queueUrls.add(queueUrl);
        String queueArn =
            sqs.getQueueAttributes(
                    get -> get.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes()
                .get(QueueAttributeName.QUEUE_ARN);
        sns.subscribe(
            subscribe -> {
              subscribe.topicArn(topicArn).protocol("sqs").endpoint(queueArn);
              if (operation.raw) {
                subscribe.attributes(Map.of("RawMessageDelivery", "true"));
              }
            });
      }
      return new Fixture(topicArn, queueUrls);
    }

    private String createQueue(String name) {
      return sqs.createQueue(create -> create.queueName(name)).queueUrl();
    }

    private void delete(Fixture fixture) {
      if (fixture.topicArn != null) {
        sns.deleteTopic(delete -> delete.topicArn(fixture.topicArn));
      }
      fixture.queueUrls.forEach(queueUrl -> sqs.deleteQueue(delete -> delete.queueUrl(queueUrl)));
    }

    @Override
    public void close() {
      new ArrayList<>(fixtures.keySet()).forEach(this::discard);
      sqs.close();
      sns.close();
      target.close();
    }
  }
}
