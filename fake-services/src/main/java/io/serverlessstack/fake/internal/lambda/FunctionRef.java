package io.serverlessstack.fake.internal.lambda;

import io.serverlessstack.fake.internal.server.Scope;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A function as Lambda's API names it: a name ({@code my-function}), a partial ARN ({@code
 * 123456789012:function:my-function}) or a full ARN, each optionally with {@code :qualifier} (a
 * version or alias); the account and region of an ARN override the caller's.
 *
 * @param qualifier the version or alias, or {@code null}
 */
record FunctionRef(Scope scope, String name, String qualifier) {

  /** A function name: letters, digits, hyphens and underscores, 1 to 64 of them. */
  static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");

  private static final Pattern FORMS =
      Pattern.compile(
          "(?:arn:aws[a-zA-Z-]*:lambda:([a-z]{2}(?:-gov)?-[a-z]+-\\d):)?"
              + "(?:(\\d{12}):)?(?:function:)?([a-zA-Z0-9_-]+)(?::(\\$LATEST|[a-zA-Z0-9_-]+))?");

  /** A qualifier: {@code $LATEST}, a version number or an alias name. */
  static final Pattern QUALIFIER = Pattern.compile("\\$LATEST|[a-zA-Z0-9_-]{1,128}");

  /**
   * Reads {@code text} in {@code caller}'s scope, with {@code qualifier} from its own parameter.
   *
   * @throws io.serverlessstack.fake.internal.protocol.AwsErrorException as Lambda refuses a name
   *     that fits no form, or two qualifiers that differ
   */
  static FunctionRef parse(String member, String text, String qualifier, Scope caller) {
    if (text == null) {
      throw LambdaErrors.required(member);
    }
    Matcher matcher = FORMS.matcher(text);
    if (text.length() > 170 || !matcher.matches()) {
      throw LambdaErrors.validation(
          member,
          text,
          "Member must satisfy regular expression pattern:"
              + " (arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\\d{1}:)?(\\d{12}:)?"
              + "(function:)?([a-zA-Z0-9-_]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?");
    }
    String name = matcher.group(3);
    if (name.length() > 64) {
      throw LambdaErrors.validation(
          member, text, "Member must have length less than or equal to 64");
    }
    if (qualifier != null && !QUALIFIER.matcher(qualifier).matches()) {
      throw LambdaErrors.validation(
          "qualifier",
          qualifier,
          "Member must satisfy regular expression pattern: (|[a-zA-Z0-9$_-]+)");
    }
    String derived = matcher.group(4);
    if (derived != null && qualifier != null && !derived.equals(qualifier)) {
      throw LambdaErrors.invalidParameter(
          "The derived qualifier from the function name does not match the specified qualifier.");
    }
    Scope scope =
        new Scope(
            matcher.group(2) != null ? matcher.group(2) : caller.accountId(),
            matcher.group(1) != null ? matcher.group(1) : caller.region());
    return new FunctionRef(scope, name, derived != null ? derived : qualifier);
  }

  /** The function's unqualified ARN. */
  String arn() {
    return arn(scope, name);
  }

  /** The ARN as asked for: qualified if a qualifier was given. */
  String qualifiedArn() {
    return qualifier == null ? arn() : arn() + ":" + qualifier;
  }

  static String arn(Scope scope, String name) {
    return "arn:aws:lambda:" + scope.region() + ":" + scope.accountId() + ":function:" + name;
  }
}
