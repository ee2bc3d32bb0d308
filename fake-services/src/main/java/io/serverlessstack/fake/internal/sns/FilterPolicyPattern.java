package io.serverlessstack.fake.internal.sns;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One rule of a filter policy field ({@code "rugby"}, {@code {"prefix": "bas"}}, {@code {"numeric":
 * [">", 0]}}, …) and the message values it is tested against.
 *
 * <p>SNS evaluates policies the way the AWS event-ruler library does (its error messages are that
 * library's): a message value keeps its JSON type, so a string rule never matches a number and a
 * numeric rule never matches a string; numbers are compared to six decimal places within ±5e9.
 */
sealed interface FilterPolicyPattern {

  /** Whether this rule accepts one message value. */
  boolean matches(Value value);

  /** The JSON type of a message value. */
  enum Kind {
    STRING,
    NUMBER,
    TRUE,
    FALSE,
    NULL
  }

  /**
   * One scalar value of a message: an attribute's value, one element of a {@code String.Array}
   * attribute or of a body array, or a body property.
   *
   * @param kind its JSON type
   * @param text the string itself, or the number as written, or {@code true}/{@code false}/{@code
   *     null}
   * @param comparable a number's comparable form (see {@link
   *     FilterPolicyPattern#comparable(double)}), or {@code null}
   */
  record Value(Kind kind, String text, Long comparable) {

    static Value string(String text) {
      return new Value(Kind.STRING, text, null);
    }

    static Value number(String text) {
      Long comparable;
      try {
        comparable = FilterPolicyPattern.comparable(Double.parseDouble(text.trim()));
      } catch (NumberFormatException e) {
        comparable = null;
      }
      return new Value(Kind.NUMBER, text, comparable);
    }

    static Value literal(Kind kind) {
      return new Value(kind, kind.name().toLowerCase(java.util.Locale.ROOT), null);
    }

    /** The value as JSON, for a reason that shows what a rule was tested against. */
    String toJson() {
      return kind == Kind.STRING ? quote(text) : text;
    }
  }

  /** Numbers SNS can compare: ±5e9, as event-ruler's {@code ComparableNumber}. */
  double NUMBER_LIMIT = 5e9;

  /**
   * A number as a fixed-point long with six decimal places, offset so that all values are positive,
   * or {@code null} outside ±5e9: two numbers are equal for SNS when these are.
   */
  static Long comparable(double value) {
    if (Double.isNaN(value) || value < -NUMBER_LIMIT || value > NUMBER_LIMIT) {
      return null;
    }
    return (long) (1e6 * (NUMBER_LIMIT + value));
  }

  /** The JSON form of a string, for messages. */
  static String quote(String text) {
    StringBuilder sb = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }

  /**
   * {@code "rugby"}, {@code 100}, {@code true}, {@code null}: the same JSON type and value. A
   * string rule that is an IP address also matches the same address written differently, and a
   * number matches an equal number ({@code 301.5} and {@code 3.015e2}).
   */
  record Exact(Value expected, byte[] ip) implements FilterPolicyPattern {

    static Exact of(Value expected) {
      return new Exact(
          expected, expected.kind() == Kind.STRING ? Ip.parseOrNull(expected.text()) : null);
    }

    @Override
    public boolean matches(Value value) {
      if (value.kind() != expected.kind()) {
        return false;
      }
      if (value.text().equals(expected.text())) {
        return true;
      }
      if (expected.kind() == Kind.NUMBER) {
        return expected.comparable() != null && expected.comparable().equals(value.comparable());
      }
      if (ip != null) {
        byte[] other = Ip.parseOrNull(value.text());
        return other != null && Arrays.equals(ip, other);
      }
      return false;
    }
  }

  /**
   * {@code {"exists": true}}: any value but {@code null} (SNS "Key matching": "The key must have a
   * non-null and non-empty value"); {@code {"exists": false}} matches no value: it accepts a
   * message where the property has no such value at all.
   */
  enum Exists implements FilterPolicyPattern {
    PRESENT,
    ABSENT;

    @Override
    public boolean matches(Value value) {
      return this == PRESENT && value.kind() != Kind.NULL;
    }
  }

  /** {@code {"prefix": "bas"}}: strings that begin with it. */
  record Prefix(String prefix) implements FilterPolicyPattern {
    @Override
    public boolean matches(Value value) {
      return value.kind() == Kind.STRING && value.text().startsWith(prefix);
    }
  }

  /** {@code {"suffix": "ball"}}: strings that end with it. */
  record Suffix(String suffix) implements FilterPolicyPattern {
    @Override
    public boolean matches(Value value) {
      return value.kind() == Kind.STRING && value.text().endsWith(suffix);
    }
  }

  /** {@code {"equals-ignore-case": "tennis"}}: the same string, in any case. */
  record EqualsIgnoreCase(String expected) implements FilterPolicyPattern {
    @Override
    public boolean matches(Value value) {
      return value.kind() == Kind.STRING && value.text().equalsIgnoreCase(expected);
    }
  }

  /** {@code {"wildcard": "*ball"}}: {@code *} stands for any run of characters. */
  record Wildcard(String pattern, List<String> parts) implements FilterPolicyPattern {

    /**
     * Parses a wildcard pattern: {@code \*} is a literal star and {@code \\} a backslash.
     *
     * @throws IllegalArgumentException with event-ruler's message (positions are UTF-8 bytes)
     */
    static Wildcard parse(String pattern) {
      byte[] bytes = pattern.getBytes(StandardCharsets.UTF_8);
      List<String> parts = new ArrayList<>();
      java.io.ByteArrayOutputStream part = new java.io.ByteArrayOutputStream();
      for (int i = 0; i < bytes.length; i++) {
        byte b = bytes[i];
        if (b == '*') {
          if (i + 1 < bytes.length && bytes[i + 1] == '*') {
            throw new IllegalArgumentException("Consecutive wildcard characters at pos " + i);
          }
          parts.add(part.toString(StandardCharsets.UTF_8));
          part.reset();
        } else if (b == '\\') {
          if (i + 1 < bytes.length && (bytes[i + 1] == '*' || bytes[i + 1] == '\\')) {
            part.write(bytes[++i]);
          } else {
            throw new IllegalArgumentException("Invalid escape character at pos " + i);
          }
        } else {
          part.write(b);
        }
      }
      parts.add(part.toString(StandardCharsets.UTF_8));
      return new Wildcard(pattern, List.copyOf(parts));
    }

    /** How many {@code *} the pattern has. */
    int wildcards() {
      return parts.size() - 1;
    }

    @Override
    public boolean matches(Value value) {
      return value.kind() == Kind.STRING && matches(value.text());
    }

    boolean matches(String text) {
      if (parts.size() == 1) {
        return text.equals(parts.get(0));
      }
      String first = parts.get(0);
      String last = parts.get(parts.size() - 1);
      if (text.length() < first.length() + last.length()
          || !text.startsWith(first)
          || !text.endsWith(last)) {
        return false;
      }
      int from = first.length();
      int to = text.length() - last.length();
      for (int i = 1; i < parts.size() - 1; i++) {
        int at = text.indexOf(parts.get(i), from);
        if (at < 0 || at + parts.get(i).length() > to) {
          return false;
        }
        from = at + parts.get(i).length();
      }
      return true;
    }
  }

  /**
   * {@code {"anything-but": ["rugby", "tennis"]}} or {@code {"anything-but": [100, 500]}}: any
   * value but these, including values of another JSON type.
   */
  record AnythingBut(Set<String> strings, Set<Long> numbers) implements FilterPolicyPattern {
    @Override
    public boolean matches(Value value) {
      return switch (value.kind()) {
        case STRING -> !strings.contains(value.text());
        case NUMBER -> value.comparable() == null || !numbers.contains(value.comparable());
        default -> true;
      };
    }
  }

  /**
   * {@code {"anything-but": {"prefix": "order-"}}} (or {@code suffix}, {@code wildcard}): any value
   * the inner rule does not match.
   */
  record AnythingButPattern(FilterPolicyPattern inner) implements FilterPolicyPattern {
    @Override
    public boolean matches(Value value) {
      return !inner.matches(value);
    }
  }

  /**
   * {@code {"numeric": [">", 0, "<=", 150]}} and {@code {"numeric": ["=", 301.5]}}: numbers in a
   * range, bounds as {@link FilterPolicyPattern#comparable(double)} values.
   */
  record Numeric(long bottom, boolean openBottom, long top, boolean openTop)
      implements FilterPolicyPattern {

    /**
     * The range event-ruler builds, with its checks in its order.
     *
     * @throws IllegalArgumentException with event-ruler's message
     */
    static Numeric between(double bottom, boolean openBottom, double top, boolean openTop) {
      if (bottom >= top) {
        throw new IllegalArgumentException("Bottom must be less than top");
      }
      return new Numeric(checked(bottom), openBottom, checked(top), openTop);
    }

    /** {@code ["=", value]}. */
    static Numeric equalTo(double value) {
      long c = checked(value);
      return new Numeric(c, false, c, false);
    }

    private static long checked(double value) {
      Long c = comparable(value);
      if (c == null) {
        throw outOfRange();
      }
      return c;
    }

    static IllegalArgumentException outOfRange() {
      return new IllegalArgumentException(
          "Value must be between " + -NUMBER_LIMIT + " and " + NUMBER_LIMIT + ", inclusive");
    }

    @Override
    public boolean matches(Value value) {
      if (value.kind() != Kind.NUMBER || value.comparable() == null) {
        return false;
      }
      long c = value.comparable();
      return (openBottom ? c > bottom : c >= bottom) && (openTop ? c < top : c <= top);
    }
  }

  /** {@code {"cidr": "10.0.0.0/24"}}: string values that are IP addresses in the network. */
  record Cidr(byte[] bottom, byte[] top) implements FilterPolicyPattern {

    /**
     * Parses a CIDR block with event-ruler's checks and messages. As in event-ruler, the range
     * starts at the address as written, host bits included.
     *
     * @throws IllegalArgumentException with event-ruler's message
     */
    static Cidr parse(String cidr) {
      String[] slashed = cidr.split("/");
      if (slashed.length != 2) {
        throw new IllegalArgumentException("Malformed CIDR, one '/' required");
      }
      int maskBits;
      try {
        maskBits = Integer.parseInt(slashed[1]);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("Malformed CIDR, mask bits must be an integer", e);
      }
      if (maskBits < 0) {
        throw new IllegalArgumentException("Malformed CIDR, mask bits must not be negative");
      }
      byte[] ip = Ip.parseStrict(slashed[0]);
      if (ip.length == 4 && maskBits > 31) {
        throw new IllegalArgumentException("IPv4 mask bits must be < 32");
      }
      if (ip.length == 16 && maskBits > 127) {
        throw new IllegalArgumentException("IPv6 mask bits must be < 128");
      }
      byte[] top = ip.clone();
      int hostBits = ip.length * 8 - maskBits;
      for (int i = top.length - 1; i >= 0 && hostBits > 0; i--, hostBits -= 8) {
        top[i] = (byte) (top[i] | (hostBits >= 8 ? 0xff : (1 << hostBits) - 1));
      }
      return new Cidr(ip, top);
    }

    @Override
    public boolean matches(Value value) {
      if (value.kind() != Kind.STRING) {
        return false;
      }
      byte[] ip = Ip.parseOrNull(value.text());
      return ip != null
          && ip.length == bottom.length
          && Arrays.compareUnsigned(ip, bottom) >= 0
          && Arrays.compareUnsigned(ip, top) <= 0;
    }
  }

  /**
   * IP address literals, parsed without name resolution ({@link java.net.InetAddress} would look up
   * anything that is not a literal).
   */
  final class Ip {
    private static final Pattern IPV4 = Pattern.compile("[0-9]+\\.[0-9]+\\.[0-9]+\\.[0-9]+");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:]*:[0-9a-fA-F:]*");

    private Ip() {}

    /** The address's 4 or 16 bytes, or {@code null} if the text is not an IP address. */
    static byte[] parseOrNull(String text) {
      if (IPV4.matcher(text).matches()) {
        return v4(text);
      }
      if (IPV6.matcher(text).matches()) {
        return v6(text);
      }
      return null;
    }

    /**
     * The address's bytes.
     *
     * @throws IllegalArgumentException with event-ruler's message
     */
    static byte[] parseStrict(String text) {
      boolean shaped = IPV4.matcher(text).matches() || IPV6.matcher(text).matches();
      byte[] ip = shaped ? parseOrNull(text) : null;
      if (shaped && ip == null) {
        throw new IllegalArgumentException("Invalid IP address: " + text);
      }
      if (ip == null) {
        throw new IllegalArgumentException("Nonstandard IP address: " + text);
      }
      return ip;
    }

    private static byte[] v4(String text) {
      String[] parts = text.split("\\.");
      byte[] ip = new byte[4];
      for (int i = 0; i < 4; i++) {
        if (parts[i].length() > 3) {
          return null;
        }
        int part = Integer.parseInt(parts[i]);
        if (part > 255) {
          return null;
        }
        ip[i] = (byte) part;
      }
      return ip;
    }

    private static byte[] v6(String text) {
      int gap = text.indexOf("::");
      if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
        return null;
      }
      List<String> head = groups(gap >= 0 ? text.substring(0, gap) : text);
      List<String> tail = gap >= 0 ? groups(text.substring(gap + 2)) : List.of();
      if (head == null || tail == null) {
        return null;
      }
      int given = head.size() + tail.size();
      if (gap >= 0 ? given > 7 : given != 8) {
        return null;
      }
      byte[] ip = new byte[16];
      int at = 0;
      for (String group : head) {
        at = put(ip, at, group);
      }
      at = 16 - 2 * tail.size();
      for (String group : tail) {
        at = put(ip, at, group);
      }
      return ip;
    }

    private static List<String> groups(String text) {
      if (text.isEmpty()) {
        return List.of();
      }
      List<String> groups = Arrays.asList(text.split(":", -1));
      for (String group : groups) {
        if (group.isEmpty() || group.length() > 4) {
          return null;
        }
      }
      return groups;
    }

    private static int put(byte[] ip, int at, String group) {
      int value = Integer.parseInt(group, 16);
      ip[at] = (byte) (value >> 8);
      ip[at + 1] = (byte) value;
      return at + 2;
    }
  }
}
