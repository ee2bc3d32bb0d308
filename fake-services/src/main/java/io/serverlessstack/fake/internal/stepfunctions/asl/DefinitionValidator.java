package io.serverlessstack.fake.internal.stepfunctions.asl;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validates an Amazon States Language definition as CreateStateMachine, UpdateStateMachine and
 * ValidateStateMachineDefinition do, on the raw JSON tree, and answers AWS's diagnostics: the same
 * codes, messages and locations where they are known from real AWS answers (see the tests, which
 * say where each wording comes from), and AWS-shaped best guesses elsewhere.
 *
 * <p>Two phases, as AWS reports them: first the schema ({@code SCHEMA_VALIDATION_FAILED}: fields
 * allowed per state type and query language, required fields, value types and ranges, paths, Choice
 * rules, Retry and Catch), in document order, the machine's own fields before its states and a
 * state's own fields before the states nested in it. Only a definition without schema errors is
 * then checked as a graph: duplicate state names, transitions to states that do not exist ({@code
 * MISSING_TRANSITION_TARGET}), a workflow without a terminal state ({@code MISSING_END_STATE},
 * which hides the reachability report) and states nothing reaches.
 *
 * <p>Stateless and thread-safe; one pass over the tree, so a 100-state definition validates in
 * microseconds.
 */
public final class DefinitionValidator {

  public static final String SCHEMA_VALIDATION_FAILED = "SCHEMA_VALIDATION_FAILED";
  public static final String INVALID_JSON_DESCRIPTION = "INVALID_JSON_DESCRIPTION";
  public static final String MISSING_TRANSITION_TARGET = "MISSING_TRANSITION_TARGET";
  public static final String MISSING_END_STATE = "MISSING_END_STATE";
  public static final String DUPLICATE_STATE_NAME = "DUPLICATE_STATE_NAME";
  public static final String INVALID_STATE_NAME = "INVALID_STATE_NAME";
  public static final String NO_DOLLAR = "NO_DOLLAR";

  /** The default and largest {@code maxResults} of ValidateStateMachineDefinition. */
  public static final int MAX_RESULTS = 100;

  static final String JSONPATH = "JSONPath";
  static final String JSONATA = "JSONata";
  private static final int MAX_STATE_NAME_LENGTH = 80;
  private static final int MAX_SECONDS = 99_999_999;

  private static final List<String> STATE_TYPES =
      List.of("Task", "Wait", "Pass", "Succeed", "Fail", "Choice", "Parallel", "Map");

  private static final Set<String> TOP_LEVEL_FIELDS =
      Set.of("Comment", "StartAt", "States", "Version", "TimeoutSeconds", "QueryLanguage");
  private static final Set<String> BRANCH_FIELDS = Set.of("Comment", "StartAt", "States");
  private static final Set<String> PROCESSOR_FIELDS =
      Set.of("Comment", "StartAt", "States", "ProcessorConfig");

  private static final Set<String> COMMON_FIELDS = Set.of("Type", "Comment", "QueryLanguage");
  private static final Map<String, Set<String>> STATE_FIELDS =
      Map.of(
          "Pass",
          Set.of(
              "Next",
              "End",
              "InputPath",
              "OutputPath",
              "ResultPath",
              "Parameters",
              "Result",
              "Assign",
              "Output"),
          "Task",
          Set.of(
              "Next",
              "End",
              "Resource",
              "InputPath",
              "OutputPath",
              "ResultPath",
              "Parameters",
              "ResultSelector",
              "Retry",
              "Catch",
              "TimeoutSeconds",
              "TimeoutSecondsPath",
              "HeartbeatSeconds",
              "HeartbeatSecondsPath",
              "Credentials",
              "Assign",
              "Arguments",
              "Output"),
          "Choice",
          Set.of("Choices", "Default", "InputPath", "OutputPath", "Assign", "Output"),
          "Wait",
          Set.of(
              "Next",
              "End",
              "Seconds",
              "Timestamp",
              "SecondsPath",
              "TimestampPath",
              "InputPath",
              "OutputPath",
              "Assign",
              "Output"),
          "Succeed",
          Set.of("InputPath", "OutputPath", "Output"),
          "Fail",
          Set.of("Error", "Cause", "ErrorPath", "CausePath"),
          "Parallel",
          Set.of(
              "Next",
              "End",
              "Branches",
              "InputPath",
              "OutputPath",
              "ResultPath",
              "Parameters",
              "ResultSelector",
              "Retry",
              "Catch",
              "Assign",
              "Arguments",
              "Output"),
          "Map",
          Set.of(
              "Next",
              "End",
              "ItemProcessor",
              "Iterator",
              "ItemsPath",
              "Items",
              "ItemSelector",
              "Parameters",
              "ItemReader",
              "ItemBatcher",
              "ResultWriter",
              "MaxConcurrency",
              "MaxConcurrencyPath",
              "ToleratedFailurePercentage",
              "ToleratedFailurePercentagePath",
              "ToleratedFailureCount",
              "ToleratedFailureCountPath",
              "Label",
              "InputPath",
              "OutputPath",
              "ResultPath",
              "ResultSelector",
              "Retry",
              "Catch",
              "Assign",
              "Output"));

  /** Fields that exist only under JSONPath: a JSONata state refuses them. */
  private static final Set<String> JSONPATH_ONLY =
      Set.of(
          "InputPath",
          "OutputPath",
          "ResultPath",
          "Parameters",
          "ResultSelector",
          "Result",
          "ItemsPath",
          "SecondsPath",
          "TimestampPath",
          "TimeoutSecondsPath",
          "HeartbeatSecondsPath",
          "MaxConcurrencyPath",
          "ToleratedFailurePercentagePath",
          "ToleratedFailureCountPath",
          "ErrorPath",
          "CausePath");

  /** Fields that exist only under JSONata: a JSONPath state refuses them. */
  private static final Set<String> JSONATA_ONLY = Set.of("Output", "Arguments", "Items");

  private static final Set<String> RETRIER_FIELDS =
      Set.of(
          "ErrorEquals",
          "IntervalSeconds",
          "MaxAttempts",
          "BackoffRate",
          "MaxDelaySeconds",
          "JitterStrategy",
          "Comment");
  private static final Set<String> CATCHER_FIELDS =
      Set.of("ErrorEquals", "Next", "ResultPath", "Comment", "Assign", "Output");

  private static final List<String> WAIT_FIELDS =
      List.of("SecondsPath", "Seconds", "TimestampPath", "Timestamp");

  /** Choice comparison operators, by the type of operand they take. */
  private enum Operand {
    STRING,
    NUMBER,
    BOOLEAN,
    TIMESTAMP,
    PATH,
    TYPE_TEST
  }

  private static final Map<String, Operand> OPERATORS = operators();

  private static final Set<String> RULE_COMBINATORS = Set.of("And", "Or", "Not", "Variable");

  private static final Pattern RFC3339 =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})");

  private final List<Diagnostic> out = new ArrayList<>();
  private final List<Scope> scopes = new ArrayList<>();
  private String machineLanguage = JSONPATH;

  /** A container of states (the machine, a Parallel branch, a Map's processor) for the graph. */
  private record Scope(String location, JsonNode startAt, JsonNode states, boolean top) {}

  private DefinitionValidator() {}

  // ----------------------------------------------------------------------------- public API

  /**
   * The diagnostics for a definition as CreateStateMachine receives it, a JSON text; unparseable
   * JSON is one {@code INVALID_JSON_DESCRIPTION}.
   */
  public static List<Diagnostic> validate(String definition) {
    if (definition == null || definition.isBlank()) {
      return List.of(notAnObject());
    }
    JsonNode tree;
    try {
      tree = Parser.MAPPER.readTree(definition);
    } catch (JsonProcessingException e) {
      return List.of(invalidJson(definition, e));
    }
    return validate(tree);
  }

  /** The diagnostics for a definition already parsed. */
  public static List<Diagnostic> validate(JsonNode definition) {
    if (definition == null || !definition.isObject()) {
      return List.of(notAnObject());
    }
    DefinitionValidator validator = new DefinitionValidator();
    validator.machine(definition);
    if (validator.out.stream().noneMatch(Diagnostic::isError)) {
      validator.graph();
    }
    return List.copyOf(validator.out);
  }

  /** Whether the diagnostics let the definition be created: no {@code ERROR} among them. */
  public static boolean isValid(List<Diagnostic> diagnostics) {
    return diagnostics.stream().noneMatch(Diagnostic::isError);
  }

  /**
   * The message of the {@code InvalidDefinition} error CreateStateMachine and UpdateStateMachine
   * answer, {@code Invalid State Machine Definition: 'CODE: message at location, CODE: ...'}, every
   * error in order (warnings do not refuse a definition); {@code null} when there is no error.
   */
  public static String invalidDefinitionMessage(List<Diagnostic> diagnostics) {
    StringBuilder joined = new StringBuilder();
    for (Diagnostic d : diagnostics) {
      if (d.isError()) {
        if (joined.length() > 0) {
          joined.append(", ");
        }
        joined.append(d.render());
      }
    }
    return joined.length() == 0 ? null : "Invalid State Machine Definition: '" + joined + "'";
  }

  /**
   * What ValidateStateMachineDefinition answers: {@code result}, {@code diagnostics}, {@code
   * truncated}.
   */
  public record Report(String result, List<Diagnostic> diagnostics, boolean truncated) {}

  /**
   * ValidateStateMachineDefinition's answer for the diagnostics of a definition: {@code FAIL} when
   * any is an error; the list filtered by {@code severity} ({@code ERROR} keeps errors only, {@code
   * WARNING} or {@code null} keeps both) and cut to {@code maxResults} ({@code null} or 0: 100).
   */
  public static Report report(List<Diagnostic> diagnostics, String severity, Integer maxResults) {
    List<Diagnostic> kept =
        Diagnostic.ERROR.equals(severity)
            ? diagnostics.stream().filter(Diagnostic::isError).toList()
            : diagnostics;
    int max = maxResults == null || maxResults <= 0 ? MAX_RESULTS : maxResults;
    boolean truncated = kept.size() > max;
    return new Report(
        isValid(diagnostics) ? "OK" : "FAIL",
        truncated ? List.copyOf(kept.subList(0, max)) : List.copyOf(kept),
        truncated);
  }

  // ----------------------------------------------------------------------------- JSON text

  private static final class Parser {
    static final ObjectMapper MAPPER = JsonPaths.MAPPER;
  }

  private static Diagnostic notAnObject() {
    return Diagnostic.error(
        SCHEMA_VALIDATION_FAILED, "Definition must be a valid JSON object", null);
  }

  /**
   * AWS reports its Jackson's message and the position as Jackson 2.12 printed it: {@code [Source:
   * (String)"text"; line: 1, column: 4]}, the text cut at 500 characters.
   */
  private static Diagnostic invalidJson(String definition, JsonProcessingException e) {
    JsonLocation at = e.getLocation();
    String snippet =
        definition.length() > 500
            ? definition.substring(0, 500)
                + "\"[truncated "
                + (definition.length() - 500)
                + " chars]"
            : definition + "\"";
    String location =
        "[Source: (String)\""
            + snippet
            + "; line: "
            + (at == null ? 1 : at.getLineNr())
            + ", column: "
            + (at == null ? 1 : at.getColumnNr())
            + "]";
    return Diagnostic.error(
        INVALID_JSON_DESCRIPTION, e.getOriginalMessage() + "\n at " + location, location);
  }

  // ----------------------------------------------------------------------------- schema phase

  private void error(String message, String location) {
    out.add(Diagnostic.error(SCHEMA_VALIDATION_FAILED, message, location));
  }

  private void machine(JsonNode root) {
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!TOP_LEVEL_FIELDS.contains(field)) {
        error(notSupported(field), "/");
      }
    }
    JsonNode language = root.get("QueryLanguage");
    if (language != null) {
      queryLanguageValue(language, "/QueryLanguage");
      machineLanguage = JSONPATH.equals(language.asText(null)) ? JSONPATH : JSONATA;
    }
    string(root, "Comment", "");
    string(root, "Version", "");
    JsonNode timeout = root.get("TimeoutSeconds");
    if (timeout != null) {
      integer(timeout, "/TimeoutSeconds", 0, MAX_SECONDS);
    }
    container(root, "", true, null);
  }

  private void queryLanguageValue(JsonNode value, String location) {
    if (!value.isTextual()) {
      error(expectedType("STRING"), location);
    } else if (!JSONPATH.equals(value.asText()) && !JSONATA.equals(value.asText())) {
      error("Value should be one of the following: [JSONPath, JSONata]", location);
    }
  }

  /** A machine, a branch or a processor: its own fields, then each of its states. */
  private void container(JsonNode node, String prefix, boolean top, Set<String> allowed) {
    String location = prefix.isEmpty() ? "/" : prefix;
    if (allowed != null) {
      for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        String field = it.next();
        if (!allowed.contains(field)) {
          error(notSupported(field), location);
        }
      }
    }
    JsonNode states = node.get("States");
    JsonNode startAt = node.get("StartAt");
    List<String> missing = new ArrayList<>(2);
    if (states == null) {
      missing.add("States");
    }
    if (startAt == null) {
      missing.add("StartAt");
    }
    if (!missing.isEmpty()) {
      error(required(missing), location);
    }
    if (startAt != null && !startAt.isTextual()) {
      error(expectedType("STRING"), prefix + "/StartAt");
    }
    if (states == null) {
      return;
    }
    if (!states.isObject()) {
      error(expectedType("OBJECT"), prefix + "/States");
      return;
    }
    scopes.add(new Scope(prefix, startAt, states, top));
    for (Map.Entry<String, JsonNode> state : states.properties()) {
      state(state.getKey(), state.getValue(), prefix + "/States/" + state.getKey());
    }
  }

  private void state(String name, JsonNode state, String loc) {
    if (name.length() > MAX_STATE_NAME_LENGTH) {
      out.add(
          Diagnostic.error(
              INVALID_STATE_NAME,
              "State name '"
                  + name
                  + "' exceeds the maximum length of "
                  + MAX_STATE_NAME_LENGTH
                  + " characters",
              loc));
    }
    if (!state.isObject()) {
      error(expectedType("OBJECT"), loc);
      return;
    }
    JsonNode typeNode = state.get("Type");
    if (typeNode == null) {
      error(required(List.of("Type")), loc);
      return;
    }
    String type = typeNode.asText(null);
    if (!typeNode.isTextual() || !STATE_TYPES.contains(type)) {
      error(
          "The field 'Type' should have one of these values: " + list(STATE_TYPES), loc + "/Type");
      return;
    }

    JsonNode declared = state.get("QueryLanguage");
    String language =
        declared == null
            ? machineLanguage
            : JSONPATH.equals(declared.asText(null)) ? JSONPATH : JSONATA;
    boolean downgraded =
        JSONATA.equals(machineLanguage) && declared != null && JSONPATH.equals(declared.asText());
    if (downgraded) {
      error(
          "'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine", loc);
    }
    Set<String> allowed = STATE_FIELDS.get(type);
    for (Iterator<String> it = state.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!COMMON_FIELDS.contains(field) && !allowed.contains(field)) {
        error(notSupported(field), loc);
      } else if (!downgraded) {
        languageOfField(field, language, loc);
      }
    }
    if (declared != null) {
      queryLanguageValue(declared, loc + "/QueryLanguage");
    }
    string(state, "Comment", loc);

    boolean jsonata = JSONATA.equals(language);
    if (allowed.contains("Next")) {
      nextOrEnd(state, loc);
    }
    dataFields(state, loc, jsonata);
    switch (type) {
      case "Task" -> task(state, loc, jsonata);
      case "Wait" -> waitState(state, loc, jsonata);
      case "Fail" -> fail(state, loc, jsonata);
      case "Choice" -> choice(state, loc, jsonata);
      case "Parallel" -> parallel(state, loc, jsonata);
      case "Map" -> map(state, loc, jsonata);
      default -> {}
    }
  }

  private void languageOfField(String field, String language, String loc) {
    if (JSONATA.equals(language) && JSONPATH_ONLY.contains(field)) {
      error(onlyFor(JSONATA, field, JSONPATH), loc);
    } else if (JSONPATH.equals(language) && JSONATA_ONLY.contains(field)) {
      error(onlyFor(JSONPATH, field, JSONATA), loc);
    }
  }

  private void nextOrEnd(JsonNode state, String loc) {
    JsonNode next = state.get("Next");
    JsonNode end = state.get("End");
    if (next != null && !next.isTextual()) {
      error(expectedType("STRING"), loc + "/Next");
    }
    if (end != null && !end.isBoolean()) {
      error(expectedType("BOOLEAN"), loc + "/End");
    }
    boolean ends = end != null && end.asBoolean(false);
    if (next != null && ends) {
      error(onlyOneOf(List.of("Next", "End")), loc);
    } else if (next == null && !ends) {
      error("There should be one of the following fields: [Next, End]", loc);
    }
  }

  /**
   * InputPath, OutputPath, ResultPath and the payload templates, as the state's language reads
   * them.
   */
  private void dataFields(JsonNode state, String loc, boolean jsonata) {
    if (!jsonata) {
      path(state, "InputPath", loc, true);
      path(state, "OutputPath", loc, true);
      referencePath(state, "ResultPath", loc, true, false);
      template(state.get("Parameters"), loc + "/Parameters");
      template(state.get("ResultSelector"), loc + "/ResultSelector");
      template(state.get("ItemSelector"), loc + "/ItemSelector");
    }
    JsonNode assign = state.get("Assign");
    if (assign != null) {
      if (!assign.isObject()) {
        error(expectedType("OBJECT"), loc + "/Assign");
      } else if (!jsonata) {
        template(assign, loc + "/Assign");
      }
    }
    JsonNode arguments = state.get("Arguments");
    if (jsonata && arguments != null && !arguments.isObject() && !isExpression(arguments)) {
      error(expectedType("OBJECT"), loc + "/Arguments");
    }
  }

  private void task(JsonNode state, String loc, boolean jsonata) {
    JsonNode resource = state.get("Resource");
    if (resource == null) {
      error(required(List.of("Resource")), loc);
    } else if (!resource.isTextual()) {
      error(expectedType("STRING"), loc + "/Resource");
    } else if (!resource.asText().startsWith("arn:")) {
      error(
          "The resource provided "
              + resource.asText()
              + " is not recognized. The value is not a valid resource ARN, or the resource is not"
              + " available in this region.",
          loc + "/Resource");
    }
    Long timeout = seconds(state, "TimeoutSeconds", loc, jsonata, 1);
    Long heartbeat = seconds(state, "HeartbeatSeconds", loc, jsonata, 1);
    if (timeout != null && heartbeat != null && heartbeat >= timeout) {
      error(
          "The value of 'HeartbeatSeconds' must be smaller than the value of 'TimeoutSeconds'",
          loc + "/HeartbeatSeconds");
    }
    JsonNode credentials = state.get("Credentials");
    if (credentials != null) {
      if (!credentials.isObject()) {
        error(expectedType("OBJECT"), loc + "/Credentials");
      } else if (!credentials.has("RoleArn") && !credentials.has("RoleArn.$")) {
        error("The field 'RoleArn' is required but was missing", loc + "/Credentials");
      }
    }
    retriers(state, loc);
    catchers(state, loc, jsonata);
  }

  /**
   * A number-of-seconds field and its {@code ...Path} twin; the literal value when there is one.
   */
  private Long seconds(JsonNode state, String field, String loc, boolean jsonata, int min) {
    exclusive(state, field, field + "Path", loc);
    if (!jsonata) {
      referencePath(state, field + "Path", loc, false, false);
    }
    JsonNode value = state.get(field);
    if (value == null || (jsonata && isExpression(value))) {
      return null;
    }
    return integer(value, loc + "/" + field, min, MAX_SECONDS) ? value.asLong() : null;
  }

  private void waitState(JsonNode state, String loc, boolean jsonata) {
    int present = 0;
    for (String field : WAIT_FIELDS) {
      if (state.has(field)) {
        present++;
      }
    }
    if (present > 1) {
      error(onlyOneOf(WAIT_FIELDS), loc);
    } else if (present == 0) {
      error("There should be one of the following fields: " + list(WAIT_FIELDS), loc);
    }
    JsonNode seconds = state.get("Seconds");
    if (seconds != null && !(jsonata && isExpression(seconds))) {
      integer(seconds, loc + "/Seconds", 0, MAX_SECONDS);
    }
    JsonNode timestamp = state.get("Timestamp");
    if (timestamp != null && !(jsonata && isExpression(timestamp))) {
      if (!timestamp.isTextual()) {
        error(expectedType("STRING"), loc + "/Timestamp");
      } else if (!isTimestamp(timestamp.asText())) {
        error("String does not match RFC3339 timestamp", loc + "/Timestamp");
      }
    }
    if (!jsonata) {
      referencePath(state, "SecondsPath", loc, false, true);
      referencePath(state, "TimestampPath", loc, false, true);
    }
  }

  private void fail(JsonNode state, String loc, boolean jsonata) {
    for (String field : List.of("Error", "Cause")) {
      exclusive(state, field, field + "Path", loc);
      string(state, field, loc);
      JsonNode path = state.get(field + "Path");
      if (path != null && !jsonata) {
        if (!path.isTextual() || !PathSyntax.isPathOrIntrinsic(path.asText())) {
          error(pathOrIntrinsic(field + "Path"), loc + "/" + field + "Path");
        }
      }
    }
  }

  private void parallel(JsonNode state, String loc, boolean jsonata) {
    JsonNode branches = state.get("Branches");
    if (branches == null) {
      error(required(List.of("Branches")), loc);
    } else if (!branches.isArray()) {
      error(expectedType("ARRAY"), loc + "/Branches");
    } else if (branches.isEmpty()) {
      error("Value cannot be empty", loc + "/Branches");
    }
    retriers(state, loc);
    catchers(state, loc, jsonata);
    if (branches != null && branches.isArray()) {
      for (int i = 0; i < branches.size(); i++) {
        JsonNode branch = branches.get(i);
        String at = loc + "/Branches[" + i + "]";
        if (branch.isObject()) {
          container(branch, at, false, BRANCH_FIELDS);
        } else {
          error(expectedType("OBJECT"), at);
        }
      }
    }
  }

  private void map(JsonNode state, String loc, boolean jsonata) {
    JsonNode processor = state.get("ItemProcessor");
    String processorField = "ItemProcessor";
    if (processor == null) {
      processor = state.get("Iterator");
      processorField = "Iterator";
    } else if (state.has("Iterator")) {
      error(onlyOneOf(List.of("ItemProcessor", "Iterator")), loc);
    }
    if (processor == null) {
      error(required(List.of("ItemProcessor")), loc);
    }
    if (!jsonata) {
      path(state, "ItemsPath", loc, false);
    } else {
      JsonNode items = state.get("Items");
      if (items != null && !items.isArray() && !isExpression(items)) {
        error(expectedType("ARRAY"), loc + "/Items");
      }
    }
    count(state, "MaxConcurrency", loc, jsonata, true);
    count(state, "ToleratedFailureCount", loc, jsonata, true);
    JsonNode percentage = state.get("ToleratedFailurePercentage");
    exclusive(state, "ToleratedFailurePercentage", "ToleratedFailurePercentagePath", loc);
    if (!jsonata) {
      referencePath(state, "ToleratedFailurePercentagePath", loc, false, false);
    }
    if (percentage != null && !(jsonata && isExpression(percentage))) {
      number(percentage, loc + "/ToleratedFailurePercentage", 0.0, 100.0);
    }
    string(state, "Label", loc);
    JsonNode batcher = state.get("ItemBatcher");
    if (batcher != null) {
      if (!batcher.isObject()) {
        error(expectedType("OBJECT"), loc + "/ItemBatcher");
      } else {
        count(batcher, "MaxItemsPerBatch", loc + "/ItemBatcher", jsonata, false);
        count(batcher, "MaxInputBytesPerBatch", loc + "/ItemBatcher", jsonata, false);
      }
    }
    JsonNode reader = state.get("ItemReader");
    if (reader != null) {
      if (!reader.isObject()) {
        error(expectedType("OBJECT"), loc + "/ItemReader");
      } else if (!reader.has("Resource")) {
        error(required(List.of("Resource")), loc + "/ItemReader");
      }
    }
    retriers(state, loc);
    catchers(state, loc, jsonata);
    if (processor != null) {
      String at = loc + "/" + processorField;
      if (!processor.isObject()) {
        error(expectedType("OBJECT"), at);
      } else {
        processorConfig(processor.get("ProcessorConfig"), at + "/ProcessorConfig");
        container(processor, at, false, PROCESSOR_FIELDS);
      }
    }
  }

  /** A non-negative count and its {@code ...Path} twin (MaxConcurrency, ToleratedFailureCount). */
  private void count(JsonNode node, String field, String loc, boolean jsonata, boolean stateField) {
    exclusive(node, field, field + "Path", loc);
    if (node.has(field + "Path")) {
      if (jsonata && !stateField) {
        error(onlyFor(JSONATA, field + "Path", JSONPATH), loc);
      } else if (!jsonata) {
        referencePath(node, field + "Path", loc, false, false);
      }
    }
    JsonNode value = node.get(field);
    if (value != null && !(jsonata && isExpression(value))) {
      integer(value, loc + "/" + field, 0, Long.MAX_VALUE);
    }
  }

  private void processorConfig(JsonNode config, String loc) {
    if (config == null) {
      return;
    }
    if (!config.isObject()) {
      error(expectedType("OBJECT"), loc);
      return;
    }
    for (Iterator<String> it = config.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!field.equals("Mode") && !field.equals("ExecutionType")) {
        error(notSupported(field), loc);
      }
    }
    JsonNode mode = config.get("Mode");
    enumValue(mode, List.of("INLINE", "DISTRIBUTED"), loc + "/Mode");
    JsonNode executionType = config.get("ExecutionType");
    enumValue(executionType, List.of("STANDARD", "EXPRESS"), loc + "/ExecutionType");
    if (mode != null && "DISTRIBUTED".equals(mode.asText()) && executionType == null) {
      error(required(List.of("ExecutionType")), loc);
    }
  }

  // ----------------------------------------------------------------------------- Choice rules

  private void choice(JsonNode state, String loc, boolean jsonata) {
    JsonNode choices = state.get("Choices");
    if (choices == null) {
      error(required(List.of("Choices")), loc);
    } else if (!choices.isArray()) {
      error(expectedType("ARRAY"), loc + "/Choices");
    } else if (choices.isEmpty()) {
      error("Value cannot be empty", loc + "/Choices");
    } else {
      for (int i = 0; i < choices.size(); i++) {
        String at = loc + "/Choices[" + i + "]";
        JsonNode rule = choices.get(i);
        if (!rule.isObject()) {
          error(expectedType("OBJECT"), at);
        } else if (jsonata) {
          jsonataRule(rule, at);
        } else {
          rule(rule, at, true);
        }
      }
    }
    string(state, "Default", loc);
  }

  private void jsonataRule(JsonNode rule, String loc) {
    for (Iterator<String> it = rule.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (RULE_COMBINATORS.contains(field) || OPERATORS.containsKey(field)) {
        error(onlyFor(JSONATA, field, JSONPATH), loc);
      } else if (!Set.of("Condition", "Next", "Comment", "Assign", "Output").contains(field)) {
        error(notSupported(field), loc);
      }
    }
    List<String> missing = new ArrayList<>(2);
    if (!rule.has("Condition")) {
      missing.add("Condition");
    }
    if (!rule.has("Next")) {
      missing.add("Next");
    }
    if (!missing.isEmpty()) {
      error(required(missing), loc);
    }
    JsonNode condition = rule.get("Condition");
    if (condition != null && !condition.isBoolean() && !isExpression(condition)) {
      error(
          "The value of 'Condition' must be a boolean or a JSONata expression", loc + "/Condition");
    }
    string(rule, "Next", loc);
  }

  /** A JSONPath Choice rule: top-level rules carry Next, nested ones (in And, Or, Not) do not. */
  private void rule(JsonNode rule, String loc, boolean top) {
    List<String> operators = new ArrayList<>(1);
    int combinators = 0;
    for (Iterator<String> it = rule.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (OPERATORS.containsKey(field)) {
        operators.add(field);
      } else if (RULE_COMBINATORS.contains(field)) {
        combinators++;
      } else if (field.equals("Condition") || field.equals("Output")) {
        error(onlyFor(JSONPATH, field, JSONATA), loc);
      } else if (!field.equals("Comment")
          && !(top && (field.equals("Next") || field.equals("Assign")))) {
        error(notSupported(field), loc);
      }
    }
    if (top) {
      if (!rule.has("Next")) {
        error(required(List.of("Next")), loc);
      } else {
        string(rule, "Next", loc);
      }
      JsonNode assign = rule.get("Assign");
      if (assign != null) {
        if (assign.isObject()) {
          template(assign, loc + "/Assign");
        } else {
          error(expectedType("OBJECT"), loc + "/Assign");
        }
      }
    }
    if (combinators != 1) {
      error("The object must have only one of the following fields, [And, Or, Not, Variable]", loc);
      return;
    }
    if (rule.has("Variable")) {
      JsonNode variable = rule.get("Variable");
      if (!variable.isTextual() || !PathSyntax.isReferencePath(variable.asText())) {
        error("Value is not a Reference Path", loc + "/Variable");
      }
      if (operators.isEmpty()) {
        error("These fields are required: [a comparison operator]", loc);
      } else if (operators.size() > 1) {
        error(onlyOneOf(operators), loc);
      } else {
        operand(rule, operators.get(0), loc);
      }
      return;
    }
    for (String operator : operators) {
      error(notSupported(operator), loc);
    }
    if (rule.has("Not")) {
      JsonNode not = rule.get("Not");
      if (!not.isObject()) {
        error(expectedType("OBJECT"), loc + "/Not");
      } else {
        rule(not, loc + "/Not", false);
      }
      return;
    }
    String combinator = rule.has("And") ? "And" : "Or";
    JsonNode rules = rule.get(combinator);
    if (!rules.isArray()) {
      error(expectedType("ARRAY"), loc + "/" + combinator);
    } else if (rules.isEmpty()) {
      error("Value cannot be empty", loc + "/" + combinator);
    } else {
      for (int i = 0; i < rules.size(); i++) {
        String at = loc + "/" + combinator + "[" + i + "]";
        if (rules.get(i).isObject()) {
          rule(rules.get(i), at, false);
        } else {
          error(expectedType("OBJECT"), at);
        }
      }
    }
  }

  private void operand(JsonNode rule, String operator, String loc) {
    JsonNode value = rule.get(operator);
    String at = loc + "/" + operator;
    switch (OPERATORS.get(operator)) {
      case STRING -> {
        if (!value.isTextual()) {
          error(expectedType("STRING"), at);
        }
      }
      case NUMBER -> {
        if (!value.isNumber()) {
          error(expectedType("NUMBER"), at);
        }
      }
      case BOOLEAN, TYPE_TEST -> {
        if (!value.isBoolean()) {
          error(expectedType("BOOLEAN"), at);
        }
      }
      case TIMESTAMP -> {
        if (!value.isTextual()) {
          error(expectedType("STRING"), at);
        } else if (!isTimestamp(value.asText())) {
          error("String does not match RFC3339 timestamp", at);
        }
      }
      case PATH -> {
        if (!value.isTextual() || !PathSyntax.isReferencePath(value.asText())) {
          error("Value is not a Reference Path", at);
        }
      }
    }
  }

  // ----------------------------------------------------------------------------- Retry, Catch

  private void retriers(JsonNode state, String loc) {
    JsonNode retry = state.get("Retry");
    if (retry == null) {
      return;
    }
    if (!retry.isArray()) {
      error(expectedType("ARRAY"), loc + "/Retry");
      return;
    }
    for (int i = 0; i < retry.size(); i++) {
      String at = loc + "/Retry[" + i + "]";
      JsonNode retrier = retry.get(i);
      if (!retrier.isObject()) {
        error(expectedType("OBJECT"), at);
        continue;
      }
      for (Iterator<String> it = retrier.fieldNames(); it.hasNext(); ) {
        String field = it.next();
        if (!RETRIER_FIELDS.contains(field)) {
          error(notSupported(field), at);
        }
      }
      if (!retrier.has("ErrorEquals")) {
        error(required(List.of("ErrorEquals")), at);
      } else {
        errorEquals(retrier.get("ErrorEquals"), at, i == retry.size() - 1, "Retrier", "Retry");
      }
      JsonNode interval = retrier.get("IntervalSeconds");
      if (interval != null) {
        integer(interval, at + "/IntervalSeconds", Long.MIN_VALUE, MAX_SECONDS);
      }
      JsonNode attempts = retrier.get("MaxAttempts");
      if (attempts != null) {
        integer(attempts, at + "/MaxAttempts", 0, MAX_SECONDS);
      }
      JsonNode backoff = retrier.get("BackoffRate");
      if (backoff != null) {
        number(backoff, at + "/BackoffRate", 1.0, Double.MAX_VALUE);
      }
      JsonNode maxDelay = retrier.get("MaxDelaySeconds");
      if (maxDelay != null) {
        integer(maxDelay, at + "/MaxDelaySeconds", 1, 31_622_400);
      }
      enumValue(retrier.get("JitterStrategy"), List.of("FULL", "NONE"), at + "/JitterStrategy");
    }
  }

  private void catchers(JsonNode state, String loc, boolean jsonata) {
    JsonNode catchers = state.get("Catch");
    if (catchers == null) {
      return;
    }
    if (!catchers.isArray()) {
      error(expectedType("ARRAY"), loc + "/Catch");
      return;
    }
    for (int i = 0; i < catchers.size(); i++) {
      String at = loc + "/Catch[" + i + "]";
      JsonNode catcher = catchers.get(i);
      if (!catcher.isObject()) {
        error(expectedType("OBJECT"), at);
        continue;
      }
      for (Iterator<String> it = catcher.fieldNames(); it.hasNext(); ) {
        String field = it.next();
        if (!CATCHER_FIELDS.contains(field)) {
          error(notSupported(field), at);
        } else {
          languageOfField(field, jsonata ? JSONATA : JSONPATH, at);
        }
      }
      List<String> missing = new ArrayList<>(2);
      if (!catcher.has("ErrorEquals")) {
        missing.add("ErrorEquals");
      }
      if (!catcher.has("Next")) {
        missing.add("Next");
      }
      if (!missing.isEmpty()) {
        error(required(missing), at);
      }
      if (catcher.has("ErrorEquals")) {
        errorEquals(catcher.get("ErrorEquals"), at, i == catchers.size() - 1, "Catcher", "Catch");
      }
      string(catcher, "Next", at);
      if (!jsonata) {
        referencePath(catcher, "ResultPath", at, true, false);
        JsonNode assign = catcher.get("Assign");
        if (assign != null && assign.isObject()) {
          template(assign, at + "/Assign");
        }
      }
    }
  }

  private void errorEquals(JsonNode names, String loc, boolean last, String kind, String field) {
    String at = loc + "/ErrorEquals";
    if (!names.isArray()) {
      error(expectedType("ARRAY"), at);
      return;
    }
    if (names.isEmpty()) {
      error("Value cannot be empty", at);
      return;
    }
    boolean all = false;
    for (JsonNode name : names) {
      if (!name.isTextual()) {
        error(expectedType("STRING"), at);
        return;
      }
      all |= StatesError.ALL.equals(name.asText());
    }
    if (all && names.size() > 1) {
      error("'States.ALL' must appear alone in 'ErrorEquals'", at);
    } else if (all && !last) {
      error("A " + kind + " with 'States.ALL' must be the last in '" + field + "'", at);
    }
  }

  // ----------------------------------------------------------------------------- values

  private void string(JsonNode node, String field, String loc) {
    JsonNode value = node.get(field);
    if (value != null && !value.isTextual()) {
      error(expectedType("STRING"), loc + "/" + field);
    }
  }

  /** An integer within bounds; whether it is one. */
  private boolean integer(JsonNode value, String loc, long min, long max) {
    if (!value.isIntegralNumber()) {
      error(expectedType("INTEGER"), loc);
      return false;
    }
    if (value.canConvertToLong() && value.asLong() < min) {
      error("Minimum value is " + min, loc);
      return false;
    }
    if (!value.canConvertToLong() || value.asLong() > max) {
      if (max == Long.MAX_VALUE) {
        return false; // AWS accepts any larger count and caps it at run time
      }
      error("Maximum value is " + max, loc);
      return false;
    }
    return true;
  }

  private void number(JsonNode value, String loc, double min, double max) {
    if (!value.isNumber()) {
      error(expectedType("NUMBER"), loc);
    } else if (value.asDouble() < min) {
      error("Minimum value is " + min, loc);
    } else if (value.asDouble() > max) {
      error("Maximum value is " + max, loc);
    }
  }

  private void enumValue(JsonNode value, List<String> values, String loc) {
    if (value == null) {
      return;
    }
    if (!value.isTextual()) {
      error(expectedType("STRING"), loc);
    } else if (!values.contains(value.asText())) {
      error("Value should be one of the following: " + list(values), loc);
    }
  }

  private void exclusive(JsonNode node, String field, String twin, String loc) {
    if (node.has(field) && node.has(twin)) {
      error(onlyOneOf(List.of(field, twin)), loc + "/" + field);
    }
  }

  private void path(JsonNode state, String field, String loc, boolean nullable) {
    JsonNode value = state.get(field);
    if (value == null || (nullable && value.isNull())) {
      return;
    }
    if (!value.isTextual() || !PathSyntax.isPath(value.asText())) {
      error("The value for the field '" + field + "' must be a valid JSONPath", loc + "/" + field);
    }
  }

  /**
   * A reference path field. ResultPath writes into the state's input: neither the Context Object
   * nor a variable; the {@code *Path} fields of Wait read the Context Object too.
   */
  private void referencePath(
      JsonNode node, String field, String loc, boolean nullable, boolean contextAllowed) {
    JsonNode value = node.get(field);
    if (value == null || (nullable && value.isNull())) {
      return;
    }
    String text = value.asText();
    boolean ok =
        value.isTextual()
            && PathSyntax.isReferencePath(text)
            && (contextAllowed || !text.startsWith("$$"))
            && (!field.equals("ResultPath")
                || text.equals("$")
                || text.startsWith("$.")
                || text.startsWith("$["));
    if (!ok) {
      error("Value is not a Reference Path", loc + "/" + field);
    }
  }

  /** A JSONPath payload template: each {@code .$} field holds a path or an intrinsic call. */
  private void template(JsonNode node, String loc) {
    if (node == null) {
      return;
    }
    if (node.isArray()) {
      for (JsonNode element : node) {
        template(element, loc);
      }
      return;
    }
    if (!node.isObject()) {
      return;
    }
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      String key = field.getKey();
      JsonNode value = field.getValue();
      if (key.endsWith(".$")) {
        if (!value.isTextual() || !PathSyntax.isPathOrIntrinsic(value.asText())) {
          error(pathOrIntrinsic(key), loc);
        }
      } else if (value.isTextual() && looksLikePath(value.asText())) {
        out.add(
            Diagnostic.warning(
                NO_DOLLAR,
                "The value of the field '"
                    + key
                    + "' looks like a JSONPath or an intrinsic function, but the field name does"
                    + " not end with '.$'",
                loc + "/" + key));
      } else if (value.isContainerNode()) {
        template(value, loc + "/" + key);
      }
    }
  }

  private static boolean looksLikePath(String text) {
    return (text.startsWith("$.") || text.startsWith("$$.") || text.startsWith("States."))
        && PathSyntax.isPathOrIntrinsic(text);
  }

  private static boolean isExpression(JsonNode value) {
    return value.isTextual() && PathSyntax.isJsonataExpression(value.asText());
  }

  private static boolean isTimestamp(String text) {
    if (!RFC3339.matcher(text).matches()) {
      return false;
    }
    try {
      OffsetDateTime.parse(text);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  // ----------------------------------------------------------------------------- graph phase

  private void graph() {
    duplicates();
    for (Scope scope : scopes) {
      targets(scope);
    }
    Scope top = scopes.get(0);
    if (!hasTerminal(top.states())) {
      out.add(Diagnostic.error(MISSING_END_STATE, "Workflow has no terminal state", null));
      return;
    }
    for (Scope scope : scopes) {
      unreachable(scope);
    }
  }

  /** State names are unique in the whole machine, across branches and processors. */
  private void duplicates() {
    Set<String> seen = new HashSet<>();
    for (Scope scope : scopes) {
      for (Iterator<String> it = scope.states().fieldNames(); it.hasNext(); ) {
        String name = it.next();
        if (!seen.add(name)) {
          out.add(
              Diagnostic.error(
                  DUPLICATE_STATE_NAME,
                  "Duplicate State name: " + name,
                  scope.location() + "/States/" + name));
        }
      }
    }
  }

  private void targets(Scope scope) {
    JsonNode states = scope.states();
    target(states, scope.startAt(), scope.location() + "/StartAt");
    for (Map.Entry<String, JsonNode> entry : states.properties()) {
      String loc = scope.location() + "/States/" + entry.getKey();
      JsonNode state = entry.getValue();
      target(states, state.get("Next"), loc + "/Next");
      JsonNode choices = state.get("Choices");
      if (choices != null) {
        for (int i = 0; i < choices.size(); i++) {
          target(states, choices.get(i).get("Next"), loc + "/Choices[" + i + "]/Next");
        }
      }
      target(states, state.get("Default"), loc + "/Default");
      JsonNode catchers = state.get("Catch");
      if (catchers != null) {
        for (int i = 0; i < catchers.size(); i++) {
          target(states, catchers.get(i).get("Next"), loc + "/Catch[" + i + "]/Next");
        }
      }
    }
  }

  private void target(JsonNode states, JsonNode name, String loc) {
    if (name != null && name.isTextual() && !states.has(name.asText())) {
      out.add(
          Diagnostic.error(
              MISSING_TRANSITION_TARGET, "Missing 'Next' target: " + name.asText(), loc));
    }
  }

  private static boolean hasTerminal(JsonNode states) {
    for (JsonNode state : states) {
      String type = state.path("Type").asText();
      if (type.equals("Succeed") || type.equals("Fail") || state.path("End").asBoolean(false)) {
        return true;
      }
    }
    return false;
  }

  private void unreachable(Scope scope) {
    JsonNode states = scope.states();
    Set<String> reached = new LinkedHashSet<>();
    List<String> queue = new ArrayList<>();
    visit(states, scope.startAt(), reached, queue);
    for (int i = 0; i < queue.size(); i++) {
      JsonNode state = states.get(queue.get(i));
      visit(states, state.get("Next"), reached, queue);
      visit(states, state.get("Default"), reached, queue);
      for (JsonNode rule : state.path("Choices")) {
        visit(states, rule.get("Next"), reached, queue);
      }
      for (JsonNode catcher : state.path("Catch")) {
        visit(states, catcher.get("Next"), reached, queue);
      }
    }
    for (Iterator<String> it = states.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!reached.contains(name)) {
        out.add(
            Diagnostic.error(
                MISSING_TRANSITION_TARGET,
                "State \"" + name + "\" is not reachable.",
                scope.location() + "/States/" + name));
      }
    }
  }

  private static void visit(
      JsonNode states, JsonNode name, Set<String> reached, List<String> queue) {
    if (name != null
        && name.isTextual()
        && states.has(name.asText())
        && reached.add(name.asText())) {
      queue.add(name.asText());
    }
  }

  // ----------------------------------------------------------------------------- wording

  private static String notSupported(String field) {
    return "Field '" + field + "' is not supported";
  }

  private static String onlyFor(String language, String field, String fieldLanguage) {
    return "The QueryLanguage is set to '"
        + language
        + "', but field '"
        + field
        + "' is only supported for the '"
        + fieldLanguage
        + "' QueryLanguage";
  }

  private static String required(List<String> fields) {
    return "These fields are required: " + list(fields);
  }

  private static String onlyOneOf(List<String> fields) {
    return "There should only be one of the following fields: " + list(fields);
  }

  private static String expectedType(String type) {
    return "Expected value of type [" + type + "]";
  }

  private static String pathOrIntrinsic(String field) {
    return "The value for the field '"
        + field
        + "' must be a valid JSONPath or a valid intrinsic function call";
  }

  private static String list(List<String> items) {
    return "[" + String.join(", ", items) + "]";
  }

  private static Map<String, Operand> operators() {
    Map<String, Operand> operators = new java.util.HashMap<>();
    for (String comparison :
        List.of("Equals", "LessThan", "GreaterThan", "LessThanEquals", "GreaterThanEquals")) {
      operators.put("String" + comparison, Operand.STRING);
      operators.put("Numeric" + comparison, Operand.NUMBER);
      operators.put("Timestamp" + comparison, Operand.TIMESTAMP);
      operators.put("String" + comparison + "Path", Operand.PATH);
      operators.put("Numeric" + comparison + "Path", Operand.PATH);
      operators.put("Timestamp" + comparison + "Path", Operand.PATH);
    }
    operators.put("StringMatches", Operand.STRING);
    operators.put("BooleanEquals", Operand.BOOLEAN);
    operators.put("BooleanEqualsPath", Operand.PATH);
    for (String test :
        List.of("IsNull", "IsPresent", "IsNumeric", "IsString", "IsBoolean", "IsTimestamp")) {
      operators.put(test, Operand.TYPE_TEST);
    }
    return Map.copyOf(operators);
  }
}
