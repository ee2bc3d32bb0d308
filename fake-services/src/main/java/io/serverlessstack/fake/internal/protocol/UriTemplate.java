package io.serverlessstack.fake.internal.protocol;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A restJson1 request URI as the SDK model writes it — {@code
 * /2015-03-31/functions/{FunctionName}/invocations}, a greedy last label {@code {Key+}}, literal
 * query parameters after {@code ?} — matched against request paths. Trailing slashes do not count:
 * {@code /2015-03-31/functions/} and {@code /2015-03-31/functions} are one path.
 */
final class UriTemplate {

  private static final String[] NO_SEGMENTS = new String[0];

  private final String text;

  /** Per segment: the literal, or {@code null} where a label stands. */
  private final String[] literals;

  /** Per segment: the label's name, or {@code null} where a literal stands. */
  private final String[] labels;

  private final boolean greedy;

  /** Query parameters the template requires, with their value ({@code null}: any value). */
  private final Map<String, String> query;

  private UriTemplate(
      String text, String[] literals, String[] labels, boolean greedy, Map<String, String> query) {
    this.text = text;
    this.literals = literals;
    this.labels = labels;
    this.greedy = greedy;
    this.query = query;
  }

  /**
   * @throws IllegalArgumentException for a label that is not a whole segment, or a greedy label
   *     that is not the last
   */
  static UriTemplate parse(String template) {
    int question = template.indexOf('?');
    String path = question < 0 ? template : template.substring(0, question);
    Map<String, String> query = new LinkedHashMap<>();
    if (question >= 0) {
      for (String pair : template.substring(question + 1).split("&")) {
        if (!pair.isEmpty()) {
          int equals = pair.indexOf('=');
          query.put(
              equals < 0 ? pair : pair.substring(0, equals),
              equals < 0 ? null : pair.substring(equals + 1));
        }
      }
    }
    String[] segments = segments(path);
    String[] literals = new String[segments.length];
    String[] labels = new String[segments.length];
    boolean greedy = false;
    for (int i = 0; i < segments.length; i++) {
      String segment = segments[i];
      if (segment.startsWith("{") && segment.endsWith("}")) {
        String label = segment.substring(1, segment.length() - 1);
        if (label.endsWith("+")) {
          if (i != segments.length - 1) {
            throw new IllegalArgumentException("A greedy label must come last: " + template);
          }
          greedy = true;
          label = label.substring(0, label.length() - 1);
        }
        labels[i] = label;
      } else if (segment.indexOf('{') >= 0 || segment.indexOf('}') >= 0) {
        throw new IllegalArgumentException("A label must be a whole path segment: " + template);
      } else {
        literals[i] = segment;
      }
    }
    return new UriTemplate(template, literals, labels, greedy, Collections.unmodifiableMap(query));
  }

  /**
   * The segments of a path as S3 cuts it: after its one leading slash, every slash separates two
   * segments, so that a greedy label keeps a key's empty segments and its trailing slash ({@code
   * /b/dir/} is {@code [b, dir, ""]}); a trailing empty segment is ignored by labels that are not
   * greedy.
   */
  static String[] exactSegments(String path) {
    String rest = path.startsWith("/") ? path.substring(1) : path;
    return rest.split("/", -1);
  }

  /** The segments of a path, without the empty ones its leading and trailing slashes make. */
  static String[] segments(String path) {
    int start = 0;
    int end = path.length();
    while (start < end && path.charAt(start) == '/') {
      start++;
    }
    while (end > start && path.charAt(end - 1) == '/') {
      end--;
    }
    return start == end ? NO_SEGMENTS : path.substring(start, end).split("/", -1);
  }

  String text() {
    return text;
  }

  /** How specific the template is: literal segments count most; a greedy label least. */
  int specificity() {
    int literalCount = 0;
    for (String literal : literals) {
      if (literal != null) {
        literalCount++;
      }
    }
    return literalCount * 1000 + literals.length * 10 + query.size() - (greedy ? 5 : 0);
  }

  /**
   * The labels of a request path whose segments (as {@link #segments} or {@link #exactSegments} cut
   * them) are {@code path}, one trailing empty segment aside, still percent-encoded ({@link
   * #percentDecode} them), or {@code null} if it does not match.
   *
   * @param rawQuery the request's query string, for templates that require query parameters
   */
  Map<String, String> match(String[] path, String rawQuery) {
    int fixed = greedy ? literals.length - 1 : literals.length;
    if (greedy
        ? path.length < literals.length
        : path.length != literals.length
            && !(path.length == literals.length + 1 && path[literals.length].isEmpty())) {
      return null;
    }
    for (int i = 0; i < fixed; i++) {
      if (literals[i] != null ? !literals[i].equals(path[i]) : path[i].isEmpty()) {
        return null;
      }
    }
    if (!query.isEmpty() && !hasQuery(rawQuery)) {
      return null;
    }
    Map<String, String> values = new HashMap<>(4);
    for (int i = 0; i < fixed; i++) {
      if (labels[i] != null) {
        values.put(labels[i], path[i]);
      }
    }
    if (greedy) {
      StringBuilder rest = new StringBuilder();
      for (int i = fixed; i < path.length; i++) {
        if (i > fixed) {
          rest.append('/');
        }
        rest.append(path[i]);
      }
      if (rest.length() == 0) {
        return null;
      }
      values.put(labels[fixed], rest.toString());
    }
    return values;
  }

  private boolean hasQuery(String rawQuery) {
    Map<String, List<String>> present;
    try {
      present = RestValues.parseQuery(rawQuery);
    } catch (BadInput malformed) {
      // Routing does not judge the query: the operation's reading of it answers for it.
      present = RestValues.parseQueryLeniently(rawQuery);
    }
    for (Map.Entry<String, String> required : query.entrySet()) {
      List<String> values = present.get(required.getKey());
      if (values == null
          || (required.getValue() != null && !values.contains(required.getValue()))) {
        return false;
      }
    }
    return true;
  }

  /** The query parameters the template itself requires; they bind no member. */
  Set<String> literalQueryNames() {
    return query.keySet();
  }

  /**
   * Decodes {@code %XX} escapes as UTF-8; unlike form decoding, a {@code +} stays a {@code +}.
   *
   * @throws BadInput for an escape that is not two hex digits
   */
  static String percentDecode(String text) {
    int percent = text.indexOf('%');
    if (percent < 0) {
      return text;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < utf8.length; i++) {
      if (utf8[i] == '%') {
        int high = i + 1 < utf8.length ? Character.digit(utf8[i + 1], 16) : -1;
        int low = i + 2 < utf8.length ? Character.digit(utf8[i + 2], 16) : -1;
        if (high < 0 || low < 0) {
          throw BadInput.malformedUri("Malformed percent-encoding: " + text);
        }
        bytes.write(high * 16 + low);
        i += 2;
      } else {
        bytes.write(utf8[i]);
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  /** The labels in order, for messages and checks. */
  List<String> labels() {
    List<String> names = new ArrayList<>();
    for (String label : labels) {
      if (label != null) {
        names.add(label);
      }
    }
    return names;
  }

  @Override
  public String toString() {
    return text;
  }
}
