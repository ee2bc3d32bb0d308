package io.serverlessstack.fake.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

/** A generic base handler, whose subclasses fix its input and output types. */
public abstract class TypedHandler<I, O> implements RequestHandler<I, O> {

  @Override
  public O handleRequest(I input, Context context) {
    return handle(input);
  }

  protected abstract O handle(I input);
}
