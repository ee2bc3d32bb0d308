package io.serverlessstack.fake.internal.stepfunctions.asl;

import static org.assertj.core.api.Assertions.assertThat;

import com.dashjoin.jsonata.Jsonata;
import com.dashjoin.jsonata.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonataValuesTest {

  private static final String INPUT =
      "{\"arr\":[1],\"arr2\":[1,2],\"o\":[{\"p\":[3]}],\"objs\":[{\"a\":1},{\"a\":2}],"
          + "\"one\":[{\"a\":1}],\"n\":null,\"nested\":[[1,2],[3]],\"s\":\"x\",\"d\":2.5}";

  /** The engine must not see a difference between our lazy views and its own parsed JSON. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "arr",
        "arr2",
        "o.p",
        "objs.a",
        "one.a",
        "one",
        "nested",
        "nested[0]",
        "nested.$",
        "arr[0]",
        "$count(arr)",
        "arr2[$>1]",
        "objs[a=2]",
        "$keys($)",
        "$string($)",
        "$ ~> |objs|{'b':1}|",
        "$merge(objs)",
        "$sort(arr2, function($l,$r){$l<$r})",
        "$reverse(arr2)",
        "$append(arr, arr2)",
        "$type(n)",
        "$spread(objs)",
        "$distinct(arr2)",
        "$zip(arr2, arr2)",
        "$filter(arr2, function($v){$v>1})",
        "$reduce(arr2, function($a,$b){$a+$b})",
        "objs^(>a)",
        "objs{'k': a}",
        "arr2#$i[$i>0]",
        "objs@$o.$o.a",
        "$each($, function($v,$k){$k})",
        "d * 2",
        "s & 'y'",
        "**.a",
        "*.a",
        "$sum(arr2) / 4"
      })
  void viewsOfJsonBehaveAsTheEnginesOwnValues(String expression) {
    Object nativeResult = Jsonata.jsonata(expression).evaluate(Json.parseJson(INPUT));

    JsonNode viaViews =
        JsonataExpressions.evaluate(
            TextNode.valueOf("{% ($d := $states.input; $d.(" + expression + ")) %}"),
            JsonataBindings.ofInput(JsonataExpressionsTest.json(INPUT)),
            "Output");

    assertThat(viaViews).isEqualTo(JsonataValues.toJson(nativeResult));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "1",
        "-12345678901",
        "2.5",
        "true",
        "null",
        "\"plain\"",
        "\"é\\\"\\n\\u0001\"",
        "{\"a\": [1, \"b\", {\"c\": null}]}",
        "\"\""
      })
  void theSizeOfAValueIsTheUtf8LengthOfItsCompactJson(String json) {
    JsonNode node = JsonataExpressionsTest.json(json);

    assertThat(JsonataValues.serializedSize(node))
        .isEqualTo(JsonataValues.write(node).getBytes(StandardCharsets.UTF_8).length);
  }

  @Test
  void integralDoublesBecomeIntegers() {
    assertThat(JsonataValues.number(4.0).toString()).isEqualTo("4");
    assertThat(JsonataValues.number(1e20).toString()).isEqualTo("100000000000000000000");
    assertThat(JsonataValues.number(0.1 + 0.2).toString()).isEqualTo("0.30000000000000004");
    assertThat(JsonataValues.number(-0.0).toString()).isEqualTo("0");
  }
}
