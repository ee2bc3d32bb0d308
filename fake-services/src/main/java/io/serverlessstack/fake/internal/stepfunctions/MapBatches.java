package io.serverlessstack.fake.internal.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.serverlessstack.fake.internal.stepfunctions.asl.JsonPathDataFlow;
import io.serverlessstack.fake.internal.stepfunctions.asl.JsonataBindings;
import io.serverlessstack.fake.internal.stepfunctions.asl.JsonataExpressions;
import io.serverlessstack.fake.internal.stepfunctions.asl.PathRoots;
import io.serverlessstack.fake.internal.stepfunctions.asl.PayloadTemplate;
import io.serverlessstack.fake.internal.stepfunctions.asl.StatesError;
import java.util.ArrayList;
import java.util.List;

/**
 * A distributed Map's ItemBatcher: groups the items, in order, into batches of at most
 * MaxItemsPerBatch items and MaxInputBytesPerBatch bytes; each child execution gets one batch as
 * {@code {"BatchInput": ..., "Items": [...]}}, BatchInput only when the batcher sets it.
 */
final class MapBatches {

  /** What each child execution gets, and how many items each holds. */
  record Inputs(List<JsonNode> inputs, int[] itemsPerInput) {

    /** One item per child: no batcher. */
    static Inputs single(List<JsonNode> items) {
      int[] counts = new int[items.size()];
      java.util.Arrays.fill(counts, 1);
      return new Inputs(items, counts);
    }
  }

  /** AWS's limit on one batch, and on any execution's input. */
  private static final long MAX_BYTES = Payloads.MAX_BYTES;

  private MapBatches() {}

  /**
   * The children's inputs from the items (each already through ItemSelector): batched when the
   * state has an ItemBatcher.
   */
  static Inputs of(
      JsonNode batcher,
      List<JsonNode> items,
      JsonNode effective,
      PathRoots roots,
      JsonataBindings bindings) {
    if (batcher == null) {
      return Inputs.single(items);
    }
    long maxItems =
        limit(batcher, "MaxItemsPerBatch", effective, roots, bindings, Integer.MAX_VALUE);
    long maxBytes = limit(batcher, "MaxInputBytesPerBatch", effective, roots, bindings, MAX_BYTES);
    JsonNode batchInput = batchInput(batcher.get("BatchInput"), effective, roots, bindings);
    List<JsonNode> batches = new ArrayList<>();
    List<Integer> counts = new ArrayList<>();
    ObjectNode batch = null;
    long bytes = 0;
    for (JsonNode item : items) {
      long itemBytes = Payloads.utf8Length(Payloads.text(item)) + 1;
      // Guess: a batch's size is its JSON's, and an item larger than the limit goes alone.
      if (batch == null || batch.get("Items").size() >= maxItems || bytes + itemBytes > maxBytes) {
        batch = Payloads.NODES.objectNode();
        if (batchInput != null) {
          batch.set("BatchInput", batchInput);
        }
        batch.putArray("Items");
        bytes = Payloads.utf8Length(Payloads.text(batch));
        batches.add(batch);
        counts.add(0);
      }
      ((ArrayNode) batch.get("Items")).add(item);
      bytes += itemBytes;
      counts.set(counts.size() - 1, counts.get(counts.size() - 1) + 1);
    }
    return new Inputs(batches, counts.stream().mapToInt(Integer::intValue).toArray());
  }

  private static long limit(
      JsonNode batcher,
      String field,
      JsonNode effective,
      PathRoots roots,
      JsonataBindings bindings,
      long unset) {
    JsonNode value = batcher.get(field);
    String path = batcher.hasNonNull(field + "Path") ? batcher.get(field + "Path").asText() : null;
    if (value != null && bindings != null && JsonataExpressions.isExpression(value)) {
      value = JsonataExpressions.evaluate(value, bindings, field);
    } else if (value == null && path != null) {
      value = JsonPathDataFlow.select(effective, path, roots);
    }
    if (value == null) {
      return unset;
    }
    // Guess: AWS's messages, worded as for ToleratedFailureCountPath.
    if (!value.isIntegralNumber() || !value.canConvertToLong()) {
      throw StatesError.inState(
          StatesError.RUNTIME,
          "The "
              + field
              + (path != null ? "Path" : "")
              + " field refers to value \""
              + (value.isTextual() ? value.asText() : Payloads.text(value))
              + "\" which is not a valid integer"
              + (path != null ? ": " + path : ""));
    }
    if (value.asLong() <= 0) {
      throw StatesError.inState(StatesError.RUNTIME, field + " must be greater than 0.");
    }
    return Math.min(value.asLong(), unset);
  }

  private static JsonNode batchInput(
      JsonNode template, JsonNode effective, PathRoots roots, JsonataBindings bindings) {
    if (template == null) {
      return null;
    }
    return bindings != null
        ? JsonataExpressions.evaluate(template, bindings, "BatchInput")
        : PayloadTemplate.cached(template).apply(effective, roots);
  }
}
