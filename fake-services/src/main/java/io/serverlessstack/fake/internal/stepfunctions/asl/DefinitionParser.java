package io.serverlessstack.fake.internal.stepfunctions.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns a validated definition's JSON into {@link Definition} and {@link State}s. */
final class DefinitionParser {

  private static final String ROOT_PATH = "$";

  private DefinitionParser() {}

  /**
   * @param inherited the query language of the enclosing machine, which a branch or item processor
   *     and their states take unless they name their own
   */
  static Definition parse(JsonNode json, QueryLanguage inherited) {
    QueryLanguage language = QueryLanguage.of(text(json, "QueryLanguage"), inherited);
    Map<String, State> states = new LinkedHashMap<>();
    json.get("States")
        .properties()
        .forEach(entry -> states.put(entry.getKey(), state(entry, language)));
    return new Definition(
        text(json, "Comment"),
        text(json, "StartAt"),
        states,
        language,
        json.hasNonNull("TimeoutSeconds") ? json.get("TimeoutSeconds").asInt() : null);
  }

  private static State state(Map.Entry<String, JsonNode> entry, QueryLanguage machine) {
    JsonNode json = entry.getValue();
    String type = text(json, "Type");
    QueryLanguage language = QueryLanguage.of(text(json, "QueryLanguage"), machine);
    boolean map = "Map".equals(type);
    State.Common common =
        new State.Common(
            entry.getKey(),
            type,
            language,
            text(json, "Comment"),
            text(json, "Next"),
            json.path("End").asBoolean(false),
            path(json, "InputPath"),
            path(json, "OutputPath"),
            path(json, "ResultPath"),
            map ? null : template(json.get("Parameters"), language),
            template(json.get("ResultSelector"), language),
            json.get("Arguments"),
            json.get("Output"),
            json.get("Assign"));
    return switch (type) {
      case "Pass" -> new State.Pass(common, json.get("Result"));
      case "Task" ->
          new State.Task(
              common,
              text(json, "Resource"),
              json.get("TimeoutSeconds"),
              text(json, "TimeoutSecondsPath"),
              json.get("HeartbeatSeconds"),
              text(json, "HeartbeatSecondsPath"),
              json.get("Credentials"),
              errors(json, language));
      case "Choice" -> new State.Choice(common, list(json.get("Choices")), text(json, "Default"));
      case "Wait" ->
          new State.Wait(
              common,
              json.get("Seconds"),
              json.get("Timestamp"),
              text(json, "SecondsPath"),
              text(json, "TimestampPath"));
      case "Succeed" -> new State.Succeed(common);
      case "Fail" ->
          new State.Fail(
              common,
              json.get("Error"),
              text(json, "ErrorPath"),
              json.get("Cause"),
              text(json, "CausePath"));
      case "Parallel" -> {
        List<Definition> branches = new ArrayList<>();
        json.get("Branches").forEach(branch -> branches.add(parse(branch, machine)));
        yield new State.Parallel(common, branches, errors(json, language));
      }
      case "Map" -> mapState(json, common, machine, language);
      default -> throw new IllegalArgumentException("Unknown state type " + type);
    };
  }

  private static State.MapState mapState(
      JsonNode json, State.Common common, QueryLanguage machine, QueryLanguage language) {
    JsonNode processorJson =
        json.has("ItemProcessor") ? json.get("ItemProcessor") : json.get("Iterator");
    JsonNode config = processorJson.path("ProcessorConfig");
    return new State.MapState(
        common,
        parse(processorJson, machine),
        "DISTRIBUTED".equals(config.path("Mode").asText("INLINE")),
        config.path("ExecutionType").asText(null),
        path(json, "ItemsPath"),
        json.get("Items"),
        template(
            json.has("ItemSelector") ? json.get("ItemSelector") : json.get("Parameters"), language),
        language == QueryLanguage.JSONATA ? json.get("ItemSelector") : null,
        json.get("MaxConcurrency"),
        text(json, "MaxConcurrencyPath"),
        json.get("ItemReader"),
        json.get("ItemBatcher"),
        json.get("ResultWriter"),
        json.get("ToleratedFailureCount"),
        text(json, "ToleratedFailureCountPath"),
        json.get("ToleratedFailurePercentage"),
        text(json, "ToleratedFailurePercentagePath"),
        text(json, "Label"),
        errors(json, language));
  }

  private static State.ErrorHandling errors(JsonNode json, QueryLanguage language) {
    List<State.Retrier> retry = new ArrayList<>();
    json.path("Retry")
        .forEach(
            retrier ->
                retry.add(
                    new State.Retrier(
                        strings(retrier.get("ErrorEquals")),
                        retrier.path("IntervalSeconds").asInt(1),
                        retrier.path("MaxAttempts").asInt(3),
                        retrier.path("BackoffRate").asDouble(2.0),
                        retrier.hasNonNull("MaxDelaySeconds")
                            ? retrier.get("MaxDelaySeconds").asInt()
                            : null,
                        retrier.path("JitterStrategy").asText("NONE"))));
    List<State.Catcher> catchers = new ArrayList<>();
    json.path("Catch")
        .forEach(
            catcher ->
                catchers.add(
                    new State.Catcher(
                        strings(catcher.get("ErrorEquals")),
                        text(catcher, "Next"),
                        language == QueryLanguage.JSONATA ? null : path(catcher, "ResultPath"),
                        catcher.get("Output"),
                        catcher.get("Assign"))));
    return retry.isEmpty() && catchers.isEmpty()
        ? State.ErrorHandling.NONE
        : new State.ErrorHandling(List.copyOf(retry), List.copyOf(catchers));
  }

  /** A JSONPath state's payload template, compiled; JSONata states have none. */
  private static PayloadTemplate template(JsonNode template, QueryLanguage language) {
    return template == null || language == QueryLanguage.JSONATA
        ? null
        : PayloadTemplate.of(template);
  }

  private static String text(JsonNode json, String field) {
    JsonNode value = json.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  /** A path field: {@code "$"} when absent, {@code null} when set to JSON null. */
  private static String path(JsonNode json, String field) {
    JsonNode value = json.get(field);
    if (value == null) {
      return ROOT_PATH;
    }
    return value.isNull() ? null : value.asText();
  }

  private static List<JsonNode> list(JsonNode array) {
    List<JsonNode> items = new ArrayList<>();
    if (array != null) {
      array.forEach(items::add);
    }
    return List.copyOf(items);
  }

  private static List<String> strings(JsonNode array) {
    List<String> items = new ArrayList<>();
    if (array != null) {
      array.forEach(item -> items.add(item.asText()));
    }
    return List.copyOf(items);
  }
}
