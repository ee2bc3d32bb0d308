package io.serverlessstack.fake.internal.lambda;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One invocation's log: what the handler writes to its {@link LambdaLogger}, kept for the journal
 * and for {@code LogType=Tail}, and passed on to SLF4J under {@code
 * io.serverlessstack.lambda.<function>} so that it shows in the test's own log. Lambda's own lines
 * ({@code START}, {@code END}, {@code REPORT}) frame it as CloudWatch shows them.
 */
final class InvocationLog implements LambdaLogger {

  /** Lambda returns at most the last 4 KB of the log with {@code LogType=Tail}. */
  static final int TAIL_BYTES = 4096;

  /** The journal keeps at most this much of an invocation's own log lines. */
  private static final int KEPT_CHARS = 16 * 1024;

  private final Logger slf4j;
  private final StringBuilder all = new StringBuilder();
  private final StringBuilder handlerLines = new StringBuilder();

  InvocationLog(String functionName) {
    this.slf4j = LoggerFactory.getLogger("io.serverlessstack.lambda." + functionName);
  }

  @Override
  public void log(String message) {
    // Each call is one log event, a line of its own in CloudWatch and in the tail.
    String text = keep(message);
    slf4j.info("{}", text.substring(0, text.length() - 1));
  }

  /**
   * A line the handler wrote to {@code System.out} or {@code System.err}, which Lambda's runtime
   * sends to the function's log as well; it has been printed already, so SLF4J does not get it.
   */
  void printed(String line) {
    keep(line);
  }

  private synchronized String keep(String message) {
    String text = message == null ? "null\n" : message.endsWith("\n") ? message : message + "\n";
    all.append(text);
    if (handlerLines.length() < KEPT_CHARS) {
      handlerLines.append(text, 0, Math.min(text.length(), KEPT_CHARS - handlerLines.length()));
    }
    return text;
  }

  @Override
  public void log(byte[] message) {
    log(message == null ? "null" : new String(message, StandardCharsets.UTF_8));
  }

  /** A line of Lambda's own, not the handler's. */
  synchronized void system(String line) {
    all.append(line).append('\n');
  }

  /** What the handler logged. */
  synchronized String handlerOutput() {
    return handlerLines.toString();
  }

  /** The last {@value #TAIL_BYTES} bytes of the whole log, as {@code LogType=Tail} returns it. */
  synchronized byte[] tail() {
    byte[] bytes = all.toString().getBytes(StandardCharsets.UTF_8);
    if (bytes.length <= TAIL_BYTES) {
      return bytes;
    }
    byte[] tail = new byte[TAIL_BYTES];
    System.arraycopy(bytes, bytes.length - TAIL_BYTES, tail, 0, TAIL_BYTES);
    return tail;
  }
}
