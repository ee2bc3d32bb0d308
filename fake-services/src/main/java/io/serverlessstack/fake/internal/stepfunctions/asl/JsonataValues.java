package io.serverlessstack.fake.internal.stepfunctions.asl;

import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.Set;

/**
 * The bridge between Jackson's {@link JsonNode} and the plain Java values the JSONata engine works
 * on (maps, lists, strings, numbers, booleans, {@link Jsonata#NULL_VALUE} for JSON null and Java
 * {@code null} for JSONata's "undefined").
 *
 * <p>JSON going in is not copied: objects and arrays are wrapped in read-only views that convert a
 * member only when the expression reads it, so {@code $states.input.id} on a large input costs one
 * lookup. A view coming back out of an expression unwrapped to the node it wraps, so {@code {%
 * $states.input %}} returns the input node itself. Nodes handed to this package are therefore
 * treated as immutable, as everywhere in the interpreter.
 */
final class JsonataValues {

  static final ObjectMapper MAPPER = JsonPaths.MAPPER;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** JavaScript writes integral numbers below this without an exponent. */
  private static final double PLAIN_INTEGER_LIMIT = 1e21;

  private JsonataValues() {}

  /** The JSONata value of a JSON node; a missing node (Java null) is undefined. */
  static Object toJsonata(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return null;
    }
    switch (node.getNodeType()) {
      case OBJECT:
        return new ObjectView((ObjectNode) node);
      case ARRAY:
        return new ArrayView((ArrayNode) node);
      case STRING:
        return node.textValue();
      case BOOLEAN:
        return node.booleanValue();
      case NUMBER:
        if (node.isInt()) {
          return node.intValue();
        }
        if (node.isLong()) {
          return node.longValue();
        }
        if (node.isBigInteger() || node.isBigDecimal()) {
          // JSONata's numbers are doubles, as JavaScript's are.
          return node.doubleValue();
        }
        return node.doubleValue();
      case NULL:
        return Jsonata.NULL_VALUE;
      default:
        // BINARY or POJO never come from parsed JSON; read them as their text.
        return node.asText();
    }
  }

  /** Thrown when a result holds something JSON cannot carry (a function). */
  static final class UnsupportedValue extends RuntimeException {
    UnsupportedValue() {
      super(null, null, false, false);
    }
  }

  /**
   * The JSON of a JSONata result; {@code null} when the result is undefined.
   *
   * @throws UnsupportedValue when the result is, or holds, a function
   */
  static JsonNode toJson(Object value) {
    if (value == null) {
      return null;
    }
    if (value == Jsonata.NULL_VALUE) {
      return NullNode.instance;
    }
    if (value instanceof String s) {
      return TextNode.valueOf(s);
    }
    if (value instanceof Boolean b) {
      return BooleanNode.valueOf(b);
    }
    if (value instanceof Number n) {
      return number(n);
    }
    if (value instanceof ObjectView view) {
      return view.node;
    }
    if (value instanceof ArrayView view) {
      return view.node;
    }
    if (value instanceof Map<?, ?> map) {
      ObjectNode object = NODES.objectNode();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        JsonNode member = toJson(entry.getValue());
        if (member != null) {
          object.set(String.valueOf(entry.getKey()), member);
        }
      }
      return object;
    }
    if (value instanceof List<?> list) {
      ArrayNode array = NODES.arrayNode(list.size());
      for (Object element : list) {
        JsonNode member = toJson(element);
        if (member != null) {
          array.add(member);
        }
      }
      return array;
    }
    throw new UnsupportedValue();
  }

  /**
   * A number as AWS writes it: JSONata computes in doubles, as JavaScript does, so an integral
   * double is written as an integer ({@code 2.0} as {@code 2}).
   */
  static JsonNode number(Number n) {
    if (n instanceof Integer i) {
      return IntNode.valueOf(i);
    }
    if (n instanceof Long l) {
      return LongNode.valueOf(l);
    }
    if (n instanceof Short || n instanceof Byte) {
      return IntNode.valueOf(n.intValue());
    }
    if (n instanceof BigInteger b) {
      return BigIntegerNode.valueOf(b);
    }
    double d = n instanceof BigDecimal b ? b.doubleValue() : n.doubleValue();
    if (d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < PLAIN_INTEGER_LIMIT) {
      if (d >= Integer.MIN_VALUE && d <= Integer.MAX_VALUE) {
        return IntNode.valueOf((int) d);
      }
      if (d >= Long.MIN_VALUE && d <= Long.MAX_VALUE) {
        return LongNode.valueOf((long) d);
      }
      return BigIntegerNode.valueOf(new BigDecimal(d).toBigInteger());
    }
    return DoubleNode.valueOf(d);
  }

  /** Compact JSON text, as AWS quotes values in its causes. */
  static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The size of the node's compact JSON in UTF-8 bytes, without building the text. */
  static long serializedSize(JsonNode node) {
    if (node.isNumber() || node.isBoolean() || node.isNull()) {
      return node.toString().length();
    }
    if (node.isTextual() && isPlainAscii(node.textValue())) {
      return node.textValue().length() + 2L;
    }
    CountingStream counter = new CountingStream();
    try {
      MAPPER.writeValue(counter, node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return counter.count;
  }

  /** Whether a string is written as it is: printable ASCII without quotes or backslashes. */
  private static boolean isPlainAscii(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
        return false;
      }
    }
    return true;
  }

  private static final class CountingStream extends OutputStream {
    long count;

    @Override
    public void write(int b) {
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      count += len;
    }
  }

  /** A read-only map over a JSON object, converting members as they are read. */
  static final class ObjectView extends AbstractMap<String, Object> {
    final ObjectNode node;

    ObjectView(ObjectNode node) {
      this.node = node;
    }

    @Override
    public Object get(Object key) {
      return key instanceof String name ? toJsonata(node.get(name)) : null;
    }

    @Override
    public boolean containsKey(Object key) {
      return key instanceof String name && node.has(name);
    }

    @Override
    public int size() {
      return node.size();
    }

    @Override
    public boolean isEmpty() {
      return node.isEmpty();
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
      return new AbstractSet<>() {
        @Override
        public Iterator<Entry<String, Object>> iterator() {
          Iterator<Map.Entry<String, JsonNode>> fields = node.properties().iterator();
          return new Iterator<>() {
            @Override
            public boolean hasNext() {
              return fields.hasNext();
            }

            @Override
            public Entry<String, Object> next() {
              Map.Entry<String, JsonNode> field = fields.next();
              return new SimpleImmutableEntry<>(field.getKey(), toJsonata(field.getValue()));
            }
          };
        }

        @Override
        public int size() {
          return node.size();
        }
      };
    }
  }

  /** A read-only list over a JSON array, converting elements as they are read. */
  static final class ArrayView extends AbstractList<Object> implements RandomAccess {
    final ArrayNode node;

    ArrayView(ArrayNode node) {
      this.node = node;
    }

    @Override
    public Object get(int index) {
      if (index < 0 || index >= node.size()) {
        throw new IndexOutOfBoundsException(index);
      }
      return toJsonata(node.get(index));
    }

    @Override
    public int size() {
      return node.size();
    }
  }
}
