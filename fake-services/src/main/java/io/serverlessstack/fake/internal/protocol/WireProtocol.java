package io.serverlessstack.fake.internal.protocol;

/** The AWS wire protocols the stack speaks. */
public enum WireProtocol {
  /** {@code POST /}, {@code X-Amz-Target}, {@code application/x-amz-json-1.0}. */
  AWS_JSON_1_0,
  /** {@code POST /}, {@code X-Amz-Target}, {@code application/x-amz-json-1.1}. */
  AWS_JSON_1_1,
  /**
   * awsJson 1.1 in CBOR ({@code application/x-amz-cbor-1.1}), as the Java SDK's Kinesis client
   * speaks it: timestamps as tag 1 around epoch milliseconds, blobs as byte strings.
   */
  AWS_CBOR_1_1,
  /** Form parameters in ({@code Action=…&Version=…}), XML out. */
  AWS_QUERY,
  /** HTTP method and URI template, with members bound to the path, query, headers and body. */
  REST_JSON_1,
  /** As restJson1, with XML bodies and errors (S3). */
  REST_XML
}
