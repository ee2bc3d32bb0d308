package io.serverlessstack.fake.internal.apigateway;

/**
 * What API Gateway answers itself, before or instead of an integration: a gateway response type
 * with AWS's default status, the code it sends in {@code x-amzn-ErrorType}, and the message of its
 * default template {@code {"message":$context.error.messageString}}.
 */
enum GatewayError {
  ACCESS_DENIED(403, "AccessDeniedException", "Forbidden"),
  API_CONFIGURATION_ERROR(500, "ApiConfigurationException", "Internal server error"),
  AUTHORIZER_CONFIGURATION_ERROR(500, "AuthorizerConfigurationException", "Internal server error"),
  AUTHORIZER_FAILURE(500, "AuthorizerFailureException", "Internal server error"),
  BAD_REQUEST_BODY(400, "BadRequestException", "Invalid request body"),
  BAD_REQUEST_PARAMETERS(400, "BadRequestException", "Missing required request parameters"),
  EXPIRED_TOKEN(
      403, "ExpiredTokenException", "The security token included in the request is expired"),
  INTEGRATION_FAILURE(500, "InternalServerErrorException", "Internal server error"),
  INTEGRATION_TIMEOUT(504, "InternalServerErrorException", "Endpoint request timed out"),
  INVALID_API_KEY(403, "ForbiddenException", "Forbidden"),
  INVALID_SIGNATURE(403, "InvalidSignatureException", "Forbidden"),
  MISSING_AUTHENTICATION_TOKEN(
      403, "MissingAuthenticationTokenException", "Missing Authentication Token"),
  QUOTA_EXCEEDED(429, "LimitExceededException", "Limit Exceeded"),
  REQUEST_TOO_LARGE(413, "RequestTooLargeException", "Request Too Long"),
  RESOURCE_NOT_FOUND(404, "ResourceNotFoundException", "Not Found"),
  THROTTLED(429, "TooManyRequestsException", "Too Many Requests"),
  UNAUTHORIZED(401, "UnauthorizedException", "Unauthorized"),
  UNSUPPORTED_MEDIA_TYPE(415, "BadRequestException", "Unsupported Media Type"),
  WAF_FILTERED(403, "WafFilteredException", "Forbidden"),
  DEFAULT_4XX(400, "BadRequestException", "Bad Request"),
  DEFAULT_5XX(500, "InternalServerErrorException", "Internal server error");

  final int status;
  final String errorType;
  final String message;

  GatewayError(int status, String errorType, String message) {
    this.status = status;
    this.errorType = errorType;
    this.message = message;
  }
}
