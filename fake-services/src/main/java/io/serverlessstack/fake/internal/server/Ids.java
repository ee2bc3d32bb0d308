package io.serverlessstack.fake.internal.server;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Random ids in AWS's UUID form. Not {@link UUID#randomUUID()}: its SecureRandom costs a slow first
 * call and a shared lock on every call, and a fake's ids need to be unique, not unguessable.
 */
public final class Ids {

  private Ids() {}

  /** A random (version 4) UUID string. */
  public static String randomUuid() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long most = (random.nextLong() & ~0xF000L) | 0x4000L;
    long least = (random.nextLong() & ~(0b11L << 62)) | (0b10L << 62);
    return new UUID(most, least).toString();
  }
}
