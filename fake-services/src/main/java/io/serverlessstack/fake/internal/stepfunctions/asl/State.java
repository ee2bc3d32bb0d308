package io.serverlessstack.fake.internal.stepfunctions.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One state of a {@link Definition}. Every state has the {@link Common} fields; each type adds its
 * own. JSONPath payload templates (Parameters, ResultSelector, ItemSelector) are compiled once
 * here; fields that may hold JSONata stay {@link JsonNode}s ({@code null} when absent); the paths
 * of JSONPath states are strings, {@code "$"} when absent and {@code null} when the definition set
 * them to JSON {@code null}.
 */
public sealed interface State
    permits State.Pass,
        State.Task,
        State.Choice,
        State.Wait,
        State.Succeed,
        State.Fail,
        State.Parallel,
        State.MapState {

  Common common();

  default String name() {
    return common().name();
  }

  /** {@code Pass}, {@code Task}, ... as the definition's {@code Type} says. */
  default String type() {
    return common().type();
  }

  /** Whether the state reads and shapes its data with JSONata. */
  default boolean jsonata() {
    return common().queryLanguage() == QueryLanguage.JSONATA;
  }

  /**
   * The fields every state type may have (whichever the state's type and query language allow).
   *
   * @param next the state to go to, or {@code null} at the end (or for Choice, Succeed and Fail)
   */
  record Common(
      String name,
      String type,
      QueryLanguage queryLanguage,
      String comment,
      String next,
      boolean end,
      String inputPath,
      String outputPath,
      String resultPath,
      PayloadTemplate parameters,
      PayloadTemplate resultSelector,
      JsonNode arguments,
      JsonNode output,
      JsonNode assign) {}

  /** A Retry entry; absent fields hold AWS's defaults. */
  record Retrier(
      List<String> errorEquals,
      int intervalSeconds,
      int maxAttempts,
      double backoffRate,
      Integer maxDelaySeconds,
      String jitterStrategy) {}

  /** A Catch entry: where an error goes, and what it keeps of the error output. */
  record Catcher(
      List<String> errorEquals, String next, String resultPath, JsonNode output, JsonNode assign) {}

  /** A state's error handling: Task, Parallel and Map have it. */
  record ErrorHandling(List<Retrier> retry, List<Catcher> catchers) {
    public static final ErrorHandling NONE = new ErrorHandling(List.of(), List.of());
  }

  record Pass(Common common, JsonNode result) implements State {}

  /**
   * @param timeoutSeconds a number, or a JSONata string; {@code null} when absent
   * @param heartbeatSeconds likewise
   */
  record Task(
      Common common,
      String resource,
      JsonNode timeoutSeconds,
      String timeoutSecondsPath,
      JsonNode heartbeatSeconds,
      String heartbeatSecondsPath,
      JsonNode credentials,
      ErrorHandling errors)
      implements State {}

  /**
   * @param choices each a rule as the definition has it, with its {@code Next} (and for JSONata its
   *     {@code Condition}, {@code Output} and {@code Assign})
   * @param defaultNext {@code Default}, or {@code null}
   */
  record Choice(Common common, List<JsonNode> choices, String defaultNext) implements State {}

  record Wait(
      Common common, JsonNode seconds, JsonNode timestamp, String secondsPath, String timestampPath)
      implements State {}

  record Succeed(Common common) implements State {}

  record Fail(Common common, JsonNode error, String errorPath, JsonNode cause, String causePath)
      implements State {}

  record Parallel(Common common, List<Definition> branches, ErrorHandling errors)
      implements State {}

  /**
   * A Map state (named so to keep clear of {@link java.util.Map}).
   *
   * @param processor its {@code ItemProcessor} (or the older {@code Iterator})
   * @param distributed whether {@code ProcessorMode} is {@code DISTRIBUTED}
   * @param items the JSONata {@code Items}, or {@code null}
   * @param itemSelector a JSONPath state's {@code ItemSelector} (or the older {@code Parameters})
   * @param itemSelectorJsonata a JSONata state's {@code ItemSelector}
   */
  record MapState(
      Common common,
      Definition processor,
      boolean distributed,
      String executionType,
      String itemsPath,
      JsonNode items,
      PayloadTemplate itemSelector,
      JsonNode itemSelectorJsonata,
      JsonNode maxConcurrency,
      String maxConcurrencyPath,
      JsonNode itemReader,
      JsonNode itemBatcher,
      JsonNode resultWriter,
      JsonNode toleratedFailureCount,
      String toleratedFailureCountPath,
      JsonNode toleratedFailurePercentage,
      String toleratedFailurePercentagePath,
      String label,
      ErrorHandling errors)
      implements State {}
}
