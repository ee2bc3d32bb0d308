package io.serverlessstack.fake.internal.stepfunctions.asl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class JsonPathDataFlowTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  static JsonNode json(String text) {
    try {
      return MAPPER.readTree(text.replace('\'', '"'));
    } catch (Exception e) {
      throw new IllegalArgumentException(text, e);
    }
  }

  private static final JsonNode CONTEXT =
      json(
          "{'Execution':{'Id':'arn:exec','Input':{'a':1}},'State':{'Name':'S'},'Task':{'Token':'tok'}}");

  @Test
  void inputPathSelectsAFieldAndRootPassesTheNodeOn() {
    JsonNode input = json("{'a':{'b':1},'c':2}");
    assertThat(JsonPathDataFlow.select(input, "$.a", CONTEXT)).isEqualTo(json("{'b':1}"));
    assertThat(JsonPathDataFlow.select(input, "$", CONTEXT)).isSameAs(input);
    assertThat(JsonPathDataFlow.select(input, "$.a.b", CONTEXT)).isEqualTo(json("1"));
  }

  @Test
  void nullPathYieldsAnEmptyObject() {
    assertThat(JsonPathDataFlow.select(json("{'a':1}"), null, CONTEXT)).isEqualTo(json("{}"));
  }

  @Test
  void wildcardsAndFiltersSelectAnArray() {
    JsonNode input = json("{'items':[{'n':1,'ok':true},{'n':2,'ok':false},{'n':3,'ok':true}]}");
    assertThat(JsonPathDataFlow.select(input, "$.items[*].n")).isEqualTo(json("[1,2,3]"));
    assertThat(JsonPathDataFlow.select(input, "$.items[?(@.ok == true)].n"))
        .isEqualTo(json("[1,3]"));
    assertThat(JsonPathDataFlow.select(input, "$.items[0].n")).isEqualTo(json("1"));
    assertThat(JsonPathDataFlow.select(input, "$.items[1:].n")).isEqualTo(json("[2,3]"));
    assertThat(JsonPathDataFlow.select(input, "$.items[?(@.n > 5)]")).isEqualTo(json("[]"));
  }

  @Test
  void contextPathsReadTheContextObject() {
    assertThat(JsonPathDataFlow.select(json("{}"), "$$.Execution.Id", CONTEXT))
        .isEqualTo(json("'arn:exec'"));
  }

  @Test
  void missingPathIsAStatesRuntimeWithJaywaysMessage() {
    // AWS (LocalStack snapshot test_base_scenarios): Invalid path '$.NoSuchInputPath' : No
    // results for path: $['NoSuchInputPath']
    assertThatThrownBy(() -> JsonPathDataFlow.select(json("{}"), "$.NoSuchInputPath"))
        .isInstanceOfSatisfying(
            StatesError.class,
            e -> {
              assertThat(e.error()).isEqualTo("States.Runtime");
              assertThat(e.prefixedWithState()).isTrue();
              assertThat(e.cause())
                  .isEqualTo(
                      "Invalid path '$.NoSuchInputPath' : No results for path:"
                          + " $['NoSuchInputPath']");
            });
  }

  @Test
  void missingIntermediatePropertyHasJaywaysOtherMessage() {
    // AWS: Invalid path '$.no.such.result.path' : Missing property in path $['no']
    assertThatThrownBy(() -> JsonPathDataFlow.select(json("{}"), "$.no.such.result.path"))
        .isInstanceOfSatisfying(
            StatesError.class,
            e ->
                assertThat(e.cause())
                    .isEqualTo(
                        "Invalid path '$.no.such.result.path' : Missing property in path"
                            + " $['no']"));
  }

  @Test
  void resultPathMergesIntoTheRawInput() {
    // The documented example: ResultPath "$.taskresult" keeps the input beside the result.
    JsonNode input = json("{'comment':'This is a test','details':'Default example','who':'AWS'}");
    JsonNode output =
        JsonPathDataFlow.applyResultPath(input, json("'Hello, AWS!'"), "$.taskresult");
    assertThat(output)
        .isEqualTo(
            json(
                "{'comment':'This is a test','details':'Default example','who':'AWS',"
                    + "'taskresult':'Hello, AWS!'}"));
    assertThat(input.has("taskresult")).as("the input is not modified").isFalse();
  }

  @Test
  void resultPathCreatesIntermediateObjectsAndReplacesExistingValues() {
    JsonNode input = json("{'a':{'keep':1,'b':'old'}}");
    assertThat(JsonPathDataFlow.applyResultPath(input, json("2"), "$.a.b"))
        .isEqualTo(json("{'a':{'keep':1,'b':2}}"));
    assertThat(JsonPathDataFlow.applyResultPath(input, json("{'r':1}"), "$.x.y.z"))
        .isEqualTo(json("{'a':{'keep':1,'b':'old'},'x':{'y':{'z':{'r':1}}}}"));
    assertThat(JsonPathDataFlow.applyResultPath(input, json("3"), "$['a']['c']"))
        .isEqualTo(json("{'a':{'keep':1,'b':'old','c':3}}"));
    assertThat(input).isEqualTo(json("{'a':{'keep':1,'b':'old'}}"));
  }

  @Test
  void resultPathIntoAnArrayElement() {
    JsonNode input = json("{'list':[{'v':1},{'v':2}]}");
    assertThat(JsonPathDataFlow.applyResultPath(input, json("true"), "$.list[1].done"))
        .isEqualTo(json("{'list':[{'v':1},{'v':2,'done':true}]}"));
  }

  @Test
  void resultPathRootReplacesAndNullDiscards() {
    JsonNode input = json("{'a':1}");
    JsonNode result = json("{'r':2}");
    assertThat(JsonPathDataFlow.applyResultPath(input, result, "$")).isSameAs(result);
    assertThat(JsonPathDataFlow.applyResultPath(input, result, null)).isSameAs(input);
  }

  @Test
  void resultPathOnANonObjectIsAResultPathMatchFailure() {
    assertThatThrownBy(() -> JsonPathDataFlow.applyResultPath(json("'str'"), json("1"), "$.a"))
        .isInstanceOfSatisfying(
            StatesError.class,
            e -> {
              assertThat(e.error()).isEqualTo("States.ResultPathMatchFailure");
              assertThat(e.cause()).isEqualTo("Unable to apply ReferencePath $.a to input \"str\"");
            });
    assertThatThrownBy(
            () -> JsonPathDataFlow.applyResultPath(json("{'a':'x'}"), json("1"), "$.a.b"))
        .isInstanceOfSatisfying(
            StatesError.class,
            e -> assertThat(e.error()).isEqualTo("States.ResultPathMatchFailure"));
    assertThatThrownBy(
            () -> JsonPathDataFlow.applyResultPath(json("{'l':[1]}"), json("1"), "$.l[3]"))
        .isInstanceOf(StatesError.class);
  }

  @Test
  void resultPathMustBeAReferencePath() {
    assertThat(ReferencePath.isValid("$.a.b[0]['c d']")).isTrue();
    assertThat(ReferencePath.isValid("$")).isTrue();
    assertThat(ReferencePath.isValid("$.a[*]")).isFalse();
    assertThat(ReferencePath.isValid("$..a")).isFalse();
    assertThat(ReferencePath.isValid("$.a[?(@.b)]")).isFalse();
    assertThat(ReferencePath.isValid("$.a[1:2]")).isFalse();
    assertThat(ReferencePath.isValid("$$.Execution")).isFalse();
    assertThat(ReferencePath.isValid("a.b")).isFalse();
    assertThatThrownBy(() -> JsonPathDataFlow.applyResultPath(json("{}"), json("1"), "$.a[*]"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void pathValidityFollowsJayway() {
    assertThat(JsonPaths.isValid("$.a[?(@.b > 1)]")).isTrue();
    assertThat(JsonPaths.isValid("$.a[?(@.b ==")).isFalse();
    assertThat(JsonPaths.isValid("a")).isFalse();
  }
}
