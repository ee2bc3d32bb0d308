package io.serverlessstack.fake.internal.apigateway.openapi;

/**
 * A document API Gateway refuses to import: the engine answers {@code BadRequestException} (400)
 * with this exception's message, which is the text AWS sends.
 */
public final class InvalidApiDefinitionException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  InvalidApiDefinitionException(String message) {
    super(message);
  }

  InvalidApiDefinitionException(String message, Throwable cause) {
    super(message, cause);
  }
}
