package io.serverlessstack.fake.internal.stepfunctions;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Map.Entry;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A mock configuration in AWS Step Functions Local's format ({@code MockConfigFile.json}): test
 * cases per state machine, each naming the mocked response of some of its Task states, and the
 * mocked responses, each a {@code Return} or {@code Throw} per invocation number or range ({@code
 * "0"}, {@code "1-2"}). Parsed strictly, so that a mistake is reported where it is (a file position
 * for broken JSON, a JSON pointer for a misplaced or misspelt field), not as a mock that silently
 * never applies. Immutable.
 */
public final class StepFunctionsMockConfig {

  /** One invocation's answer: a result ({@code returned}), or an error and its cause. */
  record Response(JsonNode returned, String error, String cause) {
    boolean throwsError() {
      return returned == null;
    }
  }

  private static final ObjectMapper STRICT =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .disable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
          .build();

  private final String text;

  /** Test cases by state machine name, then by test case name: state name to response name. */
  private final Map<String, Map<String, Map<String, String>>> testCases;

  /** Mocked responses by name: by the first invocation number of each range, the range. */
  private final Map<String, TreeMap<Integer, Range>> responses;

  private record Range(int first, int last, Response response) {}

  private StepFunctionsMockConfig(
      String text,
      Map<String, Map<String, Map<String, String>>> testCases,
      Map<String, TreeMap<Integer, Range>> responses) {
    this.text = text;
    this.testCases = testCases;
    this.responses = responses;
  }

  /**
   * Parses a mock configuration.
   *
   * @throws IllegalArgumentException saying what is wrong and where: a line and column for JSON
   *     that does not parse, a JSON pointer ({@code /MockedResponses/Retry/1-2/Throw}) for a field
   *     that is not as the format wants it
   */
  public static StepFunctionsMockConfig parse(String json) {
    Objects.requireNonNull(json, "json");
    JsonNode root;
    try {
      root = STRICT.readTree(json);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw invalid(
          (at == null ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ")
              + "not JSON: "
              + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw invalid(
          "at /: the configuration is a JSON object with StateMachines and MockedResponses");
    }
    for (Entry<String, JsonNode> field : root.properties()) {
      if (!field.getKey().equals("StateMachines") && !field.getKey().equals("MockedResponses")) {
        throw invalid(
            "at "
                + pointer(field.getKey())
                + ": unknown field; the configuration has StateMachines and MockedResponses");
      }
    }
    return new StepFunctionsMockConfig(
        json,
        testCases(objectAt(root, "StateMachines", "")),
        responses(objectAt(root, "MockedResponses", "")));
  }

  /** Reads and parses a mock configuration file. */
  public static StepFunctionsMockConfig read(Path file) {
    String json;
    try {
      json = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot read the Step Functions mock configuration " + file, e);
    }
    try {
      return parse(json);
    } catch (IllegalArgumentException invalid) {
      throw new IllegalArgumentException(file + ": " + invalid.getMessage(), invalid);
    }
  }

  /** The configuration as it was given. */
  public String text() {
    return text;
  }

  /** The states a test case mocks, to the names of their responses; {@code null} if none. */
  Map<String, String> testCase(String stateMachine, String testCase) {
    Map<String, Map<String, String>> cases = testCases.get(stateMachine);
    return cases == null ? null : cases.get(testCase);
  }

  /** Whether a mocked response of this name is defined (it may define no invocation). */
  boolean hasResponse(String name) {
    return responses.containsKey(name);
  }

  /** The answer of a mocked response to invocation {@code index}; {@code null} if it gives none. */
  Response response(String name, int index) {
    TreeMap<Integer, Range> ranges = responses.get(name);
    if (ranges == null) {
      return null;
    }
    Entry<Integer, Range> from = ranges.floorEntry(index);
    return from == null || from.getValue().last() < index ? null : from.getValue().response();
  }

  // ---- parsing

  private static Map<String, Map<String, Map<String, String>>> testCases(JsonNode machines) {
    Map<String, Map<String, Map<String, String>>> parsed = new LinkedHashMap<>();
    if (machines == null) {
      return parsed;
    }
    for (Entry<String, JsonNode> machine : machines.properties()) {
      String at = pointer("StateMachines", machine.getKey());
      if (!machine.getValue().isObject()) {
        throw invalid("at " + at + ": a state machine's entry is an object with TestCases");
      }
      for (Entry<String, JsonNode> field : machine.getValue().properties()) {
        if (!field.getKey().equals("TestCases")) {
          throw invalid(
              "at "
                  + at
                  + "/"
                  + escape(field.getKey())
                  + ": unknown field; a state machine's entry has TestCases only");
        }
      }
      JsonNode cases = objectAt(machine.getValue(), "TestCases", at);
      Map<String, Map<String, String>> byName = new LinkedHashMap<>();
      if (cases == null) {
        throw invalid("at " + at + ": a state machine's entry needs TestCases");
      }
      for (Entry<String, JsonNode> testCase : cases.properties()) {
        String caseAt = at + "/TestCases/" + escape(testCase.getKey());
        if (!testCase.getValue().isObject()) {
          throw invalid(
              "at "
                  + caseAt
                  + ": a test case is an object of state names to mocked response names");
        }
        Map<String, String> states = new LinkedHashMap<>();
        for (Entry<String, JsonNode> state : testCase.getValue().properties()) {
          if (!state.getValue().isTextual()) {
            throw invalid(
                "at "
                    + caseAt
                    + "/"
                    + escape(state.getKey())
                    + ": a state's mock is the name of a mocked response, a string");
          }
          states.put(state.getKey(), state.getValue().asText());
        }
        byName.put(testCase.getKey(), Map.copyOf(states));
      }
      parsed.put(machine.getKey(), Map.copyOf(byName));
    }
    return Map.copyOf(parsed);
  }

  private static Map<String, TreeMap<Integer, Range>> responses(JsonNode mocked) {
    Map<String, TreeMap<Integer, Range>> parsed = new LinkedHashMap<>();
    if (mocked == null) {
      return parsed;
    }
    for (Entry<String, JsonNode> named : mocked.properties()) {
      String at = pointer("MockedResponses", named.getKey());
      if (!named.getValue().isObject()) {
        throw invalid(
            "at "
                + at
                + ": a mocked response is an object of invocation numbers (\"0\", \"1-2\") to"
                + " responses");
      }
      TreeMap<Integer, Range> ranges = new TreeMap<>();
      for (Entry<String, JsonNode> numbered : named.getValue().properties()) {
        String rangeAt = at + "/" + escape(numbered.getKey());
        int[] bounds = bounds(numbered.getKey(), rangeAt);
        Range range = new Range(bounds[0], bounds[1], response(numbered.getValue(), rangeAt));
        Entry<Integer, Range> before = ranges.floorEntry(range.last());
        if (before != null && before.getValue().last() >= range.first()) {
          throw invalid(
              "at "
                  + rangeAt
                  + ": invocations "
                  + numbered.getKey()
                  + " overlap invocations "
                  + label(before.getValue())
                  + " of the same mocked response");
        }
        ranges.put(range.first(), range);
      }
      parsed.put(named.getKey(), ranges);
    }
    return Map.copyOf(parsed);
  }

  private static int[] bounds(String key, String at) {
    String[] parts = key.split("-", -1);
    try {
      if (parts.length == 1 || parts.length == 2) {
        int first = Integer.parseInt(parts[0].trim());
        int last = parts.length == 1 ? first : Integer.parseInt(parts[1].trim());
        if (first >= 0 && last >= first) {
          return new int[] {first, last};
        }
      }
    } catch (NumberFormatException notNumber) {
      // reported below
    }
    throw invalid(
        "at "
            + at
            + ": an invocation key is a number from 0 (\"0\") or a range of them (\"1-2\"), not \""
            + key
            + "\"");
  }

  private static Response response(JsonNode node, String at) {
    if (!node.isObject()) {
      throw invalid("at " + at + ": a response is an object with Return or Throw");
    }
    JsonNode returned = node.get("Return");
    JsonNode thrown = node.get("Throw");
    for (Entry<String, JsonNode> field : node.properties()) {
      if (!field.getKey().equals("Return") && !field.getKey().equals("Throw")) {
        throw invalid(
            "at "
                + at
                + "/"
                + escape(field.getKey())
                + ": unknown field; a response has Return or Throw");
      }
    }
    if ((returned == null) == (thrown == null)) {
      throw invalid("at " + at + ": a response has exactly one of Return and Throw");
    }
    if (returned != null) {
      return new Response(returned, null, null);
    }
    String throwAt = at + "/Throw";
    if (!thrown.isObject()) {
      throw invalid("at " + throwAt + ": Throw is an object with Error and Cause");
    }
    for (Entry<String, JsonNode> field : thrown.properties()) {
      boolean known = field.getKey().equals("Error") || field.getKey().equals("Cause");
      if (!known) {
        throw invalid(
            "at "
                + throwAt
                + "/"
                + escape(field.getKey())
                + ": unknown field; Throw has Error and Cause");
      }
      if (!field.getValue().isTextual()) {
        throw invalid("at " + throwAt + "/" + field.getKey() + ": a string");
      }
    }
    JsonNode error = thrown.get("Error");
    if (error == null) {
      throw invalid("at " + throwAt + ": Throw needs an Error");
    }
    JsonNode cause = thrown.get("Cause");
    return new Response(null, error.asText(), cause == null ? null : cause.asText());
  }

  private static JsonNode objectAt(JsonNode parent, String field, String parentAt) {
    JsonNode value = parent.get(field);
    if (value == null) {
      return null;
    }
    if (!value.isObject()) {
      throw invalid("at " + parentAt + "/" + field + ": an object");
    }
    return value;
  }

  private static String label(Range range) {
    return range.first() == range.last()
        ? String.valueOf(range.first())
        : range.first() + "-" + range.last();
  }

  private static String pointer(String... segments) {
    StringBuilder pointer = new StringBuilder();
    for (String segment : segments) {
      pointer.append('/').append(escape(segment));
    }
    return pointer.toString();
  }

  /** A JSON pointer's escaping of one segment (RFC 6901). */
  private static String escape(String segment) {
    return segment.replace("~", "~0").replace("/", "~1");
  }

  private static IllegalArgumentException invalid(String message) {
    return new IllegalArgumentException("Invalid Step Functions mock configuration: " + message);
  }
}
