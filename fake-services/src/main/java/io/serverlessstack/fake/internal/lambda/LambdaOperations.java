package io.serverlessstack.fake.internal.lambda;

import io.serverlessstack.fake.internal.protocol.AwsErrorException;
import io.serverlessstack.fake.internal.protocol.ProtocolErrors;
import io.serverlessstack.fake.internal.protocol.RestJsonBinding;
import io.serverlessstack.fake.internal.protocol.WireProtocol;
import io.serverlessstack.fake.internal.server.AwsService;
import io.serverlessstack.fake.internal.server.RequestContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
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
   * Invoke's payload limits: 6 MB answered at once (also an event source's batch), 256 KB queued.
   */
  static final int SYNC_PAYLOAD_LIMIT = 6 * 1024 * 1024;

  private static final int ASYNC_PAYLOAD_LIMIT = 256 * 1024;

  private static final Pattern ROLE =
      Pattern.compile("arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+");

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

  private CreateFunctionResponse createFunction(
      CreateFunctionRequest request, RequestContext context) {
    if (request.functionName() == null) {
      throw LambdaErrors.required("functionName");
    }
    FunctionRef ref =
        FunctionRef.parse("functionName", request.functionName(), null, context.scope());
    if (ref.qualifier() != null) {
      throw LambdaErrors.invalidParameter("Unsupported function name: " + request.functionName());
    }
    if (request.role() == null) {
      throw LambdaErrors.required("role");
    }
    if (!ROLE.matcher(request.role()).matches()) {
      throw LambdaErrors.validation(
          "role",
          request.role(),
          "Member must satisfy regular expression pattern:"
              + " arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+");
    }
    if (request.code() == null) {
      throw LambdaErrors.required("code");
    }
    FunctionCode code = request.code();
    byte[] zip = code.zipFile() == null ? null : code.zipFile().asByteArray();
    boolean image = "Image".equals(request.packageTypeAsString());
    if (zip == null && code.s3Bucket() == null && code.imageUri() == null) {
      throw LambdaErrors.invalidParameter("Please provide a source for function code.");
    }
    if (!image && request.runtime() == null) {
      throw LambdaErrors.invalidParameter(
          "Runtime and Handler are mandatory parameters for functions created with deployment"
              + " packages.");
    }
    if (!image && request.handler() == null) {
      throw LambdaErrors.invalidParameter(
          "Runtime and Handler are mandatory parameters for functions created with deployment"
              + " packages.");
    }
    checkHandler(request.handler());
    int timeout = checkTimeout(request.timeout());
    int memory = checkMemory(request.memorySize());
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
            .timeout(timeout)
            .memorySize(memory)
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
      LambdaFunction function = engine.function(ref);
      created = engine.publish(function, request.description());
      created = created.toBuilder().state("Pending").stateReasonCode("Creating").build();
    }
    return copyMembers(created, CreateFunctionResponse.builder()).build();
  }

  private static void checkHandler(String handler) {
    if (handler != null
        && (handler.length() > 128
            || handler.isEmpty()
            || handler.chars().anyMatch(Character::isWhitespace))) {
      throw LambdaErrors.validation(
          "handler", handler, "Member must satisfy regular expression pattern: [^\\s]+");
    }
  }

  private static int checkTimeout(Integer timeout) {
    if (timeout == null) {
      return LambdaEngine.DEFAULT_TIMEOUT_SECONDS;
    }
    if (timeout < 1) {
      throw LambdaErrors.validation(
          "timeout", timeout, "Member must have value greater than or equal to 1");
    }
    if (timeout > 900) {
      throw LambdaErrors.validation(
          "timeout", timeout, "Member must have value less than or equal to 900");
    }
    return timeout;
  }

  private static int checkMemory(Integer memory) {
    if (memory == null) {
      return LambdaEngine.DEFAULT_MEMORY_MB;
    }
    if (memory < 128) {
      throw LambdaErrors.validation(
          "memorySize", memory, "Member must have value greater than or equal to 128");
    }
    if (memory > 10240) {
      throw LambdaErrors.validation(
          "memorySize", memory, "Member must have value less than or equal to 10240");
    }
    return memory;
  }

  /**
   * {@code builder} with the members of {@code source} (a function's, an alias's or a mapping's
   * configuration): every response that answers one repeats its members, so they are copied by
   * name.
   */
  private static <B> B copyMembers(SdkPojo source, B builder) {
    SdkPojo target = (SdkPojo) builder;
    for (SdkField<?> field : source.sdkFields()) {
      for (SdkField<?> into : target.sdkFields()) {
        if (into.memberName().equals(field.memberName())) {
          into.set(builder, field.getValueOrDefault(source));
        }
      }
    }
    return builder;
  }

  private GetFunctionResponse getFunction(GetFunctionRequest request, RequestContext context) {
    FunctionRef ref =
        FunctionRef.parse(
            "functionName", request.functionName(), request.qualifier(), context.scope());
    LambdaFunction function = engine.function(ref);
    LambdaFunction.Version version = version(function, ref);
    FunctionConfiguration configuration = version.configuration();
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
                        + version.label())
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
            "functionName", request.functionName(), request.qualifier(), context.scope());
    LambdaFunction function = engine.function(ref);
    return copyMembers(
            version(function, ref).configuration(), GetFunctionConfigurationResponse.builder())
        .build();
  }

  /** The version a reference names, or Lambda's not-found error naming it. */
  private static LambdaFunction.Version version(LambdaFunction function, FunctionRef ref) {
    LambdaFunction.Version version = function.resolve(ref.qualifier(), 0);
    if (version == null) {
      throw LambdaErrors.functionNotFound(ref.qualifiedArn());
    }
    return version;
  }

  private ListFunctionsResponse listFunctions(
      ListFunctionsRequest request, RequestContext context) {
    int max = pageSize(request.maxItems());
    boolean allVersions = "ALL".equals(request.functionVersionAsString());
    List<FunctionConfiguration> every = new ArrayList<>();
    for (LambdaFunction function : engine.functions(context.scope())) {
      every.add(function.latest());
      if (allVersions) {
        function.versions().forEach(version -> every.add(version.configuration()));
      }
    }
    Page<FunctionConfiguration> page = page(every, request.marker(), max);
    return ListFunctionsResponse.builder().functions(page.items()).nextMarker(page.next()).build();
  }

  private DeleteFunctionResponse deleteFunction(
      DeleteFunctionRequest request, RequestContext context) {
    FunctionRef ref =
        FunctionRef.parse(
            "functionName", request.functionName(), request.qualifier(), context.scope());
    LambdaFunction function = engine.function(ref);
    if (ref.qualifier() == null) {
      engine.delete(function);
    } else if (ref.qualifier().equals("$LATEST")) {
      throw LambdaErrors.invalidParameter(
          "$LATEST version cannot be deleted without deleting the function.");
    } else if (ref.qualifier().chars().allMatch(Character::isDigit)) {
      if (function.aliasUses(ref.qualifier())) {
        throw LambdaErrors.conflict(
            "Unable to delete version because the following aliases reference it: "
                + aliasesOf(function, ref.qualifier()));
      }
      if (!function.removeVersion(Integer.parseInt(ref.qualifier()))) {
        throw LambdaErrors.functionNotFound(ref.qualifiedArn());
      }
    } else {
      throw LambdaErrors.invalidParameter(
          "Deletion of aliases is not supported. Use DeleteAlias API instead.");
    }
    return DeleteFunctionResponse.builder().build();
  }

  private static List<String> aliasesOf(LambdaFunction function, String version) {
    return function.aliases().stream()
        .filter(alias -> alias.functionVersion().equals(version))
        .map(AliasConfiguration::name)
        .toList();
  }

  private UpdateFunctionConfigurationResponse updateFunctionConfiguration(
      UpdateFunctionConfigurationRequest request, RequestContext context) {
    FunctionRef ref = unqualified(request.functionName(), context);
    LambdaFunction function = engine.function(ref);
    checkRevision(function.latest(), request.revisionId());
    FunctionConfiguration.Builder next = function.latest().toBuilder();
    if (request.handler() != null) {
      checkHandler(request.handler());
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
      next.timeout(checkTimeout(request.timeout()));
    }
    if (request.memorySize() != null) {
      next.memorySize(checkMemory(request.memorySize()));
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
    CodeSource code =
        request.handler() != null && !request.handler().equals(function.latest().handler())
            ? engine.codeOf(request.handler())
            : null;
    return copyMembers(
            engine.update(function, next.build(), code),
            UpdateFunctionConfigurationResponse.builder())
        .build();
  }

  private UpdateFunctionCodeResponse updateFunctionCode(
      UpdateFunctionCodeRequest request, RequestContext context) {
    FunctionRef ref = unqualified(request.functionName(), context);
    LambdaFunction function = engine.function(ref);
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
    return copyMembers(updated, UpdateFunctionCodeResponse.builder()).build();
  }

  private static void checkRevision(FunctionConfiguration configuration, String revisionId) {
    if (revisionId != null && !revisionId.equals(configuration.revisionId())) {
      throw new AwsErrorException(
          "PreconditionFailedException",
          "PreconditionFailedException",
          412,
          "The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id");
    }
  }

  private FunctionRef unqualified(String functionName, RequestContext context) {
    FunctionRef ref = FunctionRef.parse("functionName", functionName, null, context.scope());
    if (ref.qualifier() != null) {
      throw LambdaErrors.invalidParameter("Unsupported function name: " + functionName);
    }
    return ref;
  }

  // ---- versions and aliases

  private PublishVersionResponse publishVersion(
      PublishVersionRequest request, RequestContext context) {
    FunctionRef ref = unqualified(request.functionName(), context);
    LambdaFunction function = engine.function(ref);
    checkRevision(function.latest(), request.revisionId());
    if (request.codeSha256() != null
        && !request.codeSha256().equals(function.latest().codeSha256())) {
      throw LambdaErrors.invalidParameter(
          "CodeSHA256 ("
              + request.codeSha256()
              + ") is different from current CodeSHA256 in $LATEST ("
              + function.latest().codeSha256()
              + "). Please try again with the CodeSHA256 in $LATEST.");
    }
    return copyMembers(
            engine.publish(function, request.description()), PublishVersionResponse.builder())
        .build();
  }

  private ListVersionsByFunctionResponse listVersions(
      ListVersionsByFunctionRequest request, RequestContext context) {
    FunctionRef ref = unqualified(request.functionName(), context);
    LambdaFunction function = engine.function(ref);
    List<FunctionConfiguration> every = new ArrayList<>();
    every.add(function.latest());
    function.versions().forEach(version -> every.add(version.configuration()));
    Page<FunctionConfiguration> page = page(every, request.marker(), pageSize(request.maxItems()));
    return ListVersionsByFunctionResponse.builder()
        .versions(page.items())
        .nextMarker(page.next())
        .build();
  }

  private CreateAliasResponse createAlias(CreateAliasRequest request, RequestContext context) {
    FunctionRef ref = unqualified(request.functionName(), context);
    LambdaFunction function = engine.function(ref);
    String name = checkAliasName(request.name());
    if (request.functionVersion() == null) {
      throw LambdaErrors.required("functionVersion");
    }
    checkAliasTarget(function, request.functionVersion(), request.routingConfig());
    synchronized (function) {
      if (function.alias(name) != null) {
        throw LambdaErrors.conflict("Alias already exists: " + function.arn + ":" + name);
      }
      AliasConfiguration alias =
          AliasConfiguration.builder()
              .aliasArn(function.arn + ":" + name)
              .name(name)
              .functionVersion(request.functionVersion())
              .description(request.description() == null ? "" : request.description())
              .routingConfig(request.routingConfig())
              .revisionId(io.serverlessstack.fake.internal.server.Ids.randomUuid())
              .build();
      function.putAlias(alias);
      return copyMembers(alias, CreateAliasResponse.builder()).build();
    }
  }

  private static String checkAliasName(String name) {
    if (name == null) {
      throw LambdaErrors.required("name");
    }
    if (!name.matches("(?!^[0-9]+$)([a-zA-Z0-9-_]{1,128})")) {
      throw LambdaErrors.validation(
          "name",
          name,
          "Member must satisfy regular expression pattern: (?!^[0-9]+$)([a-zA-Z0-9-_]+)");
    }
    return name;
  }

  private static void checkAliasTarget(
      LambdaFunction function, String version, AliasRoutingConfiguration routing) {
    if (function.resolve(version, 0) == null) {
      throw LambdaErrors.notFound("Function not found: " + function.arn + ":" + version);
    }
    if (routing != null && routing.additionalVersionWeights() != null) {
      for (Map.Entry<String, Double> weight : routing.additionalVersionWeights().entrySet()) {
        if (weight.getValue() < 0 || weight.getValue() > 1) {
          throw LambdaErrors.validation(
              "routingConfig.additionalVersionWeights",
              weight.getValue(),
              "Member must have value between 0.0 and 1.0");
        }
        if (function.resolve(weight.getKey(), 0) == null) {
          throw LambdaErrors.notFound(
              "Function not found: " + function.arn + ":" + weight.getKey());
        }
      }
    }
  }

  private AliasConfiguration alias(LambdaFunction function, String name) {
    AliasConfiguration alias = function.alias(checkAliasName(name));
    if (alias == null) {
      throw LambdaErrors.notFound("Cannot find alias arn: " + function.arn + ":" + name);
    }
    return alias;
  }

  private GetAliasResponse getAlias(GetAliasRequest request, RequestContext context) {
    LambdaFunction function = engine.function(unqualified(request.functionName(), context));
    return copyMembers(alias(function, request.name()), GetAliasResponse.builder()).build();
  }

  private UpdateAliasResponse updateAlias(UpdateAliasRequest request, RequestContext context) {
    LambdaFunction function = engine.function(unqualified(request.functionName(), context));
    synchronized (function) {
      AliasConfiguration alias = alias(function, request.name());
      if (request.revisionId() != null && !request.revisionId().equals(alias.revisionId())) {
        throw new AwsErrorException(
            "PreconditionFailedException",
            "PreconditionFailedException",
            412,
            "The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id");
      }
      String version =
          request.functionVersion() != null ? request.functionVersion() : alias.functionVersion();
      AliasRoutingConfiguration routing =
          request.routingConfig() != null ? request.routingConfig() : alias.routingConfig();
      checkAliasTarget(function, version, routing);
      AliasConfiguration updated =
          alias.toBuilder()
              .functionVersion(version)
              .description(
                  request.description() != null ? request.description() : alias.description())
              .routingConfig(routing)
              .revisionId(io.serverlessstack.fake.internal.server.Ids.randomUuid())
              .build();
      function.putAlias(updated);
      return copyMembers(updated, UpdateAliasResponse.builder()).build();
    }
  }

  private DeleteAliasResponse deleteAlias(DeleteAliasRequest request, RequestContext context) {
    LambdaFunction function = engine.function(unqualified(request.functionName(), context));
    function.removeAlias(checkAliasName(request.name()));
    return DeleteAliasResponse.builder().build();
  }

  private ListAliasesResponse listAliases(ListAliasesRequest request, RequestContext context) {
    LambdaFunction function = engine.function(unqualified(request.functionName(), context));
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
    FunctionRef ref =
        FunctionRef.parse(
            "functionName", request.functionName(), request.qualifier(), context.scope());
    String type =
        request.invocationTypeAsString() == null
            ? "RequestResponse"
            : request.invocationTypeAsString();
    if (!List.of("RequestResponse", "Event", "DryRun").contains(type)) {
      throw LambdaErrors.validation(
          "invocationType",
          type,
          "Member must satisfy enum value set: [Event, RequestResponse, DryRun]");
    }
    String logType = request.logTypeAsString();
    if (logType != null && !logType.equals("None") && !logType.equals("Tail")) {
      throw LambdaErrors.validation(
          "logType", logType, "Member must satisfy enum value set: [None, Tail]");
    }
    byte[] payload = request.payload() == null ? new byte[0] : request.payload().asByteArray();
    LambdaFunction function = engine.function(ref);
    LambdaFunction.Version version = function.resolve(ref.qualifier(), LambdaEngine.roll());
    if (version == null) {
      throw LambdaErrors.functionNotFound(ref.qualifiedArn());
    }
    int limit = type.equals("Event") ? ASYNC_PAYLOAD_LIMIT : SYNC_PAYLOAD_LIMIT;
    if (payload.length > limit) {
      throw LambdaErrors.payloadTooLarge(payload.length, limit);
    }
    byte[] event = checkJson(payload);
    String invokedArn = function.arn + (ref.qualifier() == null ? "" : ":" + ref.qualifier());
    switch (type) {
      case "DryRun":
        return CompletableFuture.completedFuture(InvokeResponse.builder().statusCode(204).build());
      case "Event":
        engine.enqueue(function, version, invokedArn, event, "Invoke");
        return CompletableFuture.completedFuture(InvokeResponse.builder().statusCode(202).build());
      default:
        break;
    }
    boolean tail = "Tail".equals(logType);
    return engine
        .run(function, version, invokedArn, event, LambdaEngine.Kind.REQUEST_RESPONSE, "Invoke", 1)
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
      throw new AwsErrorException(
          "InvalidRequestContentException",
          "InvalidRequestContentException",
          400,
          "Could not parse request body into json: Could not parse payload into json: "
              + e.getOriginalMessage()
              + ": was expecting (JSON String, Number, Array, Object or token 'null', 'true' or"
              + " 'false')");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e); // reading bytes in memory does not fail
    }
  }

  // ---- concurrency and asynchronous settings

  private PutFunctionConcurrencyResponse putConcurrency(
      PutFunctionConcurrencyRequest request, RequestContext context) {
    LambdaFunction function = engine.function(unqualified(request.functionName(), context));
    Integer limit = request.reservedConcurrentExecutions();
    if (limit == null) {
      throw LambdaErrors.required("reservedConcurrentExecutions");
    }
    if (limit < 0) {
      throw LambdaErrors.validation(
          "reservedConcurrentExecutions",
          limit,
          "Member must have value greater than or equal to 0");
    }
    if (limit > 900) {
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
    LambdaFunction function = engine.function(unqualified(request.functionName(), context));
    return GetFunctionConcurrencyResponse.builder()
        .reservedConcurrentExecutions(function.reservedConcurrency())
        .build();
  }

  private DeleteFunctionConcurrencyResponse deleteConcurrency(
      DeleteFunctionConcurrencyRequest request, RequestContext context) {
    LambdaFunction function = engine.function(unqualified(request.functionName(), context));
    function.reservedConcurrency(null);
    return DeleteFunctionConcurrencyResponse.builder().build();
  }

  private PutFunctionEventInvokeConfigResponse putEventInvokeConfig(
      PutFunctionEventInvokeConfigRequest request, RequestContext context) {
    FunctionRef ref =
        FunctionRef.parse(
            "functionName", request.functionName(), request.qualifier(), context.scope());
    LambdaFunction function = engine.function(ref);
    int retries = request.maximumRetryAttempts() == null ? 2 : request.maximumRetryAttempts();
    if (retries < 0 || retries > 2) {
      throw LambdaErrors.validation(
          "maximumRetryAttempts", retries, "Member must have value less than or equal to 2");
    }
    int age =
        request.maximumEventAgeInSeconds() == null ? 21_600 : request.maximumEventAgeInSeconds();
    if (age < 60 || age > 21_600) {
      throw LambdaErrors.validation(
          "maximumEventAgeInSeconds",
          age,
          age < 60
              ? "Member must have value greater than or equal to 60"
              : "Member must have value less than or equal to 21600");
    }
    DestinationConfig destinations = request.destinationConfig();
    String onSuccess =
        destinations == null || destinations.onSuccess() == null
            ? null
            : destinations.onSuccess().destination();
    String onFailure =
        destinations == null || destinations.onFailure() == null
            ? null
            : destinations.onFailure().destination();
    function.eventInvokeConfig(
        new LambdaFunction.EventInvokeConfig(retries, age, onSuccess, onFailure));
    return PutFunctionEventInvokeConfigResponse.builder()
        .functionArn(ref.qualifiedArn())
        .maximumRetryAttempts(retries)
        .maximumEventAgeInSeconds(age)
        .destinationConfig(destinations)
        .lastModified(engine.clock.now())
        .build();
  }

  private GetFunctionEventInvokeConfigResponse getEventInvokeConfig(
      GetFunctionEventInvokeConfigRequest request, RequestContext context) {
    FunctionRef ref =
        FunctionRef.parse(
            "functionName", request.functionName(), request.qualifier(), context.scope());
    LambdaFunction function = engine.function(ref);
    if (!function.hasEventInvokeConfig()) {
      throw LambdaErrors.notFound(
          "The function " + ref.qualifiedArn() + " doesn't have an EventInvokeConfig");
    }
    LambdaFunction.EventInvokeConfig config = function.eventInvokeConfig();
    DestinationConfig.Builder destinations = DestinationConfig.builder();
    if (config.onSuccess() != null) {
      destinations.onSuccess(OnSuccess.builder().destination(config.onSuccess()).build());
    }
    if (config.onFailure() != null) {
      destinations.onFailure(OnFailure.builder().destination(config.onFailure()).build());
    }
    return GetFunctionEventInvokeConfigResponse.builder()
        .functionArn(ref.qualifiedArn())
        .maximumRetryAttempts(config.maximumRetryAttempts())
        .maximumEventAgeInSeconds(config.maximumEventAgeSeconds())
        .destinationConfig(destinations.build())
        .build();
  }

  private DeleteFunctionEventInvokeConfigResponse deleteEventInvokeConfig(
      DeleteFunctionEventInvokeConfigRequest request, RequestContext context) {
    FunctionRef ref =
        FunctionRef.parse(
            "functionName", request.functionName(), request.qualifier(), context.scope());
    engine.function(ref).eventInvokeConfig(null);
    return DeleteFunctionEventInvokeConfigResponse.builder().build();
  }

  // ---- event source mappings

  private CreateEventSourceMappingResponse createEventSourceMapping(
      CreateEventSourceMappingRequest request, RequestContext context) {
    return copyMembers(
            engine.mappings.create(context.scope(), request),
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

  private LambdaFunction byResourceArn(String arn, RequestContext context) {
    if (arn == null) {
      throw LambdaErrors.required("resource");
    }
    FunctionRef ref = FunctionRef.parse("resource", arn, null, context.scope());
    return engine.function(ref);
  }

  private TagResourceResponse tagResource(TagResourceRequest request, RequestContext context) {
    byResourceArn(request.resource(), context).tag(request.tags());
    return TagResourceResponse.builder().build();
  }

  private UntagResourceResponse untagResource(
      UntagResourceRequest request, RequestContext context) {
    byResourceArn(request.resource(), context).untag(request.tagKeys());
    return UntagResourceResponse.builder().build();
  }

  private ListTagsResponse listTags(ListTagsRequest request, RequestContext context) {
    return ListTagsResponse.builder()
        .tags(byResourceArn(request.resource(), context).tags())
        .build();
  }

  // ---- paging

  private record Page<T>(List<T> items, String next) {}

  private static int pageSize(Integer maxItems) {
    if (maxItems == null) {
      return PAGE_SIZE;
    }
    if (maxItems < 1 || maxItems > 10_000) {
      throw LambdaErrors.validation(
          "maxItems", maxItems, "Member must have value between 1 and 10000");
    }
    return Math.min(maxItems, PAGE_SIZE);
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
