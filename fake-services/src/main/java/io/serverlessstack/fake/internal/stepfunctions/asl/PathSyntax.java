package io.serverlessstack.fake.internal.stepfunctions.asl;

/**
 * The syntax of the strings a JSONPath definition holds, checked without evaluating anything: the
 * validator's question is only whether AWS would accept the text when the state machine is created.
 * A path starts with {@code $} (the state's input), {@code $$} (the Context Object) or {@code
 * $name} (a variable); a reference path may only name one node ({@code .field}, {@code ['field']},
 * {@code [n]}); an intrinsic call starts with {@code States.} and its parentheses balance (the
 * intrinsic parser itself lives elsewhere).
 */
final class PathSyntax {

  private PathSyntax() {}

  /** A JSONPath as InputPath, OutputPath, ItemsPath and the {@code .$} fields take it. */
  static boolean isPath(String text) {
    return scan(text, false);
  }

  /**
   * A path that names exactly one node: ResultPath, Choice's Variable, the {@code *Path} fields.
   */
  static boolean isReferencePath(String text) {
    return scan(text, true);
  }

  /** A call of an intrinsic function: {@code States.Name(args)}, parentheses balanced. */
  static boolean isIntrinsicCall(String text) {
    if (text == null || !text.startsWith("States.")) {
      return false;
    }
    int open = text.indexOf('(');
    if (open < "States.".length() + 1) {
      return false;
    }
    for (int i = "States.".length(); i < open; i++) {
      if (!Character.isLetterOrDigit(text.charAt(i))) {
        return false;
      }
    }
    int depth = 0;
    boolean quoted = false;
    for (int i = open; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '\\') {
          i++;
        } else if (c == '\'') {
          quoted = false;
        }
      } else if (c == '\'') {
        quoted = true;
      } else if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
        if (depth == 0) {
          return text.substring(i + 1).isBlank();
        }
      }
    }
    return false;
  }

  /** A path or an intrinsic call: what a {@code .$} field of a payload template may hold. */
  static boolean isPathOrIntrinsic(String text) {
    return isPath(text) || isIntrinsicCall(text);
  }

  /** A JSONata expression as a whole field value: {@code {% ... %}}. */
  static boolean isJsonataExpression(String text) {
    return text != null
        && text.length() >= 4
        && text.startsWith("{%")
        && text.endsWith("%}")
        && !text.substring(2, text.length() - 2).isBlank();
  }

  private static boolean scan(String text, boolean reference) {
    if (text == null || text.isEmpty() || text.charAt(0) != '$') {
      return false;
    }
    int i = 1;
    int n = text.length();
    if (i < n && text.charAt(i) == '$') {
      i++;
    } else if (i < n && isNameChar(text.charAt(i))) {
      // a variable: $name
      while (i < n && isNameChar(text.charAt(i))) {
        i++;
      }
    }
    while (i < n) {
      char c = text.charAt(i);
      if (c == '.') {
        i++;
        if (i < n && text.charAt(i) == '.') {
          if (reference) {
            return false;
          }
          i++;
        }
        if (i < n && text.charAt(i) == '*') {
          if (reference) {
            return false;
          }
          i++;
          continue;
        }
        int start = i;
        while (i < n && text.charAt(i) != '.' && text.charAt(i) != '[') {
          char d = text.charAt(i);
          if (d == ']' || Character.isWhitespace(d)) {
            return false;
          }
          if (d == '(') {
            // a function such as length(): not a reference, and must close at the end
            if (reference || !text.startsWith("()", i) || i + 2 != n) {
              return false;
            }
            i += 2;
            break;
          }
          i++;
        }
        if (i == start) {
          return false;
        }
      } else if (c == '[') {
        int close = bracketEnd(text, i);
        if (close < 0) {
          return false;
        }
        if (!bracketOk(text.substring(i + 1, close).trim(), reference)) {
          return false;
        }
        i = close + 1;
      } else {
        return false;
      }
    }
    return true;
  }

  private static boolean isNameChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }

  /** The index of the {@code ]} closing the bracket at {@code open}, quotes and filters skipped. */
  private static int bracketEnd(String text, int open) {
    int depth = 0;
    char quote = 0;
    for (int i = open + 1; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quote != 0) {
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == ']' && depth == 0) {
        return i;
      }
    }
    return -1;
  }

  private static boolean bracketOk(String inside, boolean reference) {
    if (inside.isEmpty()) {
      return false;
    }
    char first = inside.charAt(0);
    if (first == '\'' || first == '"') {
      return inside.length() >= 2 && inside.charAt(inside.length() - 1) == first;
    }
    if (isInteger(inside)) {
      return true;
    }
    if (reference) {
      return false;
    }
    if (inside.equals("*")) {
      return true;
    }
    if (inside.startsWith("?(") && inside.endsWith(")")) {
      return true;
    }
    // slices and unions of indexes: [1:3], [:2], [1,2]
    for (String part : inside.split("[,:]", -1)) {
      String p = part.trim();
      if (!p.isEmpty() && !isInteger(p)) {
        return false;
      }
    }
    return inside.indexOf(':') >= 0 || inside.indexOf(',') >= 0;
  }

  private static boolean isInteger(String s) {
    int i = s.startsWith("-") ? 1 : 0;
    if (i == s.length()) {
      return false;
    }
    for (; i < s.length(); i++) {
      if (!Character.isDigit(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
