package io.serverlessstack.fake.internal.lambda;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * What handlers print: Lambda's Java runtime sends a function's {@code System.out} and {@code
 * System.err} to its log, so the stack does too. The first invocation replaces both streams, once
 * per JVM, by streams that print everything as before and, on a thread running a handler (and the
 * threads it starts), also add each line to that invocation's log, which {@code LogType=Tail} and
 * the journal show. A stream something else installs later is left alone.
 */
final class HandlerOutput {

  private static final InheritableThreadLocal<InvocationLog> CURRENT =
      new InheritableThreadLocal<>();

  static {
    System.setOut(new Capturing(System.out));
    System.setErr(new Capturing(System.err));
  }

  private HandlerOutput() {}

  /** Runs {@code body} with what this thread prints also going to {@code log}. */
  static <T, E extends Throwable> T with(InvocationLog log, FunctionEnvironment.Body<T, E> body)
      throws E {
    InvocationLog before = CURRENT.get();
    CURRENT.set(log);
    try {
      return body.run();
    } finally {
      Capturing.flushLine();
      CURRENT.set(before);
    }
  }

  /** Prints as the stream it wraps, and collects a handler's lines for its log. */
  private static final class Capturing extends PrintStream {

    /** The line a handler's thread has printed so far, until its line break. */
    private static final ThreadLocal<ByteArrayOutputStream> LINE =
        ThreadLocal.withInitial(ByteArrayOutputStream::new);

    Capturing(PrintStream original) {
      super((OutputStream) original, true);
    }

    @Override
    public void write(int b) {
      super.write(b);
      collect(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
      super.write(bytes, offset, length);
      collect(bytes, offset, length);
    }

    private static void collect(byte[] bytes, int offset, int length) {
      if (CURRENT.get() == null) {
        return;
      }
      ByteArrayOutputStream line = LINE.get();
      for (int i = offset; i < offset + length; i++) {
        if (bytes[i] == '\n') {
          flushLine();
        } else if (bytes[i] != '\r') {
          line.write(bytes[i]);
        }
      }
    }

    /** Hands the current thread's unfinished line, if any, to its invocation's log. */
    static void flushLine() {
      InvocationLog log = CURRENT.get();
      ByteArrayOutputStream line = LINE.get();
      if (log != null && line.size() > 0) {
        log.printed(line.toString(StandardCharsets.UTF_8));
      }
      line.reset();
    }
  }
}
