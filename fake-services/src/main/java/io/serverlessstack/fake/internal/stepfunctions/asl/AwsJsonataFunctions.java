package io.serverlessstack.fake.internal.stepfunctions.asl;

import com.dashjoin.jsonata.Jsonata;
import com.dashjoin.jsonata.Jsonata.JFunction;
import com.dashjoin.jsonata.Jsonata.JFunctionCallable;
import com.dashjoin.jsonata.Utils;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The functions Step Functions adds to JSONata ({@code $partition}, {@code $range}, {@code $hash},
 * {@code $random} with an optional seed, {@code $uuid}, {@code $parse}), and the one it takes away
 * ({@code $eval}, which AWS does not offer: calling it fails as calling any non-function does).
 */
final class AwsJsonataFunctions {

  /** The most elements {@code $range} produces, as for {@code States.ArrayRange}. */
  static final int MAX_RANGE_LENGTH = 1000;

  private static final List<String> HASH_ALGORITHMS =
      List.of("MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512");

  private AwsJsonataFunctions() {}

  /** An error of one of these functions: a message without a JSONata error code. */
  static final class FunctionError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    FunctionError(String message) {
      super(message, null, false, false);
    }
  }

  /** Binds the functions into a compiled expression's own environment. */
  static void register(Jsonata expression) {
    expression.registerFunction("partition", fn(AwsJsonataFunctions::partition));
    expression.registerFunction("range", fn(AwsJsonataFunctions::range));
    expression.registerFunction("hash", fn(AwsJsonataFunctions::hash));
    expression.registerFunction("random", fn(AwsJsonataFunctions::random));
    expression.registerFunction("uuid", fn(args -> UUID.randomUUID().toString()));
    expression.registerFunction("parse", fn(AwsJsonataFunctions::parse));
    // Bound to nothing: the library's $eval is not Step Functions' JSONata.
    expression.assign("eval", null);
  }

  private interface Body {
    Object apply(List<?> args);
  }

  private static JFunction fn(Body body) {
    JFunctionCallable callable = (input, args) -> body.apply(args == null ? List.of() : args);
    return new JFunction(callable, null);
  }

  private static Object arg(List<?> args, int index) {
    Object value = index < args.size() ? args.get(index) : null;
    return value == Jsonata.NULL_VALUE ? null : value;
  }

  private static long integer(String function, List<?> args, int index, String what) {
    Object value = arg(args, index);
    if (value instanceof Number n) {
      double d = n.doubleValue();
      if (d == Math.rint(d) && !Double.isInfinite(d)) {
        return (long) d;
      }
    }
    throw new FunctionError(
        "The "
            + what
            + " argument of function $"
            + function
            + " must be an integer, but was: "
            + describe(value));
  }

  private static String describe(Object value) {
    if (value == null) {
      return "undefined";
    }
    try {
      return JsonataValues.write(JsonataValues.toJson(value));
    } catch (JsonataValues.UnsupportedValue e) {
      return "a function";
    }
  }

  /**
   * {@code $partition(array, size)}: the array cut into chunks of {@code size}, the last shorter.
   */
  static Object partition(List<?> args) {
    Object array = arg(args, 0);
    if (!(array instanceof List<?> list)) {
      throw new FunctionError(
          "The first argument of function $partition must be an array, but was: "
              + describe(array));
    }
    long size = integer("partition", args, 1, "second");
    if (size < 1) {
      throw new FunctionError(
          "The second argument of function $partition must be a positive integer, but was: "
              + size);
    }
    List<Object> chunks = new ArrayList<>();
    int n = list.size();
    for (long from = 0; from < n; from += size) {
      int to = (int) Math.min(n, from + size);
      chunks.add(new ArrayList<>(list.subList((int) from, to)));
    }
    return chunks;
  }

  /**
   * {@code $range(start, end, step)}: the integers from {@code start} by {@code step} up to and
   * including {@code end} when a step lands on it. Like any JSONata sequence, a range of one number
   * is that number (AWS answers {@code 1} for {@code $range(1, 9, 9)}).
   */
  static Object range(List<?> args) {
    long start = integer("range", args, 0, "first");
    long end = integer("range", args, 1, "second");
    long step = integer("range", args, 2, "third");
    if (step == 0) {
      throw new FunctionError("The third argument of function $range must not be zero.");
    }
    List<Object> sequence = Utils.createSequence();
    for (long i = start; step > 0 ? i <= end : i >= end; i += step) {
      if (sequence.size() == MAX_RANGE_LENGTH) {
        throw new FunctionError(
            "The function $range would produce more than " + MAX_RANGE_LENGTH + " elements.");
      }
      sequence.add(i >= Integer.MIN_VALUE && i <= Integer.MAX_VALUE ? (Object) (int) i : i);
    }
    if (sequence.size() == 1) {
      return sequence.get(0);
    }
    return sequence.isEmpty() ? null : sequence;
  }

  /** {@code $hash(value, algorithm)}: the lowercase hex digest of the string's UTF-8 bytes. */
  static Object hash(List<?> args) {
    Object value = arg(args, 0);
    Object algorithm = arg(args, 1);
    if (!(value instanceof String text)) {
      throw new FunctionError(
          "The first argument of function $hash must be a string, but was: " + describe(value));
    }
    if (!(algorithm instanceof String name) || !HASH_ALGORITHMS.contains(name)) {
      throw new FunctionError(
          "The second argument of function $hash must be one of "
              + String.join(", ", HASH_ALGORITHMS)
              + ", but was: "
              + describe(algorithm));
    }
    try {
      byte[] digest = MessageDigest.getInstance(name).digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(name, e);
    }
  }

  /**
   * {@code $random()}: a double in [0, 1); {@code $random(seed)}: the first double of {@code
   * java.util.Random} seeded with it, the same number for the same seed, as on AWS.
   */
  static Object random(List<?> args) {
    if (args.isEmpty() || arg(args, 0) == null) {
      return ThreadLocalRandom.current().nextDouble();
    }
    long seed = integer("random", args, 0, "first");
    return new Random(seed).nextDouble();
  }

  /** {@code $parse(json)}: the JSON value a string holds. */
  static Object parse(List<?> args) {
    Object value = arg(args, 0);
    if (!(value instanceof String text)) {
      throw new FunctionError(
          "The first argument of function $parse must be a string, but was: " + describe(value));
    }
    try {
      return JsonataValues.toJsonata(JsonataValues.MAPPER.readTree(text));
    } catch (JsonProcessingException e) {
      throw new FunctionError("The argument of function $parse is not valid JSON: " + text);
    }
  }
}
