package io.serverlessstack.fake.internal.lambda;

import com.amazonaws.services.lambda.runtime.Context;

/**
 * A function's code as the runtime sees it: a JSON event in, a JSON answer out. What it throws is
 * the function's error, reported to the caller as Lambda reports it.
 */
@FunctionalInterface
public interface HandlerCode {

  /**
   * Runs the handler once.
   *
   * @param event the event, as JSON bytes
   * @return the answer, as JSON bytes ({@code null} as JSON for a handler that returns nothing)
   * @throws Throwable whatever the handler (or turning its input or output into JSON) threw
   */
  byte[] invoke(byte[] event, Context context) throws Throwable;
}
