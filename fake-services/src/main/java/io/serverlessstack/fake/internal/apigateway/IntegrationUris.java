package io.serverlessstack.fake.internal.apigateway;

import io.serverlessstack.fake.internal.protocol.ModelViolations;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;
import software.amazon.awssdk.services.apigateway.model.PutIntegrationRequest;

/**
 * What an integration's {@code uri} may be, by type, and what it names: {@code
 * arn:aws:apigateway:{region}:{service}:path/…} or {@code …:action/…} for AWS services, {@code
 * arn:…:apigateway:{region}:lambda:path/2015-03-31/functions/{functionArn}/invocations} for Lambda,
 * an {@code http(s)} URL for HTTP backends.
 */
final class IntegrationUris {

  private static final Pattern AWS_URI =
      Pattern.compile("arn:(aws[a-zA-Z-]*):apigateway:([a-z0-9-]+):([a-zA-Z0-9.-]+):(.+)");

  private static final Pattern LAMBDA_PATH =
      Pattern.compile("path/2015-03-31/functions/(arn:[^/]+)/invocations");

  private IntegrationUris() {}

  /**
   * The integration's type once AWS's checks of its type, method and URI pass.
   *
   * @throws io.serverlessstack.fake.internal.protocol.AwsErrorException AWS's answer otherwise
   */
  static IntegrationType check(PutIntegrationRequest request) {
    IntegrationType type = request.type();
    if (type == null || type == IntegrationType.UNKNOWN_TO_SDK_VERSION) {
      throw new ModelViolations()
          .add(
              "putIntegrationInput.type",
              request.typeAsString(),
              "Member must satisfy enum value set: [HTTP, MOCK, AWS_PROXY, HTTP_PROXY, AWS]")
          .toException();
    }
    if (type == IntegrationType.MOCK) {
      return type;
    }
    if (request.integrationHttpMethod() == null || request.integrationHttpMethod().isEmpty()) {
      throw ApiGatewayErrors.badRequest("Enumeration value for HttpMethod must be non-empty");
    }
    String uri = request.uri() == null ? "" : request.uri();
    if (type == IntegrationType.HTTP || type == IntegrationType.HTTP_PROXY) {
      if (!uri.startsWith("http://") && !uri.startsWith("https://")) {
        throw ApiGatewayErrors.badRequest("Invalid HTTP endpoint specified for URI");
      }
      return type;
    }
    Matcher aws = AWS_URI.matcher(uri);
    if (!aws.matches()) {
      throw ApiGatewayErrors.badRequest("Invalid ARN specified in the request");
    }
    String resource = aws.group(4);
    if (!resource.startsWith("path") && !resource.startsWith("action")) {
      throw ApiGatewayErrors.badRequest("AWS ARN for integration must contain path or action");
    }
    if (type == IntegrationType.AWS_PROXY
        && (!aws.group(3).equals("lambda") || !resource.startsWith("path/2015-03-31/functions/"))) {
      throw ApiGatewayErrors.badRequest(
          "Integrations of type 'AWS_PROXY' currently only supports Lambda function and Firehose"
              + " stream invocations.");
    }
    return type;
  }

  /** The function ARN a Lambda integration URI invokes, or {@code null} if it names none. */
  static String lambdaFunctionArn(String uri) {
    if (uri == null) {
      return null;
    }
    Matcher aws = AWS_URI.matcher(uri);
    if (!aws.matches() || !aws.group(3).equals("lambda")) {
      return null;
    }
    Matcher path = LAMBDA_PATH.matcher(aws.group(4));
    return path.matches() ? path.group(1) : null;
  }
}
