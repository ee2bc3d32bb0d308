package io.serverlessstack.fake.internal.stepfunctions.asl;

import static io.serverlessstack.fake.internal.stepfunctions.asl.JsonPathDataFlowTest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChoiceRulesTest {

  private static final JsonNode INPUT =
      json(
          "{'s':'abc','n':10,'d':1.5,'b':true,'nil':null,'t':'2016-08-18T17:33:00Z',"
              + "'t2':'2016-08-18T18:33:00+01:00','o':{'k':1},'other':'abd','ten':10.0}");

  private static final JsonNode CONTEXT = json("{'State':{'Name':'Choose'}}");

  private static boolean rule(String variable, String operator, String operand) {
    return ChoiceRules.evaluate(
        json("{'Variable':'" + variable + "','" + operator + "':" + operand + ",'Next':'X'}"),
        INPUT,
        CONTEXT);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "$.s | StringEquals | 'abc' | true",
        "$.s | StringEquals | 'abd' | false",
        "$.s | StringLessThan | 'abd' | true",
        "$.s | StringGreaterThan | 'abd' | false",
        "$.s | StringLessThanEquals | 'abc' | true",
        "$.s | StringGreaterThanEquals | 'abc' | true",
        "$.n | StringEquals | '10' | false",
        "$.s | StringMatches | 'a*' | true",
        "$.s | StringMatches | '*c' | true",
        "$.s | StringMatches | 'a*d' | false",
        "$.n | NumericEquals | 10 | true",
        "$.ten | NumericEquals | 10 | true",
        "$.d | NumericLessThan | 2 | true",
        "$.d | NumericGreaterThan | 1.4 | true",
        "$.n | NumericLessThanEquals | 10 | true",
        "$.n | NumericGreaterThanEquals | 11 | false",
        "$.s | NumericEquals | 10 | false",
        "$.b | BooleanEquals | true | true",
        "$.b | BooleanEquals | false | false",
        "$.s | BooleanEquals | true | false",
        "$.t | TimestampEquals | '2016-08-18T17:33:00Z' | true",
        "$.t2 | TimestampEquals | '2016-08-18T17:33:00Z' | true",
        "$.t | TimestampLessThan | '2016-08-18T17:33:01Z' | true",
        "$.t | TimestampGreaterThan | '2016-08-18T17:32:59.999Z' | true",
        "$.t | TimestampLessThanEquals | '2016-08-18T17:33:00Z' | true",
        "$.t | TimestampGreaterThanEquals | '2017-01-01T00:00:00Z' | false",
        "$.s | TimestampEquals | '2016-08-18T17:33:00Z' | false",
        "$.s | StringEqualsPath | '$.other' | false",
        "$.s | StringLessThanPath | '$.other' | true",
        "$.n | NumericEqualsPath | '$.ten' | true",
        "$.n | NumericGreaterThanPath | '$.d' | true",
        "$.b | BooleanEqualsPath | '$.b' | true",
        "$.t2 | TimestampEqualsPath | '$.t' | true",
        "$.s | StringMatchesPath | '$.s' | true",
        "$$.State.Name | StringEquals | 'Choose' | true",
        "$.nil | IsNull | true | true",
        "$.s | IsNull | true | false",
        "$.s | IsPresent | true | true",
        "$.missing | IsPresent | true | false",
        "$.missing | IsPresent | false | true",
        "$.n | IsNumeric | true | true",
        "$.s | IsNumeric | false | true",
        "$.s | IsString | true | true",
        "$.b | IsBoolean | true | true",
        "$.t | IsTimestamp | true | true",
        "$.s | IsTimestamp | true | false",
        "$.o | IsString | false | true"
      })
  void operators(String variable, String operator, String operand, boolean expected) {
    assertThat(rule(variable, operator, operand.replace('\'', '"'))).isEqualTo(expected);
  }

  @Test
  void timestampsMustBeRfc3339WithUppercaseTAndZ() {
    assertThat(
            ChoiceRules.evaluate(
                json("{'Variable':'$.t','IsTimestamp':true}"),
                json("{'t':'2016-08-18t17:33:00z'}")))
        .isFalse();
    assertThat(
            ChoiceRules.evaluate(
                json("{'Variable':'$.t','IsTimestamp':true}"),
                json("{'t':'2016-13-05T21:29:29Z'}")))
        .isFalse();
  }

  @Test
  void stringMatchesWildcardsAndEscapes() {
    assertThat(ChoiceRules.matches("log-2020.txt", "log-*.txt")).isTrue();
    assertThat(ChoiceRules.matches("log-2020.csv", "log-*.txt")).isFalse();
    assertThat(ChoiceRules.matches("a*b", "a\\*b")).isTrue();
    assertThat(ChoiceRules.matches("axb", "a\\*b")).isFalse();
    assertThat(ChoiceRules.matches("a\\b", "a\\\\b")).isTrue();
    assertThat(ChoiceRules.matches("anything", "*")).isTrue();
    assertThat(ChoiceRules.matches("", "*")).isTrue();
    assertThat(ChoiceRules.matches("aXbXc", "*b*c")).isTrue();
    assertThat(ChoiceRules.matches("abc", "abc*d")).isFalse();
  }

  @Test
  void andOrNot() {
    JsonNode input = json("{'type':'Private','value':25}");
    // The documented example: Not "Public" and value in [20, 30).
    JsonNode rule =
        json(
            "{'And':[{'Not':{'Variable':'$.type','StringEquals':'Public'}},"
                + "{'Variable':'$.value','NumericGreaterThanEquals':20},"
                + "{'Variable':'$.value','NumericLessThan':30}],'Next':'ValueInTwenties'}");
    assertThat(ChoiceRules.evaluate(rule, input)).isTrue();
    assertThat(ChoiceRules.evaluate(rule, json("{'type':'Public','value':25}"))).isFalse();
    JsonNode or =
        json(
            "{'Or':[{'Variable':'$.value','NumericEquals':1},"
                + "{'Variable':'$.type','StringEquals':'Private'}]}");
    assertThat(ChoiceRules.evaluate(or, input)).isTrue();
  }

  @Test
  void missingVariableIsAStatesRuntime() {
    assertThatThrownBy(() -> rule("$.x", "StringEquals", "\"a\""))
        .isInstanceOfSatisfying(
            StatesError.class,
            e -> {
              assertThat(e.error()).isEqualTo("States.Runtime");
              assertThat(e.prefixedWithState()).isTrue();
              assertThat(e.cause())
                  .isEqualTo(
                      "Invalid path '$.x': The choice state's condition path references an"
                          + " invalid value.");
            });
    assertThatThrownBy(() -> rule("$.x", "IsNull", "true")).isInstanceOf(StatesError.class);
    assertThatThrownBy(() -> rule("$.s", "StringEqualsPath", "\"$.nope\""))
        .isInstanceOf(StatesError.class);
  }

  @Test
  void ruleWithoutComparisonIsADefinitionError() {
    assertThatThrownBy(() -> ChoiceRules.evaluate(json("{'Variable':'$.s','Next':'X'}"), INPUT))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(ChoiceRules.isOperator("NumericLessThanEqualsPath")).isTrue();
    assertThat(ChoiceRules.isOperator("StringMatchesPath")).isTrue();
    assertThat(ChoiceRules.isOperator("Next")).isFalse();
    assertThat(ChoiceRules.isOperator("StringFoo")).isFalse();
  }
}
