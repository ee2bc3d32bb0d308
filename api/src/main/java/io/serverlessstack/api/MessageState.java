package io.serverlessstack.api;

/** Where a queued message is in its life. */
public enum MessageState {
  /** Sent with a delay that has not passed yet. */
  DELAYED,
  /** Available to the next receive. */
  VISIBLE,
  /** Received and not yet deleted; hidden until its visibility timeout ends. */
  IN_FLIGHT
}
