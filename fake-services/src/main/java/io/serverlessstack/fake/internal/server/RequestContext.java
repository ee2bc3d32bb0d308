package io.serverlessstack.fake.internal.server;

import io.serverlessstack.fake.internal.clock.StackClock;

/**
 * Who asked, where, and how to point back at the stack.
 *
 * @param accountId from the SigV4 access key when it is 12 digits, else {@code 000000000000}
 * @param region from the SigV4 credential scope
 * @param baseUrl {@code http://host:port} as the client addressed the stack
 * @param inFlight the request as the stack's clock sees it; an operation that waits on the clock (a
 *     long poll) {@linkplain StackClock.InFlight#park parks} it
 */
public record RequestContext(
    String accountId,
    String region,
    String requestId,
    String baseUrl,
    StackClock.InFlight inFlight) {

  /** The account and region the request acts in. */
  public Scope scope() {
    return new Scope(accountId, region);
  }
}
