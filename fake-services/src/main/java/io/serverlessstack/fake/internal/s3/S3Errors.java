package io.serverlessstack.fake.internal.s3;

import io.serverlessstack.fake.internal.protocol.AwsErrorException;
import io.serverlessstack.fake.internal.protocol.ProtocolErrors;
import io.serverlessstack.fake.internal.protocol.WireProtocol;

/**
 * S3's errors, with the codes, statuses, messages and extra members AWS answers; and how S3 names
 * the errors its protocol finds before an operation runs.
 */
final class S3Errors implements ProtocolErrors {

  static AwsErrorException error(int status, String code, String message) {
    return new AwsErrorException(code, code, status, message);
  }

  static AwsErrorException noSuchBucket(String bucket) {
    return error(404, "NoSuchBucket", "The specified bucket does not exist")
        .withDetail("BucketName", bucket);
  }

  static AwsErrorException noSuchKey(String key) {
    return error(404, "NoSuchKey", "The specified key does not exist.").withDetail("Key", key);
  }

  static AwsErrorException bucketNotEmpty(String bucket) {
    return error(409, "BucketNotEmpty", "The bucket you tried to delete is not empty")
        .withDetail("BucketName", bucket);
  }

  static AwsErrorException bucketAlreadyOwnedByYou(String bucket) {
    return error(
            409,
            "BucketAlreadyOwnedByYou",
            "Your previous request to create the named bucket succeeded and you already own it.")
        .withDetail("BucketName", bucket);
  }

  static AwsErrorException bucketAlreadyExists(String bucket) {
    return error(
            409,
            "BucketAlreadyExists",
            "The requested bucket name is not available. The bucket namespace is shared by all"
                + " users of the system. Please select a different name and try again.")
        .withDetail("BucketName", bucket);
  }

  static AwsErrorException invalidBucketName(String bucket) {
    return error(400, "InvalidBucketName", "The specified bucket is not valid.")
        .withDetail("BucketName", bucket);
  }

  /** A bucket of another region of the account: S3 points the client at that region. */
  static AwsErrorException permanentRedirect(String bucket, String region) {
    return error(
            301,
            "PermanentRedirect",
            "The bucket you are attempting to access must be addressed using the specified"
                + " endpoint. Please send all future requests to this endpoint.")
        .withDetail("Bucket", bucket)
        .withDetail("Endpoint", bucket + ".s3." + region + ".amazonaws.com")
        .withHeader("x-amz-bucket-region", region);
  }

  /**
   * CreateBucket's location constraint does not match the region the request was sent to.
   *
   * @param constraint the constraint given, or {@code null} for none
   */
  static AwsErrorException illegalLocationConstraint(String constraint) {
    return error(
        400,
        "IllegalLocationConstraintException",
        "The "
            + (constraint == null ? "unspecified" : constraint)
            + " location constraint is incompatible for the region specific endpoint this request"
            + " was sent to.");
  }

  static AwsErrorException invalidLocationConstraint(String constraint) {
    return error(400, "InvalidLocationConstraint", "The specified location-constraint is not valid")
        .withDetail("LocationConstraint", constraint);
  }

  static AwsErrorException invalidRange(String range, long size) {
    return error(416, "InvalidRange", "The requested range is not satisfiable")
        .withDetail("RangeRequested", range)
        .withDetail("ActualObjectSize", Long.toString(size));
  }

  static AwsErrorException preconditionFailed(String condition) {
    return error(
            412,
            "PreconditionFailed",
            "At least one of the pre-conditions you specified did not hold")
        .withDetail("Condition", condition);
  }

  /** {@code 304 Not Modified}: no body, the object's ETag and Last-Modified in headers. */
  static AwsErrorException notModified(String etag, String lastModified) {
    return error(304, "NotModified", "Not Modified")
        .withHeader("ETag", etag)
        .withHeader("Last-Modified", lastModified);
  }

  static AwsErrorException invalidArgument(String message, String name, String value) {
    AwsErrorException error = error(400, "InvalidArgument", message);
    if (name != null) {
      error = error.withDetail("ArgumentName", name);
    }
    return value == null ? error : error.withDetail("ArgumentValue", value);
  }

  static AwsErrorException invalidRequest(String message) {
    return error(400, "InvalidRequest", message);
  }

  static AwsErrorException malformedXml() {
    return error(
        400,
        "MalformedXML",
        "The XML you provided was not well-formed or did not validate against our published"
            + " schema");
  }

  static AwsErrorException badDigest(String what) {
    return error(
        400, "BadDigest", "The " + what + " you specified did not match the calculated checksum.");
  }

  static AwsErrorException contentMd5Mismatch() {
    return error(400, "BadDigest", "The Content-MD5 you specified did not match what we received.");
  }

  static AwsErrorException invalidDigest() {
    return error(400, "InvalidDigest", "The Content-MD5 you specified was invalid.");
  }

  static AwsErrorException incompleteBody() {
    return error(
        400,
        "IncompleteBody",
        "You did not provide the number of bytes specified by the Content-Length HTTP header");
  }

  // ---- what the protocol finds

  @Override
  public AwsErrorException unknownOperation(WireProtocol protocol, String operation) {
    return error(
        501,
        "NotImplemented",
        "A header you provided implies functionality that is not implemented");
  }

  @Override
  public AwsErrorException malformedRequest(WireProtocol protocol, String detail) {
    return malformedXml();
  }

  @Override
  public AwsErrorException malformedUri(WireProtocol protocol, String detail) {
    return error(400, "InvalidURI", "Couldn't parse the specified URI.");
  }

  @Override
  public AwsErrorException invalidValue(
      WireProtocol protocol, String parameter, String value, String expectedType) {
    String message =
        switch (expectedType) {
          case "Integer", "Long" ->
              "Provided " + parameter + " not an integer or within integer range";
          default -> "Provided " + parameter + " is not a valid " + expectedType;
        };
    return invalidArgument(message, parameter, value);
  }

  @Override
  public AwsErrorException internalFailure() {
    return error(500, "InternalError", "We encountered an internal error. Please try again.");
  }
}
