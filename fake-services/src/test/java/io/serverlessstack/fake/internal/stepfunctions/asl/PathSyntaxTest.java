package io.serverlessstack.fake.internal.stepfunctions.asl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PathSyntaxTest {

  @Test
  void pathsStartAtTheInputTheContextOrAVariable() {
    assertThat(PathSyntax.isPath("$")).isTrue();
    assertThat(PathSyntax.isPath("$.a.b[0]['c d']")).isTrue();
    assertThat(PathSyntax.isPath("$$.Execution.Id")).isTrue();
    assertThat(PathSyntax.isPath("$myVar.field")).isTrue();
    assertThat(PathSyntax.isPath("$..name")).isTrue();
    assertThat(PathSyntax.isPath("$.items[*].id")).isTrue();
    assertThat(PathSyntax.isPath("$.items[1:3]")).isTrue();
    assertThat(PathSyntax.isPath("$.items[?(@.price < 10)]")).isTrue();
    assertThat(PathSyntax.isPath("$.items.length()")).isTrue();
    assertThat(PathSyntax.isPath("a.b")).isFalse();
    assertThat(PathSyntax.isPath("$.")).isFalse();
    assertThat(PathSyntax.isPath("$.a[")).isFalse();
    assertThat(PathSyntax.isPath("$.a b")).isFalse();
    assertThat(PathSyntax.isPath("")).isFalse();
  }

  @Test
  void referencePathsNameOneNode() {
    assertThat(PathSyntax.isReferencePath("$.a['b'][2]")).isTrue();
    assertThat(PathSyntax.isReferencePath("$$.Map.Item.Value")).isTrue();
    assertThat(PathSyntax.isReferencePath("$.a[*]")).isFalse();
    assertThat(PathSyntax.isReferencePath("$..a")).isFalse();
    assertThat(PathSyntax.isReferencePath("$.a[?(@.b)]")).isFalse();
    assertThat(PathSyntax.isReferencePath("$.a[0:1]")).isFalse();
  }

  @Test
  void intrinsicCallsNameAStatesFunctionAndBalanceTheirParentheses() {
    assertThat(PathSyntax.isIntrinsicCall("States.Format('a {}', $.b)")).isTrue();
    assertThat(PathSyntax.isIntrinsicCall("States.Format('(', States.UUID())")).isTrue();
    assertThat(PathSyntax.isIntrinsicCall("States.Format('it\\'s {}', $.b)")).isTrue();
    assertThat(PathSyntax.isIntrinsicCall("States.StringToJson($.x")).isFalse();
    assertThat(PathSyntax.isIntrinsicCall("States.UUID() extra")).isFalse();
    assertThat(PathSyntax.isIntrinsicCall("Other.Format()")).isFalse();
    assertThat(PathSyntax.isIntrinsicCall("States.()")).isFalse();
  }

  @Test
  void jsonataExpressionsAreWrappedInPercentBraces() {
    assertThat(PathSyntax.isJsonataExpression("{% $states.input %}")).isTrue();
    assertThat(PathSyntax.isJsonataExpression("{% %}")).isFalse();
    assertThat(PathSyntax.isJsonataExpression("$states.input")).isFalse();
  }
}
