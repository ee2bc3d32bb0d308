package io.serverlessstack.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/** Assertions on the errors real SDK clients report. */
public final class AwsErrors {

  private AwsErrors() {}

  /**
   * Runs {@code call} and asserts it failed with an {@code type} exception carrying the error code
   * the SDK reports (the legacy query code for query-compatible services) and the HTTP status.
   */
  public static <E extends AwsServiceException> E assertAwsError(
      ThrowingCallable call, Class<E> type, String errorCode, int status) {
    Throwable thrown = catchThrowable(call);
    while (thrown instanceof CompletionException || thrown instanceof ExecutionException) {
      thrown = thrown.getCause();
    }
    assertThat(thrown).as("the error of the call").isInstanceOf(type);
    E error = type.cast(thrown);
    assertThat(error.awsErrorDetails().errorCode()).as("errorCode").isEqualTo(errorCode);
    assertThat(error.statusCode()).as("statusCode").isEqualTo(status);
    return error;
  }
}
