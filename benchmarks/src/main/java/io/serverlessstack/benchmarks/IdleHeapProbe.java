package io.serverlessstack.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Child-JVM probe: the heap in use after full GCs, with a server started (and optionally after one
 * CreateQueue) or with nothing started, so that the parent can subtract the two.
 *
 * <p>Usage: {@code IdleHeapProbe NONE|STACK|ELASTICMQ [request]}
 */
public final class IdleHeapProbe {

  private IdleHeapProbe() {}

  public static void main(String[] args) throws Exception {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    SqsTarget target =
        args[0].equals("NONE") ? null : SqsTarget.start(TargetKind.valueOf(args[0]), "");
    if (target != null && args.length > 1 && args[1].equals("request")) {
      Clients.rawCreateQueue(target.endpoint(), "probe");
    }
    Thread.sleep(500); // let background start-up work (actor systems, timers) finish
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("heap_used", usedAfterGc(memory));
    result.put("nonheap_used", memory.getNonHeapMemoryUsage().getUsed());
    ChildJvm.report(result);
    System.exit(0); // ElasticMQ leaves non-daemon threads behind
  }

  /** Heap in use once repeated full collections stop freeing anything. */
  static long usedAfterGc(MemoryMXBean memory) throws InterruptedException {
    for (int i = 0; i < 5; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return memory.getHeapMemoryUsage().getUsed();
  }
}
