package io.serverlessstack.fake.internal.protocol;

import io.serverlessstack.fake.internal.server.AwsService;
import io.serverlessstack.fake.internal.server.RequestContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.CreateFunctionRequest;
import software.amazon.awssdk.services.lambda.model.CreateFunctionResponse;
import software.amazon.awssdk.services.lambda.model.DeleteFunctionRequest;
import software.amazon.awssdk.services.lambda.model.DeleteFunctionResponse;
import software.amazon.awssdk.services.lambda.model.EnvironmentResponse;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.GetFunctionRequest;
import software.amazon.awssdk.services.lambda.model.GetFunctionResponse;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeRequest;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.ListFunctionsRequest;
import software.amazon.awssdk.services.lambda.model.ListFunctionsResponse;
import software.amazon.awssdk.services.lambda.model.LogType;

/**
 * A small Lambda-shaped test service on the Lambda client model, speaking restJson1 with every
 * route read from the model: functions are Java functions over the raw payload, registered by the
 * test; what a function was created with is kept and answered back. It names its errors as Lambda
 * does.
 */
final class TestLambda {

  /** Invocations of type {@code Event}, as they were handed over. */
  final List<String> events = new CopyOnWriteArrayList<>();

  private record Function(FunctionConfiguration configuration, Map<String, String> tags) {}

  private final Map<String, Function> functions = new ConcurrentSkipListMap<>();
  private final Map<String, UnaryOperator<byte[]>> code = new ConcurrentSkipListMap<>();

  /** What a function named {@code name} does once it is created; an exception is its error. */
  void handler(String name, UnaryOperator<byte[]> handler) {
    code.put(name, handler);
  }

  void reset() {
    functions.clear();
    events.clear();
  }

  AwsService service() {
    return AwsService.builder("lambda")
        .speaks(
            RestJsonBinding.restJson1()
                .withSuccessStatus("CreateFunction", 201)
                .withSuccessStatus("DeleteFunction", 204)
                .withErrorMessageMember("Message"))
        .withErrors(
            new ProtocolErrors() {
              @Override
              public AwsErrorException malformedRequest(WireProtocol protocol, String detail) {
                return new AwsErrorException(
                    "InvalidRequestContentException",
                    "InvalidRequestContentException",
                    400,
                    "Could not parse request body into json: " + detail);
              }

              @Override
              public AwsErrorException invalidValue(
                  WireProtocol protocol, String parameter, String value, String expectedType) {
                return invalidParameter(
                    "Invalid value " + value + " for " + parameter + ": not a " + expectedType);
              }
            })
        .operation("CreateFunction", CreateFunctionRequest::builder, this::createFunction)
        .operation("GetFunction", GetFunctionRequest::builder, this::getFunction)
        .operation("ListFunctions", ListFunctionsRequest::builder, this::listFunctions)
        .operation("Invoke", InvokeRequest::builder, this::invoke)
        .operation("DeleteFunction", DeleteFunctionRequest::builder, this::deleteFunction)
        .build();
  }

  private CreateFunctionResponse createFunction(
      CreateFunctionRequest request, RequestContext context) {
    byte[] zip =
        request.code() == null || request.code().zipFile() == null
            ? new byte[0]
            : request.code().zipFile().asByteArray();
    FunctionConfiguration configuration =
        FunctionConfiguration.builder()
            .functionName(request.functionName())
            .functionArn(arn(request.functionName(), context))
            .runtime(request.runtime())
            .role(request.role())
            .handler(request.handler())
            .description(request.description())
            .timeout(request.timeout() == null ? 3 : request.timeout())
            .memorySize(request.memorySize() == null ? 128 : request.memorySize())
            .codeSize((long) zip.length)
            .codeSha256(sha256(zip))
            .version("$LATEST")
            .lastModified("2030-01-02T03:04:05.678+0000")
            .environment(
                request.environment() == null
                    ? null
                    : EnvironmentResponse.builder()
                        .variables(request.environment().variables())
                        .build())
            .build();
    if (functions.putIfAbsent(request.functionName(), new Function(configuration, request.tags()))
        != null) {
      throw new AwsErrorException(
          "ResourceConflictException",
          "ResourceConflictException",
          409,
          "Function already exist: " + request.functionName());
    }
    return CreateFunctionResponse.builder()
        .functionName(configuration.functionName())
        .functionArn(configuration.functionArn())
        .runtime(configuration.runtime())
        .role(configuration.role())
        .handler(configuration.handler())
        .description(configuration.description())
        .timeout(configuration.timeout())
        .memorySize(configuration.memorySize())
        .codeSize(configuration.codeSize())
        .codeSha256(configuration.codeSha256())
        .version(configuration.version())
        .lastModified(configuration.lastModified())
        .environment(configuration.environment())
        .build();
  }

  private GetFunctionResponse getFunction(GetFunctionRequest request, RequestContext context) {
    Function function = function(request.functionName(), request.qualifier(), context);
    return GetFunctionResponse.builder()
        .configuration(function.configuration())
        .tags(function.tags())
        .build();
  }

  private ListFunctionsResponse listFunctions(
      ListFunctionsRequest request, RequestContext context) {
    int max = request.maxItems() == null ? 50 : request.maxItems();
    if (max < 1 || max > 10_000) {
      throw invalidParameter("MaxItems must be between 1 and 10000: " + max);
    }
    List<FunctionConfiguration> page = new ArrayList<>();
    String next = null;
    for (Function function : functions.values()) {
      String name = function.configuration().functionName();
      if (request.marker() != null && name.compareTo(request.marker()) <= 0) {
        continue;
      }
      if (page.size() == max) {
        next = page.get(page.size() - 1).functionName();
        break;
      }
      page.add(function.configuration());
    }
    return ListFunctionsResponse.builder().functions(page).nextMarker(next).build();
  }

  private InvokeResponse invoke(InvokeRequest request, RequestContext context) {
    Function function = function(request.functionName(), request.qualifier(), context);
    String name = function.configuration().functionName();
    byte[] payload = request.payload() == null ? new byte[0] : request.payload().asByteArray();
    InvocationType type =
        request.invocationType() == null
            ? InvocationType.REQUEST_RESPONSE
            : request.invocationType();
    String version = request.qualifier() == null ? "$LATEST" : request.qualifier();
    switch (type) {
      case DRY_RUN:
        return InvokeResponse.builder().statusCode(204).build();
      case EVENT:
        events.add(name + ":" + new String(payload, StandardCharsets.UTF_8));
        return InvokeResponse.builder().statusCode(202).build();
      default:
        break;
    }
    InvokeResponse.Builder response =
        InvokeResponse.builder().statusCode(200).executedVersion(version);
    String log = "START " + name + " " + version + "\n";
    try {
      response.payload(SdkBytes.fromByteArray(code.getOrDefault(name, p -> p).apply(payload)));
      log += "END\n";
    } catch (RuntimeException e) {
      response
          .functionError("Unhandled")
          .payload(
              SdkBytes.fromUtf8String(
                  "{\"errorMessage\":\""
                      + e.getMessage()
                      + "\",\"errorType\":\""
                      + e.getClass().getSimpleName()
                      + "\"}"));
      log += "ERROR " + e.getMessage() + "\n";
    }
    if (request.logType() == LogType.TAIL) {
      response.logResult(Base64.getEncoder().encodeToString(log.getBytes(StandardCharsets.UTF_8)));
    }
    return response.build();
  }

  private DeleteFunctionResponse deleteFunction(
      DeleteFunctionRequest request, RequestContext context) {
    Function function = function(request.functionName(), request.qualifier(), context);
    functions.remove(function.configuration().functionName());
    return DeleteFunctionResponse.builder().build();
  }

  /** A function by name or ARN; a qualifier other than {@code $LATEST} names no version here. */
  private Function function(String nameOrArn, String qualifier, RequestContext context) {
    String name = nameOrArn;
    if (nameOrArn != null && nameOrArn.startsWith("arn:")) {
      name = nameOrArn.substring(nameOrArn.lastIndexOf(':') + 1);
    }
    Function function = name == null ? null : functions.get(name);
    if (function == null || (qualifier != null && !qualifier.equals("$LATEST"))) {
      throw new AwsErrorException(
          "ResourceNotFoundException",
          "ResourceNotFoundException",
          404,
          "Function not found: " + arn(name, context) + (qualifier == null ? "" : ":" + qualifier));
    }
    return function;
  }

  private static AwsErrorException invalidParameter(String message) {
    return new AwsErrorException(
        "InvalidParameterValueException", "InvalidParameterValueException", 400, message);
  }

  private static String arn(String name, RequestContext context) {
    return "arn:aws:lambda:" + context.region() + ":" + context.accountId() + ":function:" + name;
  }

  private static String sha256(byte[] bytes) {
    try {
      return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
