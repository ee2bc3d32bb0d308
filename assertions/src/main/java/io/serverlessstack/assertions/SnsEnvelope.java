package io.serverlessstack.assertions;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON envelope SNS wraps a notification in when it delivers to a queue (or an HTTP endpoint)
 * without raw message delivery: {@code {"Type":"Notification","MessageId":…,"TopicArn":…,
 * "Message":…,…}}. Assertions look inside it, so tests compare the message a publisher sent, never
 * parse the envelope by hand.
 *
 * <p>Read with a small JSON reader of its own: this module brings no JSON library onto a user's
 * class path. It reads any well-formed JSON and refuses the rest (as not an envelope).
 *
 * @param topicArn the topic the message was published to
 * @param message the message as published to that subscription's protocol
 * @param subject the subject, or {@code null}
 */
record SnsEnvelope(String messageId, String topicArn, String message, String subject) {

  /** The envelope {@code body} is, or {@code null} if it is not an SNS notification envelope. */
  static SnsEnvelope of(String body) {
    if (body == null || !body.contains("\"TopicArn\"") || !body.contains("\"Notification\"")) {
      return null; // cheap refusal for ordinary bodies
    }
    Object parsed;
    try {
      Reader reader = new Reader(body);
      parsed = reader.value();
      reader.end();
    } catch (IllegalArgumentException notJson) {
      return null;
    }
    if (parsed instanceof Map<?, ?> object
        && "Notification".equals(object.get("Type"))
        && object.get("TopicArn") instanceof String topicArn
        && object.get("Message") instanceof String message) {
      return new SnsEnvelope(
          object.get("MessageId") instanceof String id ? id : null,
          topicArn,
          message,
          object.get("Subject") instanceof String subject ? subject : null);
    }
    return null;
  }

  /** The message an SNS envelope carries, or {@code body} itself when it is no envelope. */
  static String content(String body) {
    SnsEnvelope envelope = of(body);
    return envelope == null ? body : envelope.message();
  }

  /** A strict reader of one JSON text into maps, lists, strings, numbers and booleans. */
  private static final class Reader {
    private final String text;
    private int at;

    Reader(String text) {
      this.text = text;
    }

    Object value() {
      skipWhitespace();
      if (at >= text.length()) {
        throw new IllegalArgumentException("end of text");
      }
      char next = text.charAt(at);
      return switch (next) {
        case '{' -> object();
        case '[' -> array();
        case '"' -> string();
        case 't' -> literal("true", Boolean.TRUE);
        case 'f' -> literal("false", Boolean.FALSE);
        case 'n' -> literal("null", null);
        default -> number();
      };
    }

    void end() {
      skipWhitespace();
      if (at != text.length()) {
        throw new IllegalArgumentException("text after the value");
      }
    }

    private Map<String, Object> object() {
      Map<String, Object> object = new LinkedHashMap<>();
      at++; // {
      skipWhitespace();
      if (peek() == '}') {
        at++;
        return object;
      }
      while (true) {
        skipWhitespace();
        if (peek() != '"') {
          throw new IllegalArgumentException("a name must be a string");
        }
        String name = string();
        skipWhitespace();
        expect(':');
        object.put(name, value());
        skipWhitespace();
        char next = next();
        if (next == '}') {
          return object;
        }
        if (next != ',') {
          throw new IllegalArgumentException("expected , or }");
        }
      }
    }

    private List<Object> array() {
      List<Object> array = new ArrayList<>();
      at++; // [
      skipWhitespace();
      if (peek() == ']') {
        at++;
        return array;
      }
      while (true) {
        array.add(value());
        skipWhitespace();
        char next = next();
        if (next == ']') {
          return array;
        }
        if (next != ',') {
          throw new IllegalArgumentException("expected , or ]");
        }
      }
    }

    private String string() {
      at++; // "
      StringBuilder value = new StringBuilder();
      while (true) {
        char next = next();
        if (next == '"') {
          return value.toString();
        }
        if (next < 0x20) {
          throw new IllegalArgumentException("control character in a string");
        }
        if (next != '\\') {
          value.append(next);
          continue;
        }
        char escaped = next();
        switch (escaped) {
          case '"', '\\', '/' -> value.append(escaped);
          case 'b' -> value.append('\b');
          case 'f' -> value.append('\f');
          case 'n' -> value.append('\n');
          case 'r' -> value.append('\r');
          case 't' -> value.append('\t');
          case 'u' -> {
            if (at + 4 > text.length()) {
              throw new IllegalArgumentException("short \\u escape");
            }
            try {
              value.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
            } catch (NumberFormatException e) {
              throw new IllegalArgumentException("bad \\u escape");
            }
            at += 4;
          }
          default -> throw new IllegalArgumentException("bad escape");
        }
      }
    }

    private BigDecimal number() {
      int start = at;
      if (peek() == '-') {
        at++;
      }
      digits();
      if (at < text.length() && text.charAt(at) == '.') {
        at++;
        digits();
      }
      if (at < text.length() && (text.charAt(at) == 'e' || text.charAt(at) == 'E')) {
        at++;
        if (at < text.length() && (text.charAt(at) == '+' || text.charAt(at) == '-')) {
          at++;
        }
        digits();
      }
      return new BigDecimal(text.substring(start, at));
    }

    private void digits() {
      int start = at;
      while (at < text.length() && text.charAt(at) >= '0' && text.charAt(at) <= '9') {
        at++;
      }
      if (at == start) {
        throw new IllegalArgumentException("expected a digit");
      }
    }

    private Object literal(String word, Object value) {
      if (!text.startsWith(word, at)) {
        throw new IllegalArgumentException("expected " + word);
      }
      at += word.length();
      return value;
    }

    private void expect(char wanted) {
      if (next() != wanted) {
        throw new IllegalArgumentException("expected " + wanted);
      }
    }

    private char peek() {
      if (at >= text.length()) {
        throw new IllegalArgumentException("end of text");
      }
      return text.charAt(at);
    }

    private char next() {
      char next = peek();
      at++;
      return next;
    }

    private void skipWhitespace() {
      while (at < text.length()
          && (text.charAt(at) == ' '
              || text.charAt(at) == '\t'
              || text.charAt(at) == '\n'
              || text.charAt(at) == '\r')) {
        at++;
      }
    }
  }
}
