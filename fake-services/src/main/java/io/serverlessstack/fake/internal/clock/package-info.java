/**
 * The stack's time source as engines and the front door use it: {@link
 * io.serverlessstack.fake.internal.clock.StackClock} (scheduling, request tracking) and the system
 * clock. Not API; tests move time with {@link io.serverlessstack.fake.clock.VirtualClock} or {@link
 * io.serverlessstack.api.ClockControl}.
 */
package io.serverlessstack.fake.internal.clock;
