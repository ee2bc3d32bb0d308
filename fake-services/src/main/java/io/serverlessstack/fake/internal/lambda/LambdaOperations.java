package io.serverlessstack.fake.internal.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import io.serverlessstack.api.FunctionView;
import io.serverlessstack.fake.internal.protocol.AwsErrorException;
import io.serverlessstack.fake.internal.protocol.ModelViolations;
import io.serverlessstack.fake.internal.protocol.ProtocolErrors;
import io.serverlessstack.fake.internal.protocol.RestJsonBinding;
import io.serverlessstack.fake.internal.protocol.WireProtocol;
import io.serverlessstack.fake.internal.server.AwsService;
import io.serverlessstack.fake.internal.server.Ids;
import io.serverlessstack.fake.internal.server.RawRoute;
import io.serverlessstack.fake.internal.server.RequestContext;
import io.serverlessstack.fake.internal.server.ResourceCollection;
import io.serverlessstack.fake.internal.server.Scope;
import io.serverlessstack.fake.internal.server.StackRequest;
import io.serverlessstack.fake.internal.server.StackResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.lambda.model.*;

/**
 * Lambda's operations over restJson1: each decodes an SDK request, calls the {@link LambdaEngine}
 * and builds the SDK response. Functions' configurations are the SDK's own {@link
 * FunctionConfiguration}, kept as created and updated.
 */
public final class LambdaOperations {

  /**
   * Invoke's payload limits: 6 MB answered at once, 1 MB queued (Lambda's limit for asynchronous
   * invocations since October 2025; it was 256 KB).
   */
  static final int SYNC_PAYLOAD_LIMIT = 6 * 1024 * 1024;

  private static final int ASYNC_PAYLOAD_LIMIT = 1024 * 1024;

  private static final Pattern ROLE =
      Pattern.compile("arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+");

  private static final Pattern HANDLER = Pattern.compile("[^\\s]+");

  /** An alias name: not all digits, which would be a version. */
  private static final Pattern ALIAS = Pattern.compile("(?!^[0-9]+$)[a-zA-Z0-9_-]+");

  /** What an alias may point at: {@code $LATEST} or a version number. */
  private static final Pattern ALIAS_TARGET =
      Pattern.compile("\\$LATEST(\\.PUBLISHED)?|[0-9]{1,1024}");

  /** A destination for asynchronous invocations' records. */
  private static final Pattern DESTINATION =
      Pattern.compile(
          "$|kafka://([^.]([a-zA-Z0-9\\-_.]{0,248}))|arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9\\-])+:"
              + "((eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1})?:(\\d{12})?:(.*)");

  /** A resource ARN TagResource, UntagResource and ListTags take. */
  private static final Pattern TAGGABLE =
      Pattern.compile(
          "arn:(aws[a-zA-Z-]*):lambda:(eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d:\\d{12}:"
              + "(function:[a-zA-Z0-9_-]+(:(\\$LATEST|[a-zA-Z0-9_-]+))?|layer:([a-zA-Z0-9_-]+)"
              + "|code-signing-config:csc-[a-z0-9]{17}"
              + "|event-source-mapping:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}"
              + "-[0-9a-fA-F]{12}|capacity-provider:[a-zA-Z0-9_-]+)");

  /** A function's own name, as CreateFunction takes it within the longer ARN forms. */
  private static final int MAX_NAME_LENGTH = 64;

  private static final int MAX_TIMEOUT_SECONDS = 900;

  private static final int MAX_MEMORY_MB = 10_240;

  private static final int MAX_TAGS = 50;

  /** The account's 1,000 concurrent executions less the 100 Lambda keeps unreserved. */
  private static final int MAX_RESERVED_CONCURRENCY = 900;

  private static final int PAGE_SIZE = 50;

  private final LambdaEngine engine;

  private LambdaOperations(LambdaEngine engine) {
    this.engine = engine;
  }

  /** Lambda as the front door serves it. */
  public static AwsService service(LambdaEngine engine) {
    LambdaOperations ops = new LambdaOperations(engine);
    return AwsService.builder("lambda")
        .engine(engine)
        .resets(engine::reset)
        .closes(engine::close)
        .inspects(
            new ResourceCollection(
                "functions",
                FunctionView.TYPE,
                baseUrl -> engine.inspectFunctions(),
                (baseUrl, nameOrArn) -> engine.inspectFunction(nameOrArn)))
        .speaks(
            RestJsonBinding.restJson1()
                .withSuccessStatus("CreateFunction", 201)
                .withSuccessStatus("DeleteFunction", 204)
                .withSuccessStatus("PublishVersion", 201)
                .withSuccessStatus("CreateAlias", 201)
                .withSuccessStatus("DeleteAlias", 204)
                .withSuccessStatus("DeleteFunctionConcurrency", 204)
                .withSuccessStatus("DeleteFunctionEventInvokeConfig", 204)
                .withSuccessStatus("CreateEventSourceMapping", 202)
                .withSuccessStatus("UpdateEventSourceMapping", 202)
                .withSuccessStatus("DeleteEventSourceMapping", 202)
                .withSuccessStatus("TagResource", 204)
                .withSuccessStatus("UntagResource", 204)
                .withErrorMessageMember("Message"))
        .withErrors(new LambdaProtocolErrors())
        .rawRoute(
            new RawRoute(
                "functions hosted in the test JVM",
                LambdaPlugin::isTestJvmRegistration,
                (request, context) ->
                    CompletableFuture.completedFuture(ops.registerTestJvmFunction(request))))
        .operation("CreateFunction", CreateFunctionRequest::builder, ops::createFunction)
        .operation("GetFunction", GetFunctionRequest::builder, ops::getFunction)
        .operation(
            "GetFunctionConfiguration",
            GetFunctionConfigurationRequest::builder,
            ops::getFunctionConfiguration)
        .operation("ListFunctions", ListFunctionsRequest::builder, ops::listFunctions)
        .operation("DeleteFunction", DeleteFunctionRequest::builder, ops::deleteFunction)
        .operation(
            "UpdateFunctionConfiguration",
            UpdateFunctionConfigurationRequest::builder,
            ops::updateFunctionConfiguration)
        .operation(
            "UpdateFunctionCode", UpdateFunctionCodeRequest::builder, ops::updateFunctionCode)
        .operation("PublishVersion", PublishVersionRequest::builder, ops::publishVersion)
        .operation(
            "ListVersionsByFunction", ListVersionsByFunctionRequest::builder, ops::listVersions)
        .operation("CreateAlias", CreateAliasRequest::builder, ops::createAlias)
        .operation("GetAlias", GetAliasRequest::builder, ops::getAlias)
        .operation("UpdateAlias", UpdateAliasRequest::builder, ops::updateAlias)
        .operation("DeleteAlias", DeleteAliasRequest::builder, ops::deleteAlias)
        .operation("ListAliases", ListAliasesRequest::builder, ops::listAliases)
        .asyncOperation("Invoke", InvokeRequest::builder, ops::invoke)
        .operation(
            "PutFunctionConcurrency", PutFunctionConcurrencyRequest::builder, ops::putConcurrency)
        .operation(
            "GetFunctionConcurrency", GetFunctionConcurrencyRequest::builder, ops::getConcurrency)
        .operation(
            "DeleteFunctionConcurrency",
            DeleteFunctionConcurrencyRequest::builder,
            ops::deleteConcurrency)
        .operation(
            "PutFunctionEventInvokeConfig",
            PutFunctionEventInvokeConfigRequest::builder,
            ops::putEventInvokeConfig)
        .operation(
            "GetFunctionEventInvokeConfig",
            GetFunctionEventInvokeConfigRequest::builder,
            ops::getEventInvokeConfig)
        .operation(
            "DeleteFunctionEventInvokeConfig",
            DeleteFunctionEventInvokeConfigRequest::builder,
            ops::deleteEventInvokeConfig)
        .operation(
            "CreateEventSourceMapping",
            CreateEventSourceMappingRequest::builder,
            ops::createEventSourceMapping)
        .operation(
            "GetEventSourceMapping",
            GetEventSourceMappingRequest::builder,
            ops::getEventSourceMapping)
        .operation(
            "UpdateEventSourceMapping",
            UpdateEventSourceMappingRequest::builder,
            ops::updateEventSourceMapping)
        .operation(
            "DeleteEventSourceMapping",
            DeleteEventSourceMappingRequest::builder,
            ops::deleteEventSourceMapping)
        .operation(
            "ListEventSourceMappings",
            ListEventSourceMappingsRequest::builder,
            ops::listEventSourceMappings)
        .operation("TagResource", TagResourceRequest::builder, ops::tagResource)
        .operation("UntagResource", UntagResourceRequest::builder, ops::untagResource)
        .operation("ListTags", ListTagsRequest::builder, ops::listTags)
        .build();
  }

  /** Lambda's words for requests the protocol cannot read. */
  private static final class LambdaProtocolErrors implements ProtocolErrors {
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
      return LambdaErrors.invalidParameter(
          "Invalid value " + value + " for " + parameter + ": not a " + expectedType);
    }
  }

  // ---- functions

  /**
   * Deploys a function whose handler runs in the test JVM that registers it ({@link
   * TestJvmFunctions}), until the next reset: {@code {"name", "handler", "timeoutSeconds",
   * "memoryMb", "environment", "url"}}.
   */
  private StackResponse registerTestJvmFunction(StackRequest request) {
    JsonNode body;
    try {
      body = LambdaEngine.JSON.readTree(request.body());
    } catch (java.io.IOException e) {
      return StackResponse.of(400, "text/plain", "Not JSON: " + e.getMessage());
    }
    String name = body.path("name").asText("");
    String url = body.path("url").asText("");
    int timeout = body.path("timeoutSeconds").asInt(LambdaEngine.DEFAULT_TIMEOUT_SECONDS);
    int memory = body.path("memoryMb").asInt(LambdaEngine.DEFAULT_MEMORY_MB);
    if (!name.matches("[a-zA-Z0-9_-]{1,64}")
        || !url.startsWith("http://")
        || timeout < 1
        || timeout > MAX_TIMEOUT_SECONDS
        || memory < 128
        || memory > MAX_MEMORY_MB) {
      return StackResponse.of(
          400,
          "text/plain",
          "Needs a function name, the host's http:// URL and a timeout and memory Lambda allows");
    }
    Map<String, String> environment = new java.util.LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> variable : body.path("environment").properties()) {
      environment.put(variable.getKey(), variable.getValue().asText());
    }
    engine.deploy(
        new LambdaEngine.Registration(
            name,
            engine.testJvmCode(java.net.URI.create(url)),
            body.path("handler").asText(name),
            timeout,
            memory,
            Map.copyOf(environment)));
    return StackResponse.of(
        200,
        "application/json",
        "{\"functionArn\":\"" + FunctionRef.arn(Scope.DEFAULT, name) + "\"}");
  }

  private CreateFunctionResponse createFunction(
      CreateFunctionRequest request, RequestContext context) {
    ModelViolations violations = new ModelViolations();
    FunctionRef.check(FunctionRef.Form.PLAIN, "functionName", request.functionName(), violations);
    checkRole(request.role(), violations, true);
    checkHandler(request.handler(), violations);
    if (request.code() == null) {
      violations.add("code", null, "Member must not be null");
    }
    checkSettings(request.description(), request.timeout(), request.memorySize(), violations);
    violations.throwIfAny();
    FunctionRef ref =
        FunctionRef.parse(
            FunctionRef.Form.PLAIN, "functionName", request.functionName(), null, context.scope());
    if (ref.name().length() > MAX_NAME_LENGTH) {
      // Checked past the model's validation, so Lambda words it as one but answers it as this.
      throw LambdaErrors.invalidParameter(
          new ModelViolations()
              .add(
                  "functionName",
                  ref.name(),
                  "Member must have length less than or equal to " + MAX_NAME_LENGTH)
              .message());
    }
    if (ref.qualifier() != null) {
      throw LambdaErrors.invalidParameter("Unsupported function name: " + request.functionName());
    }
    FunctionCode code = request.code();
    byte[] zip = code.zipFile() == null ? null : code.zipFile().asByteArray();
    if (zip == null && code.s3Bucket() == null && code.imageUri() == null) {
      throw LambdaErrors.invalidParameter("Please provide a source for function code.");
    }
    boolean image = "Image".equals(request.packageTypeAsString());
    if (image && (request.handler() != null || request.runtime() != null)) {
      throw LambdaErrors.invalidParameter(
          "Please don't provide Handler or Runtime or Layer when the intended function PackageType"
              + " is Image.");
    }
    if (!image && (request.runtime() == null || request.handler() == null)) {
      throw LambdaErrors.invalidParameter(
          "Runtime and Handler are mandatory parameters for functions created with deployment"
              + " packages.");
    }
    if (request.hasTags() && request.tags().size() > MAX_TAGS) {
      throw LambdaErrors.invalidParameter("Number of tags exceeds resource tag limit.");
    }
    byte[] codeBytes =
        zip != null
            ? zip
            : (String.valueOf(code.s3Bucket()) + "/" + code.s3Key() + code.imageUri())
                .getBytes(StandardCharsets.UTF_8);
    FunctionConfiguration.Builder configuration =
        FunctionConfiguration.builder()
            .runtime(request.runtimeAsString())
            .role(request.role())
            .handler(request.handler())
            .description(request.description() == null ? "" : request.description())
            .timeout(
                request.timeout() == null
                    ? LambdaEngine.DEFAULT_TIMEOUT_SECONDS
                    : request.timeout())
            .memorySize(
                request.memorySize() == null
                    ? LambdaEngine.DEFAULT_MEMORY_MB
                    : request.memorySize())
            .codeSize((long) codeBytes.length)
            .codeSha256(LambdaEngine.sha256Base64(codeBytes))
            .packageType(image ? "Image" : "Zip")
            .architecturesWithStrings(
                request.hasArchitectures() ? request.architecturesAsStrings() : List.of("x86_64"))
            .ephemeralStorage(
                request.ephemeralStorage() != null
                    ? request.ephemeralStorage()
                    : EphemeralStorage.builder().size(512).build())
            .tracingConfig(
                TracingConfigResponse.builder()
                    .mode(
                        request.tracingConfig() == null
                            ? "PassThrough"
                            : request.tracingConfig().modeAsString())
                    .build())
            .loggingConfig(
                LoggingConfig.builder()
                    .logFormat("Text")
                    .logGroup("/aws/lambda/" + ref.name())
                    .build());
    if (request.environment() != null && request.environment().variables() != null) {
      configuration.environment(
          EnvironmentResponse.builder().variables(request.environment().variables()).build());
    }
    if (request.deadLetterConfig() != null) {
      configuration.deadLetterConfig(request.deadLetterConfig());
    }
    FunctionConfiguration created =
        engine.create(
            ref.scope(),
            ref.name(),
            new LambdaEngine.FunctionSpec(
                configuration.build(),
                request.handler() == null ? null : engine.codeOf(request.handler()),
                request.tags()));
    if (Boolean.TRUE.equals(request.publish())) {
      // Answered as the function being created, numbered as the version published from it.
      FunctionConfiguration published = engine.publish(engine.function(ref), null);
      created = created.toBuilder().version(published.version()).build();
    }
    return copyMembers(created, CreateFunctionResponse.builder()).build();
  }

  private static void checkRole(String role, ModelViolations violations, boolean required) {
    if (role == null) {
      if (required) {
        violations.add("role", null, "Member must not be null");
      }
    } else if (!ROLE.matcher(role).matches()) {
      violations.add(
          "role",
          role,
          "Member must satisfy regular expression pattern:"
              + " arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+");
    }
  }

  private static void checkHandler(String handler, ModelViolations violations) {
    if (handler == null) {
      return;
    }
    if (handler.length() > 128) {
      violations.add("handler", handler, "Member must have length less than or equal to 128");
    }
    if (!HANDLER.matcher(handler).matches()) {
      violations.add("handler", handler, "Member must satisfy regular expression pattern: [^\\s]+");
    }
  }

  /** Description, Timeout and MemorySize, each if given. */
  private static void checkSettings(
      String description, Integer timeout, Integer memory, ModelViolations violations) {
    if (description != null && description.length() > 256) {
      violations.add(
          "description", description, "Member must have length less than or equal to 256");
    }
    violations.range("timeout", timeout, 1, MAX_TIMEOUT_SECONDS);
    violations.range("memorySize", memory, 128, MAX_MEMORY_MB);
  }

  /** The members of a function's configuration, copied onto any response that repeats them. */
  private static <B> B fromConfiguration(FunctionConfiguration configuration, B builder) {
    return copyMembers(configuration, builder);
  }

  /** Every member of {@code from} onto the same-named members of {@code builder}. */
  private static <B> B copyMembers(SdkPojo from, B builder) {
    SdkPojo target = (SdkPojo) builder;
    for (SdkField<?> field : from.sdkFields()) {
      for (SdkField<?> into : target.sdkFields()) {
        if (into.memberName().equals(field.memberName())) {
          into.set(builder, field.getValueOrDefault(from));
        }
      }
    }
    return builder;
  }

  /** The function a reference names, or Lambda's not-found error naming {@code arnInMessage}. */
  private LambdaFunction function(FunctionRef ref, String arnInMessage) {
    LambdaFunction function = engine.find(ref);
    if (function == null) {
      throw LambdaErrors.functionNotFound(arnInMessage);
    }
    return function;
  }

  /** A version's configuration as Get answers it: under the ARN it was asked for. */
  private static FunctionConfiguration asAskedFor(LambdaFunction function, FunctionRef ref) {
    LambdaFunction.Version version = function.resolve(ref.qualifier(), 0);
    if (version == null) {
      throw LambdaErrors.functionNotFound(ref.qualifiedArn());
    }
    return version.configuration().toBuilder()
        .functionArn(function.arn + (ref.qualifier() == null ? "" : ":" + ref.qualifier()))
        .build();
  }

  private GetFunctionResponse getFunction(GetFunctionRequest request, RequestContext context) {
    FunctionRef ref =
        FunctionRef.parse(
            FunctionRef.Form.NAMESPACED,
            "functionName",
            request.functionName(),
            request.qualifier(),
            context.scope());
    LambdaFunction function = function(ref, ref.qualifiedArn());
    FunctionConfiguration configuration = asAskedFor(function, ref);
    return GetFunctionResponse.builder()
        .configuration(configuration)
        .code(
            FunctionCodeLocation.builder()
                .repositoryType("S3")
                .location(
                    context.baseUrl()
                        + "/_stack/lambda/code/"
                        + function.name
                        + "?version="
                        + configuration.version())
                .build())
        .tags(function.tags().isEmpty() ? null : function.tags())
        .concurrency(
            function.reservedConcurrency() == null
                ? null
                : Concurrency.builder()
                    .reservedConcurrentExecutions(function.reservedConcurrency())
                    .build())
        .build();
  }

  private GetFunctionConfigurationResponse getFunctionConfiguration(
      GetFunctionConfigurationRequest request, RequestContext context) {
    FunctionRef ref =
        FunctionRef.parse(
            FunctionRef.Form.NAMESPACED,
            "functionName",
            request.functionName(),
            request.qualifier(),
            context.scope());
    LambdaFunction function = function(ref, ref.qualifiedArn());
    return fromConfiguration(asAskedFor(function, ref), GetFunctionConfigurationResponse.builder())
        .build();
  }

  private ListFunctionsResponse listFunctions(
      ListFunctionsRequest request, RequestContext context) {
    ModelViolations violations = new ModelViolations();
    String functionVersion = request.functionVersionAsString();
    if (functionVersion != null && !functionVersion.equals("ALL")) {
      violations.add(
          "functionVersion", functionVersion, "Member must satisfy enum value set: [ALL]");
    }
    checkMaxItems(request.maxItems(), violations);
    violations.throwIfAny();
    boolean allVersions = functionVersion != null;
    List<FunctionConfiguration> every = new ArrayList<>();
    for (LambdaFunction function : engine.functions(context.scope())) {
      // With every version listed, $LATEST is listed under its qualified ARN too.
      every.add(listed(function.latest(), allVersions ? function.arn + ":$LATEST" : function.arn));
      if (allVersions) {
        function
            .versions()
            .forEach(
                version ->
                    every.add(
                        listed(version.configuration(), version.configuration().functionArn())));
      }
    }
    Page<FunctionConfiguration> page = page(every, request.marker(), pageSize(request.maxItems()));
    return ListFunctionsResponse.builder().functions(page.items()).nextMarker(page.next()).build();
  }

  /** A configuration as the listings show it: without state, which only Get answers. */
  private static FunctionConfiguration listed(FunctionConfiguration configuration, String arn) {
    return configuration.toBuilder()
        .functionArn(arn)
        .state((String) null)
        .stateReason(null)
        .stateReasonCode((String) null)
        .lastUpdateStatus((String) null)
        .lastUpdateStatusReason(null)
        .lastUpdateStatusReasonCode((String) null)
        .runtimeVersionConfig((RuntimeVersionConfig) null)
        .build();
  }

  private DeleteFunctionResponse deleteFunction(
      DeleteFunctionRequest request, RequestContext context) {
    FunctionRef ref =
        FunctionRef.parse(
            FunctionRef.Form.NAMESPACED,
            "functionName",
            request.functionName(),
            request.qualifier(),
            context.scope());
    String qualifier = ref.qualifier();
    if ("$LATEST".equals(qualifier)) {
      throw LambdaErrors.invalidParameter(
          "$LATEST version cannot be deleted without deleting the function.");
    }
    if (qualifier != null && ALIAS.matcher(qualifier).matches()) {
      throw LambdaErrors.invalidParameter("Deletion of aliases is not currently supported.");
    }
    LambdaFunction function = function(ref, ref.arn());
    if (qualifier == null) {
      engine.delete(function);
    } else if (qualifier.chars().allMatch(Character::isDigit)) {
      synchronized (function) {
        List<String> aliases = function.aliasesUsing(qualifier);
        if (!aliases.isEmpty()) {
          throw LambdaErrors.conflict(
              "Unable to delete version because the following aliases reference it: " + aliases);
        }
        // Deleting a version that does not exist succeeds, as on Lambda.
        try {
          function.removeVersion(Integer.parseInt(qualifier));
        } catch (NumberFormatException tooLong) {
          // no such version either
        }
      }
    }
    return DeleteFunctionResponse.builder().build();
  }

  private UpdateFunctionConfigurationResponse updateFunctionConfiguration(
      UpdateFunctionConfigurationRequest request, RequestContext context) {
    ModelViolations violations = new ModelViolations();
    FunctionRef.check(FunctionRef.Form.PLAIN, "functionName", request.functionName(), violations);
    checkRole(request.role(), violations, false);
    checkHandler(request.handler(), violations);
    checkSettings(request.description(), request.timeout(), request.memorySize(), violations);
    violations.throwIfAny();
    FunctionRef ref = unqualified(request.functionName(), context);
    LambdaFunction function = function(ref, ref.arn());
    synchronized (function) {
      FunctionConfiguration latest = function.latest();
      checkRevision(latest, request.revisionId());
      FunctionConfiguration.Builder next = latest.toBuilder();
      if (request.handler() != null) {
        next.handler(request.handler());
      }
      if (request.runtime() != null) {
        next.runtime(request.runtimeAsString());
      }
      if (request.role() != null) {
        next.role(request.role());
      }
      if (request.description() != null) {
        next.description(request.description());
      }
      if (request.timeout() != null) {
        next.timeout(request.timeout());
      }
      if (request.memorySize() != null) {
        next.memorySize(request.memorySize());
      }
      if (request.environment() != null) {
        Map<String, String> variables = request.environment().variables();
        next.environment(
            variables == null || variables.isEmpty()
                ? null
                : EnvironmentResponse.builder().variables(variables).build());
      }
      if (request.deadLetterConfig() != null) {
        next.deadLetterConfig(request.deadLetterConfig());
      }
      // A new handler is a new class to load, on the next invocation.
      CodeSource code =
          request.handler() != null && !request.handler().equals(latest.handler())
              ? engine.codeOf(request.handler())
              : null;
      return fromConfiguration(
              engine.update(function, next.build(), code),
              UpdateFunctionConfigurationResponse.builder())
          .build();
    }
  }

  private UpdateFunctionCodeResponse updateFunctionCode(
      UpdateFunctionCodeRequest request, RequestContext context) {
    FunctionRef ref = unqualified(request.functionName(), context);
    LambdaFunction function = function(ref, ref.arn());
    synchronized (function) {
      checkRevision(function.latest(), request.revisionId());
      byte[] zip = request.zipFile() == null ? null : request.zipFile().asByteArray();
      if (zip == null && request.s3Bucket() == null && request.imageUri() == null) {
        throw LambdaErrors.invalidParameter("Please provide a source for function code.");
      }
      byte[] codeBytes =
          zip != null
              ? zip
              : (request.s3Bucket() + "/" + request.s3Key() + request.imageUri())
                  .getBytes(StandardCharsets.UTF_8);
      FunctionConfiguration next =
          function.latest().toBuilder()
              .codeSize((long) codeBytes.length)
              .codeSha256(LambdaEngine.sha256Base64(codeBytes))
              .build();
      // New code is a new deployment: the handler's class is loaded afresh on the next invocation.
      CodeSource code = next.handler() == null ? null : engine.codeOf(next.handler());
      FunctionConfiguration updated = engine.update(function, next, code);
      if (Boolean.TRUE.equals(request.publish())) {
        updated = engine.publish(function, null);
      }
      return fromConfiguration(updated, UpdateFunctionCodeResponse.builder()).build();
    }
  }

  private static void checkRevision(FunctionConfiguration configuration, String revisionId) {
    if (revisionId != null && !revisionId.equals(configuration.revisionId())) {
      throw LambdaErrors.preconditionFailed();
    }
  }

  /** A reference that must name the function itself, not one of its versions or aliases. */
  private FunctionRef unqualified(String functionName, RequestContext context) {
    FunctionRef ref =
        FunctionRef.parse(
            FunctionRef.Form.PLAIN, "functionName", functionName, null, context.scope());
    if (ref.qualifier() != null) {
      throw LambdaErrors.invalidParameter("Unsupported function name: " + functionName);
    }
    return ref;
  }

  // ---- versions and aliases

  private PublishVersionResponse publishVersion(
      PublishVersionRequest request, RequestContext context) {
    ModelViolations violations = new ModelViolations();
    FunctionRef.check(FunctionRef.Form.PLAIN, "functionName", request.functionName(), violations);
    checkSettings(request.description(), null, null, violations);
    violations.throwIfAny();
    FunctionRef ref = unqualified(request.functionName(), context);
    LambdaFunction function = function(ref, ref.arn());
    synchronized (function) {
      FunctionConfiguration latest = function.latest();
      checkRevision(latest, request.revisionId());
      if (request.codeSha256() != null && !request.codeSha256().equals(latest.codeSha256())) {
        throw LambdaErrors.invalidParameter(
            "CodeSHA256 ("
                + request.codeSha256()
                + ") is different from current CodeSHA256 in $LATEST ("
                + latest.codeSha256()
                + "). Please try again with the CodeSHA256 in $LATEST.");
      }
      return fromConfiguration(
              engine.publish(function, request.description()), PublishVersionResponse.builder())
          .build();
    }
  }

  private ListVersionsByFunctionResponse listVersions(
      ListVersionsByFunctionRequest request, RequestContext context) {
    ModelViolations violations = new ModelViolations();
    FunctionRef.check(
        FunctionRef.Form.NAMESPACED, "functionName", request.functionName(), violations);
    checkMaxItems(request.maxItems(), violations);
    violations.throwIfAny();
    FunctionRef ref = unqualified(request.functionName(), context);
    LambdaFunction function = function(ref, ref.arn());
    List<FunctionConfiguration> every = new ArrayList<>();
    every.add(listed(function.latest(), function.arn + ":$LATEST"));
    function
        .versions()
        .forEach(
            version ->
                every.add(listed(version.configuration(), version.configuration().functionArn())));
    Page<FunctionConfiguration> page = page(every, request.marker(), pageSize(request.maxItems()));
    return ListVersionsByFunctionResponse.builder()
        .versions(page.items())
        .nextMarker(page.next())
        .build();
  }

  private CreateAliasResponse createAlias(CreateAliasRequest request, RequestContext context) {
    ModelViolations violations = new ModelViolations();
    FunctionRef.check(FunctionRef.Form.PLAIN, "functionName", request.functionName(), violations);
    checkAliasName(request.name(), violations);
    if (request.functionVersion() == null) {
      violations.add("functionVersion", null, "Member must not be null");
    } else {
      checkAliasVersion(request.functionVersion(), violations);
    }
    checkSettings(request.description(), null, null, violations);
    Map<String, Double> weights = weights(request.routingConfig(), violations);
    violations.throwIfAny();
    FunctionRef ref = unqualified(request.functionName(), context);
    String target = request.functionVersion();
    LambdaFunction function = function(ref, ref.arn() + ":" + target);
    synchronized (function) {
      if (function.resolve(target, 0) == null) {
        throw LambdaErrors.functionNotFound(function.arn + ":" + target);
      }
      if (function.alias(request.name()) != null) {
        throw LambdaErrors.conflict("Alias already exists: " + function.arn + ":" + request.name());
      }
      checkRouting(function, target, weights);
      AliasConfiguration alias =
          AliasConfiguration.builder()
              .aliasArn(function.arn + ":" + request.name())
              .name(request.name())
              .functionVersion(target)
              .description(request.description() == null ? "" : request.description())
              .routingConfig(routing(weights))
              .revisionId(Ids.randomUuid())
              .build();
      function.putAlias(alias);
      return copyMembers(alias, CreateAliasResponse.builder()).build();
    }
  }

  private static void checkAliasName(String name, ModelViolations violations) {
    if (name == null) {
      violations.add("name", null, "Member must not be null");
      return;
    }
    if (name.length() > 128) {
      violations.add("name", name, "Member must have length less than or equal to 128");
    }
    if (!ALIAS.matcher(name).matches()) {
      violations.add(
          "name",
          name,
          "Member must satisfy regular expression pattern: (?!^[0-9]+$)([a-zA-Z0-9-_]+)");
    }
  }

  private static void checkAliasVersion(String version, ModelViolations violations) {
    if (!ALIAS_TARGET.matcher(version).matches()) {
      violations.add(
          "functionVersion",
          version,
          "Member must satisfy regular expression pattern: (\\$LATEST(\\.PUBLISHED)?|[0-9]+)");
    }
  }

  /**
   * An alias's additional version weights, with what the model's constraints refuse added to {@code
   * violations}; empty for no routing.
   */
  private static Map<String, Double> weights(
      AliasRoutingConfiguration routing, ModelViolations violations) {
    if (routing == null || !routing.hasAdditionalVersionWeights()) {
      return Map.of();
    }
    Map<String, Double> weights = routing.additionalVersionWeights();
    String member = "routingConfig.additionalVersionWeights";
    // Lambda prints the whole map as Java does: {2=0.5}.
    String shown = new LinkedHashMap<>(weights).toString();
    if (weights.keySet().stream().anyMatch(key -> !key.matches("[0-9]{1,1024}"))) {
      violations.add(
          member,
          shown,
          "Map keys must satisfy constraint: [Member must have length less than or equal to 1024,"
              + " Member must have length greater than or equal to 1, Member must satisfy regular"
              + " expression pattern: [0-9]+]");
    }
    if (weights.values().stream().anyMatch(weight -> weight == null || weight < 0 || weight > 1)) {
      violations.add(
          member,
          shown,
          "Map value must satisfy constraint: [Member must have value less than or equal to 1.0,"
              + " Member must have value greater than or equal to 0.0, Member must not be null]");
    }
    return weights;
  }

  /** The routing rules past the model: one weighted version, another than the alias's own. */
  private static void checkRouting(
      LambdaFunction function, String target, Map<String, Double> weights) {
    if (weights.isEmpty()) {
      return;
    }
    if (weights.size() > 1) {
      throw LambdaErrors.invalidParameter(
          "Number of items in AdditionalVersionWeights cannot be greater than 1");
    }
    String weighted = weights.keySet().iterator().next();
    if (weighted.equals(target)) {
      throw LambdaErrors.invalidParameter(
          "Invalid function version "
              + target
              + ". Function version "
              + target
              + " is already included in routing configuration.");
    }
    if (target.equals("$LATEST")) {
      throw LambdaErrors.invalidParameter(
          "$LATEST is not supported for an alias pointing to more than 1 version");
    }
    if (function.resolve(weighted, 0) == null) {
      throw LambdaErrors.functionNotFound(function.arn + ":" + weighted);
    }
  }

  private static AliasRoutingConfiguration routing(Map<String, Double> weights) {
    return weights.isEmpty()
        ? null
        : AliasRoutingConfiguration.builder().additionalVersionWeights(weights).build();
  }

  private GetAliasResponse getAlias(GetAliasRequest request, RequestContext context) {
    LambdaFunction function = aliasFunction(request.functionName(), request.name(), context);
    AliasConfiguration alias = function.alias(request.name());
    if (alias == null) {
      throw LambdaErrors.notFound("Cannot find alias arn: " + function.arn + ":" + request.name());
    }
    return copyMembers(alias, GetAliasResponse.builder()).build();
  }

  /** The function of an alias operation, once its name and the alias's have been checked. */
  private LambdaFunction aliasFunction(
      String functionName, String aliasName, RequestContext context) {
    ModelViolations violations = new ModelViolations();
    FunctionRef.check(FunctionRef.Form.PLAIN, "functionName", functionName, violations);
    checkAliasName(aliasName, violations);
    violations.throwIfAny();
    FunctionRef ref = unqualified(functionName, context);
    return function(ref, ref.arn());
  }

  private UpdateAliasResponse updateAlias(UpdateAliasRequest request, RequestContext context) {
    ModelViolations violations = new ModelViolations();
    FunctionRef.check(FunctionRef.Form.PLAIN, "functionName", request.functionName(), violations);
    checkAliasName(request.name(), violations);
    if (request.functionVersion() != null) {
      checkAliasVersion(request.functionVersion(), violations);
    }
    checkSettings(request.description(), null, null, violations);
    Map<String, Double> newWeights = weights(request.routingConfig(), violations);
    violations.throwIfAny();
    FunctionRef ref = unqualified(request.functionName(), context);
    LambdaFunction function = function(ref, ref.arn());
    synchronized (function) {
      AliasConfiguration alias = function.alias(request.name());
      if (alias == null) {
        throw LambdaErrors.notFound("Alias not found: " + function.arn + ":" + request.name());
      }
      if (request.revisionId() != null && !request.revisionId().equals(alias.revisionId())) {
        throw LambdaErrors.preconditionFailed();
      }
      String target =
          request.functionVersion() != null ? request.functionVersion() : alias.functionVersion();
      if (function.resolve(target, 0) == null) {
        throw LambdaErrors.functionNotFound(function.arn + ":" + target);
      }
      // An empty routing configuration removes the routing; none keeps it.
      Map<String, Double> weights =
          request.routingConfig() != null
              ? newWeights
              : alias.routingConfig() == null
                  ? Map.of()
                  : alias.routingConfig().additionalVersionWeights();
      checkRouting(function, target, weights);
      AliasConfiguration updated =
          alias.toBuilder()
              .functionVersion(target)
              .description(
                  request.description() != null ? request.description() : alias.description())
              .routingConfig(routing(weights))
              .revisionId(Ids.randomUuid())
              .build();
      function.putAlias(updated);
      return copyMembers(updated, UpdateAliasResponse.builder()).build();
    }
  }

  private DeleteAliasResponse deleteAlias(DeleteAliasRequest request, RequestContext context) {
    // Deleting an alias that does not exist succeeds, as on Lambda.
    aliasFunction(request.functionName(), request.name(), context).removeAlias(request.name());
    return DeleteAliasResponse.builder().build();
  }

  private ListAliasesResponse listAliases(ListAliasesRequest request, RequestContext context) {
    ModelViolations violations = new ModelViolations();
    FunctionRef.check(FunctionRef.Form.PLAIN, "functionName", request.functionName(), violations);
    if (request.functionVersion() != null) {
      checkAliasVersion(request.functionVersion(), violations);
    }
    checkMaxItems(request.maxItems(), violations);
    violations.throwIfAny();
    FunctionRef ref = unqualified(request.functionName(), context);
    LambdaFunction function = function(ref, ref.arn());
    List<AliasConfiguration> every =
        function.aliases().stream()
            .filter(
                alias ->
                    request.functionVersion() == null
                        || alias.functionVersion().equals(request.functionVersion()))
            .sorted((a, b) -> a.name().compareTo(b.name()))
            .toList();
    Page<AliasConfiguration> page = page(every, request.marker(), pageSize(request.maxItems()));
    return ListAliasesResponse.builder().aliases(page.items()).nextMarker(page.next()).build();
  }

  // ---- invoking

  private CompletionStage<InvokeResponse> invoke(InvokeRequest request, RequestContext context) {
    byte[] payload = request.payload() == null ? new byte[0] : request.payload().asByteArray();
    // Refused at Lambda's front door, before anything else is read.
    if (payload.length > SYNC_PAYLOAD_LIMIT) {
      throw LambdaErrors.requestTooLarge(
          "Request must be smaller than "
              + SYNC_PAYLOAD_LIMIT
              + " bytes for the InvokeFunction"
              + " operation");
    }
    ModelViolations violations = new ModelViolations();
    FunctionRef.check(
        FunctionRef.Form.NAMESPACED, "functionName", request.functionName(), violations);
    String type =
        request.invocationTypeAsString() == null
            ? "RequestResponse"
            : request.invocationTypeAsString();
    if (!List.of("Event", "RequestResponse", "DryRun").contains(type)) {
      violations.add(
          "invocationType",
          type,
          "Member must satisfy enum value set: [Event, RequestResponse, DryRun]");
    }
    String logType = request.logTypeAsString();
    if (logType != null && !logType.equals("None") && !logType.equals("Tail")) {
      violations.add("logType", logType, "Member must satisfy enum value set: [None, Tail]");
    }
    FunctionRef.checkQualifier(request.qualifier(), violations);
    violations.throwIfAny();
    FunctionRef ref =
        FunctionRef.parse(
            FunctionRef.Form.NAMESPACED,
            "functionName",
            request.functionName(),
            request.qualifier(),
            context.scope());
    LambdaFunction function = function(ref, ref.latestOrQualifiedArn());
    LambdaFunction.Version version = function.resolve(ref.qualifier(), LambdaEngine.roll());
    if (version == null) {
      throw LambdaErrors.functionNotFound(ref.qualifiedArn());
    }
    if (type.equals("Event") && payload.length > ASYNC_PAYLOAD_LIMIT) {
      throw LambdaErrors.requestTooLarge(
          payload.length
              + " byte payload is too large for the Event invocation type (limit "
              + ASYNC_PAYLOAD_LIMIT
              + " bytes)");
    }
    byte[] event = checkJson(payload);
    String invokedArn = function.arn + (ref.qualifier() == null ? "" : ":" + ref.qualifier());
    switch (type) {
      case "DryRun":
        return CompletableFuture.completedFuture(InvokeResponse.builder().statusCode(204).build());
      case "Event":
        engine.enqueue(function, version, invokedArn, event, "Invoke", context.requestId());
        return CompletableFuture.completedFuture(InvokeResponse.builder().statusCode(202).build());
      default:
        break;
    }
    boolean tail = "Tail".equals(logType);
    return engine
        .run(
            function,
            version,
            invokedArn,
            event,
            LambdaEngine.Kind.REQUEST_RESPONSE,
            "Invoke",
            1,
            context.requestId())
        .thenApply(
            result ->
                InvokeResponse.builder()
                    .statusCode(200)
                    .executedVersion(result.executedVersion())
                    .functionError(result.functionError())
                    .logResult(
                        tail && result.logTail() != null
                            ? Base64.getEncoder().encodeToString(result.logTail())
                            : null)
                    .payload(SdkBytes.fromByteArray(result.payload()))
                    .build());
  }

  /** The event as the handler gets it: JSON, {@code {}} when the caller sent nothing. */
  private static byte[] checkJson(byte[] payload) {
    if (payload.length == 0) {
      return "{}".getBytes(StandardCharsets.US_ASCII);
    }
    try {
      LambdaEngine.JSON.readTree(payload);
      return payload;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      // Lambda reads payloads with Jackson too, and answers its parser's own words.
      throw new AwsErrorException(
          "InvalidRequestContentException",
          "InvalidRequestContentException",
          400,
          "Could not parse request body into json: Could not parse payload into json: "
              + e.getMessage());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e); // reading bytes in memory does not fail
    }
  }

  // ---- concurrency and asynchronous settings

  /** The function of a concurrency operation, which versions and aliases do not have. */
  private LambdaFunction concurrencyFunction(
      String functionName, String arnSuffix, RequestContext context) {
    FunctionRef ref =
        FunctionRef.parse(
            FunctionRef.Form.PLAIN, "functionName", functionName, null, context.scope());
    if (ref.qualifier() != null) {
      throw LambdaErrors.invalidParameter(
          "This operation is permitted on Lambda functions only. Aliases and versions do not"
              + " support this operation. Please specify either a function name or an unqualified"
              + " function ARN.");
    }
    return function(ref, ref.arn() + arnSuffix);
  }

  private PutFunctionConcurrencyResponse putConcurrency(
      PutFunctionConcurrencyRequest request, RequestContext context) {
    ModelViolations violations = new ModelViolations();
    FunctionRef.check(FunctionRef.Form.PLAIN, "functionName", request.functionName(), violations);
    Integer limit = request.reservedConcurrentExecutions();
    if (limit == null) {
      violations.add("reservedConcurrentExecutions", null, "Member must not be null");
    } else if (limit < 0) {
      violations.add(
          "reservedConcurrentExecutions",
          limit,
          "Member must have value greater than or equal to 0");
    }
    violations.throwIfAny();
    LambdaFunction function = concurrencyFunction(request.functionName(), ":$LATEST", context);
    if (limit > MAX_RESERVED_CONCURRENCY) {
      // The account's 1,000 less the 100 Lambda keeps unreserved.
      throw LambdaErrors.invalidParameter(
          "Specified ReservedConcurrentExecutions for function decreases account's"
              + " UnreservedConcurrentExecution below its minimum value of [100].");
    }
    function.reservedConcurrency(limit);
    return PutFunctionConcurrencyResponse.builder().reservedConcurrentExecutions(limit).build();
  }

  private GetFunctionConcurrencyResponse getConcurrency(
      GetFunctionConcurrencyRequest request, RequestContext context) {
    LambdaFunction function = concurrencyFunction(request.functionName(), "", context);
    return GetFunctionConcurrencyResponse.builder()
        .reservedConcurrentExecutions(function.reservedConcurrency())
        .build();
  }

  private DeleteFunctionConcurrencyResponse deleteConcurrency(
      DeleteFunctionConcurrencyRequest request, RequestContext context) {
    concurrencyFunction(request.functionName(), "", context).reservedConcurrency(null);
    return DeleteFunctionConcurrencyResponse.builder().build();
  }

  private PutFunctionEventInvokeConfigResponse putEventInvokeConfig(
      PutFunctionEventInvokeConfigRequest request, RequestContext context) {
    ModelViolations violations = new ModelViolations();
    FunctionRef.check(
        FunctionRef.Form.NAMESPACED, "functionName", request.functionName(), violations);
    FunctionRef.checkQualifier(request.qualifier(), violations);
    violations.range("maximumRetryAttempts", request.maximumRetryAttempts(), 0, 2);
    violations.range("maximumEventAgeInSeconds", request.maximumEventAgeInSeconds(), 60, 21_600);
    DestinationConfig destinations = request.destinationConfig();
    String onSuccess =
        destinations == null || destinations.onSuccess() == null
            ? null
            : destinations.onSuccess().destination();
    String onFailure =
        destinations == null || destinations.onFailure() == null
            ? null
            : destinations.onFailure().destination();
    checkDestination("destinationConfig.onSuccess.destination", onSuccess, violations);
    checkDestination("destinationConfig.onFailure.destination", onFailure, violations);
    violations.throwIfAny();
    FunctionRef ref =
        FunctionRef.parse(
            FunctionRef.Form.NAMESPACED,
            "functionName",
            request.functionName(),
            request.qualifier(),
            context.scope());
    if (request.maximumRetryAttempts() == null
        && request.maximumEventAgeInSeconds() == null
        && destinations == null) {
      throw LambdaErrors.invalidParameter(
          "You must specify at least one of error handling or destination setting.");
    }
    LambdaFunction function = engine.find(ref);
    if (function == null || function.resolve(ref.qualifier(), 0) == null) {
      throw LambdaErrors.notFound("The function doesn't exist.");
    }
    for (String destination : new String[] {onSuccess, onFailure}) {
      if (destination != null && destination.contains(":lambda:")) {
        if (destination.equals(function.arn) || destination.startsWith(function.arn + ":")) {
          throw LambdaErrors.invalidParameter(
              "You can't specify the function as a destination for itself.");
        }
        if (engine.functionByArn(destination) == null) {
          throw LambdaErrors.invalidParameter(
              "The destination ARN " + destination + " is invalid.");
        }
      }
    }
    LambdaFunction.EventInvokeConfig config =
        new LambdaFunction.EventInvokeConfig(
            request.maximumRetryAttempts(),
            request.maximumEventAgeInSeconds(),
            onSuccess,
            onFailure,
            engine.clock.now(),
            context.baseUrl());
    function.eventInvokeConfig(ref.qualifier(), config);
    return copyMembers(
            eventInvokeConfig(function, ref, config),
            PutFunctionEventInvokeConfigResponse.builder())
        .build();
  }

  private static void checkDestination(
      String member, String destination, ModelViolations violations) {
    if (destination != null && !DESTINATION.matcher(destination).matches()) {
      violations.add(
          member,
          destination,
          "Member must satisfy regular expression pattern:"
              + " $|kafka://([^.]([a-zA-Z0-9\\-_.]{0,248}))|arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9\\-])+:"
              + "((eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1})?:(\\d{12})?:(.*)");
    }
  }

  /** The settings as Lambda answers them: under the qualified ARN, with only the members set. */
  private static FunctionEventInvokeConfig eventInvokeConfig(
      LambdaFunction function, FunctionRef ref, LambdaFunction.EventInvokeConfig config) {
    return FunctionEventInvokeConfig.builder()
        .functionArn(function.arn + ":" + (ref.qualifier() == null ? "$LATEST" : ref.qualifier()))
        .maximumRetryAttempts(config.maximumRetryAttempts())
        .maximumEventAgeInSeconds(config.maximumEventAgeSeconds())
        .destinationConfig(
            DestinationConfig.builder()
                .onSuccess(OnSuccess.builder().destination(config.onSuccess()).build())
                .onFailure(OnFailure.builder().destination(config.onFailure()).build())
                .build())
        .lastModified(config.lastModified())
        .build();
  }

  /** The function and its settings for the version or alias asked for, or Lambda's 404. */
  private LambdaFunction.EventInvokeConfig existingEventInvokeConfig(
      LambdaFunction function, FunctionRef ref) {
    LambdaFunction.EventInvokeConfig config =
        function == null ? null : function.eventInvokeConfig(ref.qualifier());
    if (config == null) {
      throw LambdaErrors.notFound(
          "The function " + ref.latestOrQualifiedArn() + " doesn't have an EventInvokeConfig");
    }
    return config;
  }

  private GetFunctionEventInvokeConfigResponse getEventInvokeConfig(
      GetFunctionEventInvokeConfigRequest request, RequestContext context) {
    FunctionRef ref =
        FunctionRef.parse(
            FunctionRef.Form.NAMESPACED,
            "functionName",
            request.functionName(),
            request.qualifier(),
            context.scope());
    LambdaFunction function = engine.find(ref);
    LambdaFunction.EventInvokeConfig config = existingEventInvokeConfig(function, ref);
    return copyMembers(
            eventInvokeConfig(function, ref, config),
            GetFunctionEventInvokeConfigResponse.builder())
        .build();
  }

  private DeleteFunctionEventInvokeConfigResponse deleteEventInvokeConfig(
      DeleteFunctionEventInvokeConfigRequest request, RequestContext context) {
    FunctionRef ref =
        FunctionRef.parse(
            FunctionRef.Form.NAMESPACED,
            "functionName",
            request.functionName(),
            request.qualifier(),
            context.scope());
    LambdaFunction function = engine.find(ref);
    existingEventInvokeConfig(function, ref);
    function.eventInvokeConfig(ref.qualifier(), null);
    return DeleteFunctionEventInvokeConfigResponse.builder().build();
  }

  // ---- event source mappings

  private CreateEventSourceMappingResponse createEventSourceMapping(
      CreateEventSourceMappingRequest request, RequestContext context) {
    return copyMembers(
            engine.mappings.create(context.scope(), context.baseUrl(), request),
            CreateEventSourceMappingResponse.builder())
        .build();
  }

  private GetEventSourceMappingResponse getEventSourceMapping(
      GetEventSourceMappingRequest request, RequestContext context) {
    return copyMembers(
            engine.mappings.get(context.scope(), request.uuid()),
            GetEventSourceMappingResponse.builder())
        .build();
  }

  private UpdateEventSourceMappingResponse updateEventSourceMapping(
      UpdateEventSourceMappingRequest request, RequestContext context) {
    return copyMembers(
            engine.mappings.update(context.scope(), request),
            UpdateEventSourceMappingResponse.builder())
        .build();
  }

  private DeleteEventSourceMappingResponse deleteEventSourceMapping(
      DeleteEventSourceMappingRequest request, RequestContext context) {
    return copyMembers(
            engine.mappings.delete(context.scope(), request.uuid()),
            DeleteEventSourceMappingResponse.builder())
        .build();
  }

  private ListEventSourceMappingsResponse listEventSourceMappings(
      ListEventSourceMappingsRequest request, RequestContext context) {
    Page<EventSourceMappingConfiguration> page =
        page(
            engine.mappings.list(context.scope(), request.eventSourceArn(), request.functionName()),
            request.marker(),
            pageSize(request.maxItems()));
    return ListEventSourceMappingsResponse.builder()
        .eventSourceMappings(page.items())
        .nextMarker(page.next())
        .build();
  }

  // ---- tags

  /** The function a taggable resource ARN names; versions and aliases have no tags of their own. */
  private LambdaFunction byResourceArn(
      String arn, ModelViolations violations, RequestContext context) {
    if (arn == null) {
      violations.add("resource", null, "Member must not be null");
    } else if (!TAGGABLE.matcher(arn).matches()) {
      violations.add(
          "resource",
          arn,
          "Member must satisfy regular expression pattern:"
              + " arn:(aws[a-zA-Z-]*):lambda:(eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:"
              + "\\d{12}:(function:[a-zA-Z0-9-_]+(:(\\$LATEST|[a-zA-Z0-9-_]+))?"
              + "|layer:([a-zA-Z0-9-_]+)|code-signing-config:csc-[a-z0-9]{17}"
              + "|event-source-mapping:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}"
              + "-[0-9a-fA-F]{12}|capacity-provider:[a-zA-Z0-9-_]+)");
    }
    violations.throwIfAny();
    if (!arn.contains(":function:")) {
      // Layers, mappings and the other taggable resources are not served here.
      throw LambdaErrors.notFound("The resource you requested does not exist.");
    }
    FunctionRef ref =
        FunctionRef.parse(FunctionRef.Form.PLAIN, "resource", arn, null, context.scope());
    if (ref.qualifier() != null) {
      throw LambdaErrors.invalidParameter(
          "Tags on function aliases and versions are not supported. Please specify a function"
              + " ARN.");
    }
    return function(ref, ref.arn());
  }

  private TagResourceResponse tagResource(TagResourceRequest request, RequestContext context) {
    ModelViolations violations = new ModelViolations();
    if (!request.hasTags()) {
      violations.add("tags", null, "Member must not be null");
    }
    LambdaFunction function = byResourceArn(request.resource(), violations, context);
    if (request.tags().isEmpty()) {
      throw LambdaErrors.invalidParameter("An error occurred and the request cannot be processed.");
    }
    synchronized (function) {
      Map<String, String> after = function.tags();
      after.putAll(request.tags());
      if (after.size() > MAX_TAGS) {
        throw LambdaErrors.invalidParameter("Number of tags exceeds resource tag limit.");
      }
      function.tag(request.tags());
    }
    return TagResourceResponse.builder().build();
  }

  private UntagResourceResponse untagResource(
      UntagResourceRequest request, RequestContext context) {
    ModelViolations violations = new ModelViolations();
    if (!request.hasTagKeys()) {
      // The SDK sends no tagKeys parameter at all for an empty list.
      violations.add("tagKeys", null, "Member must not be null");
    }
    byResourceArn(request.resource(), violations, context).untag(request.tagKeys());
    return UntagResourceResponse.builder().build();
  }

  private ListTagsResponse listTags(ListTagsRequest request, RequestContext context) {
    return ListTagsResponse.builder()
        .tags(byResourceArn(request.resource(), new ModelViolations(), context).tags())
        .build();
  }

  // ---- paging

  private record Page<T>(List<T> items, String next) {}

  private static void checkMaxItems(Integer maxItems, ModelViolations violations) {
    violations.range("maxItems", maxItems, 1, 10_000);
  }

  /** At most 50 a page, whatever more is asked for, as Lambda's listings answer. */
  private static int pageSize(Integer maxItems) {
    return maxItems == null ? PAGE_SIZE : Math.min(maxItems, PAGE_SIZE);
  }

  /** A page from an opaque marker: the base64 of the index where it starts. */
  private static <T> Page<T> page(List<T> every, String marker, int max) {
    int from = 0;
    if (marker != null) {
      try {
        from =
            Integer.parseInt(
                new String(Base64.getDecoder().decode(marker), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        throw LambdaErrors.invalidParameter("Invalid marker: " + marker);
      }
    }
    if (from < 0 || from > every.size()) {
      throw LambdaErrors.invalidParameter("Invalid marker: " + marker);
    }
    int to = Math.min(every.size(), from + max);
    String next =
        to < every.size()
            ? Base64.getEncoder()
                .encodeToString(String.valueOf(to).getBytes(StandardCharsets.UTF_8))
            : null;
    return new Page<>(List.copyOf(every.subList(from, to)), next);
  }
}
