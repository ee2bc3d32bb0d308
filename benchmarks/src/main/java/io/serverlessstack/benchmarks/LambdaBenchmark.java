package io.serverlessstack.benchmarks;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.serverlessstack.fake.JavaFunction;
import io.serverlessstack.fake.ServerlessStackServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * Lambda in the stack: Invoke round trips per second through the SDK v2 sync {@code LambdaClient},
 * beside SendMessage through {@code SqsClient} measured in the same rounds (the ratio says what a
 * handler run costs over a plain request), and SQS → function messages per second through an event
 * source mapping, beside ReceiveMessage(10) + DeleteMessageBatch(10) by a client in the same
 * rounds. The handlers do nothing, so the numbers are the stack's cost. Markdown on stdout,
 * progress on stderr.
 *
 * <p>Usage: {@code LambdaBenchmark}; knobs: {@code -Dbench.rounds} (5), {@code -Dbench.seconds}
 * (3), {@code -Dbench.threads} (1,4), {@code -Dbench.messages} (20000).
 */
public final class LambdaBenchmark {

  private final int rounds = Settings.integer("rounds", 5);
  private final Duration window = Duration.ofSeconds(Settings.integer("seconds", 3));
  private final List<Integer> threadCounts = Settings.integers("threads", "1,4");
  private final int messages = Settings.integer("messages", 20_000);

  /** Answers the event it got. */
  public static final class Echo implements RequestStreamHandler {
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context)
        throws java.io.IOException {
      input.transferTo(output);
    }
  }

  /** Counts the records of the SQS events it gets. */
  public static final class RecordCounter implements RequestHandler<Map<String, Object>, Void> {
    final LongAdder records = new LongAdder();

    @Override
    public Void handleRequest(Map<String, Object> event, Context context) {
      records.add(((List<?>) event.get("Records")).size());
      return null;
    }
  }

  private LambdaBenchmark() {}

  public static void main(String[] args) {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    Report.printEnvironment(args);
    double load = Report.loadAverage();
    new LambdaBenchmark().run();
    Report.printLoad(load);
  }

  private void run() {
    RecordCounter counter = new RecordCounter();
    try (ServerlessStackServer stack =
            ServerlessStackServer.builder()
                .withFunction(JavaFunction.of("echo", new Echo()))
                .withFunction(
                    JavaFunction.of("consumer", counter).withTimeout(Duration.ofSeconds(30)))
                .start();
        LambdaClient lambda = Clients.lambda(stack.endpoint(), 8);
        SqsClient sqs = Clients.sqs(stack.endpoint(), 8)) {
      System.out.println(
          "- "
              + rounds
              + " rounds; Invoke and SendMessage in windows of "
              + window.toSeconds()
              + " s after a "
              + Load.RAMP.toMillis()
              + " ms ramp; the mapping drains "
              + messages
              + " messages per round (batches of 10)");
      System.out.println();
      String sendQueue = sqs.createQueue(request -> request.queueName("sends")).queueUrl();
      SdkBytes payload = SdkBytes.fromUtf8String("{\"order\":\"o-1\",\"quantity\":2}");
      Load.Step invoke =
          () -> {
            lambda.invoke(request -> request.functionName("echo").payload(payload));
            return 1;
          };
      Load.Step send =
          () -> {
            sqs.sendMessage(request -> request.queueUrl(sendQueue).messageBody("o-1"));
            return 1;
          };
      System.err.println("warming up");
      for (int threads : threadCounts) {
        Load.run(threads, Load.RAMP, window, invoke);
        Load.run(threads, Load.RAMP, window, send);
      }
      drain(stack, sqs, lambda, counter, "warm-up");

      List<List<Double>> invokes = new ArrayList<>();
      List<List<Double>> sends = new ArrayList<>();
      threadCounts.forEach(threads -> invokes.add(new ArrayList<>()));
      threadCounts.forEach(threads -> sends.add(new ArrayList<>()));
      List<Double> mapped = new ArrayList<>();
      List<Double> polled = new ArrayList<>();
      for (int round = 1; round <= rounds; round++) {
        System.err.println("round " + round + " of " + rounds);
        for (int i = 0; i < threadCounts.size(); i++) {
          int threads = threadCounts.get(i);
          Load.settle();
          invokes.get(i).add(Load.run(threads, Load.RAMP, window, invoke));
          Load.settle();
          sends.get(i).add(Load.run(threads, Load.RAMP, window, send));
        }
        Load.settle();
        mapped.add(drain(stack, sqs, lambda, counter, "mapped-" + round));
        Load.settle();
        polled.add(pollAndDelete(sqs, "polled-" + round));
      }
      printInvoke(invokes, sends);
      printMapping(mapped, polled);
    }
  }

  /**
   * Fills a queue, then maps it to the counting function and times how long until every message was
   * handed to the handler and deleted.
   *
   * @return messages per second
   */
  private double drain(
      ServerlessStackServer stack,
      SqsClient sqs,
      LambdaClient lambda,
      RecordCounter counter,
      String queueName) {
    String url = fill(sqs, queueName);
    String arn =
        sqs.getQueueAttributes(
                request -> request.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
            .attributes()
            .get(QueueAttributeName.QUEUE_ARN);
    long before = counter.records.sum();
    long start = System.nanoTime();
    String uuid =
        lambda
            .createEventSourceMapping(
                request -> request.functionName("consumer").eventSourceArn(arn).batchSize(10))
            .uuid();
    while (counter.records.sum() - before < messages || remaining(sqs, url) > 0) {
      Load.pause(Duration.ofMillis(5));
      if (System.nanoTime() - start > Duration.ofMinutes(5).toNanos()) {
        throw new IllegalStateException(
            "The mapping handed over "
                + (counter.records.sum() - before)
                + " of "
                + messages
                + " messages in 5 minutes");
      }
    }
    double rate = messages * 1e9 / (System.nanoTime() - start);
    lambda.deleteEventSourceMapping(request -> request.uuid(uuid));
    sqs.deleteQueue(request -> request.queueUrl(url));
    if (counter.records.sum() - before != messages) {
      throw new IllegalStateException(
          "The handler got " + (counter.records.sum() - before) + " records for " + messages);
    }
    return rate;
  }

  /**
   * The same messages taken by a client: ReceiveMessage(10) then DeleteMessageBatch, one thread.
   */
  private double pollAndDelete(SqsClient sqs, String queueName) {
    String url = fill(sqs, queueName);
    long start = System.nanoTime();
    int taken = 0;
    while (taken < messages) {
      var received =
          sqs.receiveMessage(request -> request.queueUrl(url).maxNumberOfMessages(10)).messages();
      if (received.isEmpty()) {
        throw new IllegalStateException("The queue ran dry after " + taken + " messages");
      }
      List<software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry> entries =
          new ArrayList<>();
      for (int i = 0; i < received.size(); i++) {
        String handle = received.get(i).receiptHandle();
        entries.add(
            software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry.builder()
                .id("m" + i)
                .receiptHandle(handle)
                .build());
      }
      sqs.deleteMessageBatch(request -> request.queueUrl(url).entries(entries));
      taken += received.size();
    }
    double rate = messages * 1e9 / (System.nanoTime() - start);
    sqs.deleteQueue(request -> request.queueUrl(url));
    return rate;
  }

  private String fill(SqsClient sqs, String queueName) {
    String url = sqs.createQueue(request -> request.queueName(queueName)).queueUrl();
    Load.repeat(
        4,
        messages / 10,
        () -> {
          List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
          for (int i = 0; i < 10; i++) {
            entries.add(
                SendMessageBatchRequestEntry.builder().id("m" + i).messageBody("o-" + i).build());
          }
          sqs.sendMessageBatch(request -> request.queueUrl(url).entries(entries));
        });
    return url;
  }

  private static long remaining(SqsClient sqs, String url) {
    Map<QueueAttributeName, String> counts =
        sqs.getQueueAttributes(
                request ->
                    request
                        .queueUrl(url)
                        .attributeNames(
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
            .attributes();
    return Long.parseLong(counts.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
        + Long.parseLong(counts.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
  }

  private void printInvoke(List<List<Double>> invokes, List<List<Double>> sends) {
    System.out.println("## Invoke round trips (SDK v2 sync LambdaClient, Apache HTTP client)");
    System.out.println();
    System.out.println(
        "| threads | Invoke/s (median, range) | SendMessage/s, same rounds | Invoke / SendMessage"
            + " (median, range) |");
    System.out.println("|---|---|---|---|");
    for (int i = 0; i < threadCounts.size(); i++) {
      List<Double> invoke = invokes.get(i);
      List<Double> send = sends.get(i);
      System.out.println(
          "| "
              + threadCounts.get(i)
              + " | "
              + Stats.spread(invoke, 0)
              + " | "
              + Stats.fixed(Stats.median(send), 0)
              + " | "
              + Stats.spread(Stats.ratios(invoke, send), 2)
              + " |");
    }
    System.out.println();
  }

  private void printMapping(List<Double> mapped, List<Double> polled) {
    System.out.println("## SQS → function through an event source mapping");
    System.out.println();
    System.out.println(
        "| messages/s through the mapping (median, range) | ReceiveMessage(10) +"
            + " DeleteMessageBatch by one client, same rounds | mapping / client (median, range) |");
    System.out.println("|---|---|---|");
    System.out.println(
        "| "
            + Stats.spread(mapped, 0)
            + " | "
            + Stats.fixed(Stats.median(polled), 0)
            + " | "
            + Stats.spread(Stats.ratios(mapped, polled), 2)
            + " |");
    System.out.println();
  }
}
