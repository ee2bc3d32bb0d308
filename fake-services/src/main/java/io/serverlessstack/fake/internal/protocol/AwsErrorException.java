package io.serverlessstack.fake.internal.protocol;

/**
 * An error to answer in AWS's shape. Thrown by codecs and engines; the protocol layer turns it into
 * the wire form of the request's protocol.
 */
public final class AwsErrorException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String code;
  private final String queryCode;
  private final int status;
  private final boolean senderFault;

  /**
   * @param code the modelled error code, as JSON protocols name it ({@code QueueDoesNotExist})
   * @param queryCode the legacy awsQuery code ({@code AWS.SimpleQueueService.NonExistentQueue})
   * @param status the HTTP status
   * @param message the human-readable message AWS sends
   */
  public AwsErrorException(String code, String queryCode, int status, String message) {
    this(code, queryCode, status, message, status < 500);
  }

  private AwsErrorException(
      String code, String queryCode, int status, String message, boolean senderFault) {
    super(message, null, false, false);
    this.code = code;
    this.queryCode = queryCode;
    this.status = status;
    this.senderFault = senderFault;
  }

  /** An error whose JSON and query codes are the same. */
  public static AwsErrorException clientError(String code, String message) {
    return new AwsErrorException(code, code, 400, message);
  }

  public static AwsErrorException internalFailure(String message) {
    return new AwsErrorException("InternalFailure", "InternalFailure", 500, message, false);
  }

  public String code() {
    return code;
  }

  public String queryCode() {
    return queryCode;
  }

  public int status() {
    return status;
  }

  public boolean senderFault() {
    return senderFault;
  }
}
