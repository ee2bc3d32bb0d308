package io.serverlessstack.fake.internal.protocol;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

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
  private final Map<String, String> details;
  private final Map<String, String> headers;

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
    this(code, queryCode, status, message, senderFault, Map.of(), Map.of());
  }

  private AwsErrorException(
      String code,
      String queryCode,
      int status,
      String message,
      boolean senderFault,
      Map<String, String> details,
      Map<String, String> headers) {
    super(message, null, false, false);
    this.code = code;
    this.queryCode = queryCode;
    this.status = status;
    this.senderFault = senderFault;
    this.details = details;
    this.headers = headers;
  }

  /**
   * The same error with one more member beside its code and message, for protocols whose errors
   * carry them (S3's {@code <BucketName>}, {@code <Key>}); the others leave them out.
   */
  public AwsErrorException withDetail(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(details);
    more.put(name, value);
    return new AwsErrorException(
        code,
        queryCode,
        status,
        getMessage(),
        senderFault,
        Collections.unmodifiableMap(more),
        headers);
  }

  /**
   * The same error with one more header on its answer, for protocols whose errors carry them (S3's
   * {@code x-amz-bucket-region} on a redirect, {@code ETag} on {@code 304 Not Modified}).
   */
  public AwsErrorException withHeader(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new AwsErrorException(
        code,
        queryCode,
        status,
        getMessage(),
        senderFault,
        details,
        Collections.unmodifiableMap(more));
  }

  /** The headers its answer carries besides the protocol's own. */
  public Map<String, String> headers() {
    return headers;
  }

  /** The members beside code and message, in the order they were added. */
  public Map<String, String> details() {
    return details;
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
