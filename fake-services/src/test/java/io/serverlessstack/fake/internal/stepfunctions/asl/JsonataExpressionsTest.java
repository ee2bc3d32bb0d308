package io.serverlessstack.fake.internal.stepfunctions.asl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonataExpressionsTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  static JsonNode json(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(text, e);
    }
  }

  static JsonNode eval(String template, String input) {
    return JsonataExpressions.evaluate(
        json(template), JsonataBindings.ofInput(json(input)), "Output");
  }

  static StatesError failure(Runnable evaluation) {
    StatesError error = catchThrowableOfType(StatesError.class, evaluation::run);
    assertThat(error).as("a StatesError").isNotNull();
    return error;
  }

  @Nested
  class RecognisingExpressions {

    @ParameterizedTest
    @CsvSource(
        delimiter = '|',
        value = {
          "{% $states.input %}|true",
          "{%$x%}|true",
          "{%  %}|true",
          "' {% $x %}'|false",
          "'{% $x %} '|false",
          "$states.input|false",
          "{% $x|false",
          "{%%|false",
          "Hello {% $x %}|false"
        })
    void aStringIsAnExpressionOnlyWhenItIsWhollyDelimited(String value, boolean expected) {
      assertThat(JsonataExpressions.isExpression(value)).isEqualTo(expected);
    }

    @Test
    void theExpressionTextIsTrimmed() {
      assertThat(JsonataExpressions.expressionText("{%   $states.input.a  %}"))
          .isEqualTo("$states.input.a");
    }
  }

  @Nested
  class Templates {

    @Test
    void theDocumentedConversionFromJsonPathEvaluatesOnlyTheExpressions() {
      // "Transforming data with JSONata in Step Functions": the Arguments of the converted sample.
      JsonNode arguments =
          json(
              """
              {"static": "Hello", "title": "{% $states.input.title %}",
               "name": "{% $customerName %}", "not-evaluated": "$customerName"}""");
      Variables variables = Variables.root().assignAll(Map.of("customerName", json("\"Ana\"")));
      JsonataBindings bindings = JsonataBindings.of(json("{\"title\": \"Dr\"}"), null, variables);

      JsonNode result = JsonataExpressions.evaluate(arguments, bindings, "Arguments");

      assertThat(result)
          .isEqualTo(
              json(
                  """
                  {"static": "Hello", "title": "Dr", "name": "Ana",
                   "not-evaluated": "$customerName"}"""));
    }

    @Test
    void aTemplateWithoutExpressionsIsReturnedAsItIs() {
      JsonNode template = json("{\"a\": [1, {\"b\": \"$.x\"}], \"c\": \"text\"}");

      assertThat(
              JsonataExpressions.evaluate(template, JsonataBindings.ofInput(json("{}")), "Output"))
          .isSameAs(template);
    }

    @Test
    void expressionsAreEvaluatedAtAnyDepthAndTheRestIsKept() {
      JsonNode result =
          eval(
              """
              {"a": {"b": ["{% $states.input.n * 2 %}", "lit", 3]}, "c": true}""",
              "{\"n\": 21}");

      assertThat(result).isEqualTo(json("{\"a\": {\"b\": [42, \"lit\", 3]}, \"c\": true}"));
    }

    @Test
    void theStateInputComesBackAsTheSameNode() {
      JsonNode input = json("{\"a\": null, \"b\": [1, 2.5, \"x\", {\"c\": false}]}");

      JsonNode result =
          JsonataExpressions.evaluate(
              TextNode.valueOf("{% $states.input %}"), JsonataBindings.ofInput(input), "Output");

      assertThat(result).isSameAs(input);
    }

    @Test
    void jsonNullStaysNullAndIsNotUndefined() {
      assertThat(eval("\"{% $states.input.a %}\"", "{\"a\": null}").isNull()).isTrue();
      assertThat(eval("\"{% null %}\"", "{}").isNull()).isTrue();
      assertThat(eval("{\"k\": \"{% {'x': null} %}\"}", "{}"))
          .isEqualTo(json("{\"k\": {\"x\": null}}"));
    }

    @Test
    void integralNumbersAreWrittenAsIntegers() {
      assertThat(eval("\"{% 1 + 2 %}\"", "{}").toString()).isEqualTo("3");
      assertThat(eval("\"{% 2.5 * 2 %}\"", "{}").toString()).isEqualTo("5");
      assertThat(eval("\"{% 10 / 4 %}\"", "{}").toString()).isEqualTo("2.5");
      assertThat(eval("\"{% $states.input.big + 1 %}\"", "{\"big\": 4000000000}").toString())
          .isEqualTo("4000000001");
      assertThat(eval("\"{% $sum($states.input.l) %}\"", "{\"l\": [1, 2, 3.5]}").toString())
          .isEqualTo("6.5");
    }

    @Test
    void standardJsonataFunctionsAndOperatorsWork() {
      JsonNode input =
          json("{\"items\": [{\"p\": 2, \"q\": 3}, {\"p\": 5, \"q\": 1}], \"n\": \"Bo\"}");

      assertThat(
              JsonataExpressions.evaluate(
                  json(
                      """
                      {"total": "{% $sum($states.input.items.(p * q)) %}",
                       "greeting": "{% 'Hello ' & $states.input.n %}",
                       "upper": "{% $uppercase($states.input.n) %}",
                       "ps": "{% $map($states.input.items, function($i) { $i.p }) %}",
                       "block": "{% ($a := 2; $b := 3; $a * $b) %}",
                       "exists": "{% $exists($states.input.nope) %}"}"""),
                  JsonataBindings.ofInput(input),
                  "Output"))
          .isEqualTo(
              json(
                  """
                  {"total": 11, "greeting": "Hello Bo", "upper": "BO", "ps": [2, 5],
                   "block": 6, "exists": false}"""));
    }
  }

  @Nested
  class StatesVariable {

    @Test
    void resultErrorOutputAndContextAreReadable() {
      JsonataBindings entry =
          JsonataBindings.of(
              json("{\"in\": 1}"),
              json("{\"Execution\": {\"Name\": \"run-1\"}, \"State\": {\"Name\": \"S\"}}"),
              Variables.root());

      JsonNode afterTask =
          JsonataExpressions.evaluate(
              json(
                  """
                  {"in": "{% $states.input.in %}", "out": "{% $states.result.Payload %}",
                   "run": "{% $states.context.Execution.Name %}"}"""),
              entry.withResult(json("{\"Payload\": \"ok\"}")),
              "Output");
      JsonNode inCatch =
          JsonataExpressions.evaluate(
              TextNode.valueOf("{% $states.errorOutput.Error %}"),
              entry.withErrorOutput(json("{\"Error\": \"Boom\", \"Cause\": \"x\"}")),
              "Output");

      assertThat(afterTask).isEqualTo(json("{\"in\": 1, \"out\": \"ok\", \"run\": \"run-1\"}"));
      assertThat(inCatch).isEqualTo(TextNode.valueOf("Boom"));
    }

    @Test
    void theResultIsUndefinedWhereThereIsNone() {
      StatesError error = failure(() -> eval("\"{% $states.result %}\"", "{}"));

      assertThat(error.cause())
          .isEqualTo(
              "The JSONata expression '$states.result' specified for the field 'Output'"
                  + " returned nothing (undefined).");
    }

    @Test
    void theContextValueIsUndefined() {
      StatesError error = failure(() -> eval("\"{% $ %}\"", "{\"a\": 1}"));

      assertThat(error.cause()).endsWith("returned nothing (undefined).");
    }
  }

  @Nested
  class AwsFunctions {

    // Inputs and outputs recorded against AWS (LocalStack's snapshot test_array_jsonata).
    @ParameterizedTest
    @CsvSource(
        delimiter = '|',
        value = {
          "[0]|1|[[0]]",
          "[0]|5|[[0]]",
          "[0,1]|1|[[0],[1]]",
          "[0,1]|2|[[0,1]]",
          "[0,1,2]|2|[[0,1],[2]]",
          "[0,1,2,3]|3|[[0,1,2],[3]]",
          "[0,1,2,3]|4|[[0,1,2,3]]",
          "[1,2,3,4,5,6,7,8,9]|3|[[1,2,3],[4,5,6],[7,8,9]]"
        })
    void partitionCutsAnArrayIntoChunks(String array, int size, String expected) {
      JsonNode input = json("{\"fst\": " + array + ", \"snd\": " + size + "}");

      assertThat(
              eval("\"{% $partition($states.input.fst, $states.input.snd) %}\"", input.toString()))
          .isEqualTo(json(expected));
    }

    @ParameterizedTest
    @CsvSource(
        delimiter = '|',
        value = {
          "0|9|3|[0,3,6,9]",
          "0|10|3|[0,3,6,9]",
          "1|9|9|1",
          "1|9|2|[1,3,5,7,9]",
          "0|10|2|[0,2,4,6,8,10]",
          "10|0|-5|[10,5,0]"
        })
    void rangeIncludesTheEndAndASingleNumberIsThatNumber(
        int start, int end, int step, String expected) {
      assertThat(eval("\"{% $range(" + start + ", " + end + ", " + step + ") %}\"", "{}"))
          .isEqualTo(json(expected));
    }

    @ParameterizedTest
    @CsvSource({
      "MD5,a43c1b0aa53a0c908810c06ab1ff3967",
      "SHA-1,140f86aae51ab9e1cda9b4254fe98a74eb54c1a1",
      "SHA-256,c96c6d5be8d08a12e7b5cdc1b207fa6b2430974c86803d8891675e76fd992c20"
    })
    void hashIsTheLowercaseHexDigest(String algorithm, String digest) {
      assertThat(
              eval("\"{% $hash($states.input.v, '" + algorithm + "') %}\"", "{\"v\": \"input\"}"))
          .isEqualTo(TextNode.valueOf(digest));
    }

    @Test
    void hashRefusesAnUnknownAlgorithm() {
      StatesError error = failure(() -> eval("\"{% $hash('x', 'SHA-3') %}\"", "{}"));

      assertThat(error.error()).isEqualTo(StatesError.QUERY_EVALUATION_ERROR);
      assertThat(error.cause())
          .startsWith(
              "The JSONata expression '$hash('x', 'SHA-3')' specified for the field 'Output'"
                  + " threw an error during evaluation: ");
    }

    @Test
    void aSeededRandomIsJavaUtilRandomsFirstDouble() {
      assertThat(eval("\"{% $random(42) %}\"", "{}").doubleValue()).isEqualTo(0.7275636800328681);
      assertThat(eval("\"{% $random($states.input.seed) %}\"", "{\"seed\": 7}"))
          .isEqualTo(eval("\"{% $random(7) %}\"", "{}"));
    }

    @Test
    void anUnseededRandomIsBetweenZeroAndOne() {
      double value = eval("\"{% $random() %}\"", "{}").doubleValue();

      assertThat(value).isGreaterThanOrEqualTo(0).isLessThan(1);
    }

    @Test
    void uuidIsARandomVersion4Uuid() {
      String first = eval("\"{% $uuid() %}\"", "{}").textValue();
      String second = eval("\"{% $uuid() %}\"", "{}").textValue();

      assertThat(first)
          .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")
          .isNotEqualTo(second);
    }

    // Inputs and outputs recorded against AWS (LocalStack's snapshot
    // test_json_manipulation_jsonata).
    @ParameterizedTest
    @CsvSource(
        delimiter = '|',
        value = {
          "'-0'|0",
          "'1'|1",
          "'1.1'|1.1",
          "'true'|true",
          "'\"HelloWorld\"'|\"HelloWorld\"",
          "'[1, 2, \"HelloWorld\"]'|[1,2,\"HelloWorld\"]",
          "'{\"Arg1\": 1, \"Arg2\": []}'|{\"Arg1\":1,\"Arg2\":[]}"
        })
    void parseReadsTheJsonInAString(String text, String expected) {
      JsonNode input = MAPPER.createObjectNode().put("FunctionInput", text);

      assertThat(eval("\"{% $parse($states.input.FunctionInput) %}\"", input.toString()).toString())
          .isEqualTo(expected);
    }

    @Test
    void parsedValuesCanBeNavigated() {
      assertThat(
              eval(
                  "\"{% $parse($states.input.s).a.b %}\"",
                  "{\"s\": \"{\\\"a\\\":{\\\"b\\\":[7]}}\"}"))
          .isEqualTo(json("[7]"));
    }

    @Test
    void evalIsNotAvailable() {
      StatesError error = failure(() -> eval("\"{% $eval('1 + 1') %}\"", "{}"));

      assertThat(error.cause())
          .isEqualTo(
              "The JSONata expression '$eval('1 + 1')' specified for the field 'Output' threw an"
                  + " error during evaluation. T1006: Attempted to invoke a non-function");
    }
  }

  @Nested
  class Errors {

    @Test
    void anUndefinedResultNamesTheFieldPath() {
      // AWS, recorded: 'Output', 'Output/result', 'Arguments/FunctionName', 'Assign/result'.
      StatesError top = failure(() -> eval("\"{% $doesNotExist %}\"", "{}"));
      StatesError member = failure(() -> eval("{\"result\": \"{% $doesNotExist %}\"}", "{}"));
      StatesError nested =
          failure(() -> eval("{\"a\": [1, {\"b\": \"{% $doesNotExist %}\"}]}", "{}"));

      assertThat(top.error()).isEqualTo("States.QueryEvaluationError");
      assertThat(top.prefixedWithState()).isTrue();
      assertThat(top.cause())
          .isEqualTo(
              "The JSONata expression '$doesNotExist' specified for the field 'Output' returned"
                  + " nothing (undefined).");
      assertThat(member.cause())
          .isEqualTo(
              "The JSONata expression '$doesNotExist' specified for the field 'Output/result'"
                  + " returned nothing (undefined).");
      assertThat(nested.cause()).contains("for the field 'Output/a[1]/b'");
    }

    @Test
    void anEngineErrorCarriesItsCodeAndMessage() {
      // AWS, recorded (LocalStack's snapshot test_math_operations_jsonata).
      StatesError error =
          failure(
              () ->
                  JsonataExpressions.evaluate(
                      json(
                          "{\"FunctionResult\":"
                              + " \"{% $randomSeeded($states.input.FunctionInput.fst) %}\"}"),
                      JsonataBindings.ofInput(json("{\"FunctionInput\": \"fst\"}")),
                      "Output"));

      assertThat(error.cause())
          .isEqualTo(
              "The JSONata expression '$randomSeeded($states.input.FunctionInput.fst)' specified"
                  + " for the field 'Output/FunctionResult' threw an error during evaluation."
                  + " T1006: Attempted to invoke a non-function");
    }

    @Test
    void anArithmeticErrorIsAQueryEvaluationError() {
      StatesError error = failure(() -> eval("\"{% 'a' + 1 %}\"", "{}"));

      assertThat(error.error()).isEqualTo(StatesError.QUERY_EVALUATION_ERROR);
      assertThat(error.cause()).contains("threw an error during evaluation. T2001: ");
    }

    @Test
    void aFunctionResultIsUnsupported() {
      StatesError error =
          failure(
              () ->
                  JsonataExpressions.evaluateArray(
                      TextNode.valueOf("{% $fn := function($x){$x} %}"),
                      JsonataBindings.ofInput(json("{}")),
                      "Items"));

      assertThat(error.cause())
          .isEqualTo(
              "The JSONata expression '$fn := function($x){$x}' specified for the field 'Items'"
                  + " returned an unsupported result type.");
    }

    // AWS, recorded (LocalStack's snapshot test_base_evaluate_expressions / map items).
    @ParameterizedTest
    @CsvSource(
        delimiter = '|',
        quoteCharacter = '`',
        value = {
          "1|number|1",
          "{'foo': 'bar'}|object|{\"foo\":\"bar\"}",
          "null|null|null",
          "true|boolean|true",
          "'string'|string|\"string\""
        })
    void itemsMustBeAnArray(String expression, String type, String value) {
      StatesError error =
          failure(
              () ->
                  JsonataExpressions.evaluateArray(
                      TextNode.valueOf("{% " + expression + " %}"),
                      JsonataBindings.ofInput(json("{}")),
                      "Items"));

      assertThat(error.cause())
          .isEqualTo(
              "The JSONata expression '"
                  + expression
                  + "' specified for the field 'Items' returned an unexpected result type."
                  + " Expected 'array', but was '"
                  + type
                  + "' for value: "
                  + value);
    }

    @Test
    void itemsFromAVariable() {
      Variables variables = Variables.root().assignAll(Map.of("ItemsVar", json("[1, 2]")));

      assertThat(
              JsonataExpressions.evaluateArray(
                  TextNode.valueOf("{% $ItemsVar %}"),
                  JsonataBindings.of(json("{}"), null, variables),
                  "Items"))
          .isEqualTo(json("[1, 2]"));
    }
  }

  @Nested
  class Conditions {

    @Test
    void aConditionIsABooleanExpressionOrABoolean() {
      JsonataBindings bindings = JsonataBindings.ofInput(json("{\"age\": 20}"));

      assertThat(
              JsonataExpressions.condition("{% $states.input.age >= 18 %}", bindings, "Condition"))
          .isTrue();
      assertThat(
              JsonataExpressions.condition("{% $states.input.age < 18 %}", bindings, "Condition"))
          .isFalse();
      assertThat(JsonataExpressions.condition(json("true"), bindings, "Condition")).isTrue();
    }

    @Test
    void aConditionThatIsNotBooleanFails() {
      StatesError error =
          failure(
              () ->
                  JsonataExpressions.condition(
                      "{% $states.input.age %}",
                      JsonataBindings.ofInput(json("{\"age\": 20}")), "Condition"));

      assertThat(error.cause())
          .isEqualTo(
              "The JSONata expression '$states.input.age' specified for the field 'Condition'"
                  + " returned an unexpected result type. Expected 'boolean', but was 'number'"
                  + " for value: 20");
    }
  }

  @Nested
  class Syntax {

    @Test
    void anExpressionThatDoesNotParseIsADefinitionError() {
      assertThatThrownBy(() -> JsonataExpressions.validate("1 +"))
          .isInstanceOfSatisfying(
              JsonataSyntaxException.class,
              e -> {
                assertThat(e.jsonataMessage()).isEqualTo("Unexpected end of expression");
                assertThat(e.code()).isEqualTo("S0207");
                assertThat(e.expression()).isEqualTo("1 +");
              });
      JsonataExpressions.validate("$states.input.a + 1");
    }

    @Test
    void syntaxErrorsAreReportedByLocation() {
      Map<String, JsonataSyntaxException> errors =
          JsonataExpressions.syntaxErrors(
              json("{\"v\": \"{% a[1,2) %}\", \"ok\": \"{% 1 %}\", \"l\": [\"{% 1 + %}\"]}"),
              "/States/Main/Output");

      assertThat(errors).containsOnlyKeys("/States/Main/Output/v", "/States/Main/Output/l/0");
      assertThat(errors.get("/States/Main/Output/v").jsonataMessage())
          .isEqualTo("Expected \"]\", got \",\"");
    }

    @Test
    void anUnparsableExpressionReachingEvaluationFailsTheState() {
      StatesError error = failure(() -> eval("\"{% 1 + %}\"", "{}"));

      assertThat(error.cause())
          .isEqualTo(
              "The JSONata expression '1 +' specified for the field 'Output' threw an error"
                  + " during evaluation. S0207: Unexpected end of expression");
    }
  }

  @Nested
  class Assign {

    @Test
    void everyExpressionOfABlockReadsTheVariablesFromBeforeTheBlock() {
      Variables before = Variables.root().assignAll(Map.of("x", json("1")));
      JsonataBindings bindings = JsonataBindings.of(json("{\"v\": 10}"), null, before);

      Map<String, JsonNode> values =
          JsonataExpressions.assign(
              json(
                  """
                  {"x": "{% $x + 1 %}", "y": "{% $x %}", "z": "{% $states.input.v %}",
                   "lit": {"k": [1, "{% $x * 100 %}"]}}"""),
              bindings);
      Variables after = before.assignAll(values);

      assertThat(after.lookup("x")).isEqualTo(json("2"));
      assertThat(after.lookup("y")).isEqualTo(json("1"));
      assertThat(after.lookup("z")).isEqualTo(json("10"));
      assertThat(after.lookup("lit")).isEqualTo(json("{\"k\": [1, 100]}"));
      assertThat(before.lookup("x")).isEqualTo(json("1"));
    }

    @Test
    void aVariableAssignedInTheBlockIsNotYetVisibleToIt() {
      StatesError error =
          failure(
              () ->
                  JsonataExpressions.assign(
                      json("{\"a\": 1, \"result\": \"{% $a %}\"}"),
                      JsonataBindings.ofInput(json("{}"))));

      assertThat(error.cause())
          .isEqualTo(
              "The JSONata expression '$a' specified for the field 'Assign/result' returned"
                  + " nothing (undefined).");
    }

    @Test
    void variablesHoldingNullReadAsNull() {
      Variables variables = Variables.root().assignAll(Map.of("n", json("null")));

      assertThat(
              JsonataExpressions.evaluate(
                  TextNode.valueOf("{% $n %}"),
                  JsonataBindings.of(json("{}"), null, variables),
                  "Output"))
          .isEqualTo(json("null"));
    }
  }

  @Nested
  class Scopes {

    @Test
    void aChildScopeReadsItsParentButKeepsItsOwnAssignments() {
      Variables outer = Variables.root().assignAll(Map.of("x", json("42")));
      Variables branch = outer.child().assignAll(Map.of("innerX", json("42"), "x", json("7")));
      Variables sibling = outer.child();

      assertThat(branch.lookup("x")).isEqualTo(json("7"));
      assertThat(branch.lookup("innerX")).isEqualTo(json("42"));
      assertThat(outer.lookup("x")).isEqualTo(json("42"));
      assertThat(outer.lookup("innerX")).isNull();
      assertThat(sibling.lookup("innerX")).isNull();
      assertThat(sibling.lookup("x")).isEqualTo(json("42"));
      assertThat(branch.parent()).isSameAs(outer);
    }

    @Test
    void expressionsInAChildScopeSeeOuterVariables() {
      Variables outer = Variables.root().assignAll(Map.of("bias", json("4.3")));
      Variables iteration = outer.child().assignAll(Map.of("x", json("2")));

      assertThat(
              JsonataExpressions.evaluate(
                  TextNode.valueOf("{% $x + $bias %}"),
                  JsonataBindings.of(json("{}"), null, iteration),
                  "Output"))
          .isEqualTo(json("6.3"));
    }

    @Test
    void aRootSeesNothing() {
      assertThat(Variables.root().lookup("x")).isNull();
      assertThat(Variables.root().visible()).isEmpty();
      assertThat(Variables.root().parent()).isNull();
    }
  }

  @Nested
  class Limits {

    private JsonNode stringOf(int bytes) {
      return TextNode.valueOf("a".repeat(bytes - 2)); // the quotes count
    }

    @Test
    void aVariableCanHold256KiB() {
      Variables variables = Variables.root().assignAll(Map.of("v", stringOf(256 * 1024)));

      assertThat(variables.totalBytes()).isEqualTo(256 * 1024);
    }

    @Test
    void aVariableOver256KiBFails() {
      StatesError error =
          failure(() -> Variables.root().assignAll(Map.of("v", stringOf(256 * 1024 + 1))));

      assertThat(error.error()).isEqualTo(StatesError.DATA_LIMIT_EXCEEDED);
      assertThat(error.cause()).contains("'v'");
    }

    @Test
    void anAssignBlockOver256KiBFails() {
      StatesError error =
          failure(
              () ->
                  Variables.root()
                      .assignAll(Map.of("a", stringOf(200 * 1024), "b", stringOf(100 * 1024))));

      assertThat(error.error()).isEqualTo(StatesError.DATA_LIMIT_EXCEEDED);
    }

    @Test
    void allVariablesTogetherCanHoldAtMost10MiB() {
      Variables variables = Variables.root();
      for (int i = 0; i < 40; i++) {
        variables = variables.assignAll(Map.of("v" + i, stringOf(256 * 1024)));
      }
      Variables full = variables;
      // Replacing a value frees its size.
      assertThat(full.assignAll(Map.of("v0", stringOf(256 * 1024))).totalBytes())
          .isEqualTo(10L * 1024 * 1024);

      StatesError error = failure(() -> full.child().assignAll(Map.of("more", stringOf(10))));

      assertThat(error.error()).isEqualTo(StatesError.DATA_LIMIT_EXCEEDED);
    }
  }

  @Test
  void compiledExpressionsAreSafeToShareAcrossThreads() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int base = t;
        results.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 2_000; i++) {
                    JsonNode input = json("{\"n\": " + (base * 10_000 + i) + "}");
                    JsonNode out =
                        JsonataExpressions.evaluate(
                            json("{\"m\": \"{% $states.input.n * 2 %}\"}"),
                            JsonataBindings.ofInput(input),
                            "Output");
                    if (out.get("m").longValue() != 2L * (base * 10_000 + i)) {
                      return false;
                    }
                  }
                  return true;
                }));
      }
      for (Future<Boolean> result : results) {
        assertThat(result.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
