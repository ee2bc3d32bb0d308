package io.serverlessstack.fake.internal.stepfunctions.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The workflow variables one state sees: a scope with its own bindings and, for a Parallel branch
 * or a Map iteration, the scope it was started from.
 *
 * <p>Immutable: {@link #assignAll} returns the scope after the assignment and leaves this one as it
 * was, so the values a state read on entry stay what it reads until it exits (Step Functions
 * evaluates every expression of a state, {@code Assign} included, against the variables as they
 * were before the state's {@code Assign} block) and a scope can be shared by concurrent branches
 * without locks.
 *
 * <p>Scoping as Step Functions has it: a {@link #child()} (a Parallel branch, an inline Map
 * iteration) reads the variables of its parent but its own assignments stay in it; they are not
 * visible to the parent or to sibling branches, which get data out only through their output. A
 * {@link #root()} has no parent (the top level of an execution, and a distributed Map's child
 * executions, which see no outer variables).
 *
 * <p>Limits, as AWS documents them for variables: one variable at most {@value #MAX_VARIABLE_BYTES}
 * bytes of JSON, one {@code Assign} block at most {@value #MAX_ASSIGN_BYTES} bytes, and all
 * variables a scope sees at most {@value #MAX_TOTAL_BYTES} bytes.
 */
public final class Variables {

  /** The most JSON, in UTF-8 bytes, one variable can hold: 256 KiB. */
  public static final long MAX_VARIABLE_BYTES = 256L * 1024;

  /** The most JSON, in UTF-8 bytes, one {@code Assign} block can assign in all: 256 KiB. */
  public static final long MAX_ASSIGN_BYTES = 256L * 1024;

  /** The most JSON, in UTF-8 bytes, all variables of an execution can hold: 10 MiB. */
  public static final long MAX_TOTAL_BYTES = 10L * 1024 * 1024;

  private static final Variables EMPTY = new Variables(null, Map.of(), Map.of(), 0);

  private final Variables parent;
  private final Map<String, JsonNode> own;
  private final Map<String, Long> sizes;
  private final long totalBytes;

  private Variables(
      Variables parent, Map<String, JsonNode> own, Map<String, Long> sizes, long totalBytes) {
    this.parent = parent;
    this.own = own;
    this.sizes = sizes;
    this.totalBytes = totalBytes;
  }

  /** A scope with no variables and no parent. */
  public static Variables root() {
    return EMPTY;
  }

  /** A new, empty scope that reads this one's variables (a Parallel branch, a Map iteration). */
  public Variables child() {
    return new Variables(this, Map.of(), Map.of(), totalBytes);
  }

  /** The scope this one reads through, or {@code null} for a root. */
  public Variables parent() {
    return parent;
  }

  /**
   * The value of a variable in this scope or, failing that, in the scopes it reads; {@code null}
   * when no scope has it.
   */
  public JsonNode lookup(String name) {
    for (Variables scope = this; scope != null; scope = scope.parent) {
      JsonNode value = scope.own.get(name);
      if (value != null) {
        return value;
      }
    }
    return null;
  }

  /** The variables assigned in this scope itself, in assignment order; unmodifiable. */
  public Map<String, JsonNode> own() {
    return own;
  }

  /** Every variable this scope sees, inner values hiding outer ones; a new map. */
  public Map<String, JsonNode> visible() {
    Map<String, JsonNode> all = parent == null ? new LinkedHashMap<>() : parent.visible();
    all.putAll(own);
    return all;
  }

  /** The JSON size, in UTF-8 bytes, of every variable this scope sees. */
  public long totalBytes() {
    return totalBytes;
  }

  /**
   * This scope after binding the given values (one {@code Assign} block's results, evaluated
   * beforehand against this scope), which replace earlier values of the same names in this scope.
   *
   * @throws StatesError {@code States.DataLimitExceeded} when a value, the block or the scope's
   *     variables in all exceed AWS's limits; the state prefix is left to the interpreter
   */
  public Variables assignAll(Map<String, JsonNode> values) {
    if (values.isEmpty()) {
      return this;
    }
    Map<String, JsonNode> nextOwn = new LinkedHashMap<>(own);
    Map<String, Long> nextSizes = new LinkedHashMap<>(sizes);
    long block = 0;
    long total = totalBytes;
    for (Map.Entry<String, JsonNode> entry : values.entrySet()) {
      String name = Objects.requireNonNull(entry.getKey(), "name");
      JsonNode value = Objects.requireNonNull(entry.getValue(), name);
      long size = JsonataValues.serializedSize(value);
      if (size > MAX_VARIABLE_BYTES) {
        throw StatesError.inState(
            StatesError.DATA_LIMIT_EXCEEDED,
            "The value assigned to the variable '"
                + name
                + "' has a size of "
                + size
                + " bytes, which exceeds the maximum of "
                + MAX_VARIABLE_BYTES
                + " bytes.");
      }
      block += size;
      Long previous = nextSizes.put(name, size);
      // A value replaced in this scope no longer counts; one hidden in a parent still does.
      total += size - (previous == null ? 0 : previous);
      nextOwn.put(name, value);
    }
    if (block > MAX_ASSIGN_BYTES) {
      throw StatesError.inState(
          StatesError.DATA_LIMIT_EXCEEDED,
          "The variables assigned by the field 'Assign' have a combined size of "
              + block
              + " bytes, which exceeds the maximum of "
              + MAX_ASSIGN_BYTES
              + " bytes.");
    }
    if (total > MAX_TOTAL_BYTES) {
      throw StatesError.inState(
          StatesError.DATA_LIMIT_EXCEEDED,
          "The variables of the execution would have a combined size of "
              + total
              + " bytes, which exceeds the maximum of "
              + MAX_TOTAL_BYTES
              + " bytes.");
    }
    return new Variables(
        parent,
        Collections.unmodifiableMap(nextOwn),
        Collections.unmodifiableMap(nextSizes),
        total);
  }

  @Override
  public String toString() {
    return "Variables" + visible();
  }
}
