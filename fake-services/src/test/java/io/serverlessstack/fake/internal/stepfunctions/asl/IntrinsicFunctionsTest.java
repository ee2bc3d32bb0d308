package io.serverlessstack.fake.internal.stepfunctions.asl;

import static io.serverlessstack.fake.internal.stepfunctions.asl.JsonPathDataFlowTest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Expected values are AWS's: the documented examples of "Intrinsic functions for JSONPath states"
 * and the executions LocalStack recorded against AWS (tests/aws/.../intrinsic_functions/*.snapshot
 * .json).
 */
class IntrinsicFunctionsTest {

  private static final JsonNode CONTEXT =
      json("{'StateMachine':{'Name':'Machine-Name-x'},'Execution':{'Input':{'start':2}}}");

  private static JsonNode eval(String call, String input) {
    return IntrinsicFunctions.evaluate(call, json(input), CONTEXT, "value.$");
  }

  private static void assertInvalid(String call, String input, String function) {
    assertThatThrownBy(() -> eval(call, input))
        .isInstanceOfSatisfying(
            StatesError.class,
            e -> {
              assertThat(e.error()).isEqualTo("States.Runtime");
              assertThat(e.prefixedWithState()).isTrue();
              assertThat(e.cause()).isEqualTo("Invalid arguments in " + function);
            });
  }

  @Test
  void formatDocumentedExamples() {
    String input = "{'name':'Arnav','template':'Hello, my name is {}.'}";
    assertThat(eval("States.Format('Hello, my name is {}.', $.name)", input))
        .isEqualTo(json("'Hello, my name is Arnav.'"));
    assertThat(eval("States.Format($.template, $.name)", input))
        .isEqualTo(json("'Hello, my name is Arnav.'"));
  }

  @Test
  void formatRendersValuesAsAwsDoes() {
    String input =
        "{'s':'','n':null,'i':1,'d':1.1,'b':true,'o':{'Arg1':1,'Arg2':[]},'a':[1,'x',{'k':'v'}]}";
    assertThat(eval("States.Format('arg {}.', $.s)", input)).isEqualTo(json("'arg .'"));
    assertThat(eval("States.Format('{} {} {} {}', $.n, $.i, $.d, $.b)", input))
        .isEqualTo(json("'null 1 1.1 true'"));
    assertThat(eval("States.Format('fst={}', $.o)", input))
        .isEqualTo(json("'fst={Arg1=1, Arg2=[]}'"));
    assertThat(eval("States.Format('{}', $.a)", input)).isEqualTo(json("'[1, x, {k=v}]'"));
  }

  @Test
  void formatHonoursEscapes() {
    assertThat(eval("States.Format('Name: \\'{}\\' \\{\\} \\\\', $.n)", "{'n':'G'}"))
        .isEqualTo(json("'Name: \\u0027G\\u0027 {} \\\\'"));
    assertThat(eval("States.Format('no placeholders')", "{}")).isEqualTo(json("'no placeholders'"));
  }

  @Test
  void formatArgumentCountMustMatchPlaceholders() {
    assertInvalid("States.Format('{} {}', $.a)", "{'a':'x'}", "States.Format");
    assertInvalid("States.Format('{}', $.a, $.a)", "{'a':'x'}", "States.Format");
    assertInvalid("States.Format('}')", "{}", "States.Format");
    assertInvalid("States.Format($.t, $.a)", "{'t':123,'a':'x'}", "States.Format");
  }

  @Test
  void stringToJsonAsRecordedOnAws() {
    assertThat(eval("States.StringToJson($.s)", "{'s':'{\\\"foo\\\": \\\"bar\\\"}'}"))
        .isEqualTo(json("{'foo':'bar'}"));
    assertThat(eval("States.StringToJson($.s)", "{'s':''}")).isEqualTo(json("null"));
    assertThat(eval("States.StringToJson($.s)", "{'s':' '}")).isEqualTo(json("null"));
    assertThat(eval("States.StringToJson($.s)", "{'s':'-0'}")).isEqualTo(json("0"));
    assertThat(eval("States.StringToJson($.s)", "{'s':'1.1'}")).isEqualTo(json("1.1"));
    assertThat(eval("States.StringToJson($.s)", "{'s':'[1, 2, \\\"x\\\"]'}"))
        .isEqualTo(json("[1,2,'x']"));
    assertInvalid("States.StringToJson($.s)", "{'s':'{nope'}", "States.StringToJson");
    assertInvalid("States.StringToJson($.s)", "{'s':1}", "States.StringToJson");
  }

  @Test
  void jsonToStringIsCompact() {
    assertThat(eval("States.JsonToString($.o)", "{'o':{'Arg1':1,'Arg2':[]}}"))
        .isEqualTo(json("'{\\\"Arg1\\\":1,\\\"Arg2\\\":[]}'"));
    assertThat(eval("States.JsonToString($.o)", "{'o':'HelloWorld'}"))
        .isEqualTo(json("'\\\"HelloWorld\\\"'"));
    assertThat(eval("States.JsonToString($.o)", "{'o':null}")).isEqualTo(json("'null'"));
    assertThat(eval("States.JsonToString($.o)", "{'o':1.1}")).isEqualTo(json("'1.1'"));
  }

  @Test
  void arrayBuildsFromItsArguments() {
    assertThat(eval("States.Array($.Id)", "{'Id':123456}")).isEqualTo(json("[123456]"));
    assertThat(eval("States.Array()", "{}")).isEqualTo(json("[]"));
    assertThat(eval("States.Array('a', 1, 2.5, true, null, $.o)", "{'o':{'k':[]}}"))
        .isEqualTo(json("['a',1,2.5,true,null,{'k':[]}]"));
  }

  @Test
  void arrayPartition() {
    assertThat(eval("States.ArrayPartition($.inputArray,4)", "{'inputArray':[1,2,3,4,5,6,7,8,9]}"))
        .isEqualTo(json("[[1,2,3,4],[5,6,7,8],[9]]"));
    assertThat(eval("States.ArrayPartition($.a, 2)", "{'a':[]}")).isEqualTo(json("[]"));
    assertThat(eval("States.ArrayPartition($.a, 5)", "{'a':[0,1]}")).isEqualTo(json("[[0,1]]"));
    assertInvalid("States.ArrayPartition($.a, 0)", "{'a':[1]}", "States.ArrayPartition");
    assertInvalid("States.ArrayPartition($.a, 1)", "{'a':'x'}", "States.ArrayPartition");
  }

  @Test
  void arrayContains() {
    assertThat(
            eval(
                "States.ArrayContains($.inputArray, $.lookingFor)",
                "{'inputArray':[1,2,3,4,5,6,7,8,9],'lookingFor':5}"))
        .isEqualTo(json("true"));
    assertThat(eval("States.ArrayContains($.a, $.v)", "{'a':[[1,2,3],2],'v':[1,2,3]}"))
        .isEqualTo(json("true"));
    assertThat(eval("States.ArrayContains($.a, $.v)", "{'a':[{'1':2,'2':[]}],'v':{'1':2,'2':[]}}"))
        .isEqualTo(json("true"));
    assertThat(eval("States.ArrayContains($.a, $.v)", "{'a':[],'v':null}"))
        .isEqualTo(json("false"));
    assertThat(eval("States.ArrayContains($.a, 1)", "{'a':[1.0]}")).isEqualTo(json("true"));
  }

  @Test
  void arrayRange() {
    assertThat(eval("States.ArrayRange(1, 9, 2)", "{}")).isEqualTo(json("[1,3,5,7,9]"));
    assertThat(eval("States.ArrayRange(0, 10, 3)", "{}")).isEqualTo(json("[0,3,6,9]"));
    assertThat(eval("States.ArrayRange(1, 9, 9)", "{}")).isEqualTo(json("[1]"));
    assertThat(eval("States.ArrayRange(5, 1, -2)", "{}")).isEqualTo(json("[5,3,1]"));
    assertThat(eval("States.ArrayRange(5, 1, 1)", "{}")).isEqualTo(json("[]"));
    assertThat(eval("States.ArrayRange(1.6, 1.4, 1)", "{}")).isEqualTo(json("[1]"));
    assertThat(eval("States.ArrayRange(1, 1000, 1)", "{}").size()).isEqualTo(1000);
    assertInvalid("States.ArrayRange(1, 1001, 1)", "{}", "States.ArrayRange");
    assertInvalid("States.ArrayRange(1, 10, 0)", "{}", "States.ArrayRange");
    assertInvalid("States.ArrayRange('a', 5, 1)", "{}", "States.ArrayRange");
    assertInvalid("States.ArrayRange(1, 5)", "{}", "States.ArrayRange");
  }

  @Test
  void arrayGetItemLengthAndUnique() {
    String input = "{'inputArray':[1,2,3,4,5,6,7,8,9],'index':5}";
    assertThat(eval("States.ArrayGetItem($.inputArray, $.index)", input)).isEqualTo(json("6"));
    assertThat(eval("States.ArrayLength($.inputArray)", input)).isEqualTo(json("9"));
    assertThat(eval("States.ArrayUnique($.a)", "{'a':[1,2,3,3,3,3,3,3,4]}"))
        .isEqualTo(json("[1,2,3,4]"));
    assertThat(eval("States.ArrayUnique($.a)", "{'a':[null,null,{'a':1},{'a':1},[],[],'x','x']}"))
        .isEqualTo(json("[null,{'a':1},[],'x']"));
    assertInvalid("States.ArrayGetItem($.inputArray, 9)", input, "States.ArrayGetItem");
    assertInvalid("States.ArrayLength($.index)", input, "States.ArrayLength");
  }

  @Test
  void base64() {
    assertThat(eval("States.Base64Encode($.input)", "{'input':'Data to encode'}"))
        .isEqualTo(json("'RGF0YSB0byBlbmNvZGU='"));
    assertThat(eval("States.Base64Decode($.base64)", "{'base64':'RGF0YSB0byBlbmNvZGU='}"))
        .isEqualTo(json("'Data to encode'"));
    assertThat(eval("States.Base64Encode('')", "{}")).isEqualTo(json("''"));
    assertInvalid("States.Base64Decode('%%%')", "{}", "States.Base64Decode");
    assertInvalid(
        "States.Base64Encode($.s)", "{'s':'" + "a".repeat(10_001) + "'}", "States.Base64Encode");
  }

  @ParameterizedTest
  @CsvSource({
    "MD5, 812f45842bc6d66ee14572ce20db8e86",
    "SHA-1, aaff4a450a104cd177d28d18d74485e8cae074b7",
    "SHA-256, b4a697a057313163aee33cd8d40c66e9f0f177e00cac2de32475ffff6169c3e3",
    "SHA-384, d28a7d5cf25a74f11a50a18452b75e04bb3d70c9dd0510d6123aa008c756511b87525bdc835ebb27e1fb9e9374a15562",
    "SHA-512, 6ce4adb348546d4f449c4d25aad9a7c9cb711d9e91982d3f0b29ca2f3f47d4ce2deba23bf2954f0f1d593fc50283731a533d30d425402d4f91316d871303aac4"
  })
  void hashOfTheDocumentedInput(String algorithm, String digest) {
    assertThat(
            eval(
                "States.Hash($.Data, $.Algorithm)",
                "{'Data':'input data','Algorithm':'" + algorithm + "'}"))
        .isEqualTo(json("'" + digest + "'"));
  }

  @Test
  void hashRefusesUnknownAlgorithmsAndLongInput() {
    assertInvalid("States.Hash('data', 'sha-256')", "{}", "States.Hash");
    assertInvalid("States.Hash('data', 'SHA256')", "{}", "States.Hash");
    assertInvalid("States.Hash('hello')", "{}", "States.Hash");
    assertInvalid("States.Hash($.s, 'MD5')", "{'s':'" + "a".repeat(10_001) + "'}", "States.Hash");
    assertThat(eval("States.Hash($.s, 'MD5')", "{'s':'" + "a".repeat(10_000) + "'}").isTextual())
        .isTrue();
  }

  @Test
  void jsonMergeIsShallow() {
    String input = "{'json1':{'a':{'a1':1,'a2':2},'b':2},'json2':{'a':{'a3':1,'a4':2},'c':3}}";
    assertThat(eval("States.JsonMerge($.json1, $.json2, false)", input))
        .isEqualTo(json("{'a':{'a3':1,'a4':2},'b':2,'c':3}"));
    assertInvalid("States.JsonMerge($.json1, $.json2, true)", input, "States.JsonMerge");
    assertInvalid("States.JsonMerge($.json1, 1, false)", input, "States.JsonMerge");
    // Recorded on AWS: a literal parsed with StringToJson merged with a context path.
    assertThat(
            IntrinsicFunctions.evaluate(
                "States.JsonMerge(States.StringToJson('{\"constant_in_literal\": \"false\"}'),"
                    + " $$.Execution.Input.f, false)",
                json("{}"),
                json("{'Execution':{'Input':{'f':{'constant_input_field':'constant_value'}}}}"),
                "merged.$"))
        .isEqualTo(json("{'constant_in_literal':'false','constant_input_field':'constant_value'}"));
  }

  @Test
  void mathRandomStaysInRangeAndIsRepeatableWithASeed() {
    for (int i = 0; i < 200; i++) {
      int value = eval("States.MathRandom($.start, $.end)", "{'start':1,'end':999}").intValue();
      assertThat(value).isBetween(1, 998);
    }
    JsonNode first = eval("States.MathRandom(0, 999, 3)", "{}");
    assertThat(eval("States.MathRandom(0, 999, 3)", "{}")).isEqualTo(first);
    assertInvalid("States.MathRandom(5, 5)", "{}", "States.MathRandom");
    assertInvalid("States.MathRandom('a', 5)", "{}", "States.MathRandom");
  }

  @ParameterizedTest
  @CsvSource({
    "111, -1, 110",
    "-9, 3, -6",
    "1.49, 1.5, 3",
    "1.5, 1.51, 4",
    "-1.49, -1.5, -2",
    "-1.5, -1.51, -3",
    "0.5, 0, 1",
    "2.5, 0, 3",
    "-0.5, 0, 0",
    "-2.5, 0, -2"
  })
  void mathAddRoundsItsOperandsAsRecordedOnAws(String a, String b, int sum) {
    assertThat(eval("States.MathAdd($.a, $.b)", "{'a':" + a + ",'b':" + b + "}"))
        .isEqualTo(json(Integer.toString(sum)));
  }

  @Test
  void mathAddRefusesNonNumbers() {
    assertInvalid("States.MathAdd($.a, 1)", "{'a':'NOT A NUMBER'}", "States.MathAdd");
  }

  @Test
  void stringSplitOnAnyDelimiterCharacterDroppingEmptyParts() {
    assertThat(eval("States.StringSplit($.s, $.d)", "{'s':'1,2,3,4,5','d':','}"))
        .isEqualTo(json("['1','2','3','4','5']"));
    assertThat(eval("States.StringSplit($.s, $.d)", "{'s':'This.is+a,test=string','d':'.+,='}"))
        .isEqualTo(json("['This','is','a','test','string']"));
    assertThat(eval("States.StringSplit($.s, ',')", "{'s':', , ,'}")).isEqualTo(json("[' ',' ']"));
    assertThat(eval("States.StringSplit($.s, ',')", "{'s':',,,,'}")).isEqualTo(json("[]"));
    assertThat(eval("States.StringSplit('Hello\nWorld', '\n')", "{}"))
        .isEqualTo(json("['Hello','World']"));
  }

  @Test
  void uuidIsAVersion4Uuid() {
    assertThat(eval("States.UUID()", "{}").textValue())
        .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
  }

  @Test
  void nestedCallsAndContextPaths() {
    assertThat(
            eval(
                "States.ArrayGetItem(States.StringSplit($$.StateMachine.Name, '-'),"
                    + " States.MathAdd(States.ArrayLength(States.StringSplit("
                    + "$$.StateMachine.Name, '-')), -1))",
                "{}"))
        .isEqualTo(json("'x'"));
    assertThat(eval("States.ArrayRange(States.MathAdd($$.Execution.Input.start, 1), 7, 2)", "{}"))
        .isEqualTo(json("[3,5,7]"));
  }

  @Test
  void missingPathArgumentNamesTheField() {
    assertThatThrownBy(() -> eval("States.Hash($.missing, 'SHA-256')", "{}"))
        .isInstanceOfSatisfying(
            StatesError.class,
            e ->
                assertThat(e.cause())
                    .isEqualTo(
                        "The JSONPath '$.missing' specified for the field 'value.$' could not be"
                            + " found in the input '{}'"));
  }

  @Test
  void argumentsMayHoldCommasAndParenthesesInsideStringsAndPaths() {
    assertThat(eval("States.Format('a, b) {}', $['x,y'])", "{'x,y':1}"))
        .isEqualTo(json("'a, b) 1'"));
    assertThat(eval("States.Array($.l[?(@.v > 1)].v)", "{'l':[{'v':1},{'v':2}]}"))
        .isEqualTo(json("[[2]]"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "States.Nope()",
        "States.Format('x'",
        "States.Format('unterminated)",
        "States.Format('bad \\n escape')",
        "States.Array(nope)",
        "States.Array($.a[)",
        "States.Array(1,)",
        "States.Array(1) trailing",
        "States.Array(1 2)",
        "Format('x')"
      })
  void syntaxErrorsAreDefinitionErrors(String call) {
    assertThatThrownBy(() -> IntrinsicFunctions.validate(call))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Invalid intrinsic function call");
  }

  @Test
  void validCallsParse() {
    IntrinsicFunctions.validate("States.Format('{} \\{\\}', $$.Execution.Id)");
    IntrinsicFunctions.validate("  States.Array( 1 , -2.5e3 , true , false , null )  ");
    assertThat(IntrinsicFunctions.isIntrinsic("States.UUID()")).isTrue();
    assertThat(IntrinsicFunctions.isIntrinsic("$.a")).isFalse();
  }
}
