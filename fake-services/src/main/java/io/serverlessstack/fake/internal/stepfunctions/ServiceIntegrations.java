package io.serverlessstack.fake.internal.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.serverlessstack.fake.internal.clock.StackClock;
import io.serverlessstack.fake.internal.lambda.LambdaEngine;
import io.serverlessstack.fake.internal.lambda.ServiceInvocations;
import io.serverlessstack.fake.internal.platform.ServiceContext;
import io.serverlessstack.fake.internal.protocol.AwsErrorException;
import io.serverlessstack.fake.internal.protocol.AwsJsonCodec;
import io.serverlessstack.fake.internal.server.AwsService;
import io.serverlessstack.fake.internal.server.Ids;
import io.serverlessstack.fake.internal.server.RequestContext;
import io.serverlessstack.fake.internal.server.Scope;
import io.serverlessstack.fake.internal.stepfunctions.asl.StatesError;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import software.amazon.awssdk.core.SdkPojo;

/**
 * Task states' calls into the stack: Lambda functions through the function registry, every other
 * service through its own operations, as its SDK client would call them, so a task meets the same
 * checks and errors as a client; {@code .waitForTaskToken} tasks through the tokens the callback
 * operations complete.
 */
final class ServiceIntegrations implements Integrations {

  /** AWS's names of the services in SDK integrations and errors, by the stack's service ids. */
  private static final Map<String, String> SERVICE_IDS =
      Map.of("sfn", StepFunctionsPlugin.ID, "states", StepFunctionsPlugin.ID);

  private final ServiceContext services;
  private final StackClock clock;
  private final Map<String, PendingTask> tokens = new ConcurrentHashMap<>();
  private final Activities activities;

  ServiceIntegrations(ServiceContext services, StackClock clock, Activities activities) {
    this.services = services;
    this.clock = clock;
    this.activities = activities;
  }

  /** A task waiting for SendTaskSuccess or SendTaskFailure. */
  static final class PendingTask {
    final Execution execution;
    final CompletableFuture<JsonNode> result = new CompletableFuture<>();
    final Long heartbeatSeconds;
    private StackClock.Scheduled heartbeat;

    PendingTask(Execution execution, Long heartbeatSeconds) {
      this.execution = execution;
      this.heartbeatSeconds = heartbeatSeconds;
    }

    synchronized void beat(StackClock clock) {
      if (heartbeat != null) {
        heartbeat.cancel();
      }
      if (heartbeatSeconds != null) {
        heartbeat =
            clock.schedule(
                clock.now().plusSeconds(heartbeatSeconds),
                () ->
                    result.completeExceptionally(
                        StatesError.of(StatesError.HEARTBEAT_TIMEOUT, null)));
      }
    }
  }

  @Override
  public String newToken() {
    byte[] random = new byte[96];
    java.util.concurrent.ThreadLocalRandom.current().nextBytes(random);
    return "AQ" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
  }

  /** The task a token names, or {@code null} when it names none that still waits. */
  PendingTask pending(String token) {
    return tokens.get(token);
  }

  /** A task that waits for SendTaskSuccess or SendTaskFailure with {@code token}. */
  private PendingTask register(String token, Execution execution, Long heartbeatSeconds) {
    PendingTask pending = new PendingTask(execution, heartbeatSeconds);
    tokens.put(token, pending);
    pending.result.whenComplete((result, failure) -> tokens.remove(token, pending));
    execution.ended.whenComplete((outcome, failure) -> pending.result.cancel(false));
    return pending;
  }

  @Override
  public void checkResource(Execution execution, TaskResource resource) {
    if (resource.kind() == TaskResource.Kind.ACTIVITY && activities.find(resource.arn()) == null) {
      throw StatesError.inState(
          StatesError.RUNTIME, "The activity " + resource.arn() + " does not exist.");
    }
  }

  @Override
  public CompletableFuture<JsonNode> call(TaskCall call, Consumer<JsonNode> submitted) {
    if (call.resource().kind() == TaskResource.Kind.ACTIVITY) {
      return activityTask(call, submitted);
    }
    PendingTask pending = null;
    if (call.token() != null) {
      pending = register(call.token(), call.execution(), call.heartbeatSeconds());
    }
    CompletableFuture<JsonNode> answered;
    try {
      answered = dispatch(call);
    } catch (StatesError error) {
      answered = CompletableFuture.failedFuture(error);
    }
    if (pending == null) {
      return answered;
    }
    PendingTask waiting = pending;
    return answered.thenCompose(
        response -> {
          submitted.accept(response);
          waiting.beat(clock);
          return waiting.result;
        });
  }

  private CompletableFuture<JsonNode> dispatch(TaskCall call) {
    TaskResource resource = call.resource();
    Scope scope = call.execution().machine.scope;
    switch (resource.kind()) {
      case LAMBDA_ARN:
        return invoke(resource.arn(), call.parameters(), call.execution())
            .thenApply(answer -> parsePayload(answer.payload()));
      case SDK:
        {
          String service = resource.service().substring("aws-sdk:".length());
          return callOperation(
              SERVICE_IDS.getOrDefault(service, service),
              resource.operation(),
              call.parameters(),
              scope,
              call.execution(),
              capitalized(service));
        }
      default:
        break;
    }
    if ("lambda".equals(resource.service()) && "invoke".equals(resource.operation())) {
      return lambdaInvoke(call);
    }
    return callOperation(
            SERVICE_IDS.getOrDefault(resource.service(), resource.service()),
            resource.operation(),
            serviceParameters(resource, call.parameters()),
            scope,
            call.execution(),
            resource.service().toUpperCase(Locale.ROOT))
        .thenApply(ServiceIntegrations::withMetadata);
  }

  /**
   * Queues an activity task for its workers with a task token of its own; {@code started} hears of
   * the worker that takes it, whose heartbeats count from then on. The task leaves the queue when
   * it ends unstarted (its execution ended, or its state timed out).
   */
  private CompletableFuture<JsonNode> activityTask(TaskCall call, Consumer<JsonNode> started) {
    Activities.Activity activity = activities.find(call.resource().arn());
    if (activity == null) {
      return CompletableFuture.failedFuture(
          StatesError.inState(
              StatesError.RUNTIME, "The activity " + call.resource().arn() + " does not exist."));
    }
    String token = newToken();
    PendingTask pending = register(token, call.execution(), call.heartbeatSeconds());
    Activities.Task task =
        new Activities.Task(
            token,
            Payloads.text(call.parameters()),
            workerName -> {
              started.accept(
                  workerName == null
                      ? Payloads.NODES.nullNode()
                      : Payloads.NODES.textNode(workerName));
              pending.beat(clock);
            });
    CompletableFuture<JsonNode> result = new CompletableFuture<>();
    pending.result.whenComplete(
        (output, failure) -> {
          activities.unschedule(activity, task);
          if (failure == null) {
            result.complete(output);
          } else {
            result.completeExceptionally(failure);
          }
        });
    result.whenComplete((output, failure) -> pending.result.cancel(false));
    activities.schedule(activity, task);
    return result;
  }

  /** Optimized integrations take JSON bodies where the API takes text, and write them so. */
  private static JsonNode serviceParameters(TaskResource resource, JsonNode parameters) {
    if (!parameters.isObject()) {
      return parameters;
    }
    String textField =
        switch (resource.service() + ":" + resource.operation()) {
          case "sqs:sendMessage" -> "MessageBody";
          case "sns:publish" -> "Message";
          case "states:startExecution" -> "Input";
          default -> null;
        };
    if (textField == null) {
      return parameters;
    }
    JsonNode value = parameters.get(textField);
    if (value == null || value.isTextual()) {
      return parameters;
    }
    ObjectNode copy = ((ObjectNode) parameters).deepCopy();
    copy.put(textField, Payloads.text(value));
    return copy;
  }

  private CompletableFuture<JsonNode> lambdaInvoke(TaskCall call) {
    JsonNode parameters = call.parameters();
    JsonNode name = parameters.get("FunctionName");
    if (name == null) {
      throw StatesError.of(
          StatesError.RUNTIME, "The field 'FunctionName' is required but was missing");
    }
    String functionArn = functionArn(name.asText(), call.execution().machine.scope);
    if (parameters.hasNonNull("Qualifier") && functionArn.split(":").length == 7) {
      functionArn = functionArn + ":" + parameters.get("Qualifier").asText();
    }
    JsonNode payload = parameters.get("Payload");
    return invoke(functionArn, payload, call.execution())
        .thenApply(
            answer -> {
              ObjectNode result = Payloads.NODES.objectNode();
              result.put("ExecutedVersion", "$LATEST");
              result.set("Payload", parsePayload(answer.payload()));
              metadata(result, answer.requestId());
              result.put("StatusCode", 200);
              return result;
            });
  }

  private CompletableFuture<ServiceInvocations.Answer> invoke(
      String functionArn, JsonNode payload, Execution execution) {
    byte[] bytes =
        payload == null ? "{}".getBytes(StandardCharsets.UTF_8) : Payloads.bytes(payload);
    LambdaEngine lambda = services.engine("lambda", LambdaEngine.class);
    return ServiceInvocations.invoke(lambda, functionArn, bytes, execution.arn)
        .handle(
            (answer, failure) -> {
              if (failure != null) {
                throw serviceError("Lambda", "AWSLambda", Interpreter.unwrap(failure));
              }
              if (answer.failed()) {
                String errorType = answer.errorType() == null ? "Exception" : answer.errorType();
                throw StatesError.of(
                    errorType, new String(answer.payload(), StandardCharsets.UTF_8));
              }
              return answer;
            });
  }

  private static String functionArn(String name, Scope scope) {
    if (name.startsWith("arn:")) {
      return name;
    }
    return "arn:aws:lambda:" + scope.region() + ":" + scope.accountId() + ":function:" + name;
  }

  /** Calls {@code operation} of service {@code serviceId} as a client of the execution's scope. */
  private CompletableFuture<JsonNode> callOperation(
      String serviceId,
      String operation,
      JsonNode parameters,
      Scope scope,
      Execution execution,
      String errorPrefix) {
    if (!services.runs(serviceId)) {
      throw StatesError.of(
          StatesError.RUNTIME, "The stack does not run the service '" + serviceId + "'");
    }
    AwsService service = services.service(serviceId);
    String name = Character.toUpperCase(operation.charAt(0)) + operation.substring(1);
    AwsService.Operation op = service.operation(name);
    if (op == null || op.streams()) {
      throw StatesError.of(
          StatesError.RUNTIME,
          "The resource provided is not supported: " + serviceId + ":" + operation);
    }
    SdkPojo request;
    try {
      request = AwsJsonCodec.JSON.read(Payloads.bytes(parameters), op.requestBuilder().get());
    } catch (RuntimeException invalid) {
      throw StatesError.of(
          StatesError.RUNTIME,
          "The parameters of "
              + serviceId
              + ":"
              + operation
              + " are invalid: "
              + invalid.getMessage());
    }
    RequestContext context =
        new RequestContext(
            scope.accountId(),
            scope.region(),
            Ids.randomUuid(),
            execution.baseUrl,
            StackClock.InFlight.UNTRACKED);
    return op.handler()
        .handle(request, context)
        .toCompletableFuture()
        .handle(
            (response, failure) -> {
              if (failure != null) {
                throw serviceError(errorPrefix, errorPrefix, Interpreter.unwrap(failure));
              }
              try {
                return Payloads.parse(AwsJsonCodec.JSON.write(response));
              } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
  }

  /** A service's error as a task's: {@code Service.CodeException} and the SDK's message. */
  private static StatesError serviceError(String prefix, String serviceName, Throwable failure) {
    if (failure instanceof AwsErrorException error) {
      String code = error.code();
      String exception = code.endsWith("Exception") ? code : code + "Exception";
      return StatesError.of(
          prefix + "." + exception,
          error.getMessage()
              + " (Service: "
              + serviceName
              + ", Status Code: "
              + error.status()
              + ", Request ID: "
              + Ids.randomUuid()
              + ")");
    }
    if (failure instanceof StatesError error) {
      return error;
    }
    return StatesError.of(prefix + ".SdkClientException", String.valueOf(failure.getMessage()));
  }

  private static JsonNode withMetadata(JsonNode response) {
    if (response instanceof ObjectNode object) {
      metadata(object, Ids.randomUuid());
    }
    return response;
  }

  /** The SDK metadata AWS adds to an optimized integration's result. */
  private static void metadata(ObjectNode result, String requestId) {
    ObjectNode http = result.putObject("SdkHttpMetadata");
    ObjectNode headers = http.putObject("AllHttpHeaders");
    headers.putArray("Content-Type").add("application/json");
    headers.putArray("x-amzn-RequestId").add(requestId);
    ObjectNode single = http.putObject("HttpHeaders");
    single.put("Content-Type", "application/json");
    single.put("x-amzn-RequestId", requestId);
    http.put("HttpStatusCode", 200);
    result.putObject("SdkResponseMetadata").put("RequestId", requestId);
  }

  private static JsonNode parsePayload(byte[] payload) {
    if (payload == null || payload.length == 0) {
      return Payloads.NODES.nullNode();
    }
    try {
      return Payloads.parse(payload);
    } catch (java.io.IOException notJson) {
      return Payloads.NODES.textNode(new String(payload, StandardCharsets.UTF_8));
    }
  }

  private static String capitalized(String service) {
    return Character.toUpperCase(service.charAt(0)) + service.substring(1);
  }

  /** Forgets every waiting task, for a stack reset. */
  void reset() {
    tokens.clear();
  }
}
