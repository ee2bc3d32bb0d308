package io.serverlessstack.fake.internal.firehose;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisAnalyticsInputPreprocessingResponse;
import com.amazonaws.services.lambda.runtime.events.KinesisAnalyticsInputPreprocessingResponse.Result;
import com.amazonaws.services.lambda.runtime.events.KinesisFirehoseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.serverlessstack.api.FirehoseEvents;
import io.serverlessstack.api.JournalEvent;
import io.serverlessstack.fake.Await;
import io.serverlessstack.fake.FirehoseStack;
import io.serverlessstack.fake.JavaFunction;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.ProcessingConfiguration;
import software.amazon.awssdk.services.firehose.model.Processor;
import software.amazon.awssdk.services.firehose.model.ProcessorParameter;
import software.amazon.awssdk.services.firehose.model.Record;

/**
 * Data transformation by a Lambda function running in this JVM: Firehose's request and the
 * function's {@code Ok}, {@code Dropped} and {@code ProcessingFailed} results, failed records (and
 * failed invocations, after their retries) written as error records under {@code
 * processing-failed}.
 */
class FirehoseTransformTest {

  @RegisterExtension static final FirehoseStack stack = new FirehoseStack();

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BUCKET = "landing";
  private static final String UPPER = "arn:aws:lambda:us-east-1:000000000000:function:upper";

  private final FirehoseClient firehose = stack.firehose();

  /**
   * Upper-cases records, drops those starting with {@code drop} and fails those with {@code bad}.
   */
  public static final class Upper
      implements RequestHandler<KinesisFirehoseEvent, KinesisAnalyticsInputPreprocessingResponse> {

    static final List<KinesisFirehoseEvent> EVENTS = new CopyOnWriteArrayList<>();

    @Override
    public KinesisAnalyticsInputPreprocessingResponse handleRequest(
        KinesisFirehoseEvent event, Context context) {
      EVENTS.add(event);
      List<KinesisAnalyticsInputPreprocessingResponse.Record> records = new ArrayList<>();
      for (KinesisFirehoseEvent.Record record : event.getRecords()) {
        String text = StandardCharsets.UTF_8.decode(record.getData().duplicate()).toString();
        Result result =
            text.startsWith("drop")
                ? Result.Dropped
                : text.startsWith("bad") ? Result.ProcessingFailed : Result.Ok;
        records.add(
            new KinesisAnalyticsInputPreprocessingResponse.Record(
                record.getRecordId(),
                result,
                ByteBuffer.wrap(text.toUpperCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8))));
      }
      return new KinesisAnalyticsInputPreprocessingResponse(records);
    }
  }

  @BeforeEach
  void bucketAndFunction() {
    stack.s3().createBucket(b -> b.bucket(BUCKET));
    stack.server().deploy(JavaFunction.of("upper", new Upper()));
    Upper.EVENTS.clear();
  }

  private static ProcessingConfiguration lambda(String arn, String retries) {
    List<ProcessorParameter> parameters = new ArrayList<>();
    parameters.add(
        ProcessorParameter.builder().parameterName("LambdaArn").parameterValue(arn).build());
    if (retries != null) {
      parameters.add(
          ProcessorParameter.builder()
              .parameterName("NumberOfRetries")
              .parameterValue(retries)
              .build());
    }
    return ProcessingConfiguration.builder()
        .enabled(true)
        .processors(Processor.builder().type("Lambda").parameters(parameters).build())
        .build();
  }

  private void create(ProcessingConfiguration processing, String errorOutputPrefix) {
    firehose.createDeliveryStream(
        b ->
            b.deliveryStreamName("clicks")
                .extendedS3DestinationConfiguration(
                    s3 ->
                        s3.roleARN("arn:aws:iam::000000000000:role/firehose")
                            .bucketARN("arn:aws:s3:::" + BUCKET)
                            .errorOutputPrefix(errorOutputPrefix)
                            .processingConfiguration(processing)));
  }

  private void putBatch(String... texts) {
    List<Record> records = new ArrayList<>();
    for (String text : texts) {
      records.add(Record.builder().data(SdkBytes.fromUtf8String(text)).build());
    }
    firehose.putRecordBatch(b -> b.deliveryStreamName("clicks").records(records));
  }

  private static String only(List<String> keys, String start) {
    List<String> matching = keys.stream().filter(key -> key.startsWith(start)).toList();
    assertThat(matching).as("keys starting with " + start).hasSize(1);
    return matching.get(0);
  }

  @Test
  void okRecordsAreDeliveredTransformedDroppedOnesNotAndFailedOnesGoToProcessingFailed()
      throws Exception {
    create(lambda(UPPER, null), null);
    putBatch("hello\n", "drop me\n", "bad\n", "world\n");
    stack.advance(Duration.ofMinutes(5));

    List<String> keys = stack.awaitKeys(BUCKET, 2);

    String delivered = only(keys, "20");
    assertThat(stack.object(BUCKET, delivered).asUtf8String()).isEqualTo("HELLO\nWORLD\n");
    String failed = only(keys, "processing-failed/");
    assertThat(failed).matches("processing-failed/\\d{4}/\\d\\d/\\d\\d/\\d\\d/clicks-1-.*");
    String[] lines = stack.object(BUCKET, failed).asUtf8String().split("\n");
    assertThat(lines).hasSize(1);
    JsonNode error = JSON.readTree(lines[0]);
    assertThat(error.get("errorCode").asText()).isEqualTo("Lambda.ProcessingFailedStatus");
    assertThat(error.get("errorMessage").asText())
        .isEqualTo("ProcessingFailed status set for record");
    assertThat(error.get("attemptsMade").asInt()).isEqualTo(1);
    assertThat(error.get("lambdaArn").asText()).isEqualTo(UPPER);
    assertThat(
            new String(
                Base64.getDecoder().decode(error.get("rawData").asText()), StandardCharsets.UTF_8))
        .isEqualTo("bad\n");
    assertThat(error.get("arrivalTimestamp").asLong())
        .isLessThanOrEqualTo(error.get("attemptEndingTimestamp").asLong());

    Map<String, String> transformed = events(FirehoseEvents.RECORDS_TRANSFORMED).get(0).details();
    assertThat(transformed)
        .containsEntry(FirehoseEvents.Details.RECORD_COUNT, "4")
        .containsEntry(FirehoseEvents.Details.OK_COUNT, "2")
        .containsEntry(FirehoseEvents.Details.DROPPED_COUNT, "1")
        .containsEntry(FirehoseEvents.Details.FAILED_COUNT, "1");
  }

  @Test
  void theFunctionGetsFirehosesEventWithEveryRecord() throws Exception {
    create(lambda(UPPER, null), null);
    String arrival = Long.toString(stack.server().inspector().now().toEpochMilli());
    putBatch("one", "two");
    stack.advance(Duration.ofMinutes(5));
    stack.awaitKeys(BUCKET, 1);

    KinesisFirehoseEvent event = Upper.EVENTS.get(0);
    assertThat(event.getInvocationId()).isNotBlank();
    assertThat(event.getDeliveryStreamArn())
        .isEqualTo("arn:aws:firehose:us-east-1:000000000000:deliverystream/clicks");
    assertThat(event.getRegion()).isEqualTo("us-east-1");
    assertThat(event.getRecords()).hasSize(2);
    assertThat(event.getRecords().get(0).getRecordId()).isNotBlank();
    assertThat(event.getRecords().get(0).getApproximateArrivalTimestamp().toString())
        .isEqualTo(arrival);
    assertThat(StandardCharsets.UTF_8.decode(event.getRecords().get(1).getData()).toString())
        .isEqualTo("two");
  }

  @Test
  void aFailingFunctionIsRetriedThenEveryRecordGoesToTheErrorOutputPrefix() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    stack
        .server()
        .deploy(
            JavaFunction.of(
                "broken",
                Map.class,
                (event, context) -> {
                  calls.incrementAndGet();
                  throw new IllegalStateException("no transformation today");
                }));
    create(
        lambda("arn:aws:lambda:us-east-1:000000000000:function:broken", "1"),
        "errors/!{firehose:error-output-type}/");
    putBatch("one\n", "two\n");
    stack.advance(Duration.ofMinutes(5));

    String key = stack.awaitKeys(BUCKET, 1).get(0);

    assertThat(key).startsWith("errors/processing-failed/clicks-1-");
    assertThat(calls).hasValue(2);
    List<String> lines = List.of(stack.object(BUCKET, key).asUtf8String().split("\n"));
    assertThat(lines).hasSize(2);
    JsonNode error = JSON.readTree(lines.get(1));
    assertThat(error.get("errorCode").asText()).isEqualTo("Lambda.FunctionError");
    assertThat(error.get("attemptsMade").asInt()).isEqualTo(2);
    assertThat(events(FirehoseEvents.TRANSFORMATION_FAILED).get(0).details())
        .containsEntry(FirehoseEvents.Details.ERROR_CODE, "Lambda.FunctionError")
        .containsEntry(FirehoseEvents.Details.ATTEMPTS, "2");
  }

  @Test
  void aMapHandlerReadsAndAnswersTheRawJson() throws Exception {
    stack
        .server()
        .deploy(
            JavaFunction.of(
                "reverse",
                Map.class,
                (event, context) -> {
                  List<Map<String, Object>> records = new ArrayList<>();
                  for (Object each : (List<?>) event.get("records")) {
                    Map<?, ?> record = (Map<?, ?>) each;
                    String text =
                        new String(
                            Base64.getDecoder().decode((String) record.get("data")),
                            StandardCharsets.UTF_8);
                    records.add(
                        Map.of(
                            "recordId", record.get("recordId"),
                            "result", "Ok",
                            "data",
                                Base64.getEncoder()
                                    .encodeToString(
                                        new StringBuilder(text)
                                            .reverse()
                                            .toString()
                                            .getBytes(StandardCharsets.UTF_8))));
                  }
                  return Map.of("records", records);
                }));
    create(lambda("arn:aws:lambda:us-east-1:000000000000:function:reverse", null), null);
    putBatch("abc", "def");
    stack.advance(Duration.ofMinutes(5));

    String key = stack.awaitKeys(BUCKET, 1).get(0);
    assertThat(stack.object(BUCKET, key).asUtf8String()).isEqualTo("cbafed");
  }

  @Test
  void aMissingFunctionFailsEveryRecord() throws Exception {
    create(lambda("arn:aws:lambda:us-east-1:000000000000:function:nobody", "0"), null);
    putBatch("one");
    stack.advance(Duration.ofMinutes(5));

    String key = stack.awaitKeys(BUCKET, 1).get(0);

    assertThat(key).startsWith("processing-failed/");
    assertThat(JSON.readTree(stack.object(BUCKET, key).asUtf8String()).get("errorCode").asText())
        .isEqualTo("Lambda.ResourceNotFoundException");
  }

  private static List<JournalEvent> events(String type) throws InterruptedException {
    Await.until(
        () ->
            stack.server().inspector().journal().stream()
                .anyMatch(event -> event.type().equals(type)));
    return stack.server().inspector().journal().stream()
        .filter(event -> event.service().equals(FirehoseEvents.SERVICE))
        .filter(event -> event.type().equals(type))
        .toList();
  }
}
