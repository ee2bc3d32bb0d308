package io.serverlessstack.fake.internal.firehose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.serverlessstack.api.DeliveryView;
import io.serverlessstack.api.FirehoseEvents;
import io.serverlessstack.api.FirehoseEvents.Details;
import io.serverlessstack.api.FirehoseEvents.Outputs;
import io.serverlessstack.fake.internal.firehose.DeliveryStream.BufferedRecord;
import io.serverlessstack.fake.internal.lambda.ServiceInvocations;
import io.serverlessstack.fake.internal.protocol.AwsErrorException;
import io.serverlessstack.fake.internal.s3.S3Engine;
import io.serverlessstack.fake.internal.server.Ids;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.firehose.model.HttpEndpointCommonAttribute;
import software.amazon.awssdk.services.firehose.model.HttpEndpointDestinationDescription;

/**
 * Delivers one flushed buffer of a delivery stream, as Firehose does: an S3 destination's source
 * backup, then the Lambda transformation (records that fail it go to the error output as {@code
 * processing-failed}), then the destination: one S3 object of the records concatenated as sent
 * (compressed when asked), retried on the stack's clock for up to 24 hours, or one POST to the HTTP
 * endpoint in Firehose's request format, retried for its retry duration and then backed up to S3 as
 * {@code http-endpoint-failed} error records.
 *
 * <p>Each step that works runs through {@link FirehoseEngine#async}, holding the stack's clock;
 * waits between attempts are on the clock and hold nothing.
 */
final class BatchDelivery {

  private static final Logger LOG = LoggerFactory.getLogger(BatchDelivery.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CONTENT_TYPE = "application/octet-stream";

  /** How long Firehose keeps trying to write an object to S3 before it drops the records. */
  static final Duration S3_RETRY_LIMIT = Duration.ofHours(24);

  private static final Duration S3_FIRST_RETRY = Duration.ofSeconds(5);
  private static final Duration S3_LONGEST_RETRY = Duration.ofMinutes(5);
  private static final Duration HTTP_FIRST_RETRY = Duration.ofSeconds(1);
  private static final Duration HTTP_LONGEST_RETRY = Duration.ofSeconds(30);

  /** How long an HTTP endpoint has to answer, as in AWS. */
  static final Duration HTTP_TIMEOUT = Duration.ofMinutes(3);

  private static final String USER_AGENT = "Amazon Kinesis Data Firehose Agent/1.0";

  private final FirehoseEngine engine;
  private volatile HttpClient http;

  BatchDelivery(FirehoseEngine engine) {
    this.engine = engine;
  }

  /** An error record's cause: Firehose's error code and message. */
  private record Failure(String code, String message) {}

  /** A record that failed, for the error output. */
  private record FailedRecord(BufferedRecord record, Failure failure, int attempts) {}

  // ---- one batch

  CompletableFuture<Void> deliver(
      DeliveryStream stream, Destination destination, int version, List<BufferedRecord> batch) {
    return engine
        .async(() -> prepare(stream, destination, version, batch))
        .thenCompose(
            records -> {
              if (records.isEmpty() || stream.deleted()) {
                return CompletableFuture.completedFuture(null);
              }
              return destination.s3() != null
                  ? toS3(stream, destination, version, records, 1, null)
                  : post(stream, destination, version, records, Ids.randomUuid(), 1, null);
            })
        .exceptionally(
            failure -> {
              LOG.warn("Delivery stream {} failed to deliver a batch", stream.name, failure);
              return null;
            });
  }

  /** The source backup, the transformation and the delimiter: the records to deliver. */
  private CompletableFuture<List<BufferedRecord>> prepare(
      DeliveryStream stream, Destination destination, int version, List<BufferedRecord> batch) {
    if (stream.deleted()) {
      return CompletableFuture.completedFuture(List.of());
    }
    Destination.S3Output sourceBackup = destination.sourceBackup();
    if (sourceBackup != null) {
      writeQuietly(stream, sourceBackup, Outputs.BACKUP, version, batch);
    }
    CompletableFuture<List<BufferedRecord>> processed =
        destination.lambdaArn() == null
            ? CompletableFuture.completedFuture(batch)
            : transform(stream, destination, version, batch);
    return processed.thenApply(
        records -> destination.appendsDelimiter() ? withDelimiters(records) : records);
  }

  private static List<BufferedRecord> withDelimiters(List<BufferedRecord> records) {
    List<BufferedRecord> delimited = new ArrayList<>(records.size());
    for (BufferedRecord record : records) {
      byte[] data = new byte[record.data().length + 1];
      System.arraycopy(record.data(), 0, data, 0, record.data().length);
      data[data.length - 1] = '\n';
      delimited.add(
          new BufferedRecord(record.recordId(), data, record.arrival(), record.kinesis()));
    }
    return delimited;
  }

  // ---- S3

  private CompletableFuture<Void> toS3(
      DeliveryStream stream,
      Destination destination,
      int version,
      List<BufferedRecord> records,
      int attempt,
      Instant firstFailure) {
    return engine
        .async(
            () -> {
              try {
                write(stream, destination.output(), Outputs.DESTINATION, version, records);
                return CompletableFuture.completedFuture((Failure) null);
              } catch (RuntimeException failed) {
                return CompletableFuture.completedFuture(s3Failure(failed));
              }
            })
        .thenCompose(
            failure -> {
              if (failure == null || stream.deleted()) {
                return CompletableFuture.completedFuture(null);
              }
              Instant now = engine.clock.now();
              Instant first = firstFailure == null ? now : firstFailure;
              if (Duration.between(first, now).compareTo(S3_RETRY_LIMIT) >= 0) {
                journalFailure(stream, Destination.S3, records.size(), attempt, failure);
                return CompletableFuture.completedFuture(null);
              }
              Duration wait = backoff(S3_FIRST_RETRY, S3_LONGEST_RETRY, attempt);
              CompletableFuture<Void> woken = sleep(wait);
              journalRetry(stream, Destination.S3, attempt, failure, null);
              return woken.thenCompose(
                  ignored -> toS3(stream, destination, version, records, attempt + 1, first));
            });
  }

  private static Failure s3Failure(RuntimeException failed) {
    if (failed instanceof AwsErrorException error) {
      return new Failure("S3." + error.code(), error.getMessage());
    }
    return new Failure("S3.InternalError", String.valueOf(failed.getMessage()));
  }

  /** Writes records as one object, logging (not throwing) a failure: backups and error output. */
  private void writeQuietly(
      DeliveryStream stream,
      Destination.S3Output output,
      String kind,
      int version,
      List<BufferedRecord> records) {
    try {
      write(stream, output, kind, version, records);
    } catch (RuntimeException failed) {
      Failure failure = s3Failure(failed);
      LOG.warn(
          "Delivery stream {} could not write its {} output to {}: {}",
          stream.name,
          kind,
          output.bucketArn(),
          failure.message());
      journalFailure(stream, Destination.S3, records.size(), 1, failure);
    }
  }

  /**
   * Writes {@code records} to S3 as one object: concatenated, compressed as the output asks (error
   * output never is), under its key; journals and keeps the delivery.
   */
  private void write(
      DeliveryStream stream,
      Destination.S3Output output,
      String kind,
      int version,
      List<BufferedRecord> records) {
    Instant oldest =
        records.stream().map(BufferedRecord::arrival).min(Comparator.naturalOrder()).orElseThrow();
    Instant now = engine.clock.now();
    boolean errorOutput =
        kind.equals(Outputs.PROCESSING_FAILED) || kind.equals(Outputs.HTTP_ENDPOINT_FAILED);
    String compression = errorOutput ? "UNCOMPRESSED" : output.compression();
    String key =
        errorOutput
            ? S3Keys.errorKey(output, kind, stream.name, version, oldest, now)
            : S3Keys.dataKey(output, stream.name, version, oldest, now, extension(compression));
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    for (BufferedRecord record : records) {
      content.writeBytes(record.data());
    }
    byte[] raw = content.toByteArray();
    byte[] body = compress(raw, compression);
    String encoding = "GZIP".equals(compression) ? "gzip" : null;
    S3Engine s3 = engine.s3();
    try {
      s3.putObject(
          stream.scope.accountId(),
          stream.scope.region(),
          output.bucket(),
          key,
          body,
          CONTENT_TYPE,
          encoding);
    } catch (AwsErrorException elsewhere) {
      // Firehose writes to the bucket in whichever region it is: follow S3's redirect.
      String region = elsewhere.headers().get("x-amz-bucket-region");
      if (region == null) {
        throw elsewhere;
      }
      s3.putObject(
          stream.scope.accountId(), region, output.bucket(), key, body, CONTENT_TYPE, encoding);
    }
    Map<String, String> details = new LinkedHashMap<>();
    details.put(Details.OUTPUT, kind);
    details.put(Details.BUCKET, output.bucket());
    details.put(Details.KEY, key);
    details.put(Details.RECORD_COUNT, Integer.toString(records.size()));
    details.put(Details.SIZE, Integer.toString(body.length));
    details.put(Details.DATA, FirehoseEngine.journalText(raw));
    engine.journal.append(
        FirehoseEvents.SERVICE, FirehoseEvents.OBJECT_WRITTEN, stream.name, stream.arn, details);
    stream.delivered(
        new DeliveryView(
            now,
            Destination.S3,
            kind,
            "s3://" + output.bucket() + "/" + key,
            records.size(),
            base64(records)));
  }

  private static List<String> base64(List<BufferedRecord> records) {
    return records.stream()
        .map(record -> Base64.getEncoder().encodeToString(record.data()))
        .toList();
  }

  private static String extension(String compression) {
    return switch (compression) {
      case "GZIP" -> ".gz";
      case "ZIP" -> ".zip";
      default -> "";
    };
  }

  private static byte[] compress(byte[] raw, String compression) {
    try {
      ByteArrayOutputStream compressed = new ByteArrayOutputStream();
      switch (compression) {
        case "GZIP" -> {
          try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
            gzip.write(raw);
          }
        }
        case "ZIP" -> {
          try (ZipOutputStream zip = new ZipOutputStream(compressed)) {
            zip.putNextEntry(new ZipEntry(Ids.randomUuid()));
            zip.write(raw);
            zip.closeEntry();
          }
        }
        default -> {
          return raw;
        }
      }
      return compressed.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---- the Lambda transformation

  /** The outcome of transforming some records. */
  private record Transformed(List<BufferedRecord> ok, List<FailedRecord> failed) {}

  private CompletableFuture<List<BufferedRecord>> transform(
      DeliveryStream stream, Destination destination, int version, List<BufferedRecord> batch) {
    String lambdaArn = destination.lambdaArn();
    int attempts = destination.lambdaRetries() + 1;
    List<List<BufferedRecord>> invocations = split(batch, destination.lambdaBatchBytes());
    CompletableFuture<Transformed> all =
        CompletableFuture.completedFuture(new Transformed(List.of(), List.of()));
    for (List<BufferedRecord> records : invocations) {
      all =
          all.thenCompose(
              sofar ->
                  invoke(stream, lambdaArn, records, 1, attempts)
                      .thenApply(
                          next -> {
                            List<BufferedRecord> ok = new ArrayList<>(sofar.ok());
                            ok.addAll(next.ok());
                            List<FailedRecord> failed = new ArrayList<>(sofar.failed());
                            failed.addAll(next.failed());
                            return new Transformed(ok, failed);
                          }));
    }
    return all.thenApplyAsync(
        transformed -> {
          if (!transformed.failed().isEmpty()) {
            List<BufferedRecord> errors =
                errorRecords(transformed.failed(), lambdaArn, engine.clock.now());
            writeQuietly(stream, destination.output(), Outputs.PROCESSING_FAILED, version, errors);
          }
          return transformed.ok();
        },
        engine.executor);
  }

  /** The batch in invocations of at most {@code bytes} each (and at least one record). */
  private static List<List<BufferedRecord>> split(List<BufferedRecord> batch, long bytes) {
    List<List<BufferedRecord>> parts = new ArrayList<>();
    List<BufferedRecord> part = new ArrayList<>();
    long size = 0;
    for (BufferedRecord record : batch) {
      if (!part.isEmpty() && size + record.data().length > bytes) {
        parts.add(part);
        part = new ArrayList<>();
        size = 0;
      }
      part.add(record);
      size += record.data().length;
    }
    if (!part.isEmpty()) {
      parts.add(part);
    }
    return parts;
  }

  private CompletableFuture<Transformed> invoke(
      DeliveryStream stream,
      String lambdaArn,
      List<BufferedRecord> records,
      int attempt,
      int attempts) {
    CompletableFuture<ServiceInvocations.Answer> answer;
    try {
      answer =
          ServiceInvocations.invoke(
              engine.lambda(), lambdaArn, request(stream, records), stream.arn);
    } catch (RuntimeException unavailable) {
      answer = CompletableFuture.failedFuture(unavailable);
    }
    return answer
        .handleAsync(
            (result, error) -> {
              Failure failure = invocationFailure(result, error);
              if (failure == null) {
                return CompletableFuture.completedFuture(
                    read(stream, lambdaArn, records, result, attempt));
              }
              if (attempt < attempts) {
                return invoke(stream, lambdaArn, records, attempt + 1, attempts);
              }
              engine.journal.append(
                  FirehoseEvents.SERVICE,
                  FirehoseEvents.TRANSFORMATION_FAILED,
                  stream.name,
                  stream.arn,
                  Map.of(
                      Details.LAMBDA_ARN,
                      lambdaArn,
                      Details.RECORD_COUNT,
                      Integer.toString(records.size()),
                      Details.ATTEMPTS,
                      Integer.toString(attempt),
                      Details.ERROR_CODE,
                      failure.code(),
                      Details.REASON,
                      failure.message()));
              return CompletableFuture.completedFuture(
                  new Transformed(
                      List.of(),
                      records.stream()
                          .map(record -> new FailedRecord(record, failure, attempt))
                          .toList()));
            },
            engine.executor)
        .thenCompose(stage -> stage);
  }

  private static Failure invocationFailure(ServiceInvocations.Answer result, Throwable error) {
    Throwable cause = error instanceof CompletionException ? error.getCause() : error;
    if (cause instanceof AwsErrorException refused) {
      return new Failure("Lambda." + refused.code(), refused.getMessage());
    }
    if (cause != null) {
      return new Failure("Lambda.InvokeFailed", String.valueOf(cause.getMessage()));
    }
    if (result.failed()) {
      return new Failure(
          "Lambda.FunctionError",
          "The Lambda function was successfully invoked but it returned an error result.");
    }
    return null;
  }

  /**
   * Firehose's transformation request: {@code invocationId, deliveryStreamArn, region, records}.
   */
  private byte[] request(DeliveryStream stream, List<BufferedRecord> records) {
    ObjectNode event = JSON.createObjectNode();
    event.put("invocationId", Ids.randomUuid());
    event.put("deliveryStreamArn", stream.arn);
    if (stream.source != null) {
      event.put("sourceKinesisStreamArn", stream.source.streamArn());
    }
    event.put("region", stream.scope.region());
    ArrayNode array = event.putArray("records");
    for (BufferedRecord record : records) {
      ObjectNode item = array.addObject();
      item.put("recordId", record.recordId());
      item.put("approximateArrivalTimestamp", record.arrival().toEpochMilli());
      item.put("data", Base64.getEncoder().encodeToString(record.data()));
      if (record.kinesis() != null) {
        ObjectNode metadata = item.putObject("kinesisRecordMetadata");
        metadata.put("shardId", record.kinesis().shardId());
        metadata.put("partitionKey", record.kinesis().partitionKey());
        metadata.put("approximateArrivalTimestamp", record.kinesis().arrival().toEpochMilli());
        metadata.put("sequenceNumber", record.kinesis().sequenceNumber());
        metadata.put("subsequenceNumber", "");
      }
    }
    return write(event);
  }

  /** Reads the function's answer: each record's result, and the data of those {@code Ok}. */
  private Transformed read(
      DeliveryStream stream,
      String lambdaArn,
      List<BufferedRecord> records,
      ServiceInvocations.Answer answer,
      int attempt) {
    Map<String, JsonNode> results = new LinkedHashMap<>();
    try {
      JsonNode response = JSON.readTree(answer.payload());
      JsonNode items = response == null ? null : response.get("records");
      if (items == null || !items.isArray()) {
        throw new IOException("the response has no records");
      }
      for (JsonNode item : items) {
        JsonNode id = item.get("recordId");
        if (id != null && id.isTextual()) {
          results.put(id.asText(), item);
        }
      }
    } catch (IOException unreadable) {
      Failure failure =
          new Failure(
              "Lambda.JsonProcessingException",
              "Check that the response from the Lambda function is in the correct format: "
                  + unreadable.getMessage());
      return failedAll(stream, lambdaArn, records, answer, failure, attempt);
    }
    List<BufferedRecord> ok = new ArrayList<>();
    List<FailedRecord> failed = new ArrayList<>();
    int dropped = 0;
    for (BufferedRecord record : records) {
      JsonNode item = results.get(record.recordId());
      String result = item == null ? null : item.path("result").asText(null);
      if (item == null) {
        failed.add(
            new FailedRecord(
                record,
                new Failure(
                    "Lambda.MissingRecordId",
                    "One or more record Ids were not returned. Ensure that the Lambda function"
                        + " returns all received record Ids."),
                attempt));
      } else if ("Ok".equals(result)) {
        JsonNode data = item.get("data");
        byte[] bytes;
        try {
          bytes = data == null || data.isNull() ? new byte[0] : data.binaryValue();
        } catch (IOException notBase64) {
          bytes = null;
        }
        if (bytes == null) {
          failed.add(
              new FailedRecord(
                  record,
                  new Failure(
                      "Lambda.JsonProcessingException",
                      "The data of record " + record.recordId() + " is not base64."),
                  attempt));
        } else {
          ok.add(new BufferedRecord(record.recordId(), bytes, record.arrival(), record.kinesis()));
        }
      } else if ("Dropped".equals(result)) {
        dropped++;
      } else if ("ProcessingFailed".equals(result)) {
        failed.add(
            new FailedRecord(
                record,
                new Failure(
                    "Lambda.ProcessingFailedStatus", "ProcessingFailed status set for record"),
                attempt));
      } else {
        failed.add(
            new FailedRecord(
                record,
                new Failure(
                    "Lambda.InvalidRecordResult",
                    "The result of record "
                        + record.recordId()
                        + " must be Ok, Dropped or ProcessingFailed, not "
                        + result),
                attempt));
      }
    }
    engine.journal.append(
        FirehoseEvents.SERVICE,
        FirehoseEvents.RECORDS_TRANSFORMED,
        stream.name,
        stream.arn,
        Map.of(
            Details.LAMBDA_ARN, lambdaArn,
            Details.REQUEST_ID, answer.requestId(),
            Details.RECORD_COUNT, Integer.toString(records.size()),
            Details.OK_COUNT, Integer.toString(ok.size()),
            Details.DROPPED_COUNT, Integer.toString(dropped),
            Details.FAILED_COUNT, Integer.toString(failed.size())));
    return new Transformed(ok, failed);
  }

  private Transformed failedAll(
      DeliveryStream stream,
      String lambdaArn,
      List<BufferedRecord> records,
      ServiceInvocations.Answer answer,
      Failure failure,
      int attempt) {
    engine.journal.append(
        FirehoseEvents.SERVICE,
        FirehoseEvents.TRANSFORMATION_FAILED,
        stream.name,
        stream.arn,
        Map.of(
            Details.LAMBDA_ARN,
            lambdaArn,
            Details.REQUEST_ID,
            answer.requestId(),
            Details.RECORD_COUNT,
            Integer.toString(records.size()),
            Details.ATTEMPTS,
            Integer.toString(attempt),
            Details.ERROR_CODE,
            failure.code(),
            Details.REASON,
            failure.message()));
    return new Transformed(
        List.of(),
        records.stream().map(record -> new FailedRecord(record, failure, attempt)).toList());
  }

  /**
   * Firehose's error records, one JSON document and a newline each: {@code attemptsMade,
   * arrivalTimestamp, errorCode, errorMessage, attemptEndingTimestamp, rawData} and, for a
   * transformation, {@code lambdaArn}.
   */
  private static List<BufferedRecord> errorRecords(
      List<FailedRecord> failed, String lambdaArn, Instant ended) {
    List<BufferedRecord> documents = new ArrayList<>(failed.size());
    for (FailedRecord each : failed) {
      ObjectNode document = JSON.createObjectNode();
      document.put("attemptsMade", each.attempts());
      document.put("arrivalTimestamp", each.record().arrival().toEpochMilli());
      document.put("errorCode", each.failure().code());
      document.put("errorMessage", each.failure().message());
      document.put("attemptEndingTimestamp", ended.toEpochMilli());
      document.put("rawData", Base64.getEncoder().encodeToString(each.record().data()));
      if (lambdaArn != null) {
        document.put("lambdaArn", lambdaArn);
      }
      byte[] json = write(document);
      byte[] line = new byte[json.length + 1];
      System.arraycopy(json, 0, line, 0, json.length);
      line[json.length] = '\n';
      documents.add(
          new BufferedRecord(
              each.record().recordId(), line, each.record().arrival(), each.record().kinesis()));
    }
    return documents;
  }

  // ---- HTTP endpoints

  private CompletableFuture<Void> post(
      DeliveryStream stream,
      Destination destination,
      int version,
      List<BufferedRecord> records,
      String requestId,
      int attempt,
      Instant deadline) {
    HttpEndpointDestinationDescription endpoint = destination.http();
    String url = endpoint.endpointConfiguration().url();
    if (attempt == 1 && destination.backsUpAllData()) {
      engine.async(
          () -> {
            writeQuietly(stream, destination.output(), Outputs.BACKUP, version, records);
            return CompletableFuture.completedFuture(null);
          });
    }
    return engine
        .async(() -> send(stream, destination, records, requestId))
        .thenCompose(
            failure -> {
              if (stream.deleted()) {
                return CompletableFuture.completedFuture(null);
              }
              if (failure == null) {
                posted(stream, url, requestId, attempt, records);
                return CompletableFuture.completedFuture(null);
              }
              Instant now = engine.clock.now();
              Instant end = deadline;
              if (end == null) {
                int seconds =
                    endpoint.retryOptions() == null
                            || endpoint.retryOptions().durationInSeconds() == null
                        ? 300
                        : endpoint.retryOptions().durationInSeconds();
                end = now.plusSeconds(seconds);
              }
              if (!now.isBefore(end)) {
                journalFailure(stream, Destination.HTTP_ENDPOINT, records.size(), attempt, failure);
                return engine.async(
                    () -> {
                      List<FailedRecord> failed =
                          records.stream()
                              .map(record -> new FailedRecord(record, failure, attempt))
                              .toList();
                      writeQuietly(
                          stream,
                          destination.output(),
                          Outputs.HTTP_ENDPOINT_FAILED,
                          version,
                          errorRecords(failed, null, engine.clock.now()));
                      return CompletableFuture.completedFuture(null);
                    });
              }
              Duration wait = backoff(HTTP_FIRST_RETRY, HTTP_LONGEST_RETRY, attempt);
              if (now.plus(wait).isAfter(end)) {
                wait = Duration.between(now, end);
              }
              CompletableFuture<Void> woken = sleep(wait);
              journalRetry(stream, Destination.HTTP_ENDPOINT, attempt, failure, requestId);
              Instant until = end;
              return woken.thenCompose(
                  ignored ->
                      post(stream, destination, version, records, requestId, attempt + 1, until));
            });
  }

  /** One POST; completes with what failed, or {@code null} once the endpoint acknowledged it. */
  private CompletableFuture<Failure> send(
      DeliveryStream stream,
      Destination destination,
      List<BufferedRecord> records,
      String requestId) {
    HttpEndpointDestinationDescription endpoint = destination.http();
    ObjectNode body = JSON.createObjectNode();
    body.put("requestId", requestId);
    body.put("timestamp", engine.clock.now().toEpochMilli());
    ArrayNode items = body.putArray("records");
    for (BufferedRecord record : records) {
      items.addObject().put("data", Base64.getEncoder().encodeToString(record.data()));
    }
    byte[] bytes = write(body);
    boolean gzip =
        endpoint.requestConfiguration() != null
            && "GZIP".equals(endpoint.requestConfiguration().contentEncodingAsString());
    ObjectNode attributes = JSON.createObjectNode();
    ObjectNode common = attributes.putObject("commonAttributes");
    if (endpoint.requestConfiguration() != null) {
      for (HttpEndpointCommonAttribute attribute :
          endpoint.requestConfiguration().commonAttributes()) {
        common.put(attribute.attributeName(), attribute.attributeValue());
      }
    }
    HttpRequest.Builder request;
    try {
      request =
          HttpRequest.newBuilder(URI.create(endpoint.endpointConfiguration().url()))
              .timeout(HTTP_TIMEOUT)
              .header("Content-Type", "application/json")
              .header("User-Agent", USER_AGENT)
              .header("X-Amz-Firehose-Protocol-Version", "1.0")
              .header("X-Amz-Firehose-Request-Id", requestId)
              .header("X-Amz-Firehose-Source-Arn", stream.arn)
              .header(
                  "X-Amz-Firehose-Common-Attributes",
                  new String(write(attributes), StandardCharsets.UTF_8))
              .POST(HttpRequest.BodyPublishers.ofByteArray(gzip ? compress(bytes, "GZIP") : bytes));
    } catch (IllegalArgumentException badUrl) {
      return CompletableFuture.completedFuture(
          new Failure("HttpEndpoint.InvalidUrl", String.valueOf(badUrl.getMessage())));
    }
    if (gzip) {
      request.header("Content-Encoding", "gzip");
    }
    if (destination.accessKey() != null && !destination.accessKey().isEmpty()) {
      request.header("X-Amz-Firehose-Access-Key", destination.accessKey());
    }
    return client()
        .sendAsync(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
        .handle(
            (response, error) -> {
              if (error != null) {
                Throwable cause = error instanceof CompletionException ? error.getCause() : error;
                return new Failure(
                    "HttpEndpoint.DestinationException",
                    "Firehose could not reach the endpoint: " + cause);
              }
              return acknowledged(response, requestId);
            });
  }

  /** What is wrong with an endpoint's answer, or {@code null} if it acknowledged the request. */
  private static Failure acknowledged(HttpResponse<String> response, String requestId) {
    String body = response.body() == null ? "" : response.body();
    if (response.statusCode() != 200) {
      return new Failure(
          "HttpEndpoint.DestinationException",
          "The following response was received from the endpoint destination. "
              + response.statusCode()
              + ": "
              + body);
    }
    try {
      JsonNode answer = JSON.readTree(body);
      if (answer != null && requestId.equals(answer.path("requestId").asText(null))) {
        return null;
      }
    } catch (IOException notJson) {
      // an answer Firehose cannot read is invalid, as one without the request id
    }
    return new Failure(
        "HttpEndpoint.InvalidResponseFromDestination",
        "The response received from the endpoint is invalid. See Troubleshooting HTTP Endpoints in"
            + " the Firehose documentation for more information. Response: "
            + body);
  }

  private void posted(
      DeliveryStream stream,
      String url,
      String requestId,
      int attempt,
      List<BufferedRecord> records) {
    List<String> texts =
        records.stream().map(record -> FirehoseEngine.journalText(record.data())).toList();
    Map<String, String> details = new LinkedHashMap<>();
    details.put(Details.URL, url);
    details.put(Details.REQUEST_ID, requestId);
    details.put(Details.STATUS, "200");
    details.put(Details.ATTEMPTS, Integer.toString(attempt));
    details.put(Details.RECORD_COUNT, Integer.toString(records.size()));
    details.put(
        Details.DATA,
        FirehoseEngine.journalText(String.join("\n", texts).getBytes(StandardCharsets.UTF_8)));
    engine.journal.append(
        FirehoseEvents.SERVICE, FirehoseEvents.RECORDS_POSTED, stream.name, stream.arn, details);
    stream.delivered(
        new DeliveryView(
            engine.clock.now(),
            Destination.HTTP_ENDPOINT,
            Outputs.DESTINATION,
            url,
            records.size(),
            base64(records)));
  }

  private HttpClient client() {
    HttpClient client = http;
    if (client == null) {
      synchronized (this) {
        client = http;
        if (client == null) {
          client =
              HttpClient.newBuilder()
                  .version(HttpClient.Version.HTTP_1_1)
                  .connectTimeout(Duration.ofSeconds(15))
                  .executor(engine.executor)
                  .build();
          http = client;
        }
      }
    }
    return client;
  }

  // ---- waits and the journal

  private CompletableFuture<Void> sleep(Duration wait) {
    CompletableFuture<Void> woken = new CompletableFuture<>();
    engine.clock.schedule(engine.clock.now().plus(wait), () -> woken.complete(null));
    return woken;
  }

  /** {@code first}, doubled for each attempt after the first, at most {@code longest}. */
  private static Duration backoff(Duration first, Duration longest, int attempt) {
    Duration wait = first;
    for (int i = 1; i < attempt && wait.compareTo(longest) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(longest) > 0 ? longest : wait;
  }

  private void journalRetry(
      DeliveryStream stream, String destination, int attempts, Failure failure, String requestId) {
    Map<String, String> details = new LinkedHashMap<>();
    details.put(Details.DESTINATION, destination);
    details.put(Details.ATTEMPTS, Integer.toString(attempts));
    details.put(Details.ERROR_CODE, failure.code());
    details.put(Details.REASON, failure.message());
    if (requestId != null) {
      details.put(Details.REQUEST_ID, requestId);
    }
    engine.journal.append(
        FirehoseEvents.SERVICE, FirehoseEvents.DELIVERY_RETRIED, stream.name, stream.arn, details);
  }

  private void journalFailure(
      DeliveryStream stream, String destination, int records, int attempts, Failure failure) {
    engine.journal.append(
        FirehoseEvents.SERVICE,
        FirehoseEvents.DELIVERY_FAILED,
        stream.name,
        stream.arn,
        Map.of(
            Details.DESTINATION, destination,
            Details.RECORD_COUNT, Integer.toString(records),
            Details.ATTEMPTS, Integer.toString(attempts),
            Details.ERROR_CODE, failure.code(),
            Details.REASON, failure.message()));
  }

  private static byte[] write(JsonNode node) {
    try {
      return JSON.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
