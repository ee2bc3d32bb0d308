package io.serverlessstack.fake.internal.delivery;

import io.serverlessstack.fake.internal.clock.StackClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the stack's services reach each other without HTTP: a registry from ARN to {@link
 * DeliveryTarget}, and the threads that run the targets.
 *
 * <p>{@link #deliver} never blocks and never runs a target on the caller's thread: it queues the
 * delivery on its target's mailbox and returns a stage that completes, on a bus thread, with the
 * delivery's one {@link DeliveryOutcome}. Targets run on the bus's own small pool of named daemon
 * threads ({@value #THREAD_PREFIX}…), so user code (a Lambda handler, an HTTP subscriber) never
 * runs on a Netty event loop and a slow target cannot stall the front door. Each target takes at
 * most a few deliveries at once, so a slow one cannot take every thread either; an {@linkplain
 * Ordering#ORDERED ordered} target (a FIFO queue or topic) takes one at a time, in the order they
 * were delivered.
 *
 * <p>Each target's mailbox is bounded: a delivery to a target that already has {@linkplain
 * #mailboxCapacity() that many} waiting is refused at once as {@link DeliveryOutcome.MailboxFull},
 * never queued without limit and never dropped unseen; the sender decides what to do with it.
 *
 * <p>Retries are the sender's policy ({@link RetryPolicy}); waits between attempts follow the
 * stack's clock. {@link #poller} drives event source mappings from the same clock. {@link #reset}
 * stops every poller and forgets every target, as a stack reset forgets every resource; closing the
 * bus also ends its threads; deliveries still queued end as {@link DeliveryOutcome.BusClosed}.
 */
public final class DeliveryBus implements AutoCloseable {

  /** The names of the bus's threads start with this. */
  public static final String THREAD_PREFIX = "serverless-stack-delivery-";

  private static final Logger LOG = LoggerFactory.getLogger(DeliveryBus.class);

  /** Deliveries a mailbox runs before it yields its thread to other targets. */
  private static final int BATCH = 32;

  /** Deliveries that may wait per target unless a bus is built with another capacity. */
  public static final int DEFAULT_MAILBOX_CAPACITY = 10_000;

  /** How long {@link #close} lets running deliveries finish before it interrupts them. */
  private static final Duration CLOSE_GRACE = Duration.ofSeconds(1);

  /** How long {@link #close} waits for interrupted deliveries to end. */
  private static final Duration CLOSE_LIMIT = Duration.ofSeconds(5);

  /** How deliveries to one target may overlap. */
  public enum Ordering {
    /** One at a time, in the order {@link #deliver} was called (FIFO queues and topics). */
    ORDERED,
    /** Several at once, in no particular order. */
    CONCURRENT
  }

  private final StackClock clock;
  private final ThreadPoolExecutor executor;
  private final int perTargetConcurrency;
  private final int mailboxCapacity;
  private final Set<Thread> workers = ConcurrentHashMap.newKeySet();
  private final Map<String, Mailbox> targets = new ConcurrentHashMap<>();

  /** Targets also reached under qualified ARNs ({@code arn:qualifier}), by their own ARN. */
  private final Map<String, Qualified> qualified = new ConcurrentHashMap<>();

  /**
   * A target reached under its ARN and under qualified forms of it, e.g. a function under {@code
   * ...:function:worker:live}: it is told the qualifier ({@code null} for the plain ARN).
   */
  @FunctionalInterface
  public interface QualifiedTarget {
    String accept(String qualifier, Delivery delivery) throws Exception;
  }

  private record Qualified(Ordering ordering, QualifiedTarget target) {}

  private final Set<Poller> pollers = ConcurrentHashMap.newKeySet();

  /** Deliveries waiting on the clock for their next attempt, with the attempts made so far. */
  private final Map<Pending, Integer> waitingRetries = new ConcurrentHashMap<>();

  private final AtomicInteger threadNumber = new AtomicInteger();
  private volatile boolean closed;

  /**
   * A bus whose targets run on up to {@code threads} threads, each target on at most {@code max(1,
   * threads / 2)} of them at once, with up to {@value #DEFAULT_MAILBOX_CAPACITY} deliveries waiting
   * per target.
   */
  public DeliveryBus(StackClock clock, int threads) {
    this(clock, threads, DEFAULT_MAILBOX_CAPACITY);
  }

  /**
   * A bus whose targets run on up to {@code threads} threads, each target on at most {@code max(1,
   * threads / 2)} of them at once, with up to {@code mailboxCapacity} deliveries waiting per target
   * (besides those running or waiting for a retry).
   */
  public DeliveryBus(StackClock clock, int threads, int mailboxCapacity) {
    if (threads < 1) {
      throw new IllegalArgumentException("A bus needs a thread: " + threads);
    }
    if (mailboxCapacity < 1) {
      throw new IllegalArgumentException("A mailbox needs room: " + mailboxCapacity);
    }
    this.clock = Objects.requireNonNull(clock, "clock");
    this.mailboxCapacity = mailboxCapacity;
    this.perTargetConcurrency = Math.max(1, threads / 2);
    this.executor =
        new ThreadPoolExecutor(
            threads,
            threads,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            runnable -> {
              Thread thread = new Thread(runnable, THREAD_PREFIX + threadNumber.incrementAndGet());
              thread.setDaemon(true);
              // Kept so that close() can wait for every one to end; idle ones time out and go.
              workers.removeIf(old -> old.getState() == Thread.State.TERMINATED);
              workers.add(thread);
              return thread;
            });
    executor.allowCoreThreadTimeOut(true);
  }

  /**
   * A bus with as many threads as the machine has processors, at least four (targets mostly wait,
   * on user code or I/O) and at most eight.
   */
  public DeliveryBus(StackClock clock) {
    this(clock, Math.max(4, Math.min(8, Runtime.getRuntime().availableProcessors())));
  }

  StackClock clock() {
    return clock;
  }

  /** How many deliveries may wait per target before {@link #deliver} refuses more. */
  public int mailboxCapacity() {
    return mailboxCapacity;
  }

  // ---- registry

  /**
   * Registers {@code target} under {@code arn} (which carries its account and region), replacing
   * whatever was there; deliveries already queued for the replaced target find it missing.
   */
  public void register(String arn, Ordering ordering, DeliveryTarget target) {
    Objects.requireNonNull(arn, "arn");
    Objects.requireNonNull(ordering, "ordering");
    Objects.requireNonNull(target, "target");
    targets.put(arn, new Mailbox(arn, target, ordering, perTargetConcurrency));
  }

  /**
   * Registers {@code target} under {@code arn} and under every {@code arn:qualifier}; each
   * qualified form gets its own mailbox when first delivered to.
   */
  public void registerQualified(String arn, Ordering ordering, QualifiedTarget target) {
    Objects.requireNonNull(target, "target");
    unregister(arn);
    register(arn, ordering, delivery -> target.accept(null, delivery));
    qualified.put(arn, new Qualified(ordering, target));
  }

  /** The mailbox of a qualified form of a target registered with {@link #registerQualified}. */
  private Mailbox qualifiedMailbox(String arn) {
    int colon = arn.lastIndexOf(':');
    Qualified base = colon < 0 ? null : qualified.get(arn.substring(0, colon));
    if (base == null) {
      return null;
    }
    String qualifier = arn.substring(colon + 1);
    return targets.computeIfAbsent(
        arn,
        key ->
            new Mailbox(
                key,
                delivery -> base.target().accept(qualifier, delivery),
                base.ordering(),
                perTargetConcurrency));
  }

  /** Removes the target under {@code arn}, if it is {@code target}; returns whether it was. */
  public boolean unregister(String arn, DeliveryTarget target) {
    Mailbox mailbox = targets.get(arn);
    return mailbox != null && mailbox.target == target && targets.remove(arn, mailbox);
  }

  /** Removes whatever target is registered under {@code arn}, and its qualified forms. */
  public void unregister(String arn) {
    targets.remove(arn);
    if (qualified.remove(arn) != null) {
      targets.keySet().removeIf(key -> key.startsWith(arn + ":"));
    }
  }

  public boolean isRegistered(String arn) {
    return targets.containsKey(arn);
  }

  // ---- delivering

  /** Delivers once, without retries. */
  public CompletionStage<DeliveryOutcome> deliver(String arn, Delivery delivery) {
    return deliver(arn, delivery, RetryPolicy.NONE);
  }

  /**
   * Queues {@code delivery} for the target registered under {@code arn} and returns at once; the
   * stage completes with its outcome, retried as {@code retries} says. If the target's mailbox is
   * full the stage is already complete, with {@link DeliveryOutcome.MailboxFull}.
   */
  public CompletionStage<DeliveryOutcome> deliver(
      String arn, Delivery delivery, RetryPolicy retries) {
    Objects.requireNonNull(arn, "arn");
    Objects.requireNonNull(delivery, "delivery");
    Objects.requireNonNull(retries, "retries");
    CompletableFuture<DeliveryOutcome> outcome = new CompletableFuture<>();
    if (closed) {
      outcome.complete(new DeliveryOutcome.BusClosed(arn, delivery, 0));
      return outcome;
    }
    Mailbox mailbox = targets.get(arn);
    if (mailbox == null) {
      mailbox = qualifiedMailbox(arn);
    }
    if (mailbox == null) {
      outcome.complete(new DeliveryOutcome.TargetMissing(arn, delivery));
      return outcome;
    }
    if (!mailbox.add(new Pending(arn, delivery, retries, outcome))) {
      outcome.complete(new DeliveryOutcome.MailboxFull(arn, delivery, mailboxCapacity));
    }
    return outcome;
  }

  /** How many deliveries wait on the clock for their next attempt. */
  public int retriesWaiting() {
    return waitingRetries.size();
  }

  // ---- polling

  /**
   * Calls {@code poll} on a bus thread every {@code every} of the stack's clock, first at {@code
   * every} from now, until the poller is closed or the bus is; see {@link Poller}.
   */
  public Poller poller(String name, Duration every, Poller.Poll poll) {
    if (closed) {
      throw new IllegalStateException("The delivery bus is closed");
    }
    Poller poller = new Poller(this, name, every, poll);
    pollers.add(poller);
    poller.start();
    return poller;
  }

  void forget(Poller poller) {
    pollers.remove(poller);
  }

  /** Runs {@code task} on a bus thread; false if the bus is closed. */
  boolean execute(Runnable task) {
    if (closed) {
      return false;
    }
    try {
      executor.execute(task);
      return true;
    } catch (RejectedExecutionException shutDown) {
      return false;
    }
  }

  // ---- lifecycle

  /**
   * What a stack reset needs: stops every poller (the event source mappings of the resources the
   * reset deletes) and forgets every target; deliveries queued or waiting for a retry end as {@link
   * DeliveryOutcome.TargetMissing}. A poll or delivery already running finishes. The bus keeps its
   * threads and takes new targets and pollers at once.
   */
  public void reset() {
    new ArrayList<>(pollers).forEach(Poller::close);
    for (String arn : new ArrayList<>(targets.keySet())) {
      Mailbox mailbox = targets.remove(arn);
      if (mailbox != null) {
        mailbox.endAll(pending -> new DeliveryOutcome.TargetMissing(arn, pending.delivery));
      }
    }
    for (Pending pending : new ArrayList<>(waitingRetries.keySet())) {
      if (waitingRetries.remove(pending) != null) {
        pending.outcome.complete(
            new DeliveryOutcome.TargetMissing(pending.targetArn, pending.delivery));
      }
    }
  }

  /**
   * Stops the pollers, lets the deliveries being run finish (for up to a second), then interrupts
   * them, and returns once every bus thread has ended; every queued delivery ends as {@link
   * DeliveryOutcome.BusClosed}.
   */
  @Override
  public void close() {
    closed = true;
    new ArrayList<>(pollers).forEach(Poller::close);
    executor.shutdown();
    boolean interrupted = false;
    try {
      if (!executor.awaitTermination(CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        executor.shutdownNow();
      }
      // A terminated executor's workers may still be unwinding: wait for the threads themselves.
      long deadline = System.nanoTime() + CLOSE_LIMIT.toNanos();
      for (Thread thread : workers) {
        if (thread == Thread.currentThread()) {
          continue; // a target closed the stack: this thread ends when the target returns
        }
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left > 0) {
          thread.join(left);
        }
        if (thread.isAlive()) {
          LOG.warn(
              "Delivery thread {} did not end within {} of the bus closing; a target ignores"
                  + " interrupts",
              thread.getName(),
              CLOSE_LIMIT);
        }
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      interrupted = true;
    }
    for (Mailbox mailbox : targets.values()) {
      mailbox.closeAll();
    }
    targets.clear();
    for (Pending pending : new ArrayList<>(waitingRetries.keySet())) {
      Integer attempts = waitingRetries.remove(pending);
      if (attempts != null) {
        pending.outcome.complete(
            new DeliveryOutcome.BusClosed(pending.targetArn, pending.delivery, attempts));
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  public boolean isClosed() {
    return closed;
  }

  private record Pending(
      String targetArn,
      Delivery delivery,
      RetryPolicy retries,
      CompletableFuture<DeliveryOutcome> outcome) {}

  /**
   * One target's queue of deliveries and the bus threads draining it: at most {@code concurrency}
   * at once. A producer adds and then looks for a free slot; a drainer gives up its slot and then
   * looks for work, so a delivery is never left behind.
   */
  private final class Mailbox {
    final String arn;
    final DeliveryTarget target;
    final boolean ordered;
    final int concurrency;
    final Queue<Pending> queue = new ConcurrentLinkedQueue<>();

    /** The queue's size, which ConcurrentLinkedQueue can only count by walking it. */
    final AtomicInteger queued = new AtomicInteger();

    final AtomicInteger active = new AtomicInteger();

    Mailbox(String arn, DeliveryTarget target, Ordering ordering, int concurrency) {
      this.arn = arn;
      this.target = target;
      this.ordered = ordering == Ordering.ORDERED;
      this.concurrency = ordered ? 1 : concurrency;
    }

    /** Queues {@code pending} and starts a drainer if one may run; false if the queue is full. */
    boolean add(Pending pending) {
      int now;
      do {
        now = queued.get();
        if (now >= mailboxCapacity) {
          return false;
        }
      } while (!queued.compareAndSet(now, now + 1));
      queue.add(pending);
      spawn();
      return true;
    }

    Pending poll() {
      Pending next = queue.poll();
      if (next != null) {
        queued.decrementAndGet();
      }
      return next;
    }

    private void spawn() {
      while (true) {
        int now = active.get();
        if (now >= concurrency || queue.isEmpty()) {
          return;
        }
        if (active.compareAndSet(now, now + 1)) {
          if (!execute(() -> drain(null, 0))) {
            active.decrementAndGet();
            closeAll();
          }
          return;
        }
      }
    }

    /**
     * Runs up to {@link #BATCH} deliveries, {@code retry} (attempted {@code attempts} times so far)
     * first, then gives up the slot unless an ordered target's retry waits on the clock holding it.
     */
    private void drain(Pending retry, int attempts) {
      boolean keepSlot = false;
      try {
        if (retry != null) {
          keepSlot = attempt(retry, attempts);
          if (keepSlot) {
            return;
          }
        }
        for (int i = 0; i < BATCH && !closed; i++) {
          Pending next = poll();
          if (next == null) {
            break;
          }
          keepSlot = attempt(next, 0);
          if (keepSlot) {
            return;
          }
        }
      } finally {
        if (!keepSlot) {
          active.decrementAndGet();
          if (closed) {
            closeAll();
          } else {
            spawn();
          }
        }
      }
    }

    /**
     * One attempt; true if a retry of an ordered target's delivery was scheduled, which keeps this
     * drainer's slot until the retry has run.
     */
    private boolean attempt(Pending pending, int attemptsBefore) {
      if (targets.get(arn) != this) {
        pending.outcome.complete(new DeliveryOutcome.TargetMissing(arn, pending.delivery));
        return false;
      }
      int attempts = attemptsBefore + 1;
      String receipt;
      try {
        receipt = target.accept(pending.delivery);
      } catch (Throwable failure) { // whatever user code throws is the outcome, never lost
        Duration wait = null;
        try {
          wait = pending.retries.retryAfter(pending.delivery, failure, attempts);
        } catch (RuntimeException policyFailed) {
          LOG.warn("The retry policy for a delivery to {} failed", arn, policyFailed);
        }
        if (wait == null || closed) {
          pending.outcome.complete(
              closed && wait != null
                  ? new DeliveryOutcome.BusClosed(arn, pending.delivery, attempts)
                  : new DeliveryOutcome.TargetFailed(arn, pending.delivery, failure, attempts));
          return false;
        }
        // The deadline is fixed before the retry is counted as waiting: a clock moved past it
        // meanwhile runs the retry at once.
        Instant due = clock.now().plus(wait);
        waitingRetries.put(pending, attempts);
        clock.schedule(
            due,
            () -> {
              if (waitingRetries.remove(pending) == null) {
                return; // the bus closed meanwhile and ended it
              }
              // An ordered target's retry keeps the slot, so nothing overtakes it; another
              // target's retry runs beside the deliveries that went on meanwhile.
              Runnable retry =
                  ordered ? () -> drain(pending, attempts) : () -> attempt(pending, attempts);
              if (!execute(retry)) {
                pending.outcome.complete(
                    new DeliveryOutcome.BusClosed(arn, pending.delivery, attempts));
                if (ordered) {
                  active.decrementAndGet();
                }
              }
            });
        return ordered;
      }
      pending.outcome.complete(
          new DeliveryOutcome.Delivered(arn, pending.delivery, receipt, attempts));
      return false;
    }

    /** Ends every queued delivery as closed. */
    void closeAll() {
      endAll(pending -> new DeliveryOutcome.BusClosed(arn, pending.delivery, 0));
    }

    /** Ends every queued delivery with the outcome {@code ending} gives it. */
    void endAll(java.util.function.Function<Pending, DeliveryOutcome> ending) {
      Pending pending;
      List<Pending> ended = new ArrayList<>();
      while ((pending = poll()) != null) {
        ended.add(pending);
      }
      ended.forEach(each -> each.outcome.complete(ending.apply(each)));
    }
  }
}
