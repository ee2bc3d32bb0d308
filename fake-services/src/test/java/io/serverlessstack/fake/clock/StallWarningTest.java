package io.serverlessstack.fake.clock;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.serverlessstack.fake.SqsStack;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

/**
 * A long poll on a manual clock that nobody advances would otherwise stall until its client times
 * out, with no hint why: the stack says so in its log. The tests log through slf4j-simple, which
 * writes to {@code System.err}.
 */
class StallWarningTest {

  @RegisterExtension static final SqsStack stack = SqsStack.withVirtualClock();

  @Test
  void aLongPollOnAManualClockThatNobodyAdvancesIsNamedInAWarning() throws Exception {
    String url = stack.createQueue("forgotten");
    String expected = "ReceiveMessage on queue forgotten (WaitTimeSeconds=5)";
    PrintStream original = System.err;
    Capture capture = new Capture(original, expected);
    System.setErr(new PrintStream(capture, true, StandardCharsets.UTF_8));
    CompletableFuture<ReceiveMessageResponse> waiting;
    String warning;
    try {
      // The case: a sync client's 5-second long poll, as a test thread would make it.
      waiting =
          CompletableFuture.supplyAsync(
              () -> stack.sqs().receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(5)));
      warning = capture.seen.get(10, SECONDS);
    } finally {
      System.setErr(original);
    }

    assertThat(warning)
        .contains("WARN")
        .contains(expected + " has waited 2 s on the stack's manual virtual clock")
        .contains("until the test advances the clock")
        .contains("ClockMode.SKIP_IDLE");
    assertThat(waiting).isNotDone();

    stack.advance(Duration.ofSeconds(5)); // the poll is parked: the warning came after it parked
    assertThat(waiting.get(5, SECONDS).messages()).isEmpty();
  }

  /** Passes everything on, and completes {@code seen} with the first line holding a text. */
  private static final class Capture extends OutputStream {
    final CompletableFuture<String> seen = new CompletableFuture<>();
    private final PrintStream passOn;
    private final String wanted;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    Capture(PrintStream passOn, String wanted) {
      this.passOn = passOn;
      this.wanted = wanted;
    }

    @Override
    public synchronized void write(int b) {
      passOn.write(b);
      if (b == '\n') {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        if (text.contains(wanted)) {
          seen.complete(text);
        }
      } else {
        line.write(b);
      }
    }
  }
}
