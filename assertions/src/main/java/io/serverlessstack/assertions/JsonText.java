package io.serverlessstack.assertions;

/**
 * JSON text without the whitespace between its tokens, so that JSON a test writes by hand compares
 * equal to the stack's compact JSON. Members are compared in the order written.
 */
final class JsonText {

  private JsonText() {}

  static String compact(String json) {
    StringBuilder compact = new StringBuilder(json.length());
    boolean inString = false;
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      if (inString) {
        compact.append(c);
        if (c == '\\' && i + 1 < json.length()) {
          compact.append(json.charAt(++i));
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
        compact.append(c);
      } else if (!Character.isWhitespace(c)) {
        compact.append(c);
      }
    }
    return compact.toString();
  }
}
