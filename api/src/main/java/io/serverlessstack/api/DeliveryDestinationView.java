package io.serverlessstack.api;

/**
 * The destination of a delivery stream.
 *
 * @param destinationId {@code destinationId-000000000001}
 * @param kind {@code S3} or {@code HttpEndpoint}
 * @param target the bucket's ARN, or the endpoint's URL
 * @param bufferSizeMiB the buffering size hint
 * @param bufferIntervalSeconds the buffering interval hint
 * @param encoding the S3 compression format ({@code UNCOMPRESSED}, {@code GZIP}, …) or the HTTP
 *     content encoding ({@code NONE}, {@code GZIP})
 * @param processorArn the Lambda function that transforms records, or {@code null}
 * @param backupBucketArn the bucket backups and error output go to, or {@code null}
 */
public record DeliveryDestinationView(
    String destinationId,
    String kind,
    String target,
    int bufferSizeMiB,
    int bufferIntervalSeconds,
    String encoding,
    String processorArn,
    String backupBucketArn) {}
