package io.serverlessstack.fake.internal.sqs;

import io.serverlessstack.fake.internal.protocol.AwsErrorException;

/** SQS's modelled errors: the JSON code, the legacy query code and the status AWS answers. */
final class SqsErrors {

  private SqsErrors() {}

  /**
   * AWS's common {@code MissingParameter}, which SQS's JSON API names {@code
   * MissingRequiredParameterException}.
   */
  static AwsErrorException missingParameter(String name) {
    return new AwsErrorException(
        "MissingRequiredParameterException",
        "MissingParameter",
        400,
        "The request must contain the parameter " + name + ".");
  }

  /**
   * AWS's common {@code InvalidParameterValue}, which SQS's JSON API names {@code
   * InvalidParameterValueException}.
   */
  static AwsErrorException invalidParameterValue(String message) {
    return new AwsErrorException(
        "InvalidParameterValueException", "InvalidParameterValue", 400, message);
  }

  static AwsErrorException invalidParameterValue(String name, Object value, String reason) {
    return invalidParameterValue(
        "Value " + value + " for parameter " + name + " is invalid. Reason: " + reason);
  }

  static AwsErrorException queueDoesNotExist() {
    return new AwsErrorException(
        "QueueDoesNotExist",
        "AWS.SimpleQueueService.NonExistentQueue",
        400,
        "The specified queue does not exist.");
  }

  static AwsErrorException queueNameExists(String attribute) {
    return new AwsErrorException(
        "QueueNameExists",
        "QueueAlreadyExists",
        400,
        "A queue already exists with the same name and a different value for attribute "
            + attribute);
  }

  static AwsErrorException queueDeletedRecently() {
    return new AwsErrorException(
        "QueueDeletedRecently",
        "AWS.SimpleQueueService.QueueDeletedRecently",
        400,
        "You must wait 60 seconds after deleting a queue before you can create another with the"
            + " same name.");
  }

  static AwsErrorException purgeQueueInProgress(String arn) {
    return new AwsErrorException(
        "PurgeQueueInProgress",
        "AWS.SimpleQueueService.PurgeQueueInProgress",
        403,
        "Only one PurgeQueue operation on " + arn + " is allowed every 60 seconds.");
  }

  static AwsErrorException receiptHandleIsInvalid(String receiptHandle) {
    return new AwsErrorException(
        "ReceiptHandleIsInvalid",
        "ReceiptHandleIsInvalid",
        400,
        "The input receipt handle \"" + receiptHandle + "\" is not a valid receipt handle.");
  }

  static AwsErrorException receiptHandleExpired(String receiptHandle) {
    return invalidParameterValue("ReceiptHandle", receiptHandle, "The receipt handle has expired.");
  }

  /**
   * What AWS answers when a visibility change names a message that is gone or not in flight: an
   * {@code InvalidParameterValue} about the receipt handle, not the modelled {@code
   * MessageNotInflight}.
   */
  static AwsErrorException notAvailableForVisibilityChange(String receiptHandle) {
    return invalidParameterValue(
        "ReceiptHandle",
        receiptHandle,
        "Message does not exist or is not available for visibility timeout change.");
  }

  static AwsErrorException receiveAttemptNotRetryable(String attemptId) {
    return invalidParameterValue(
        "ReceiveRequestAttemptId",
        attemptId,
        "The receiveRequestAttemptId is not valid anymore since the receive call is not"
            + " retryable.");
  }

  static AwsErrorException invalidAttributeName(String name) {
    return new AwsErrorException(
        "InvalidAttributeName", "InvalidAttributeName", 400, "Unknown Attribute " + name + ".");
  }

  static AwsErrorException bothEncryptionTypes() {
    return new AwsErrorException(
        "InvalidAttributeName",
        "InvalidAttributeName",
        400,
        "You can use one type of server-side encryption (SSE) at one time. You can either enable"
            + " KMS SSE or SQS SSE.");
  }

  static AwsErrorException invalidAttributeValue(String name) {
    return new AwsErrorException(
        "InvalidAttributeValue",
        "InvalidAttributeValue",
        400,
        "Invalid value for the parameter " + name + ".");
  }

  static AwsErrorException invalidAttributeValue(String name, String reason) {
    return new AwsErrorException(
        "InvalidAttributeValue",
        "InvalidAttributeValue",
        400,
        "Invalid value for the parameter " + name + ". Reason: " + reason);
  }

  static AwsErrorException invalidMessageContents() {
    return new AwsErrorException(
        "InvalidMessageContents",
        "InvalidMessageContents",
        400,
        "Invalid characters found. Valid unicode characters are #x9 | #xA | #xD | #x20 to #xD7FF"
            + " | #xE000 to #xFFFD | #x10000 to #x10FFFF");
  }

  static AwsErrorException invalidAddress(String url) {
    return new AwsErrorException(
        "InvalidAddress",
        "InvalidAddress",
        404,
        "The address " + url + " is not valid for this endpoint.");
  }

  static AwsErrorException emptyBatchRequest(String entryName) {
    return new AwsErrorException(
        "EmptyBatchRequest",
        "AWS.SimpleQueueService.EmptyBatchRequest",
        400,
        "There should be at least one " + entryName + " in the request.");
  }

  static AwsErrorException tooManyEntriesInBatchRequest(int count) {
    return new AwsErrorException(
        "TooManyEntriesInBatchRequest",
        "AWS.SimpleQueueService.TooManyEntriesInBatchRequest",
        400,
        "Maximum number of entries per request are 10. You have sent " + count + ".");
  }

  static AwsErrorException batchEntryIdsNotDistinct(String id) {
    return new AwsErrorException(
        "BatchEntryIdsNotDistinct",
        "AWS.SimpleQueueService.BatchEntryIdsNotDistinct",
        400,
        "Id " + id + " repeated.");
  }

  static AwsErrorException invalidBatchEntryId() {
    return new AwsErrorException(
        "InvalidBatchEntryId",
        "AWS.SimpleQueueService.InvalidBatchEntryId",
        400,
        "A batch entry id can only contain alphanumeric characters, hyphens and underscores. It"
            + " can be at most 80 letters long.");
  }

  static AwsErrorException batchRequestTooLong(long bytes) {
    return new AwsErrorException(
        "BatchRequestTooLong",
        "AWS.SimpleQueueService.BatchRequestTooLong",
        400,
        "Batch requests cannot be longer than 1048576 bytes. You have sent " + bytes + " bytes.");
  }

  static AwsErrorException overLimit(String message) {
    return new AwsErrorException("OverLimit", "OverLimit", 403, message);
  }

  static AwsErrorException resourceNotFound(String message) {
    return new AwsErrorException(
        "ResourceNotFoundException", "ResourceNotFoundException", 404, message);
  }

  static AwsErrorException unsupportedOperation(String message) {
    return new AwsErrorException(
        "UnsupportedOperation", "AWS.SimpleQueueService.UnsupportedOperation", 400, message);
  }
}
