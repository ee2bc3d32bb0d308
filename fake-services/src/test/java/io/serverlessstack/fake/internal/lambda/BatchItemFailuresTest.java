package io.serverlessstack.fake.internal.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * How a ReportBatchItemFailures answer is read, case by case as AWS's "Handling errors for an SQS
 * event source" lists them: an empty or null answer or list is a complete success; an answer Lambda
 * cannot read fails the whole batch.
 */
class BatchItemFailuresTest {

  static final Set<String> BATCH = Set.of("m-1", "m-2");

  static Set<String> read(String answer) {
    return SqsEventSource.reportedFailures(answer.getBytes(StandardCharsets.UTF_8), BATCH);
  }

  @Test
  void emptyOrNullAnswersAndListsMeanEverythingSucceeded() {
    for (String answer :
        new String[] {
          "", "null", "{}", "{\"batchItemFailures\":[]}", "{\"batchItemFailures\":null}"
        }) {
      assertThat(read(answer)).as(answer).isEmpty();
    }
  }

  @Test
  void theNamedItemsFailed() {
    assertThat(read("{\"batchItemFailures\":[{\"itemIdentifier\":\"m-2\"}]}"))
        .containsExactly("m-2");
  }

  @Test
  void anAnswerLambdaCannotReadFailsTheWholeBatch() {
    for (String answer :
        new String[] {
          "{not json",
          "\"done\"",
          "{\"batchItemFailures\":{}}",
          "{\"batchItemFailures\":[{\"itemIdentifier\":\"\"}]}",
          "{\"batchItemFailures\":[{\"itemIdentifier\":null}]}",
          "{\"batchItemFailures\":[{\"foo\":\"m-1\"}]}",
          "{\"batchItemFailures\":[{\"itemIdentifier\":\"m-3\"}]}"
        }) {
      assertThat(read(answer)).as(answer).isNull();
    }
  }
}
