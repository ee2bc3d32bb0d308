/**
 * The {@linkplain io.serverlessstack.fake.clock.VirtualClock virtual clock} a test moves.
 *
 * <p><b>Stability:</b> what a test does with a {@link io.serverlessstack.fake.clock.VirtualClock}
 * (create it, read and advance it, hold it) is API; prefer {@link
 * io.serverlessstack.api.ClockControl} where a stack may also run in a container. Its scheduling
 * and request tracking serve the stack's engines and front door and are not API.
 */
package io.serverlessstack.fake.clock;
