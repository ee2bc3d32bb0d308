package io.serverlessstack.fake.internal.apigateway.vtl;

import org.apache.velocity.app.event.InvalidReferenceEventHandler;
import org.apache.velocity.context.Context;
import org.apache.velocity.util.introspection.Info;

/**
 * What AWS makes of a reference that resolves to nothing ({@code $foo}, {@code $context.nothing}, a
 * property or method the object lacks, a {@code null} value): empty text, wherever it is used. It
 * renders as nothing (not as its own source, as plain Velocity would), and compares as {@code ""}:
 * AWS's recorded answers show a missing {@code $input.path} result equal both to {@code ""} and to
 * the undefined {@code $null}, which only an empty-text substitute gives.
 */
final class EmptyInvalidReferences implements InvalidReferenceEventHandler {

  static final EmptyInvalidReferences INSTANCE = new EmptyInvalidReferences();

  private EmptyInvalidReferences() {}

  @Override
  public Object invalidGetMethod(
      Context context, String reference, Object object, String property, Info info) {
    return "";
  }

  @Override
  public boolean invalidSetMethod(
      Context context, String leftReference, String rightReference, Info info) {
    // Go on rendering; the #set simply does not happen.
    return false;
  }

  @Override
  public Object invalidMethod(
      Context context, String reference, Object object, String method, Info info) {
    return "";
  }
}
