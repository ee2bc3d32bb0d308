package io.serverlessstack.fake.internal.apigateway.vtl;

/**
 * A mapping template that does not parse or fails while rendering (a method that throws, say {@code
 * $util.parseJson} on text that is no JSON). AWS fails the call then, for a request template and
 * for a response template alike, with {@code 500} and {@code {"message": "Internal server error"}};
 * its execution log says "Execution failed due to configuration error: Unable to transform request"
 * (or "response"). The message here is for our logs, never for the client.
 */
public final class TemplateFailure extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** The status AWS answers a call whose template failed with. */
  public static final int STATUS = 500;

  /** The message of AWS's answer to a call whose template failed. */
  public static final String CLIENT_MESSAGE = "Internal server error";

  TemplateFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
