package io.serverlessstack.fake.handlers;

/** Leaves its input type a type variable with no bound: the runtime cannot read its input. */
public class Untyped<T> extends TypedHandler<T, String> {

  @Override
  protected String handle(T input) {
    return String.valueOf(input);
  }
}
