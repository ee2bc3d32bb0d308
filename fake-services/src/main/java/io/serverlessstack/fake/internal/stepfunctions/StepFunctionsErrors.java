package io.serverlessstack.fake.internal.stepfunctions;

import io.serverlessstack.fake.internal.protocol.AwsErrorException;

/** Step Functions' errors, with the codes and messages AWS answers; all are 400s. */
final class StepFunctionsErrors {

  private StepFunctionsErrors() {}

  static AwsErrorException error(String code, String message) {
    return new AwsErrorException(code, code, 400, message);
  }

  static AwsErrorException stateMachineNotFound(String arn) {
    return error("StateMachineDoesNotExist", "State Machine Does Not Exist: '" + arn + "'");
  }

  static AwsErrorException stateMachineExists(String arn) {
    return error("StateMachineAlreadyExists", "State Machine Already Exists: '" + arn + "'");
  }

  static AwsErrorException executionNotFound(String arn) {
    return error("ExecutionDoesNotExist", "Execution Does Not Exist: '" + arn + "'");
  }

  static AwsErrorException executionExists(String arn) {
    return error("ExecutionAlreadyExists", "Execution Already Exists: '" + arn + "'");
  }

  static AwsErrorException invalidArn(String detail) {
    return error("InvalidArn", "Invalid Arn: '" + detail + "'");
  }

  static AwsErrorException invalidName(String name) {
    return error("InvalidName", "Invalid Name: '" + name + "'");
  }

  static AwsErrorException invalidDefinition(String message) {
    return error("InvalidDefinition", message);
  }

  static AwsErrorException invalidInput(String detail) {
    return error(
        "InvalidExecutionInput", "Invalid State Machine Execution Input: '" + detail + "'");
  }

  static AwsErrorException invalidOutput(String detail) {
    return error("InvalidOutput", "Invalid Output: '" + detail + "'");
  }

  static AwsErrorException invalidToken(String detail) {
    return error("InvalidToken", "Invalid Token: '" + detail + "'");
  }

  static AwsErrorException taskGone() {
    return error("TaskDoesNotExist", "Task Does Not Exist: 'Provided task does not exist anymore'");
  }

  static AwsErrorException typeNotSupported() {
    return error(
        "StateMachineTypeNotSupported",
        "This operation is not supported by this type of state machine");
  }

  static AwsErrorException validation(String message) {
    return error("ValidationException", message);
  }

  static AwsErrorException conflict(String message) {
    return error("ConflictException", message);
  }

  static AwsErrorException resourceNotFound() {
    return error("ResourceNotFound", "Request references a resource that does not exist.");
  }

  static AwsErrorException activityNotFound(String arn) {
    return error("ActivityDoesNotExist", "Activity Does Not Exist: '" + arn + "'");
  }

  static AwsErrorException notRedrivable(String message) {
    return error("ExecutionNotRedrivable", message);
  }
}
