package io.serverlessstack.assertions;

import static io.serverlessstack.assertions.StackAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.Context;
import io.serverlessstack.api.InspectableFunction;
import io.serverlessstack.api.StackDefaults;
import io.serverlessstack.fake.JavaFunction;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.lambda.model.EventSourcePosition;
import software.amazon.awssdk.services.lambda.model.InvocationType;

/**
 * Function assertions against a real stack: {@code pricing} doubles a number and logs it, throws on
 * a negative one, and sleeps for ever on zero (its timeout is 1 second of the virtual clock).
 */
class FunctionAssertTest {

  private static LiveStack stack;

  @BeforeAll
  static void startStack() {
    stack = new LiveStack();
  }

  @BeforeEach
  void resetAndDeploy() {
    stack.server.reset();
    stack.server.deploy(
        JavaFunction.of(
                "pricing",
                Integer.class,
                (Integer amount, Context context) -> {
                  if (amount < 0) {
                    throw new IllegalArgumentException("negative amount " + amount);
                  }
                  if (amount == 0) {
                    sleepForEver();
                  }
                  context.getLogger().log("pricing " + amount);
                  return amount * 2;
                })
            .withTimeout(Duration.ofSeconds(1)));
  }

  private static void sleepForEver() {
    try {
      Thread.sleep(Long.MAX_VALUE);
    } catch (InterruptedException stopped) {
      Thread.currentThread().interrupt();
    }
  }

  @AfterAll
  static void stopStack() {
    stack.close();
  }

  private static InspectableFunction pricing() {
    return InspectableFunction.of(stack.server.inspector(), "pricing");
  }

  private static String invoke(String payload) {
    return stack
        .lambda
        .invoke(
            request -> request.functionName("pricing").payload(SdkBytes.fromUtf8String(payload)))
        .payload()
        .asUtf8String();
  }

  @Test
  void invocationsAnswersAndLogsPassWhenTheyHappened() {
    invoke("21");
    invoke("-1");

    assertThat(pricing())
        .exists()
        .hasBeenInvoked()
        .hasBeenInvokedTimes(2)
        .hasBeenInvokedWithEventContaining("21")
        .hasReturned("42")
        .hasReturned(answer -> answer.startsWith("4"), "an answer starting with 4")
        .hasThrown(IllegalArgumentException.class)
        .hasLogged("pricing 21");
  }

  @Test
  void hasBeenInvokedTimesFailsWithTheFunctionAndItsTimeline() {
    invoke("5");

    assertThatThrownBy(() -> assertThat(pricing()).hasBeenInvokedTimes(2))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expecting function \"pricing\" to have been invoked 2 times")
        .hasMessageContaining("but it was invoked once.")
        .hasMessageContaining("Function now: handler ")
        .hasMessageContaining("timeout 1 s")
        .hasMessageContaining("lambda Invoked")
        .hasMessageContaining("event=\"5\"")
        .hasMessageContaining("lambda Succeeded")
        .hasMessageContaining("response=\"10\"");
  }

  @Test
  void aStreamMappingsGiveUpPassesAndItsFailuresShowTheStreamsRecordsOnTheTimeline()
      throws Exception {
    stack.server.deploy(
        JavaFunction.of(
            "consumer",
            Object.class,
            (Object event, Context context) -> {
              throw new IllegalStateException("cannot consume");
            }));
    try (KinesisClient kinesis =
        KinesisClient.builder()
            .endpointOverride(stack.server.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(
                        StackDefaults.ACCESS_KEY_ID, StackDefaults.SECRET_ACCESS_KEY)))
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .build()) {
      kinesis.createStream(b -> b.streamName("orders").shardCount(1));
      kinesis.putRecord(
          b ->
              b.streamName("orders")
                  .partitionKey("customer-7")
                  .data(SdkBytes.fromUtf8String("{\"order\":7}")));
    }
    stack.lambda.createEventSourceMapping(
        r ->
            r.eventSourceArn("arn:aws:kinesis:us-east-1:000000000000:stream/orders")
                .functionName("consumer")
                .startingPosition(EventSourcePosition.TRIM_HORIZON)
                .maximumRetryAttempts(1));

    stack.advance(Duration.ofSeconds(1));
    assertThat(consumer()).eventually().hasBeenInvokedTimes(1);
    stack.advance(Duration.ofSeconds(1));

    assertThat(consumer()).eventually().hasGivenUpAfter(2);
    assertThatThrownBy(() -> assertThat(consumer()).hasReturned("ok"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("function and its triggers")
        .hasMessageContaining("kinesis RecordPut on \"orders\"")
        .hasMessageContaining("key=\"customer-7\" data=\"{\"order\":7}\"")
        .hasMessageContaining("kinesis RecordsRead on \"orders\"")
        .hasMessageContaining("trigger=stream/orders")
        .hasMessageContaining("lambda EventDiscarded");
  }

  private static InspectableFunction consumer() {
    return InspectableFunction.of(stack.server.inspector(), "consumer");
  }

  @Test
  void outcomeAssertionsFailSayingWhatHappenedInstead() {
    invoke("3");

    assertThatThrownBy(() -> assertThat(pricing()).hasThrown(IllegalStateException.class))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("to have failed with java.lang.IllegalStateException")
        .hasMessageContaining("of its invocations 1 returned and 0 failed, none so");
    assertThatThrownBy(() -> assertThat(pricing()).hasReturned("7"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("to have returned \"7\"");
    assertThatThrownBy(() -> assertThat(pricing()).hasNotBeenInvoked())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("but it was invoked once.");
    assertThatThrownBy(() -> assertThat(pricing()).hasLogged("pricing 4"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("but none of its 1 invocation logged it");
  }

  @Test
  void eventuallyWaitsForAnEventInvocationAndTimeoutsFollowTheStackClock() throws Exception {
    stack.lambda.invoke(
        request ->
            request
                .functionName("pricing")
                .invocationType(InvocationType.EVENT)
                .payload(SdkBytes.fromUtf8String("8")));
    assertThat(pricing()).eventually().hasReturned("16");

    CompletableFuture<String> sleeping = CompletableFuture.supplyAsync(() -> invoke("0"));
    assertThat(pricing()).eventually().hasBeenInvokedWithEventContaining("0");
    stack.advance(Duration.ofSeconds(1));
    sleeping.get();

    assertThat(pricing()).eventually().hasTimedOut();
  }

  @Test
  void anUnknownFunctionFailsNamingTheFunctionsThereAre() {
    assertThatThrownBy(() -> assertThat(stack.server.inspector()).function("billing").exists())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expecting function \"billing\" to exist")
        .hasMessageContaining("the function does not exist (now); functions: [pricing]");
  }
}
