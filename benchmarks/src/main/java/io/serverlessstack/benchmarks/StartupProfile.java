package io.serverlessstack.benchmarks;

import io.serverlessstack.fake.ServerlessStackServer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Where a cold start of the stack spends its time: a thread samples every busy thread's stack each
 * millisecond while the main thread starts the stack and then sends it one request, and the frames
 * found in the most samples are printed per phase. Run it in a fresh JVM; safepoint bias makes it
 * coarse, but class loading and static initialisation, which dominate a cold start, show up
 * clearly.
 *
 * <p>Usage: {@code StartupProfile [top]}
 */
public final class StartupProfile {

  /** Top frames of a thread that is waiting, not working. */
  private static final Set<String> WAITING =
      Set.of(
          "sun.nio.ch.EPoll.wait",
          "jdk.internal.misc.Unsafe.park",
          "java.lang.Object.wait",
          "java.lang.Thread.sleep",
          "sun.nio.ch.Net.poll",
          "sun.nio.ch.Net.accept",
          "java.lang.ref.Reference.waitForReferencePendingList",
          "java.lang.Thread.getStackTrace",
          "java.lang.Thread.dumpThreads");

  private StartupProfile() {}

  public static void main(String[] args) throws Exception {
    int top = args.length > 0 ? Integer.parseInt(args[0]) : 40;
    Map<String, Map<String, Integer>> byPhase = new HashMap<>();
    Map<String, Integer> samplesByPhase = new HashMap<>();
    String[] phase = {"start"};
    Thread sampler =
        new Thread(
            () -> {
              while (!Thread.currentThread().isInterrupted()) {
                Map<Thread, StackTraceElement[]> stacks = Thread.getAllStackTraces();
                synchronized (byPhase) {
                  String current = phase[0];
                  Map<String, Integer> counts =
                      byPhase.computeIfAbsent(current, p -> new HashMap<>());
                  samplesByPhase.merge(current, 1, Integer::sum);
                  stacks.forEach(
                      (thread, stack) -> {
                        if (thread != Thread.currentThread() && isBusy(stack)) {
                          addInclusive(counts, stack);
                        }
                      });
                }
                try {
                  Thread.sleep(1);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "sampler");
    sampler.setDaemon(true);
    sampler.start();
    long before = System.nanoTime();
    ServerlessStackServer stack = ServerlessStackServer.builder().withPort(0).start();
    long started = System.nanoTime();
    synchronized (byPhase) {
      phase[0] = "first request";
    }
    Clients.rawCreateQueue(stack.endpoint(), "probe");
    long served = System.nanoTime();
    sampler.interrupt();
    sampler.join();
    stack.close();
    System.out.printf(
        "start() %.1f ms, first request served %.1f ms after it%n",
        (started - before) / 1e6, (served - started) / 1e6);
    for (String name : new String[] {"start", "first request"}) {
      print(name, byPhase.getOrDefault(name, Map.of()), samplesByPhase.getOrDefault(name, 0), top);
    }
  }

  private static boolean isBusy(StackTraceElement[] stack) {
    return stack.length > 0
        && !WAITING.contains(stack[0].getClassName() + "." + stack[0].getMethodName());
  }

  private static void addInclusive(Map<String, Integer> counts, StackTraceElement[] stack) {
    Set<String> seen = new HashSet<>();
    for (StackTraceElement frame : stack) {
      String name = frame.getClassName() + "." + frame.getMethodName();
      if (seen.add(name)) {
        counts.merge(name, 1, Integer::sum);
      }
    }
  }

  private static void print(String phase, Map<String, Integer> counts, int samples, int top) {
    System.out.println("--- " + phase + ": frames in the most busy-thread samples, of " + samples);
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .limit(top)
        .forEach(
            entry ->
                System.out.printf(
                    "%5.1f%% %s%n", 100.0 * entry.getValue() / samples, entry.getKey()));
  }
}
