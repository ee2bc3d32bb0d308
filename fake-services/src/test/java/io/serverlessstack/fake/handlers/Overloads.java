package io.serverlessstack.fake.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Handler methods named as {@code Class::method}, overloaded as users overload them. */
public class Overloads {

  public String longest() {
    return "none";
  }

  public String longest(Map<String, String> input) {
    return "pojo";
  }

  public void longest(InputStream input, OutputStream output) throws IOException {
    output.write("\"streams\"".getBytes(StandardCharsets.UTF_8));
  }

  public void context(InputStream input, OutputStream output) throws IOException {
    output.write("\"streams\"".getBytes(StandardCharsets.UTF_8));
  }

  public String context(Map<String, String> input, Context context) {
    return "pojo and context";
  }

  /** No signature the runtime supports: a Context comes last, never first. */
  public String contextFirst(Context context, String input) {
    return input;
  }

  /** Answers nothing: the caller gets JSON {@code null}. */
  public void record(Map<String, String> input) {}

  /** Throws a checked exception, as a user's I/O would. */
  public String refuse(Map<String, String> input) throws IOException {
    throw new IOException("disk full");
  }
}
