package io.serverlessstack.fake.internal.apigateway;

import io.serverlessstack.fake.internal.protocol.AwsErrorException;

/** API Gateway's control-plane errors, with the codes, statuses and messages AWS answers. */
final class ApiGatewayErrors {

  private ApiGatewayErrors() {}

  static AwsErrorException notFound(String message) {
    return new AwsErrorException("NotFoundException", "NotFoundException", 404, message);
  }

  static AwsErrorException badRequest(String message) {
    return new AwsErrorException("BadRequestException", "BadRequestException", 400, message);
  }

  static AwsErrorException conflict(String message) {
    return new AwsErrorException("ConflictException", "ConflictException", 409, message);
  }

  static AwsErrorException limitExceeded(String message) {
    return new AwsErrorException("LimitExceededException", "LimitExceededException", 429, message);
  }

  /** An API no scope of the stack has: AWS names it with the caller's account. */
  static AwsErrorException apiNotFound(String accountId, String apiId) {
    return notFound("Invalid API identifier specified " + accountId + ":" + apiId);
  }

  static AwsErrorException resourceNotFound() {
    return notFound("Invalid Resource identifier specified");
  }

  static AwsErrorException methodNotFound() {
    return notFound("Invalid Method identifier specified");
  }

  static AwsErrorException integrationNotFound() {
    return notFound("Invalid Integration identifier specified");
  }

  static AwsErrorException responseNotFound() {
    return notFound("Invalid Response status code specified");
  }

  static AwsErrorException stageNotFound() {
    return notFound("Invalid Stage identifier specified");
  }

  static AwsErrorException deploymentNotFound() {
    return notFound("Invalid Deployment identifier specified");
  }
}
