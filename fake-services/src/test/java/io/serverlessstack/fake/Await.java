package io.serverlessstack.fake;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Waits for something other threads make true, failing after 10 s of wall time. */
public final class Await {

  private Await() {}

  public static void until(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Condition not met within 10 s");
      }
      Thread.sleep(5);
    }
  }
}
