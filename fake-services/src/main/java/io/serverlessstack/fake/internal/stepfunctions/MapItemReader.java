package io.serverlessstack.fake.internal.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.serverlessstack.fake.internal.s3.S3Engine;
import io.serverlessstack.fake.internal.s3.StoredObject;
import io.serverlessstack.fake.internal.server.Scope;
import io.serverlessstack.fake.internal.stepfunctions.asl.JsonPathDataFlow;
import io.serverlessstack.fake.internal.stepfunctions.asl.JsonataBindings;
import io.serverlessstack.fake.internal.stepfunctions.asl.JsonataExpressions;
import io.serverlessstack.fake.internal.stepfunctions.asl.PathRoots;
import io.serverlessstack.fake.internal.stepfunctions.asl.PayloadTemplate;
import io.serverlessstack.fake.internal.stepfunctions.asl.StatesError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * A distributed Map's ItemReader over the stack's own S3: {@code s3:getObject} of a JSON array,
 * JSON Lines or CSV file or an S3 Inventory manifest, or {@code s3:listObjectsV2}'s object
 * summaries. Its fields are evaluated when the state starts (a bad MaxItemsPath fails the state, as
 * AWS's does before its Map Run); it reads in the Map Run, whose failure is then {@code
 * States.ItemReaderFailed} (causes from LocalStack's AWS snapshots of {@code
 * test_map_item_reader_*}).
 */
final class MapItemReader {

  /** AWS reads at most this many items, whatever MaxItems says. */
  private static final long MAX_ITEMS = 100_000_000;

  private static final CsvMapper CSV = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);

  private final String operation;
  private final JsonNode parameters;
  private final JsonNode config;
  private final JsonNode maxItems;

  private MapItemReader(String operation, JsonNode parameters, JsonNode config, JsonNode maxItems) {
    this.operation = operation;
    this.parameters = parameters;
    this.config = config;
    this.maxItems = maxItems;
  }

  /** The state's reader with its parameters and MaxItems evaluated, or {@code null} for none. */
  static MapItemReader prepare(
      JsonNode reader, JsonNode effective, PathRoots roots, JsonataBindings bindings) {
    if (reader == null) {
      return null;
    }
    String resource = reader.path("Resource").asText();
    String operation = resource.substring(resource.lastIndexOf(':') + 1);
    JsonNode parameters;
    if (bindings != null) {
      parameters =
          reader.has("Arguments")
              ? JsonataExpressions.evaluate(reader.get("Arguments"), bindings, "Arguments")
              : Payloads.NODES.objectNode();
    } else {
      parameters =
          reader.has("Parameters")
              ? PayloadTemplate.cached(reader.get("Parameters")).apply(effective, roots)
              : Payloads.NODES.objectNode();
    }
    JsonNode config = reader.path("ReaderConfig");
    JsonNode maxItems = config.get("MaxItems");
    if (maxItems != null && bindings != null && JsonataExpressions.isExpression(maxItems)) {
      maxItems = JsonataExpressions.evaluate(maxItems, bindings, "MaxItems");
    } else if (maxItems == null && config.hasNonNull("MaxItemsPath")) {
      String path = config.get("MaxItemsPath").asText();
      maxItems = JsonPathDataFlow.select(effective, path, roots);
      if (!maxItems.isIntegralNumber()) {
        throw StatesError.inState(
            StatesError.RUNTIME,
            "The MaxItemsPath field refers to value \""
                + (maxItems.isTextual() ? maxItems.asText() : Payloads.text(maxItems))
                + "\" which is not a valid integer: "
                + path);
      }
    }
    return new MapItemReader(operation, parameters, config, maxItems);
  }

  /** Reads the items; fails with {@code States.ItemReaderFailed}. */
  ArrayNode read(S3Engine s3, Scope scope) {
    long limit = MAX_ITEMS;
    if (maxItems != null) {
      if (maxItems.asLong() < 0) {
        throw failed("field MaxItems must be positive");
      }
      // MaxItems 0 reads every item.
      limit = maxItems.asLong() == 0 ? MAX_ITEMS : Math.min(maxItems.asLong(), MAX_ITEMS);
    }
    if (s3 == null) {
      throw failed("The stack does not run S3, which the ItemReader reads.");
    }
    String bucket = parameters.path("Bucket").asText(null);
    if (bucket == null) {
      throw failed("The field 'Bucket' is required but was missing");
    }
    List<StoredObject> objects;
    try {
      objects = s3.objects(scope.accountId(), bucket);
    } catch (IllegalArgumentException noBucket) {
      // Guess: the cause is S3's own message.
      throw failed("The specified bucket does not exist");
    }
    return switch (operation) {
      case "listObjectsV2" -> summaries(objects, parameters.path("Prefix").asText(""), limit);
      case "getObject" ->
          content(object(objects, parameters.path("Key").asText(null)), limit, s3, scope);
      default -> throw failed("Unsupported ItemReader resource: arn:aws:states:::s3:" + operation);
    };
  }

  private static StoredObject object(List<StoredObject> objects, String key) {
    for (StoredObject object : objects) {
      if (object.key().equals(key)) {
        return object;
      }
    }
    throw failed("The specified key does not exist.");
  }

  /** listObjectsV2's objects as AWS gives them to a Map: Etag, LastModified, Key, Size, class. */
  private static ArrayNode summaries(List<StoredObject> objects, String prefix, long limit) {
    ArrayNode items = Payloads.NODES.arrayNode();
    for (StoredObject object : objects) {
      if (items.size() >= limit) {
        break;
      }
      if (!object.key().startsWith(prefix)) {
        continue;
      }
      ObjectNode item = items.addObject();
      item.put("Etag", object.etag());
      // Guess: epoch seconds, as AWS's documented example shows them.
      item.put("LastModified", object.lastModified().getEpochSecond());
      item.put("Key", object.key());
      item.put("Size", object.size());
      item.put("StorageClass", "STANDARD");
    }
    return items;
  }

  private ArrayNode content(StoredObject object, long limit, S3Engine s3, Scope scope) {
    String text = new String(object.content(), StandardCharsets.UTF_8);
    String type = config.path("InputType").asText("JSON");
    ArrayNode items =
        switch (type) {
          case "CSV" -> csv(text, limit);
          case "MANIFEST" -> inventory(text, limit, s3, scope);
          case "JSONL" -> jsonLines(text, limit);
          case "JSON" -> json(text);
          default -> throw failed("Unsupported InputType: " + type);
        };
    while (items.size() > limit) {
      items.remove(items.size() - 1);
    }
    return items;
  }

  private static ArrayNode json(String text) {
    JsonNode parsed = Payloads.parseOrNull(text);
    if (parsed == null || !parsed.isArray()) {
      throw failed("Attempting to map over non-iterable node.");
    }
    return (ArrayNode) parsed;
  }

  private static ArrayNode jsonLines(String text, long limit) {
    ArrayNode items = Payloads.NODES.arrayNode();
    for (String line : text.split("\r?\n")) {
      if (items.size() >= limit) {
        break;
      }
      if (line.isBlank()) {
        continue;
      }
      JsonNode item = Payloads.parseOrNull(line);
      if (item == null) {
        // Guess: AWS's cause for a line that is not JSON.
        throw failed("Attempting to read a JSONL line that is not valid JSON: " + line);
      }
      items.add(item);
    }
    return items;
  }

  /**
   * An S3 Inventory report: its {@code manifest.json} names CSV files (gzipped as S3 writes them)
   * in its destination bucket, whose rows are objects by the manifest's {@code fileSchema}.
   */
  private static ArrayNode inventory(String text, long limit, S3Engine s3, Scope scope) {
    JsonNode manifest = Payloads.parseOrNull(text);
    if (manifest == null || !manifest.isObject()) {
      throw failed("Attempting to read an S3 inventory manifest that is not a JSON object.");
    }
    if (!"CSV".equals(manifest.path("fileFormat").asText())) {
      // Guess: AWS's cause; Step Functions reads CSV inventories only.
      throw failed("Unsupported S3 inventory file format: " + manifest.path("fileFormat").asText());
    }
    List<String> schema = new ArrayList<>();
    for (String field : manifest.path("fileSchema").asText().split(",")) {
      schema.add(field.trim());
    }
    String destination = manifest.path("destinationBucket").asText();
    String bucket = destination.substring(destination.lastIndexOf(':') + 1);
    List<StoredObject> objects;
    try {
      objects = s3.objects(scope.accountId(), bucket);
    } catch (IllegalArgumentException noBucket) {
      throw failed("The specified bucket does not exist");
    }
    ArrayNode items = Payloads.NODES.arrayNode();
    for (JsonNode file : manifest.path("files")) {
      StoredObject part = object(objects, file.path("key").asText());
      for (String[] row : rows(gunzipped(part.content()), ',')) {
        if (items.size() >= limit) {
          return items;
        }
        ObjectNode item = items.addObject();
        for (int column = 0; column < schema.size(); column++) {
          item.put(schema.get(column), column < row.length ? row[column] : "");
        }
      }
    }
    return items;
  }

  /** The content, gunzipped when it is gzip (by its magic bytes), as text. */
  private static String gunzipped(byte[] content) {
    if (content.length < 2 || (content[0] & 0xff) != 0x1f || (content[1] & 0xff) != 0x8b) {
      return new String(content, StandardCharsets.UTF_8);
    }
    try (java.util.zip.GZIPInputStream in =
        new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(content))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw failed("Attempting to read an S3 inventory file that is not valid gzip.");
    }
  }

  private static List<String[]> rows(String text, char delimiter) {
    List<String[]> rows = new ArrayList<>();
    CsvSchema schema = CsvSchema.emptySchema().withColumnSeparator(delimiter);
    try (MappingIterator<String[]> parsed =
        CSV.readerFor(String[].class).with(schema).readValues(text)) {
      while (parsed.hasNext()) {
        rows.add(parsed.next());
      }
    } catch (IOException | RuntimeException e) {
      throw failed("Attempting to read a CSV file that is not valid CSV: " + e.getMessage());
    }
    return rows;
  }

  /** CSV rows as objects of strings by header; missing values are "", extra ones dropped. */
  private ArrayNode csv(String text, long limit) {
    List<String[]> rows = rows(text, delimiter());
    List<String> headers = new ArrayList<>();
    int first = 0;
    if ("GIVEN".equals(config.path("CSVHeaderLocation").asText("FIRST_ROW"))) {
      config.path("CSVHeaders").forEach(header -> headers.add(header.asText()));
    } else if (!rows.isEmpty()) {
      headers.addAll(List.of(rows.get(0)));
      first = 1;
    }
    if (new HashSet<>(headers).size() < headers.size()) {
      throw failed("CSV headers cannot contain duplicates.");
    }
    ArrayNode items = Payloads.NODES.arrayNode();
    for (int i = first; i < rows.size() && items.size() < limit; i++) {
      String[] row = rows.get(i);
      ObjectNode item = items.addObject();
      for (int column = 0; column < headers.size(); column++) {
        item.put(headers.get(column), column < row.length ? row[column] : "");
      }
    }
    return items;
  }

  private char delimiter() {
    return switch (config.path("CSVDelimiter").asText("COMMA")) {
      case "PIPE" -> '|';
      case "SEMICOLON" -> ';';
      case "SPACE" -> ' ';
      case "TAB" -> '\t';
      default -> ',';
    };
  }

  private static StatesError failed(String cause) {
    return StatesError.of(StatesError.ITEM_READER_FAILED, cause);
  }
}
