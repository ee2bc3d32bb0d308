package io.serverlessstack.fake.internal.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.serverlessstack.api.JournalEvent;
import io.serverlessstack.api.JournalFilter;
import io.serverlessstack.api.LambdaEvents;
import io.serverlessstack.fake.Await;
import io.serverlessstack.fake.SqsStack;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.CreateFunctionResponse;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;

/** Handlers on the test class path, created and invoked through the real {@link LambdaClient}. */
class LambdaInvokeTest {

  @RegisterExtension static final SqsStack stack = SqsStack.withVirtualClock();

  static final String ROLE = "arn:aws:iam::000000000000:role/lambda-role";

  static CreateFunctionResponse create(String name, String handler) {
    return create(name, handler, 3, Map.of());
  }

  static CreateFunctionResponse create(
      String name, String handler, int timeout, Map<String, String> environment) {
    return stack
        .lambda()
        .createFunction(
            request ->
                request
                    .functionName(name)
                    .runtime(Runtime.JAVA21)
                    .role(ROLE)
                    .handler(handler)
                    .timeout(timeout)
                    .environment(env -> env.variables(environment))
                    .code(code -> code.zipFile(SdkBytes.fromUtf8String("not really a zip"))));
  }

  static InvokeResponse invoke(String name, String payload) {
    return stack
        .lambda()
        .invoke(request -> request.functionName(name).payload(SdkBytes.fromUtf8String(payload)));
  }

  @Test
  void aRequestHandlerGetsItsTypedInputAndItsAnswerComesBackAsJson() {
    CreateFunctionResponse created = create("greeter", "io.serverlessstack.fake.handlers.Greeter");
    assertThat(created.functionArn())
        .isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:greeter");
    assertThat(created.stateAsString()).isEqualTo("Pending");

    InvokeResponse response = invoke("greeter", "{\"name\":\"Ada\"}");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.functionError()).isNull();
    assertThat(response.executedVersion()).isEqualTo("$LATEST");
    assertThat(response.payload().asUtf8String()).isEqualTo("\"Hello, Ada!\"");
  }

  @Test
  void aHandlerMethodTakesAndAnswersPojosWithItsContext() {
    create("pricing", "io.serverlessstack.fake.handlers.Orders::price");

    InvokeResponse response = invoke("pricing", "{\"id\":\"o-1\",\"quantity\":3}");

    assertThat(response.payload().asUtf8String())
        .contains("\"orderId\":\"o-1\"", "\"total\":15", "\"function\":\"pricing\"");
  }

  @Test
  void aStreamHandlerGetsThePayloadBytes() {
    create("echo", "io.serverlessstack.fake.handlers.Echo");

    assertThat(invoke("echo", "[1, 2, 3]").payload().asUtf8String()).isEqualTo("[1, 2, 3]");
  }

  @Test
  void aThrowingHandlerIsAnUnhandledFunctionErrorWithTheRuntimesPayload() {
    create("reject", "io.serverlessstack.fake.handlers.Orders::reject");

    InvokeResponse response = invoke("reject", "{\"id\":\"o-2\"}");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.functionError()).isEqualTo("Unhandled");
    assertThat(response.payload().asUtf8String())
        .startsWith(
            "{\"errorMessage\":\"Order o-2 has no items\","
                + "\"errorType\":\"java.lang.IllegalArgumentException\",\"stackTrace\":[")
        .contains("io.serverlessstack.fake.handlers.Orders.reject(Orders.java:");
  }

  @Test
  void aMissingHandlerClassFailsEachInvocationAsTheRuntimeDoes() {
    create("missing", "com.example.DoesNotExist");
    create("plain", "io.serverlessstack.fake.handlers.NotAHandler");

    assertThat(invoke("missing", "{}").payload().asUtf8String())
        .isEqualTo(
            "{\"errorMessage\":\"Class not found: com.example.DoesNotExist\","
                + "\"errorType\":\"java.lang.ClassNotFoundException\"}");
    assertThat(invoke("plain", "{}").payload().asUtf8String())
        .isEqualTo(
            "{\"errorMessage\":\"Class does not implement an appropriate handler interface:"
                + " io.serverlessstack.fake.handlers.NotAHandler\"}");
  }

  @Test
  void tailReturnsTheLogWithLambdasOwnLines() {
    create("greeter", "io.serverlessstack.fake.handlers.Greeter");

    InvokeResponse response =
        stack
            .lambda()
            .invoke(
                request ->
                    request
                        .functionName("greeter")
                        .logType(LogType.TAIL)
                        .payload(SdkBytes.fromUtf8String("{\"name\":\"Bob\"}")));

    String log =
        new String(Base64.getDecoder().decode(response.logResult()), StandardCharsets.UTF_8);
    assertThat(log)
        .startsWith("START RequestId: ")
        .contains(
            " Version: $LATEST\n", "greeting Bob", "\nEND RequestId: ", "\nREPORT RequestId: ");
  }

  @Test
  void whatAHandlerPrintsIsInItsLogAsLambdasRuntimeSendsIt() {
    create("printer", "io.serverlessstack.fake.handlers.Printer");

    InvokeResponse response =
        stack
            .lambda()
            .invoke(
                request ->
                    request
                        .functionName("printer")
                        .logType(LogType.TAIL)
                        .payload(SdkBytes.fromUtf8String("{\"name\":\"Ada\"}")));

    String log =
        new String(Base64.getDecoder().decode(response.logResult()), StandardCharsets.UTF_8);
    assertThat(log)
        .contains("\nprinted Ada\n", "\nno line break\n", "\nfrom a helper thread\n")
        .containsOnlyOnce("printed Ada");
    assertThat(response.payload().asUtf8String()).isEqualTo("\"ok\"");
  }

  @Test
  void aHandlerPastItsTimeoutIsReportedTimedOutOnTheStackClock() throws Exception {
    create("sleeper", "io.serverlessstack.fake.handlers.Sleeper", 2, Map.of());

    CompletableFuture<InvokeResponse> pending =
        CompletableFuture.supplyAsync(() -> invoke("sleeper", "{\"millis\":60000}"));
    // The deadline is on the virtual clock: nothing times out until the test moves it.
    Thread.sleep(200);
    assertThat(pending).isNotDone();
    stack.advance(Duration.ofSeconds(2));
    InvokeResponse response = pending.get();

    assertThat(response.functionError()).isEqualTo("Unhandled");
    assertThat(response.payload().asUtf8String())
        .matches(
            "\\{\"errorType\":\"Sandbox.Timedout\",\"errorMessage\":\"RequestId: [0-9a-f-]{36}"
                + " Error: Task timed out after 2.00 seconds\"}");
  }

  @Test
  void handlersSeeTheirFunctionsEnvironmentThroughSystemGetenv() {
    create(
        "env", "io.serverlessstack.fake.handlers.Environment", 3, Map.of("TABLE_NAME", "orders"));

    assertThat(
            invoke("env", "[\"TABLE_NAME\",\"AWS_LAMBDA_FUNCTION_NAME\",\"AWS_REGION\"]")
                .payload()
                .asUtf8String())
        .isEqualTo(
            "{\"AWS_LAMBDA_FUNCTION_NAME\":\"env\",\"AWS_REGION\":\"us-east-1\","
                + "\"TABLE_NAME\":\"orders\"}");
    assertThat(System.getenv("TABLE_NAME")).isNull();
  }

  @Test
  void eventInvocationsAreAcceptedAtOnceAndRunLater() throws InterruptedException {
    create("greeter", "io.serverlessstack.fake.handlers.Greeter");

    InvokeResponse response =
        stack
            .lambda()
            .invoke(
                request ->
                    request
                        .functionName("greeter")
                        .invocationType(InvocationType.EVENT)
                        .payload(SdkBytes.fromUtf8String("{\"name\":\"Eve\"}")));

    assertThat(response.statusCode()).isEqualTo(202);
    JournalFilter filter =
        JournalFilter.all()
            .withService(LambdaEvents.SERVICE)
            .withTypes(LambdaEvents.SUCCEEDED)
            .withResource("greeter");
    Await.until(() -> !stack.server().inspector().journal(0, filter).isEmpty());
    List<JournalEvent> succeeded = stack.server().inspector().journal(0, filter);
    assertThat(succeeded.get(0).detail(LambdaEvents.Details.RESPONSE)).isEqualTo("\"Hello, Eve!\"");
  }

  @Test
  void theHandlersRequestIdIsTheOneInvokeAnswers() throws InterruptedException {
    create("greeter", "io.serverlessstack.fake.handlers.Greeter");
    JournalFilter filter =
        JournalFilter.all().withService(LambdaEvents.SERVICE).withTypes(LambdaEvents.INVOKED);

    InvokeResponse sync = invoke("greeter", "{\"name\":\"Sy\"}");
    InvokeResponse async =
        stack
            .lambda()
            .invoke(
                request ->
                    request
                        .functionName("greeter")
                        .invocationType(InvocationType.EVENT)
                        .payload(SdkBytes.fromUtf8String("{\"name\":\"Asa\"}")));

    Await.until(() -> stack.server().inspector().journal(0, filter).size() == 2);
    assertThat(stack.server().inspector().journal(0, filter))
        .extracting(event -> event.detail(LambdaEvents.Details.REQUEST_ID))
        .containsExactlyInAnyOrder(
            sync.responseMetadata().requestId(), async.responseMetadata().requestId());
  }

  @Test
  void reservedConcurrencyOfZeroThrottlesEveryInvocation() {
    create("greeter", "io.serverlessstack.fake.handlers.Greeter");
    stack
        .lambda()
        .putFunctionConcurrency(
            request -> request.functionName("greeter").reservedConcurrentExecutions(0));

    assertThatThrownBy(() -> invoke("greeter", "{}"))
        .isInstanceOf(TooManyRequestsException.class)
        .hasMessageContaining("Rate Exceeded.");
  }

  @Test
  void aThrottledEventIsRetriedWithBackOffUntilItIsTooOld() {
    create("greeter", "io.serverlessstack.fake.handlers.Greeter");
    stack
        .lambda()
        .putFunctionConcurrency(
            request -> request.functionName("greeter").reservedConcurrentExecutions(0));
    stack
        .lambda()
        .putFunctionEventInvokeConfig(
            request -> request.functionName("greeter").maximumEventAgeInSeconds(600));
    Instant accepted = stack.now();

    stack
        .lambda()
        .invoke(
            request ->
                request
                    .functionName("greeter")
                    .invocationType(InvocationType.EVENT)
                    .payload(SdkBytes.fromUtf8String("{\"name\":\"Eve\"}")));
    JournalFilter lambdaEvents = JournalFilter.all().withService(LambdaEvents.SERVICE);
    for (int second = 0; second < 700; second++) {
      stack.advance(Duration.ofSeconds(1));
    }

    List<JournalEvent> events = stack.server().inspector().journal(0, lambdaEvents);
    // AWS: "The retry interval increases exponentially from 1 second after the first attempt to a
    // maximum of 5 minutes", for as long as the event may be kept (here 10 minutes).
    assertThat(
            events.stream()
                .filter(event -> event.type().equals(LambdaEvents.THROTTLED))
                .map(event -> Duration.between(accepted, event.time()).toSeconds()))
        .containsExactly(0L, 1L, 3L, 7L, 15L, 31L, 63L, 127L, 255L, 511L);
    JournalEvent discarded =
        events.stream()
            .filter(event -> event.type().equals(LambdaEvents.EVENT_DISCARDED))
            .findFirst()
            .orElseThrow();
    assertThat(discarded.detail(LambdaEvents.Details.ERROR_TYPE)).isEqualTo("EventAgeExceeded");
    assertThat(events.stream().filter(event -> event.type().equals(LambdaEvents.INVOKED)))
        .isEmpty();
  }

  @Test
  void anUnknownFunctionIsNotFoundWithItsArn() {
    assertThatThrownBy(() -> invoke("nobody", "{}"))
        .isInstanceOf(ResourceNotFoundException.class)
        .hasMessageContaining(
            "Function not found: arn:aws:lambda:us-east-1:000000000000:function:nobody");
  }
}
