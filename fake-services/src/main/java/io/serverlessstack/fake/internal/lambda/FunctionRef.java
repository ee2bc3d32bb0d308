package io.serverlessstack.fake.internal.lambda;

import io.serverlessstack.fake.internal.protocol.ModelViolations;
import io.serverlessstack.fake.internal.server.Scope;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A function as Lambda's API names it: a name ({@code my-function}), a partial ARN ({@code
 * 123456789012:function:my-function}) or a full ARN, each optionally with {@code :qualifier} (a
 * version or alias). The account of an ARN overrides the caller's; its region must be the caller's,
 * as Lambda reaches no other region's functions.
 *
 * @param qualifier the version or alias, or {@code null}
 */
record FunctionRef(Scope scope, String name, String qualifier) {

  /** The two shapes Lambda's model gives a function's name, with the constraints it checks. */
  enum Form {
    /** {@code FunctionName}: CreateFunction, the updates, versions, aliases, concurrency. */
    PLAIN(
        140,
        "[a-zA-Z0-9_-]+",
        "\\$LATEST|[a-zA-Z0-9_-]+",
        "(arn:(aws[a-zA-Z-]*)?:lambda:)?((eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:)?"
            + "(\\d{12}:)?(function:)?([a-zA-Z0-9-_]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?"),
    /** {@code NamespacedFunctionName}: GetFunction, DeleteFunction, Invoke, …. */
    NAMESPACED(
        256,
        "[a-zA-Z0-9._-]+",
        "\\$LATEST(?:\\.PUBLISHED)?|[a-zA-Z0-9_-]+",
        "(arn:(aws[a-zA-Z-]*)?:lambda:)?((eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:)?"
            + "(\\d{12}:)?(function:)?([a-zA-Z0-9-_\\.]+)"
            + "(:(\\$LATEST(\\.PUBLISHED)?|[a-zA-Z0-9-_]+))?");

    final int maxLength;
    final Pattern pattern;

    /** The pattern as Lambda's messages print it. */
    final String patternText;

    Form(int maxLength, String name, String qualifier, String patternText) {
      this.maxLength = maxLength;
      this.pattern =
          Pattern.compile(
              "(?:arn:(?:aws[a-zA-Z-]*)?:lambda:)?"
                  + "(?:(?<region>(?:eusc-)?[a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\\d):)?"
                  + "(?:(?<account>\\d{12}):)?(?:function:)?(?<name>"
                  + name
                  + ")(?::(?<qualifier>"
                  + qualifier
                  + "))?");
      this.patternText = patternText;
    }
  }

  /** The {@code Qualifier} parameter: {@code $LATEST}, a version number or an alias name. */
  private static final Pattern QUALIFIER =
      Pattern.compile("\\$LATEST(?:\\.PUBLISHED)?|[a-zA-Z0-9_$-]+");

  private static final int QUALIFIER_MAX_LENGTH = 128;

  /** Adds the constraints {@code text}, as {@code form}, fails to {@code violations}. */
  static void check(Form form, String member, String text, ModelViolations violations) {
    if (text == null) {
      violations.add(member, null, "Member must not be null");
      return;
    }
    if (text.length() > form.maxLength) {
      violations.add(
          member, text, "Member must have length less than or equal to " + form.maxLength);
    }
    if (!form.pattern.matcher(text).matches()) {
      violations.add(
          member, text, "Member must satisfy regular expression pattern: " + form.patternText);
    }
  }

  /** Adds the constraints a {@code Qualifier} parameter fails to {@code violations}. */
  static void checkQualifier(String qualifier, ModelViolations violations) {
    if (qualifier == null) {
      return;
    }
    if (qualifier.isEmpty()) {
      violations.add("qualifier", qualifier, "Member must have length greater than or equal to 1");
    } else if (qualifier.length() > QUALIFIER_MAX_LENGTH) {
      violations.add(
          "qualifier",
          qualifier,
          "Member must have length less than or equal to " + QUALIFIER_MAX_LENGTH);
    } else if (!QUALIFIER.matcher(qualifier).matches()) {
      violations.add(
          "qualifier",
          qualifier,
          "Member must satisfy regular expression pattern: \\$(LATEST(\\.PUBLISHED)?)|[a-zA-Z0-9-_$]+");
    }
  }

  /**
   * Reads {@code text} in {@code caller}'s scope, with {@code qualifier} from its own parameter.
   *
   * @throws io.serverlessstack.fake.internal.protocol.AwsErrorException as Lambda refuses a name or
   *     qualifier outside its constraints, an ARN of another region, or two qualifiers that differ
   */
  static FunctionRef parse(Form form, String member, String text, String qualifier, Scope caller) {
    ModelViolations violations = new ModelViolations();
    check(form, member, text, violations);
    checkQualifier(qualifier, violations);
    violations.throwIfAny();
    Matcher matcher = form.pattern.matcher(text);
    if (!matcher.matches()) {
      throw new IllegalStateException("checked above: " + text);
    }
    String region = matcher.group("region");
    if (region != null && !region.equals(caller.region())) {
      throw LambdaErrors.notFound(
          "Functions from '"
              + region
              + "' are not reachable in this region ('"
              + caller.region()
              + "')");
    }
    String derived = matcher.group("qualifier");
    if (derived != null && qualifier != null && !derived.equals(qualifier)) {
      throw LambdaErrors.invalidParameter(
          "The derived qualifier from the function name does not match the specified qualifier.");
    }
    String account = matcher.group("account");
    return new FunctionRef(
        new Scope(account != null ? account : caller.accountId(), caller.region()),
        matcher.group("name"),
        derived != null ? derived : qualifier);
  }

  /** The function's unqualified ARN. */
  String arn() {
    return arn(scope, name);
  }

  /** The ARN as asked for: qualified if a qualifier was given. */
  String qualifiedArn() {
    return qualifier == null ? arn() : arn() + ":" + qualifier;
  }

  /** The ARN qualified as asked for, or with {@code $LATEST} when no qualifier was given. */
  String latestOrQualifiedArn() {
    return arn() + ":" + (qualifier == null ? "$LATEST" : qualifier);
  }

  static String arn(Scope scope, String name) {
    return "arn:aws:lambda:" + scope.region() + ":" + scope.accountId() + ":function:" + name;
  }
}
