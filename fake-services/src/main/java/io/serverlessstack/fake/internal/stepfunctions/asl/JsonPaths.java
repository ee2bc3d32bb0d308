package io.serverlessstack.fake.internal.stepfunctions.asl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.PathNotFoundException;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import java.io.UncheckedIOException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * JSONPath evaluation as Step Functions does it: with Jayway JsonPath (AWS's own engine, so its
 * messages, such as {@code No results for path: $['x']}, are the ones AWS shows), on Jackson trees,
 * never on json-smart (left out of the build). Compiled paths are cached: a definition's paths are
 * few and evaluated on every state transition.
 *
 * <p>Nodes read here are never modified; a result may be a subtree of the document it came from, so
 * callers treat every node as immutable.
 */
public final class JsonPaths {

  /** Jackson for the language: plain, compact output, numbers as written. */
  /** The one plain mapper of Step Functions' JSON, on the relocated Jackson. */
  public static final ObjectMapper MAPPER = new ObjectMapper();

  static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private static final Configuration CONFIGURATION =
      Configuration.builder()
          .jsonProvider(new JacksonJsonNodeJsonProvider(MAPPER))
          .mappingProvider(new JacksonMappingProvider(MAPPER))
          .build();

  /** Enough for every path of many definitions; past it the cache starts again. */
  private static final int CACHE_LIMIT = 10_000;

  private static final ConcurrentHashMap<String, JsonPath> CACHE = new ConcurrentHashMap<>();

  private JsonPaths() {}

  /**
   * The path compiled, from the cache.
   *
   * @throws InvalidPathException when Jayway cannot compile it (a definition error)
   */
  public static JsonPath compile(String path) {
    JsonPath compiled = CACHE.get(path);
    if (compiled == null) {
      compiled = JsonPath.compile(path);
      if (CACHE.size() >= CACHE_LIMIT) {
        CACHE.clear();
      }
      CACHE.put(path, compiled);
    }
    return compiled;
  }

  /** Whether Jayway compiles the path; what the validator asks of a Path field. */
  public static boolean isValid(String path) {
    if (path == null || !path.startsWith("$")) {
      return false;
    }
    try {
      compile(path);
      return true;
    } catch (InvalidPathException e) {
      return false;
    }
  }

  /**
   * What a path (starting with {@code $}) selects in a document: one node for a definite path, an
   * array for a path with wildcards, filters or slices (empty if nothing matches).
   *
   * @throws PathNotFoundException when a definite path selects nothing, with Jayway's message
   */
  public static JsonNode read(String path, JsonNode document) {
    if ("$".equals(path)) {
      return document;
    }
    Object result;
    try {
      result = compile(path).read(document, CONFIGURATION);
    } catch (PathNotFoundException e) {
      throw e;
    } catch (InvalidPathException e) {
      throw new PathNotFoundException(e.getMessage(), e);
    } catch (LinkageError e) {
      // A filter holding a JSON literal reaches for Jayway's default (json-smart) provider.
      throw new PathNotFoundException("Unsupported path: " + path, e);
    }
    return toNode(result);
  }

  /** A value Jayway returns (a node, or an unwrapped scalar) as a node. */
  static JsonNode toNode(Object value) {
    if (value == null) {
      return NullNode.getInstance();
    }
    if (value instanceof JsonNode) {
      return (JsonNode) value;
    }
    return MAPPER.valueToTree(value);
  }

  /** The compact JSON text of a node, as AWS shows inputs in causes and JsonToString returns. */
  public static String compact(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
