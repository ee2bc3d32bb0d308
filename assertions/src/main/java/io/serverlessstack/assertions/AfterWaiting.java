package io.serverlessstack.assertions;

import java.time.Duration;
import java.util.Locale;
import org.assertj.core.description.Description;
import org.assertj.core.description.TextDescription;
import org.assertj.core.error.ErrorMessageFactory;
import org.assertj.core.presentation.Representation;
import org.assertj.core.presentation.StandardRepresentation;

/** A failure that persisted through polling: says how long and how often it was checked. */
final class AfterWaiting implements ErrorMessageFactory {

  private final ErrorMessageFactory failure;
  private final Duration waited;
  private final int checks;

  AfterWaiting(ErrorMessageFactory failure, Duration waited, int checks) {
    this.failure = failure;
    this.waited = waited;
    this.checks = checks;
  }

  @Override
  public String create(Description description, Representation representation) {
    return failure.create(description, representation)
        + System.lineSeparator()
        + "(still not so after waiting "
        + waited.toString().substring(2).toLowerCase(Locale.ROOT)
        + " and checking "
        + checks
        + (checks == 1 ? " time)" : " times)");
  }

  @Override
  public String create(Description description) {
    return create(description, StandardRepresentation.STANDARD_REPRESENTATION);
  }

  @Override
  public String create() {
    return create(new TextDescription(""), StandardRepresentation.STANDARD_REPRESENTATION);
  }
}
