package io.serverlessstack.fake;

import static org.assertj.core.api.Assertions.assertThat;

import io.serverlessstack.api.JournalEvent;
import io.serverlessstack.api.QueueView;
import io.serverlessstack.api.SqsEvents;
import io.serverlessstack.api.StackDefaults;
import io.serverlessstack.fake.clock.VirtualClock;
import io.serverlessstack.fake.internal.delivery.Delivery;
import io.serverlessstack.fake.internal.delivery.DeliveryBus;
import io.serverlessstack.fake.internal.delivery.DeliveryBus.Ordering;
import io.serverlessstack.fake.internal.delivery.DeliveryOutcome;
import io.serverlessstack.fake.internal.delivery.RetryPolicy;
import io.serverlessstack.fake.internal.protocol.AwsErrorException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The delivery bus of a running stack: concurrent producers, slow and failing targets, delivery
 * into SQS queues seen by a real SDK client, per-target order, retries on the stack's clock.
 */
class DeliveryBusTest {

  private static final String ACCOUNT = StackDefaults.ACCOUNT_ID;
  private static final String REGION = StackDefaults.REGION;

  @RegisterExtension static final SqsStack stack = SqsStack.withSystemClock();

  private static String functionArn(String name) {
    return "arn:aws:lambda:" + REGION + ":" + ACCOUNT + ":function:" + name;
  }

  private static String queueArn(String url) {
    return stack
        .sqs()
        .getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
        .attributes()
        .get(QueueAttributeName.QUEUE_ARN);
  }

  @Test
  void concurrentProducersGetExactlyOneOutcomePerDeliveryWhileTheEventLoopStaysFree()
      throws Exception {
    DeliveryBus bus = stack.server().deliveryBus();
    String queueUrl = stack.createQueue("bus-storm");
    String queueArn = queueArn(queueUrl);
    Set<String> targetThreads = ConcurrentHashMap.newKeySet();
    Map<String, AtomicInteger> accepted = new ConcurrentHashMap<>();
    CountDownLatch slowBusy = new CountDownLatch(1);
    CountDownLatch measured = new CountDownLatch(1);
    String fast = functionArn("fast");
    String slow = functionArn("slow");
    String throwing = functionArn("throwing");
    bus.register(
        fast,
        Ordering.CONCURRENT,
        delivery -> {
          targetThreads.add(Thread.currentThread().getName());
          accepted.computeIfAbsent(delivery.id(), id -> new AtomicInteger()).incrementAndGet();
          return "ok-" + delivery.id();
        });
    bus.register(
        slow,
        Ordering.CONCURRENT,
        delivery -> {
          targetThreads.add(Thread.currentThread().getName());
          accepted.computeIfAbsent(delivery.id(), id -> new AtomicInteger()).incrementAndGet();
          if (delivery.body().equals("block")) {
            slowBusy.countDown();
            // Busy until the test has measured the front door meanwhile (at most 20 s).
            measured.await(20, TimeUnit.SECONDS);
          } else if (delivery.id().endsWith("00")) {
            Thread.sleep(5);
          }
          return null;
        });
    bus.register(
        throwing,
        Ordering.CONCURRENT,
        delivery -> {
          targetThreads.add(Thread.currentThread().getName());
          accepted.computeIfAbsent(delivery.id(), id -> new AtomicInteger()).incrementAndGet();
          throw new IllegalStateException("refused " + delivery.id());
        });
    List<String> targets = List.of(fast, slow, throwing, queueArn);

    // The slow target is busy first, and stays busy while the producers run.
    var blocker = bus.deliver(slow, Delivery.of("blocker", null, "block")).toCompletableFuture();
    assertThat(slowBusy.await(10, TimeUnit.SECONDS)).isTrue();

    int producers = 8;
    int perProducer = 2_000;
    Map<String, DeliveryOutcome> outcomes = new ConcurrentHashMap<>();
    AtomicInteger duplicateOutcomes = new AtomicInteger();
    AtomicLong slowestDeliverCallNanos = new AtomicLong();
    CountDownLatch allOutcomes = new CountDownLatch(producers * perProducer);
    ExecutorService pool = Executors.newFixedThreadPool(producers);
    List<Future<?>> running = new ArrayList<>();
    for (int p = 0; p < producers; p++) {
      int producer = p;
      running.add(
          pool.submit(
              () -> {
                for (int i = 0; i < perProducer; i++) {
                  String id = "p" + producer + "-" + i + "00".substring(i % 3 == 0 ? 0 : 2);
                  String target = targets.get(i % targets.size());
                  long start = System.nanoTime();
                  bus.deliver(target, Delivery.of(id, null, "body of " + id))
                      .whenComplete(
                          (outcome, error) -> {
                            if (outcomes.putIfAbsent(id, outcome) != null) {
                              duplicateOutcomes.incrementAndGet();
                            }
                            allOutcomes.countDown();
                          });
                  slowestDeliverCallNanos.accumulateAndGet(System.nanoTime() - start, Math::max);
                }
              }));
    }
    for (Future<?> future : running) {
      future.get(60, TimeUnit.SECONDS);
    }

    // While the slow target still holds a bus thread, the front door answers at once.
    SqsClient sqs = stack.sqs();
    long slowestRoundTrip = 0;
    for (int i = 0; i < 20; i++) {
      long start = System.nanoTime();
      sqs.listQueues();
      sqs.sendMessage(b -> b.queueUrl(stack.createQueue("bus-probe")).messageBody("probe"));
      slowestRoundTrip = Math.max(slowestRoundTrip, System.nanoTime() - start);
    }
    assertThat(blocker).isNotDone();
    measured.countDown();

    assertThat(allOutcomes.await(60, TimeUnit.SECONDS)).isTrue();
    pool.shutdown();
    assertThat(blocker.get(10, TimeUnit.SECONDS)).isInstanceOf(DeliveryOutcome.Delivered.class);

    assertThat(Duration.ofNanos(slowestRoundTrip)).isLessThan(Duration.ofSeconds(3));
    assertThat(Duration.ofNanos(slowestDeliverCallNanos.get())).isLessThan(Duration.ofSeconds(1));
    assertThat(duplicateOutcomes).hasValue(0);
    assertThat(outcomes).hasSize(producers * perProducer);
    // Every target ran on the bus's threads only: never on a Netty event loop or a producer.
    assertThat(targetThreads).allMatch(name -> name.startsWith(DeliveryBus.THREAD_PREFIX));

    int queued = 0;
    for (DeliveryOutcome outcome : outcomes.values()) {
      String id = outcome.delivery().id();
      assertThat(outcome.attempts()).isEqualTo(1);
      if (outcome.targetArn().equals(throwing)) {
        assertThat(outcome).isInstanceOf(DeliveryOutcome.TargetFailed.class);
        assertThat(((DeliveryOutcome.TargetFailed) outcome).failure())
            .isInstanceOf(IllegalStateException.class)
            .hasMessage("refused " + id);
      } else {
        assertThat(outcome).isInstanceOf(DeliveryOutcome.Delivered.class);
      }
      if (outcome.targetArn().equals(fast)) {
        assertThat(((DeliveryOutcome.Delivered) outcome).receipt()).isEqualTo("ok-" + id);
      }
      if (outcome.targetArn().equals(queueArn)) {
        queued++;
      } else {
        assertThat(accepted.get(id)).as("calls for %s", id).hasValue(1);
      }
    }
    assertThat(accepted).hasSize(producers * perProducer - queued + 1); // + the blocker

    // The queue holds each of its deliveries once, each message id the one its outcome reported.
    QueueView queue =
        stack.server().inspector().queues().stream()
            .filter(view -> view.arn().equals(queueArn))
            .findFirst()
            .orElseThrow();
    assertThat(queue.messages()).hasSize(queued);
    Set<String> bodies = ConcurrentHashMap.newKeySet();
    queue.messages().forEach(message -> assertThat(bodies.add(message.body())).isTrue());
    Set<String> messageIds = ConcurrentHashMap.newKeySet();
    queue.messages().forEach(message -> messageIds.add(message.messageId()));
    for (DeliveryOutcome outcome : outcomes.values()) {
      if (outcome.targetArn().equals(queueArn)) {
        assertThat(messageIds).contains(((DeliveryOutcome.Delivered) outcome).receipt());
        assertThat(bodies).contains("body of " + outcome.delivery().id());
      }
    }
  }

  @Test
  void deliveryToAQueueArrivesAsAMessageWithItsBodyAndAttributesAndIsJournaled() throws Exception {
    String url = stack.createQueue("bus-target");
    String arn = queueArn(url);
    String topicArn = "arn:aws:sns:" + REGION + ":" + ACCOUNT + ":orders";
    Delivery delivery =
        Delivery.of("d-1", topicArn, "{\"order\":42}")
            .withAttributes(
                Map.of(
                    "kind", Delivery.Attribute.string("created"),
                    "amount", Delivery.Attribute.number("12.5"),
                    "blob", Delivery.Attribute.binary("bytes".getBytes(StandardCharsets.UTF_8))));

    DeliveryOutcome outcome =
        stack
            .server()
            .deliveryBus()
            .deliver(arn, delivery)
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);

    assertThat(outcome).isInstanceOf(DeliveryOutcome.Delivered.class);
    String messageId = ((DeliveryOutcome.Delivered) outcome).receipt();
    List<Message> received =
        stack
            .sqs()
            .receiveMessage(b -> b.queueUrl(url).messageAttributeNames("All").waitTimeSeconds(1))
            .messages();
    assertThat(received).hasSize(1);
    Message message = received.get(0);
    assertThat(message.messageId()).isEqualTo(messageId);
    assertThat(message.body()).isEqualTo("{\"order\":42}");
    assertThat(message.messageAttributes())
        .containsEntry(
            "kind",
            MessageAttributeValue.builder().dataType("String").stringValue("created").build())
        .containsEntry(
            "amount",
            MessageAttributeValue.builder().dataType("Number").stringValue("12.5").build());
    assertThat(message.messageAttributes().get("blob").binaryValue().asUtf8String())
        .isEqualTo("bytes");
    List<JournalEvent> sent =
        stack.server().inspector().journal().stream()
            .filter(event -> event.type().equals(SqsEvents.MESSAGE_SENT))
            .filter(event -> event.resource().equals("bus-target"))
            .toList();
    assertThat(sent).hasSize(1);
    assertThat(sent.get(0).detail(SqsEvents.Details.MESSAGE_ID)).isEqualTo(messageId);
    assertThat(sent.get(0).detail(SqsEvents.Details.BODY)).isEqualTo("{\"order\":42}");
    assertThat(sent.get(0).detail(SqsEvents.Details.ATTRIBUTE_PREFIX + "kind"))
        .isEqualTo("created");
  }

  @Test
  void aDeliveryThatSendMessageWouldRefuseFailsWithSendMessagesError() throws Exception {
    String arn = queueArn(stack.createQueue("bus-refusing"));
    DeliveryOutcome empty =
        stack
            .server()
            .deliveryBus()
            .deliver(arn, Delivery.of("e", null, ""))
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
    DeliveryOutcome badAttribute =
        stack
            .server()
            .deliveryBus()
            .deliver(
                arn,
                Delivery.of("n", null, "x")
                    .withAttributes(Map.of("n", Delivery.Attribute.number("not a number"))))
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);

    assertThat(((DeliveryOutcome.TargetFailed) empty).failure())
        .isInstanceOfSatisfying(
            AwsErrorException.class,
            error -> assertThat(error.queryCode()).isEqualTo("MissingParameter"));
    assertThat(((DeliveryOutcome.TargetFailed) badAttribute).failure())
        .isInstanceOfSatisfying(
            AwsErrorException.class,
            error ->
                assertThat(error.getMessage())
                    .isEqualTo(
                        "Can't cast the value of message (user) attribute 'n' to a number."));
    assertThat(stack.server().inspector().queues().get(0).messages()).isEmpty();
  }

  @Test
  void typedSendMessageChecksAsSendMessageDoesAndReachesSdkClients() {
    String url = stack.createFifoQueue("typed.fifo", Map.of());
    var engine = stack.server().sqsEngine();

    AwsErrorException noGroup =
        org.junit.jupiter.api.Assertions.assertThrows(
            AwsErrorException.class,
            () -> engine.sendMessage(ACCOUNT, REGION, "typed.fifo", "x", null, null, "d", null));
    AwsErrorException missingQueue =
        org.junit.jupiter.api.Assertions.assertThrows(
            AwsErrorException.class,
            () -> engine.sendMessage(ACCOUNT, REGION, "nope", "x", null, null, null, null));
    String id = engine.sendMessage(ACCOUNT, REGION, "typed.fifo", "hello", null, "g", "d1", null);
    String again =
        engine.sendMessage(
            ACCOUNT, REGION, queueArn(url), "hello again", Map.of(), "g", "d1", null);

    assertThat(noGroup.queryCode()).isEqualTo("MissingParameter");
    assertThat(missingQueue.queryCode()).isEqualTo("AWS.SimpleQueueService.NonExistentQueue");
    assertThat(again).isEqualTo(id); // deduplicated, as SendMessage answers
    List<Message> received =
        stack.sqs().receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)).messages();
    assertThat(received).extracting(Message::messageId).containsExactly(id);
    assertThat(received).extracting(Message::body).containsExactly("hello");
  }

  @Test
  void anOrderedTargetTakesItsDeliveriesOneAtATimeInSubmissionOrder() throws Exception {
    DeliveryBus bus = stack.server().deliveryBus();
    List<String> seen = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger overlaps = new AtomicInteger();
    String arn = functionArn("ordered");
    bus.register(
        arn,
        Ordering.ORDERED,
        delivery -> {
          if (inside.incrementAndGet() > 1) {
            overlaps.incrementAndGet();
          }
          if (delivery.id().endsWith("7")) {
            Thread.sleep(1);
          }
          seen.add(delivery.id());
          inside.decrementAndGet();
          return null;
        });
    List<String> sent = new ArrayList<>();
    List<java.util.concurrent.CompletableFuture<DeliveryOutcome>> outcomes = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      sent.add("m" + i);
      outcomes.add(bus.deliver(arn, Delivery.of("m" + i, null, "x")).toCompletableFuture());
    }
    for (var outcome : outcomes) {
      assertThat(outcome.get(30, TimeUnit.SECONDS).delivered()).isTrue();
    }

    assertThat(seen).containsExactlyElementsOf(sent);
    assertThat(overlaps).hasValue(0);
  }

  @Test
  void aFifoQueueReceivesBusDeliveriesInSubmissionOrder() throws Exception {
    String url = stack.createFifoQueue("bus-ordered.fifo", Map.of());
    String arn = queueArn(url);
    DeliveryBus bus = stack.server().deliveryBus();
    List<java.util.concurrent.CompletableFuture<DeliveryOutcome>> outcomes = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      outcomes.add(
          bus.deliver(arn, Delivery.of("f" + i, null, "m" + i).withGroup("g", "dedup-" + i))
              .toCompletableFuture());
    }
    for (var outcome : outcomes) {
      assertThat(outcome.get(30, TimeUnit.SECONDS).delivered()).isTrue();
    }

    List<String> bodies = new ArrayList<>();
    while (bodies.size() < 100) {
      List<Message> batch =
          stack.sqs().receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)).messages();
      assertThat(batch).isNotEmpty();
      for (Message message : batch) {
        bodies.add(message.body());
        stack.sqs().deleteMessage(b -> b.queueUrl(url).receiptHandle(message.receiptHandle()));
      }
    }
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      expected.add("m" + i);
    }
    assertThat(bodies).containsExactlyElementsOf(expected);
  }

  @Test
  void aDeliveryToNothingOrToADeletedQueueFindsItsTargetMissing() throws Exception {
    DeliveryBus bus = stack.server().deliveryBus();
    String url = stack.createQueue("bus-deleted");
    String arn = queueArn(url);
    assertThat(bus.isRegistered(arn)).isTrue();
    stack.sqs().deleteQueue(b -> b.queueUrl(url));

    DeliveryOutcome deleted =
        bus.deliver(arn, Delivery.of("x", null, "x"))
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
    DeliveryOutcome nothing =
        bus.deliver(functionArn("none"), Delivery.of("y", null, "y"))
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);

    assertThat(bus.isRegistered(arn)).isFalse();
    assertThat(deleted).isInstanceOf(DeliveryOutcome.TargetMissing.class);
    assertThat(nothing).isInstanceOf(DeliveryOutcome.TargetMissing.class);
  }

  @Test
  void aStackResetTakesItsQueuesOffTheBus() {
    String arn = queueArn(stack.createQueue("bus-reset"));
    stack.server().reset();
    assertThat(stack.server().deliveryBus().isRegistered(arn)).isFalse();
  }

  @Test
  void aRetryPolicyRetriesOnTheStacksClockUntilTheTargetTakesIt() throws Exception {
    try (ServerlessStackServer manual =
        ServerlessStackServer.builder().withVirtualClock(SqsStack.START).start()) {
      DeliveryBus bus = manual.deliveryBus();
      AtomicInteger calls = new AtomicInteger();
      bus.register(
          functionArn("flaky"),
          Ordering.CONCURRENT,
          delivery -> {
            if (calls.incrementAndGet() < 3) {
              throw new IllegalStateException("not yet");
            }
            return "took it";
          });

      var outcome =
          bus.deliver(
                  functionArn("flaky"),
                  Delivery.of("r", null, "x"),
                  RetryPolicy.fixed(5, Duration.ofSeconds(10)))
              .toCompletableFuture();
      Await.until(() -> bus.retriesWaiting() == 1);
      Thread.sleep(50);
      assertThat(calls).hasValue(1); // the retry waits for the clock
      manual.virtualClock().orElseThrow().advance(Duration.ofSeconds(10));
      Await.until(() -> calls.get() == 2 && bus.retriesWaiting() == 1);
      manual.virtualClock().orElseThrow().advance(Duration.ofSeconds(10));

      DeliveryOutcome done = outcome.get(10, TimeUnit.SECONDS);
      assertThat(done).isInstanceOf(DeliveryOutcome.Delivered.class);
      assertThat(done.attempts()).isEqualTo(3);
      assertThat(((DeliveryOutcome.Delivered) done).receipt()).isEqualTo("took it");
    }
  }

  @Test
  void anOrderedTargetsRetryHoldsBackTheDeliveriesAfterIt() throws Exception {
    try (ServerlessStackServer manual =
        ServerlessStackServer.builder().withVirtualClock(SqsStack.START).start()) {
      DeliveryBus bus = manual.deliveryBus();
      List<String> seen = Collections.synchronizedList(new ArrayList<>());
      AtomicInteger failures = new AtomicInteger();
      bus.register(
          functionArn("fifo"),
          Ordering.ORDERED,
          delivery -> {
            if (delivery.id().equals("a") && failures.getAndIncrement() == 0) {
              throw new IllegalStateException("first try");
            }
            seen.add(delivery.id());
            return null;
          });
      RetryPolicy retry = RetryPolicy.fixed(2, Duration.ofSeconds(1));
      List<java.util.concurrent.CompletableFuture<DeliveryOutcome>> outcomes = new ArrayList<>();
      for (String id : List.of("a", "b", "c")) {
        outcomes.add(
            bus.deliver(functionArn("fifo"), Delivery.of(id, null, id), retry)
                .toCompletableFuture());
      }
      Await.until(() -> bus.retriesWaiting() == 1);
      Thread.sleep(50);
      assertThat(seen).isEmpty();

      manual.virtualClock().orElseThrow().advance(Duration.ofSeconds(1));
      for (var outcome : outcomes) {
        assertThat(outcome.get(10, TimeUnit.SECONDS).delivered()).isTrue();
      }

      assertThat(seen).containsExactly("a", "b", "c");
      assertThat(outcomes.get(0).get().attempts()).isEqualTo(2);
    }
  }

  @Test
  void closingTheStackEndsDeliveriesStillWaitingForARetry() throws Exception {
    java.util.concurrent.CompletableFuture<DeliveryOutcome> outcome;
    AtomicInteger calls = new AtomicInteger();
    try (ServerlessStackServer manual =
        ServerlessStackServer.builder().withVirtualClock(SqsStack.START).start()) {
      DeliveryBus bus = manual.deliveryBus();
      bus.register(
          functionArn("down"),
          Ordering.ORDERED,
          delivery -> {
            calls.incrementAndGet();
            throw new IllegalStateException("down");
          });
      outcome =
          bus.deliver(
                  functionArn("down"),
                  Delivery.of("c", null, "x"),
                  RetryPolicy.fixed(5, Duration.ofMinutes(1)))
              .toCompletableFuture();
      Await.until(() -> bus.retriesWaiting() == 1);
    }
    DeliveryOutcome closed = outcome.get(10, TimeUnit.SECONDS);
    assertThat(closed).isInstanceOf(DeliveryOutcome.BusClosed.class);
    assertThat(closed.attempts()).isEqualTo(1);
  }

  @Test
  void aFullMailboxRefusesADeliveryAtOnceAndEveryAcceptedOneStillArrives() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<String> taken = Collections.synchronizedList(new ArrayList<>());
    try (VirtualClock clock = VirtualClock.manual(SqsStack.START);
        DeliveryBus bus = new DeliveryBus(clock, 2, 2)) {
      bus.register(
          functionArn("slow"),
          Ordering.CONCURRENT,
          delivery -> {
            entered.countDown();
            release.await();
            taken.add(delivery.id());
            return delivery.id();
          });
      // Two threads: the target runs one delivery at a time, and two more may wait.
      var running = deliver(bus, "slow", "1");
      assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
      var waiting = List.of(deliver(bus, "slow", "2"), deliver(bus, "slow", "3"));

      var refused = deliver(bus, "slow", "4");

      assertThat(refused).isDone();
      assertThat(refused.get())
          .isEqualTo(
              new DeliveryOutcome.MailboxFull(
                  functionArn("slow"), refused.get().delivery(), bus.mailboxCapacity()));
      assertThat(refused.get().delivery().id()).isEqualTo("4");
      assertThat(waiting).noneMatch(java.util.concurrent.CompletableFuture::isDone);
      release.countDown();
      assertThat(running.get(10, TimeUnit.SECONDS).delivered()).isTrue();
      for (var outcome : waiting) {
        assertThat(outcome.get(10, TimeUnit.SECONDS).delivered()).isTrue();
      }
      assertThat(deliver(bus, "slow", "5").get(10, TimeUnit.SECONDS).delivered())
          .as("room again once the mailbox drained")
          .isTrue();
      assertThat(taken).containsExactlyInAnyOrder("1", "2", "3", "5");
    }
  }

  @Test
  void aStackResetEndsDeliveriesWaitingForARetryAsTargetMissingAndTakesNewTargets()
      throws Exception {
    try (ServerlessStackServer manual =
        ServerlessStackServer.builder().withVirtualClock(SqsStack.START).start()) {
      DeliveryBus bus = manual.deliveryBus();
      AtomicInteger calls = new AtomicInteger();
      bus.register(
          functionArn("down"),
          Ordering.CONCURRENT,
          delivery -> {
            calls.incrementAndGet();
            throw new IllegalStateException("down");
          });
      var retrying =
          bus.deliver(
                  functionArn("down"),
                  Delivery.of("r", null, "x"),
                  RetryPolicy.fixed(5, Duration.ofSeconds(10)))
              .toCompletableFuture();
      Await.until(() -> bus.retriesWaiting() == 1);

      manual.reset();

      assertThat(retrying.get(10, TimeUnit.SECONDS))
          .isEqualTo(
              new DeliveryOutcome.TargetMissing(functionArn("down"), Delivery.of("r", null, "x")));
      assertThat(bus.retriesWaiting()).isZero();
      assertThat(bus.isRegistered(functionArn("down"))).isFalse();
      // The retry's clock task finds it ended: the target is not called again.
      manual.virtualClock().orElseThrow().advance(Duration.ofSeconds(10));
      assertThat(calls).hasValue(1);
      bus.register(functionArn("up"), Ordering.CONCURRENT, delivery -> "took " + delivery.id());
      assertThat(deliver(bus, "up", "n").get(10, TimeUnit.SECONDS))
          .isInstanceOf(DeliveryOutcome.Delivered.class);
    }
  }

  @Test
  void closingTheBusInterruptsABlockedTargetAndReturnsWithNoBusThreadLeft() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    Set<Thread> used = ConcurrentHashMap.newKeySet();
    java.util.concurrent.CompletableFuture<DeliveryOutcome> blocked;
    try (VirtualClock clock = VirtualClock.manual(SqsStack.START)) {
      DeliveryBus bus = new DeliveryBus(clock, 2);
      bus.register(
          functionArn("stuck"),
          Ordering.CONCURRENT,
          delivery -> {
            used.add(Thread.currentThread());
            entered.countDown();
            new CountDownLatch(1).await(); // until interrupted
            return null;
          });
      blocked = deliver(bus, "stuck", "b");
      assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

      bus.close();
    }

    assertThat(used).isNotEmpty().noneMatch(Thread::isAlive);
    DeliveryOutcome outcome = blocked.get(10, TimeUnit.SECONDS);
    assertThat(outcome).isInstanceOf(DeliveryOutcome.TargetFailed.class);
    assertThat(((DeliveryOutcome.TargetFailed) outcome).failure())
        .isInstanceOf(InterruptedException.class);
  }

  private static java.util.concurrent.CompletableFuture<DeliveryOutcome> deliver(
      DeliveryBus bus, String function, String id) {
    return bus.deliver(functionArn(function), Delivery.of(id, null, id)).toCompletableFuture();
  }
}
