package io.serverlessstack.fake.internal.stepfunctions;

/**
 * What a Task state's {@code Resource} names: a service integration ({@code
 * arn:aws:states:::sqs:sendMessage.waitForTaskToken}), an SDK integration ({@code
 * arn:aws:states:::aws-sdk:sqs:sendMessage}), a Lambda function by its own ARN, or an activity.
 *
 * @param service {@code lambda}, {@code sqs}, ... for integrations; {@code aws-sdk:sqs} style for
 *     SDK integrations, as the history's {@code resourceType} says
 * @param action the action as the history's {@code resource} says, with its pattern suffix
 * @param pattern how the task waits: {@code ""}, {@code sync}, {@code sync:2} or {@code
 *     waitForTaskToken}
 */
record TaskResource(
    String arn, Kind kind, String service, String action, String operation, String pattern) {

  enum Kind {
    INTEGRATION,
    SDK,
    LAMBDA_ARN,
    ACTIVITY
  }

  private static final String INTEGRATION_PREFIX = "arn:aws:states:::";

  static TaskResource parse(String arn) {
    if (arn.startsWith(INTEGRATION_PREFIX)) {
      String rest = arn.substring(INTEGRATION_PREFIX.length());
      Kind kind = Kind.INTEGRATION;
      String service;
      if (rest.startsWith("aws-sdk:")) {
        kind = Kind.SDK;
        int colon = rest.indexOf(':', "aws-sdk:".length());
        service = rest.substring(0, colon);
        rest = rest.substring(colon + 1);
      } else {
        int colon = rest.indexOf(':');
        service = rest.substring(0, colon);
        rest = rest.substring(colon + 1);
      }
      int dot = rest.indexOf('.');
      String operation = dot < 0 ? rest : rest.substring(0, dot);
      String pattern = dot < 0 ? "" : rest.substring(dot + 1);
      return new TaskResource(arn, kind, service, rest, operation, pattern);
    }
    if (arn.contains(":activity:")) {
      return new TaskResource(arn, Kind.ACTIVITY, "activity", arn, arn, "");
    }
    return new TaskResource(arn, Kind.LAMBDA_ARN, "lambda", arn, arn, "");
  }

  boolean legacyLambda() {
    return kind == Kind.LAMBDA_ARN;
  }

  boolean waitsForToken() {
    return "waitForTaskToken".equals(pattern);
  }

  /** {@code resourceType} in the history. */
  String resourceType() {
    return service;
  }

  /** {@code resource} in the history. */
  String resource() {
    return action;
  }
}
