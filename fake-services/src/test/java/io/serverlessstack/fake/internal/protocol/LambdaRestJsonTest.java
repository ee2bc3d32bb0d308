package io.serverlessstack.fake.internal.protocol;

import static io.serverlessstack.fake.AwsErrors.assertAwsError;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.serverlessstack.fake.RawHttp;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaAsyncClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.CreateFunctionRequest;
import software.amazon.awssdk.services.lambda.model.CreateFunctionResponse;
import software.amazon.awssdk.services.lambda.model.DeleteFunctionResponse;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.GetFunctionResponse;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeRequest;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.ListFunctionsResponse;
import software.amazon.awssdk.services.lambda.model.LogType;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.Runtime;

/**
 * restJson1 on the Lambda client model, every route read from the SDK's marshallers: the real
 * Lambda clients (sync and async, HTTP/1.1 and HTTP/2) against a small Lambda-shaped service. Path
 * labels, query parameters, headers, a raw payload and the JSON body reach the operation; answers
 * come back with their status code (the model's 201 and 204, the output's own {@code StatusCode}),
 * their headers and their payload; errors come back as the SDK's modelled exceptions.
 */
class LambdaRestJsonTest {

  @RegisterExtension static final PlatformStack stack = new PlatformStack();

  private static final Map<ClientKind, ClientKind.Clients<LambdaClient, LambdaAsyncClient>>
      CLIENTS = new ConcurrentHashMap<>();

  @BeforeEach
  void functions() {
    stack.lambda.handler(
        "upper", payload -> new String(payload, UTF_8).toUpperCase().getBytes(UTF_8));
    stack.lambda.handler(
        "fails",
        payload -> {
          throw new IllegalStateException("no good");
        });
  }

  @ParameterizedTest
  @EnumSource(ClientKind.class)
  void createFunctionAnswers201AndGetFunctionFindsItByNameAndByArn(ClientKind kind) {
    ClientKind.Clients<LambdaClient, LambdaAsyncClient> lambda = lambda(kind);
    byte[] zip = {'P', 'K', 3, 4, 0, (byte) 0xff};

    CreateFunctionResponse created = create(lambda, "orders", zip);
    GetFunctionResponse byName =
        lambda.call(
            c -> c.getFunction(b -> b.functionName("orders")),
            c -> c.getFunction(b -> b.functionName("orders")));
    String arn = created.functionArn();
    GetFunctionResponse byArn =
        lambda.call(
            c -> c.getFunction(b -> b.functionName(arn).qualifier("$LATEST")),
            c -> c.getFunction(b -> b.functionName(arn).qualifier("$LATEST")));

    assertThat(created.sdkHttpResponse().statusCode()).isEqualTo(201);
    assertThat(created.functionName()).isEqualTo("orders");
    assertThat(arn).isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:orders");
    assertThat(created.runtime()).isEqualTo(Runtime.JAVA21);
    assertThat(created.codeSize()).isEqualTo(zip.length);
    assertThat(created.memorySize()).isEqualTo(512);
    assertThat(created.environment().variables()).containsEntry("STAGE", "test");
    FunctionConfiguration configuration = byName.configuration();
    assertThat(byName.sdkHttpResponse().statusCode()).isEqualTo(200);
    assertThat(configuration.functionArn()).isEqualTo(arn);
    assertThat(configuration.handler()).isEqualTo("example.Handler::handleRequest");
    assertThat(configuration.codeSha256()).isEqualTo(created.codeSha256());
    assertThat(byName.tags()).containsExactlyEntriesOf(Map.of("team", "payments"));
    assertThat(byArn.configuration()).isEqualTo(configuration);
  }

  @ParameterizedTest
  @EnumSource(ClientKind.class)
  void invokeCarriesTheRawPayloadBothWaysWithHeadersAndStatusCode(ClientKind kind) {
    ClientKind.Clients<LambdaClient, LambdaAsyncClient> lambda = lambda(kind);
    create(lambda, "upper", new byte[] {1});

    InvokeResponse answered =
        invoke(
            lambda,
            InvokeRequest.builder()
                .functionName("upper")
                .qualifier("$LATEST")
                .logType(LogType.TAIL)
                .payload(SdkBytes.fromUtf8String("{\"order\": \"été\"}"))
                .build());
    InvokeResponse queued =
        invoke(
            lambda,
            InvokeRequest.builder()
                .functionName("upper")
                .invocationType(InvocationType.EVENT)
                .payload(SdkBytes.fromUtf8String("later"))
                .build());
    InvokeResponse dryRun =
        invoke(
            lambda,
            InvokeRequest.builder()
                .functionName("upper")
                .invocationType(InvocationType.DRY_RUN)
                .build());

    assertThat(answered.statusCode()).isEqualTo(200);
    assertThat(answered.sdkHttpResponse().statusCode()).isEqualTo(200);
    assertThat(answered.payload().asUtf8String()).isEqualTo("{\"ORDER\": \"ÉTÉ\"}");
    assertThat(answered.executedVersion()).isEqualTo("$LATEST");
    assertThat(answered.functionError()).isNull();
    assertThat(new String(Base64.getDecoder().decode(answered.logResult()), UTF_8))
        .isEqualTo("START upper $LATEST\nEND\n");
    assertThat(queued.statusCode()).isEqualTo(202);
    assertThat(queued.payload().asByteArray()).isEmpty();
    assertThat(stack.lambda.events).containsExactly("upper:later");
    assertThat(dryRun.statusCode()).isEqualTo(204);
  }

  @ParameterizedTest
  @EnumSource(ClientKind.class)
  void aFailingFunctionIsAnsweredWithItsFunctionError(ClientKind kind) {
    ClientKind.Clients<LambdaClient, LambdaAsyncClient> lambda = lambda(kind);
    create(lambda, "fails", new byte[] {1});

    InvokeResponse failed = invoke(lambda, InvokeRequest.builder().functionName("fails").build());

    assertThat(failed.statusCode()).isEqualTo(200);
    assertThat(failed.functionError()).isEqualTo("Unhandled");
    assertThat(failed.payload().asUtf8String())
        .isEqualTo("{\"errorMessage\":\"no good\",\"errorType\":\"IllegalStateException\"}");
    assertThat(failed.logResult()).isNull();
  }

  @ParameterizedTest
  @EnumSource(ClientKind.class)
  void listFunctionsPagesByQueryParameters(ClientKind kind) {
    ClientKind.Clients<LambdaClient, LambdaAsyncClient> lambda = lambda(kind);
    for (String name : List.of("c", "a", "b")) {
      create(lambda, name, new byte[] {1});
    }

    ListFunctionsResponse first =
        lambda.call(
            c -> c.listFunctions(b -> b.maxItems(2)), c -> c.listFunctions(b -> b.maxItems(2)));
    ListFunctionsResponse second =
        lambda.call(
            c -> c.listFunctions(b -> b.maxItems(2).marker(first.nextMarker())),
            c -> c.listFunctions(b -> b.maxItems(2).marker(first.nextMarker())));

    assertThat(first.functions())
        .extracting(FunctionConfiguration::functionName)
        .containsExactly("a", "b");
    assertThat(first.nextMarker()).isEqualTo("b");
    assertThat(second.functions())
        .extracting(FunctionConfiguration::functionName)
        .containsExactly("c");
    assertThat(second.nextMarker()).isNull();
  }

  @ParameterizedTest
  @EnumSource(ClientKind.class)
  void deleteFunctionAnswers204(ClientKind kind) {
    ClientKind.Clients<LambdaClient, LambdaAsyncClient> lambda = lambda(kind);
    create(lambda, "gone", new byte[] {1});

    DeleteFunctionResponse deleted =
        lambda.call(
            c -> c.deleteFunction(b -> b.functionName("gone")),
            c -> c.deleteFunction(b -> b.functionName("gone")));

    assertThat(deleted.sdkHttpResponse().statusCode()).isEqualTo(204);
    assertAwsError(
        () ->
            lambda.call(
                c -> c.getFunction(b -> b.functionName("gone")),
                c -> c.getFunction(b -> b.functionName("gone"))),
        ResourceNotFoundException.class,
        "ResourceNotFoundException",
        404);
  }

  @ParameterizedTest
  @EnumSource(ClientKind.class)
  void errorsAreTheModelledExceptionsWithTheirStatus(ClientKind kind) {
    ClientKind.Clients<LambdaClient, LambdaAsyncClient> lambda = lambda(kind);
    create(lambda, "taken", new byte[] {1});

    ResourceNotFoundException missing =
        assertAwsError(
            () -> invoke(lambda, InvokeRequest.builder().functionName("missing").build()),
            ResourceNotFoundException.class,
            "ResourceNotFoundException",
            404);
    assertAwsError(
        () -> create(lambda, "taken", new byte[] {1}),
        ResourceConflictException.class,
        "ResourceConflictException",
        409);
    assertAwsError(
        () ->
            lambda.call(
                c -> c.listFunctions(b -> b.maxItems(0)), c -> c.listFunctions(b -> b.maxItems(0))),
        InvalidParameterValueException.class,
        "InvalidParameterValueException",
        400);
    assertThat(missing.awsErrorDetails().errorMessage())
        .isEqualTo("Function not found: arn:aws:lambda:us-east-1:000000000000:function:missing");
  }

  // ---- on the raw wire

  @Test
  void anUnknownPathSignedForTheServiceIsItsUnknownOperation() {
    HttpResponse<String> response =
        new RawHttp(stack.endpoint())
            .post("/2015-03-31/nothing-here", lambdaHeaders(), "{}".getBytes(UTF_8));

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("x-amzn-ErrorType"))
        .hasValue("UnknownOperationException");
    assertThat(response.body())
        .isEqualTo("{\"Message\":\"No operation matches POST /2015-03-31/nothing-here.\"}");
  }

  @Test
  void aMalformedBodyAndABadQueryValueAreNamedAsTheServiceNamesThem() {
    RawHttp raw = new RawHttp(stack.endpoint());

    HttpResponse<String> malformed =
        raw.post("/2015-03-31/functions", lambdaHeaders(), "{\"FunctionName\":".getBytes(UTF_8));
    HttpResponse<String> badQuery = raw.get("/2015-03-31/functions/?MaxItems=many");

    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(malformed.headers().firstValue("x-amzn-ErrorType"))
        .hasValue("InvalidRequestContentException");
    assertThat(badQuery.statusCode()).isEqualTo(400);
    assertThat(badQuery.headers().firstValue("x-amzn-ErrorType"))
        .hasValue("InvalidParameterValueException");
    assertThat(badQuery.body()).contains("Invalid value many for MaxItems: not a Integer");
  }

  // ---- helpers

  private static Map<String, String> lambdaHeaders() {
    return Map.of(
        "Content-Type",
        "application/json",
        "Authorization",
        RawHttp.authorization("test", "us-east-1", "lambda"));
  }

  private static CreateFunctionResponse create(
      ClientKind.Clients<LambdaClient, LambdaAsyncClient> lambda, String name, byte[] zip) {
    return lambda.call(
        c -> c.createFunction(b -> createRequest(b, name, zip)),
        c -> c.createFunction(b -> createRequest(b, name, zip)));
  }

  private static void createRequest(
      CreateFunctionRequest.Builder builder, String name, byte[] zip) {
    builder
        .functionName(name)
        .runtime(Runtime.JAVA21)
        .role("arn:aws:iam::000000000000:role/lambda")
        .handler("example.Handler::handleRequest")
        .memorySize(512)
        .code(code -> code.zipFile(SdkBytes.fromByteArray(zip)))
        .environment(environment -> environment.variables(Map.of("STAGE", "test")))
        .tags(Map.of("team", "payments"));
  }

  private static InvokeResponse invoke(
      ClientKind.Clients<LambdaClient, LambdaAsyncClient> lambda, InvokeRequest request) {
    return lambda.call(c -> c.invoke(request), c -> c.invoke(request));
  }

  private static ClientKind.Clients<LambdaClient, LambdaAsyncClient> lambda(ClientKind kind) {
    return CLIENTS.computeIfAbsent(
        kind,
        k ->
            stack.track(
                k.clients(
                    stack.endpoint(),
                    LambdaClient::builder,
                    LambdaAsyncClient::builder,
                    List.of())));
  }
}
