package io.serverlessstack.fake.internal.lambda;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The error payload the Lambda Java runtime answers for a function that failed: {@code
 * errorMessage}, {@code errorType} and the stack trace's frames, without the runtime's own.
 */
final class FunctionErrors {

  private FunctionErrors() {}

  /**
   * @param errorType {@code null} for the runtime's own faults, which name none
   * @param thrown what the handler threw, for its frames; {@code null} for none
   */
  static byte[] payload(String message, String errorType, Throwable thrown) {
    ObjectNode error = LambdaEngine.JSON.createObjectNode();
    error.put("errorMessage", message);
    if (errorType != null) {
      error.put("errorType", errorType);
    }
    if (thrown != null) {
      ArrayNode frames = error.putArray("stackTrace");
      for (StackTraceElement frame : thrown.getStackTrace()) {
        if (frame.getClassName().startsWith(FunctionErrors.class.getPackageName())) {
          break; // the runtime's own frames, which Lambda's traces leave out
        }
        frames.add(frame.toString());
      }
    }
    return LambdaEngine.writeJson(error);
  }

  static String messageOf(Throwable t) {
    return t.getLocalizedMessage() == null ? t.getClass().getName() : t.getLocalizedMessage();
  }
}
