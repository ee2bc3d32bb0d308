package io.serverlessstack.fake.internal.stepfunctions.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A Reference Path: the JSONPath subset ResultPath (and the other fields the language restricts)
 * accept, a single node named by fields and array indices from {@code $}, no wildcards, filters,
 * slices or deep scans. It can both read and write, which is what ResultPath needs.
 */
public final class ReferencePath {

  private static final ConcurrentHashMap<String, ReferencePath> CACHE = new ConcurrentHashMap<>();
  private static final int CACHE_LIMIT = 10_000;

  private final String text;

  /** Each step a field name (String) or an array index (Integer). */
  private final List<Object> steps;

  private ReferencePath(String text, List<Object> steps) {
    this.text = text;
    this.steps = List.copyOf(steps);
  }

  /**
   * The reference path, parsed (and cached).
   *
   * @throws IllegalArgumentException when the text is not a reference path (a definition error)
   */
  public static ReferencePath of(String text) {
    ReferencePath path = CACHE.get(text);
    if (path == null) {
      path = parse(text).orElseThrow(() -> new IllegalArgumentException(invalid(text)));
      if (CACHE.size() >= CACHE_LIMIT) {
        CACHE.clear();
      }
      CACHE.put(text, path);
    }
    return path;
  }

  /** Whether the text is a reference path; for the validator. */
  public static boolean isValid(String text) {
    return text != null && (CACHE.containsKey(text) || parse(text).isPresent());
  }

  private static String invalid(String text) {
    return "The value '" + text + "' is not a valid Reference Path";
  }

  private static Optional<ReferencePath> parse(String text) {
    if (text == null || !text.startsWith("$") || text.startsWith("$$")) {
      return Optional.empty();
    }
    List<Object> steps = new ArrayList<>();
    int i = 1;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (c == '.') {
        int start = ++i;
        while (i < n && text.charAt(i) != '.' && text.charAt(i) != '[') {
          char d = text.charAt(i);
          if (d == '*' || d == '@' || d == '?' || d == '(' || d == ')' || d == ']') {
            return Optional.empty();
          }
          i++;
        }
        if (i == start) {
          return Optional.empty(); // ".." or a trailing "."
        }
        steps.add(text.substring(start, i));
      } else if (c == '[') {
        int close = text.indexOf(']', i);
        if (close < 0) {
          return Optional.empty();
        }
        String inner = text.substring(i + 1, close).trim();
        if (inner.length() >= 2
            && (inner.charAt(0) == '\'' || inner.charAt(0) == '"')
            && inner.charAt(inner.length() - 1) == inner.charAt(0)) {
          String name = inner.substring(1, inner.length() - 1);
          if (name.indexOf('\'') >= 0 || name.indexOf('"') >= 0) {
            return Optional.empty();
          }
          steps.add(name);
        } else if (!inner.isEmpty() && inner.chars().allMatch(Character::isDigit)) {
          try {
            steps.add(Integer.valueOf(inner));
          } catch (NumberFormatException e) {
            return Optional.empty();
          }
        } else {
          return Optional.empty();
        }
        i = close + 1;
      } else {
        return Optional.empty();
      }
    }
    return Optional.of(new ReferencePath(text, steps));
  }

  /** Whether this is {@code $}, the whole document. */
  public boolean isRoot() {
    return steps.isEmpty();
  }

  /** The node at this path, or empty if there is none. */
  public Optional<JsonNode> read(JsonNode document) {
    JsonNode node = document;
    for (Object step : steps) {
      if (step instanceof String) {
        node = node.isObject() ? node.get((String) step) : null;
      } else {
        node = node.isArray() ? node.get((Integer) step) : null;
      }
      if (node == null) {
        return Optional.empty();
      }
    }
    return Optional.of(node);
  }

  /**
   * The document with {@code value} placed at this path: objects missing on the way are created,
   * everything else is kept; the document itself is not modified (the objects and arrays on the
   * path are copied, the rest shared).
   *
   * @return empty when the path cannot be applied: a step meets something other than an object (for
   *     a field) or an array holding that index (for an index)
   */
  public Optional<JsonNode> write(JsonNode document, JsonNode value) {
    return write(document, 0, value);
  }

  private Optional<JsonNode> write(JsonNode node, int depth, JsonNode value) {
    if (depth == steps.size()) {
      return Optional.of(value);
    }
    Object step = steps.get(depth);
    if (step instanceof String) {
      if (node == null) {
        node = JsonPaths.NODES.objectNode();
      } else if (!node.isObject()) {
        return Optional.empty();
      }
      String field = (String) step;
      Optional<JsonNode> child = write(node.get(field), depth + 1, value);
      if (child.isEmpty()) {
        return child;
      }
      ObjectNode copy = JsonPaths.NODES.objectNode();
      copy.setAll((ObjectNode) node);
      copy.set(field, child.get());
      return Optional.of(copy);
    }
    int index = (Integer) step;
    if (node == null || !node.isArray() || index >= node.size()) {
      return Optional.empty();
    }
    Optional<JsonNode> child = write(node.get(index), depth + 1, value);
    if (child.isEmpty()) {
      return child;
    }
    ArrayNode copy = JsonPaths.NODES.arrayNode(node.size());
    copy.addAll((ArrayNode) node);
    copy.set(index, child.get());
    return Optional.of(copy);
  }

  @Override
  public String toString() {
    return text;
  }
}
