package io.serverlessstack.fake.internal.lambda;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.serverlessstack.fake.RawHttp;
import io.serverlessstack.fake.SqsStack;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.CreateFunctionRequest;
import software.amazon.awssdk.services.lambda.model.FunctionCode;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.InvalidRequestContentException;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.PreconditionFailedException;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.Runtime;

/**
 * Bad input gets the exception the SDK raises for AWS's answer, with its error code, status and
 * message, and the stack keeps serving. Lambda's model-level checks answer {@code
 * ValidationException}, which the model does not declare: the SDK raises a plain {@link
 * LambdaException} for it.
 */
class LambdaBadInputTest {

  @RegisterExtension static final SqsStack stack = SqsStack.withVirtualClock();

  private static final String ROLE = "arn:aws:iam::000000000000:role/lambda-role";
  private static final String ARN_PREFIX = "arn:aws:lambda:us-east-1:000000000000:function:";
  private static final String GREETER = "io.serverlessstack.fake.handlers.Greeter";

  /** The pattern Lambda prints for a {@code FunctionName} (CreateFunction and the updates). */
  private static final String NAME_PATTERN =
      "(arn:(aws[a-zA-Z-]*)?:lambda:)?((eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:)?"
          + "(\\d{12}:)?(function:)?([a-zA-Z0-9-_]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?";

  /** The pattern Lambda prints for a {@code NamespacedFunctionName} (Get, Delete, Invoke). */
  private static final String NAMESPACED_PATTERN =
      "(arn:(aws[a-zA-Z-]*)?:lambda:)?((eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:)?"
          + "(\\d{12}:)?(function:)?([a-zA-Z0-9-_\\.]+)(:(\\$LATEST(\\.PUBLISHED)?|[a-zA-Z0-9-_]+))?";

  private final LambdaClient lambda = stack.lambda();

  @AfterEach
  void stackKeepsServing() {
    create("still-serving", b -> {});
    assertThat(invoke("still-serving", "{\"name\":\"Bo\"}").payload().asUtf8String())
        .isEqualTo("\"Hello, Bo!\"");
  }

  private void create(String name, Consumer<CreateFunctionRequest.Builder> changes) {
    lambda.createFunction(
        request -> {
          request
              .functionName(name)
              .runtime(Runtime.JAVA21)
              .role(ROLE)
              .handler(GREETER)
              .code(code -> code.zipFile(SdkBytes.fromUtf8String("code")));
          changes.accept(request);
        });
  }

  private InvokeResponse invoke(String name, String payload) {
    return lambda.invoke(b -> b.functionName(name).payload(SdkBytes.fromUtf8String(payload)));
  }

  /**
   * Runs {@code call} and asserts it failed with exactly a {@code type} exception, with the error
   * code, status and message AWS answers.
   */
  private static <E extends LambdaException> E assertError(
      ThrowingCallable call, Class<E> type, String code, int status, String message) {
    Throwable thrown = catchThrowable(call);
    assertThat(thrown).as("the error of the call").isExactlyInstanceOf(type);
    E error = type.cast(thrown);
    assertThat(error.awsErrorDetails().errorCode()).as("errorCode").isEqualTo(code);
    assertThat(error.statusCode()).as("statusCode").isEqualTo(status);
    assertThat(error.awsErrorDetails().errorMessage()).as("message").isEqualTo(message);
    return error;
  }

  private static void assertValidation(ThrowingCallable call, String message) {
    assertError(call, LambdaException.class, "ValidationException", 400, message);
  }

  private static void assertInvalidParameter(ThrowingCallable call, String message) {
    assertError(
        call, InvalidParameterValueException.class, "InvalidParameterValueException", 400, message);
  }

  private static void assertNotFound(ThrowingCallable call, String message) {
    assertError(call, ResourceNotFoundException.class, "ResourceNotFoundException", 404, message);
  }

  // ---- unknown functions, versions and aliases

  @Test
  void anUnknownFunctionIsNotFoundUnderTheArnEachOperationNames() {
    assertNotFound(
        () -> lambda.getFunction(b -> b.functionName("nobody")),
        "Function not found: " + ARN_PREFIX + "nobody");
    assertNotFound(
        () -> lambda.getFunctionConfiguration(b -> b.functionName("nobody").qualifier("1")),
        "Function not found: " + ARN_PREFIX + "nobody:1");
    assertNotFound(
        () -> invoke("nobody", "{}"), "Function not found: " + ARN_PREFIX + "nobody:$LATEST");
    assertNotFound(
        () -> lambda.deleteFunction(b -> b.functionName("nobody").qualifier("1")),
        "Function not found: " + ARN_PREFIX + "nobody");
    assertNotFound(
        () ->
            lambda.putFunctionConcurrency(
                b -> b.functionName("nobody").reservedConcurrentExecutions(1)),
        "Function not found: " + ARN_PREFIX + "nobody:$LATEST");
    assertNotFound(
        () -> lambda.getFunctionConcurrency(b -> b.functionName("nobody")),
        "Function not found: " + ARN_PREFIX + "nobody");
    assertNotFound(
        () -> lambda.listVersionsByFunction(b -> b.functionName("nobody")),
        "Function not found: " + ARN_PREFIX + "nobody");
    assertNotFound(
        () -> lambda.listTags(b -> b.resource(ARN_PREFIX + "nobody")),
        "Function not found: " + ARN_PREFIX + "nobody");
    assertNotFound(
        () -> lambda.createAlias(b -> b.functionName("nobody").name("live").functionVersion("1")),
        "Function not found: " + ARN_PREFIX + "nobody:1");
  }

  @Test
  void anUnknownVersionOrAliasIsNotFound() {
    create("known", b -> {});

    assertNotFound(
        () -> lambda.getFunction(b -> b.functionName("known").qualifier("7")),
        "Function not found: " + ARN_PREFIX + "known:7");
    assertNotFound(
        () -> lambda.getFunction(b -> b.functionName("known:nope")),
        "Function not found: " + ARN_PREFIX + "known:nope");
    assertNotFound(
        () -> lambda.invoke(b -> b.functionName("known").qualifier("9")),
        "Function not found: " + ARN_PREFIX + "known:9");
    assertNotFound(
        () -> lambda.getAlias(b -> b.functionName("known").name("nope")),
        "Cannot find alias arn: " + ARN_PREFIX + "known:nope");
    assertNotFound(
        () -> lambda.updateAlias(b -> b.functionName("known").name("nope").description("x")),
        "Alias not found: " + ARN_PREFIX + "known:nope");
  }

  @Test
  void aFunctionThatExistsAlreadyIsAConflict() {
    create("dup", b -> {});

    assertError(
        () -> create("dup", b -> {}),
        ResourceConflictException.class,
        "ResourceConflictException",
        409,
        "Function already exist: dup");
  }

  // ---- names and qualifiers

  @Test
  void aNameOutsideThePatternIsAValidationError() {
    assertValidation(
        () -> create("my-function!", b -> {}),
        "1 validation error detected: Value 'my-function!' at 'functionName' failed to satisfy"
            + " constraint: Member must satisfy regular expression pattern: "
            + NAME_PATTERN);
    assertValidation(
        () -> lambda.getFunction(b -> b.functionName("arn:aws:lambda:us-east-1:1234@function:x")),
        "1 validation error detected: Value 'arn:aws:lambda:us-east-1:1234@function:x' at"
            + " 'functionName' failed to satisfy constraint: Member must satisfy regular"
            + " expression pattern: "
            + NAMESPACED_PATTERN);
  }

  @Test
  void aNameTooLongIsRefusedOnCreateAndNotFoundElsewhere() {
    String name = "a".repeat(65);

    assertInvalidParameter(
        () -> create(name, b -> {}),
        "1 validation error detected: Value '"
            + name
            + "' at 'functionName' failed to satisfy constraint: Member must have length less"
            + " than or equal to 64");
    assertNotFound(
        () -> lambda.getFunction(b -> b.functionName(name)),
        "Function not found: " + ARN_PREFIX + name);
    String arn = ARN_PREFIX + "a".repeat(141 - ARN_PREFIX.length());
    assertValidation(
        () -> create(arn, b -> {}),
        "1 validation error detected: Value '"
            + arn
            + "' at 'functionName' failed to satisfy constraint: Member must have length less"
            + " than or equal to 140");
  }

  @Test
  void anArnOfAnotherRegionIsNotReachable() {
    assertNotFound(
        () ->
            lambda.getFunction(
                b -> b.functionName("arn:aws:lambda:eu-west-1:000000000000:function:x")),
        "Functions from 'eu-west-1' are not reachable in this region ('us-east-1')");
  }

  @Test
  void aQualifierOutsideItsConstraintsIsAValidationError() {
    assertValidation(
        () -> lambda.getFunction(b -> b.functionName("known").qualifier("invalid!")),
        "1 validation error detected: Value 'invalid!' at 'qualifier' failed to satisfy"
            + " constraint: Member must satisfy regular expression pattern:"
            + " \\$(LATEST(\\.PUBLISHED)?)|[a-zA-Z0-9-_$]+");
    String tooLong = "a".repeat(129);
    assertValidation(
        () -> lambda.invoke(b -> b.functionName("x!").qualifier(tooLong)),
        "2 validation errors detected: Value 'x!' at 'functionName' failed to satisfy"
            + " constraint: Member must satisfy regular expression pattern: "
            + NAMESPACED_PATTERN
            + "; Value '"
            + tooLong
            + "' at 'qualifier' failed to satisfy constraint: Member must have length less than or"
            + " equal to 128");
  }

  @Test
  void aQualifierInTheNameThatDiffersFromTheQualifierParameterIsRefused() {
    create("known", b -> {});
    String message =
        "The derived qualifier from the function name does not match the specified qualifier.";

    assertInvalidParameter(
        () -> lambda.getFunction(b -> b.functionName("known:1").qualifier("$LATEST")), message);
    assertInvalidParameter(
        () -> lambda.invoke(b -> b.functionName(ARN_PREFIX + "known:$LATEST").qualifier("1")),
        message);
    assertInvalidParameter(
        () -> lambda.deleteFunction(b -> b.functionName("known:live").qualifier("2")), message);
  }

  @Test
  void latestAndAliasesCannotBeDeletedWithDeleteFunction() {
    create("known", b -> {});

    assertInvalidParameter(
        () -> lambda.deleteFunction(b -> b.functionName("known").qualifier("$LATEST")),
        "$LATEST version cannot be deleted without deleting the function.");
    assertInvalidParameter(
        () -> lambda.deleteFunction(b -> b.functionName("known:live")),
        "Deletion of aliases is not currently supported.");
  }

  // ---- function settings

  @Test
  void timeoutAndMemoryOutsideTheirRangesAreValidationErrors() {
    assertValidation(
        () -> create("f", b -> b.timeout(0)),
        "1 validation error detected: Value '0' at 'timeout' failed to satisfy constraint: Member"
            + " must have value greater than or equal to 1");
    assertValidation(
        () -> create("f", b -> b.timeout(901)),
        "1 validation error detected: Value '901' at 'timeout' failed to satisfy constraint:"
            + " Member must have value less than or equal to 900");
    assertValidation(
        () -> create("f", b -> b.memorySize(127)),
        "1 validation error detected: Value '127' at 'memorySize' failed to satisfy constraint:"
            + " Member must have value greater than or equal to 128");
    create("f", b -> {});
    assertValidation(
        () -> lambda.updateFunctionConfiguration(b -> b.functionName("f").memorySize(10_241)),
        "1 validation error detected: Value '10241' at 'memorySize' failed to satisfy constraint:"
            + " Member must have value less than or equal to 10240");
  }

  @Test
  void aRoleThatIsNoRoleArnIsAValidationError() {
    assertValidation(
        () -> create("f", b -> b.role("r1")),
        "1 validation error detected: Value 'r1' at 'role' failed to satisfy constraint: Member"
            + " must satisfy regular expression pattern:"
            + " arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+");
  }

  @Test
  void missingRoleAndCodeAreReportedTogether() {
    assertValidation(
        () -> create("f", b -> b.role(null).code((FunctionCode) null)),
        "2 validation errors detected: Value null at 'role' failed to satisfy constraint: Member"
            + " must not be null; Value null at 'code' failed to satisfy constraint: Member must"
            + " not be null");
  }

  @Test
  void codeWithoutASourceIsRefused() {
    assertInvalidParameter(
        () -> create("f", b -> b.code(code -> {})), "Please provide a source for function code.");
  }

  @Test
  void aZipFunctionNeedsARuntimeAndAHandler() {
    String message =
        "Runtime and Handler are mandatory parameters for functions created with deployment"
            + " packages.";

    assertInvalidParameter(() -> create("f", b -> b.runtime((String) null)), message);
    assertInvalidParameter(() -> create("f", b -> b.handler(null)), message);
  }

  @Test
  void aHandlerWithWhitespaceIsAValidationError() {
    assertValidation(
        () -> create("f", b -> b.handler("com.example Handler")),
        "1 validation error detected: Value 'com.example Handler' at 'handler' failed to satisfy"
            + " constraint: Member must satisfy regular expression pattern: [^\\s]+");
  }

  @Test
  void aHandlerStringWithNoMethodFailsEachInvocationAsTheRuntimeDoes() {
    create("f", b -> b.handler(GREETER + "::"));

    InvokeResponse response = invoke("f", "{}");

    assertThat(response.functionError()).isEqualTo("Unhandled");
    assertThat(response.payload().asUtf8String())
        .isEqualTo("{\"errorMessage\":\"Invalid handler: `" + GREETER + "::'\"}");
  }

  // ---- invoking

  @Test
  void anUnknownInvocationTypeOrLogTypeIsAValidationError() {
    create("f", b -> {});

    assertValidation(
        () -> lambda.invoke(b -> b.functionName("f").invocationType("Later")),
        "1 validation error detected: Value 'Later' at 'invocationType' failed to satisfy"
            + " constraint: Member must satisfy enum value set: [Event, RequestResponse, DryRun]");
    assertValidation(
        () -> lambda.invoke(b -> b.functionName("f").logType("All")),
        "1 validation error detected: Value 'All' at 'logType' failed to satisfy constraint:"
            + " Member must satisfy enum value set: [None, Tail]");
  }

  @Test
  void aPayloadThatIsNotJsonIsInvalidRequestContent() {
    create("f", b -> {});

    Throwable thrown = catchThrowable(() -> invoke("f", "not json"));

    assertThat(thrown).isExactlyInstanceOf(InvalidRequestContentException.class);
    InvalidRequestContentException error = (InvalidRequestContentException) thrown;
    assertThat(error.awsErrorDetails().errorCode()).isEqualTo("InvalidRequestContentException");
    assertThat(error.statusCode()).isEqualTo(400);
    // Jackson's own words, as Lambda answers them (it reads payloads with Jackson too).
    assertThat(error.awsErrorDetails().errorMessage())
        .isEqualTo(
            "Could not parse request body into json: Could not parse payload into json:"
                + " Unrecognized token 'not': was expecting (JSON String, Number, Array, Object or"
                + " token 'null', 'true' or 'false')\n at [Source: REDACTED"
                + " (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 5]");
  }

  @Test
  void aPayloadOverSixMegabytesIsTooLarge() {
    create("f", b -> {});
    byte[] payload = new byte[6 * 1024 * 1024 + 1];

    assertError(
        () -> lambda.invoke(b -> b.functionName("f").payload(SdkBytes.fromByteArray(payload))),
        LambdaException.class,
        "RequestEntityTooLargeException",
        413,
        "Request must be smaller than 6291456 bytes for the InvokeFunction operation");
  }

  @Test
  void anEventPayloadOverOneMegabyteIsTooLarge() {
    create("f", b -> {});
    String over = "\"" + "x".repeat(1024 * 1024 - 1) + "\"";
    String under = "{\"name\":\"" + "x".repeat(300 * 1024) + "\"}";

    assertError(
        () ->
            lambda.invoke(
                b ->
                    b.functionName("f")
                        .invocationType(InvocationType.EVENT)
                        .payload(SdkBytes.fromUtf8String(over))),
        LambdaException.class,
        "RequestEntityTooLargeException",
        413,
        "1048577 byte payload is too large for the Event invocation type (limit 1048576 bytes)");
    // Within 1 MB an event is taken: the limit was 256 KB until October 2025.
    assertThat(
            lambda
                .invoke(
                    b ->
                        b.functionName("f")
                            .invocationType(InvocationType.DRY_RUN)
                            .payload(SdkBytes.fromUtf8String(under)))
                .statusCode())
        .isEqualTo(204);
    assertThat(
            lambda
                .invoke(
                    b ->
                        b.functionName("f")
                            .invocationType(InvocationType.EVENT)
                            .payload(SdkBytes.fromUtf8String(under)))
                .statusCode())
        .isEqualTo(202);
  }

  // ---- listing

  @Test
  void maxItemsOutOfRangeAndAnUnknownFunctionVersionAreValidationErrors() {
    assertValidation(
        () -> lambda.listFunctions(b -> b.maxItems(0)),
        "1 validation error detected: Value '0' at 'maxItems' failed to satisfy constraint:"
            + " Member must have value greater than or equal to 1");
    assertValidation(
        () -> lambda.listFunctions(b -> b.maxItems(10_001)),
        "1 validation error detected: Value '10001' at 'maxItems' failed to satisfy constraint:"
            + " Member must have value less than or equal to 10000");
    assertValidation(
        () -> lambda.listFunctions(b -> b.functionVersion("LATEST")),
        "1 validation error detected: Value 'LATEST' at 'functionVersion' failed to satisfy"
            + " constraint: Member must satisfy enum value set: [ALL]");
  }

  @Test
  void aMarkerNotAnsweredByAListingIsRefused() {
    assertInvalidParameter(
        () -> lambda.listFunctions(b -> b.marker("not-a-marker")), "Invalid marker: not-a-marker");
  }

  // ---- versions and aliases

  @Test
  void aRevisionOrCodeSha256OtherThanLatestsIsRefused() {
    create("f", b -> {});

    assertError(
        () -> lambda.publishVersion(b -> b.functionName("f").revisionId("stale")),
        PreconditionFailedException.class,
        "PreconditionFailedException",
        412,
        "The Revision Id provided does not match the latest Revision Id. Call the"
            + " GetFunction/GetAlias API to retrieve the latest Revision Id");
    String sha = lambda.getFunction(b -> b.functionName("f")).configuration().codeSha256();
    assertInvalidParameter(
        () -> lambda.publishVersion(b -> b.functionName("f").codeSha256("abc")),
        "CodeSHA256 (abc) is different from current CodeSHA256 in $LATEST ("
            + sha
            + "). Please try again with the CodeSHA256 in $LATEST.");
  }

  @Test
  void aliasNamesAndRoutingOutsideTheirRulesAreRefused() {
    create("f", b -> {});
    lambda.publishVersion(b -> b.functionName("f"));
    lambda.updateFunctionConfiguration(b -> b.functionName("f").description("two"));
    lambda.publishVersion(b -> b.functionName("f"));
    lambda.createAlias(b -> b.functionName("f").name("live").functionVersion("1"));

    assertValidation(
        () -> lambda.createAlias(b -> b.functionName("f").name("2024").functionVersion("1")),
        "1 validation error detected: Value '2024' at 'name' failed to satisfy constraint: Member"
            + " must satisfy regular expression pattern: (?!^[0-9]+$)([a-zA-Z0-9-_]+)");
    assertValidation(
        () -> createAlias("f", "1", Map.of("2", 2.0)),
        "1 validation error detected: Value '{2=2.0}' at 'routingConfig.additionalVersionWeights'"
            + " failed to satisfy constraint: Map value must satisfy constraint: [Member must have"
            + " value less than or equal to 1.0, Member must have value greater than or equal to"
            + " 0.0, Member must not be null]");
    assertValidation(
        () -> createAlias("f", "1", Map.of("$LATEST", 0.5)),
        "1 validation error detected: Value '{$LATEST=0.5}' at"
            + " 'routingConfig.additionalVersionWeights' failed to satisfy constraint: Map keys"
            + " must satisfy constraint: [Member must have length less than or equal to 1024,"
            + " Member must have length greater than or equal to 1, Member must satisfy regular"
            + " expression pattern: [0-9]+]");
    Map<String, Double> two = new HashMap<>();
    two.put("1", 0.5);
    two.put("2", 0.2);
    assertInvalidParameter(
        () -> createAlias("f", "1", two),
        "Number of items in AdditionalVersionWeights cannot be greater than 1");
    assertInvalidParameter(
        () -> createAlias("f", "1", Map.of("1", 0.5)),
        "Invalid function version 1. Function version 1 is already included in routing"
            + " configuration.");
    assertInvalidParameter(
        () -> createAlias("f", "$LATEST", Map.of("1", 0.5)),
        "$LATEST is not supported for an alias pointing to more than 1 version");
    assertNotFound(
        () -> createAlias("f", "10", Map.of()), "Function not found: " + ARN_PREFIX + "f:10");
    assertNotFound(
        () -> createAlias("f", "1", Map.of("10", 0.5)),
        "Function not found: " + ARN_PREFIX + "f:10");
    assertError(
        () -> lambda.createAlias(b -> b.functionName("f").name("live").functionVersion("2")),
        ResourceConflictException.class,
        "ResourceConflictException",
        409,
        "Alias already exists: " + ARN_PREFIX + "f:live");
  }

  private void createAlias(String function, String version, Map<String, Double> weights) {
    lambda.createAlias(
        b ->
            b.functionName(function)
                .name("custom")
                .functionVersion(version)
                .routingConfig(r -> r.additionalVersionWeights(weights)));
  }

  // ---- concurrency and asynchronous settings

  @Test
  void reservedConcurrencyOutsideItsLimitsIsRefused() {
    create("f", b -> {});

    assertValidation(
        () ->
            lambda.putFunctionConcurrency(
                b -> b.functionName("f").reservedConcurrentExecutions(-1)),
        "1 validation error detected: Value '-1' at 'reservedConcurrentExecutions' failed to"
            + " satisfy constraint: Member must have value greater than or equal to 0");
    assertInvalidParameter(
        () ->
            lambda.putFunctionConcurrency(
                b -> b.functionName("f").reservedConcurrentExecutions(901)),
        "Specified ReservedConcurrentExecutions for function decreases account's"
            + " UnreservedConcurrentExecution below its minimum value of [100].");
    assertInvalidParameter(
        () ->
            lambda.putFunctionConcurrency(
                b -> b.functionName(ARN_PREFIX + "f:$LATEST").reservedConcurrentExecutions(1)),
        "This operation is permitted on Lambda functions only. Aliases and versions do not"
            + " support this operation. Please specify either a function name or an unqualified"
            + " function ARN.");
  }

  @Test
  void eventInvokeConfigErrorsAreLambdas() {
    create("f", b -> {});

    assertInvalidParameter(
        () -> lambda.putFunctionEventInvokeConfig(b -> b.functionName("nobody")),
        "You must specify at least one of error handling or destination setting.");
    assertValidation(
        () -> lambda.putFunctionEventInvokeConfig(b -> b.functionName("f").maximumRetryAttempts(3)),
        "1 validation error detected: Value '3' at 'maximumRetryAttempts' failed to satisfy"
            + " constraint: Member must have value less than or equal to 2");
    assertNotFound(
        () ->
            lambda.putFunctionEventInvokeConfig(
                b -> b.functionName("nobody").maximumRetryAttempts(1)),
        "The function doesn't exist.");
    assertNotFound(
        () ->
            lambda.putFunctionEventInvokeConfig(
                b -> b.functionName("f").qualifier("live").maximumRetryAttempts(1)),
        "The function doesn't exist.");
    assertInvalidParameter(
        () ->
            lambda.putFunctionEventInvokeConfig(
                b ->
                    b.functionName("f")
                        .destinationConfig(d -> d.onSuccess(s -> s.destination(ARN_PREFIX + "f")))),
        "You can't specify the function as a destination for itself.");
    assertInvalidParameter(
        () ->
            lambda.putFunctionEventInvokeConfig(
                b ->
                    b.functionName("f")
                        .destinationConfig(
                            d -> d.onFailure(s -> s.destination(ARN_PREFIX + "nobody")))),
        "The destination ARN " + ARN_PREFIX + "nobody is invalid.");
    assertNotFound(
        () -> lambda.getFunctionEventInvokeConfig(b -> b.functionName("f")),
        "The function " + ARN_PREFIX + "f:$LATEST doesn't have an EventInvokeConfig");
    assertNotFound(
        () -> lambda.deleteFunctionEventInvokeConfig(b -> b.functionName("nobody").qualifier("1")),
        "The function " + ARN_PREFIX + "nobody:1 doesn't have an EventInvokeConfig");
  }

  // ---- tags

  @Test
  void tagsAreForFunctionArnsOnly() {
    create("f", b -> {});

    assertValidation(
        () -> lambda.listTags(b -> b.resource("f")),
        "1 validation error detected: Value 'f' at 'resource' failed to satisfy constraint: Member"
            + " must satisfy regular expression pattern:"
            + " arn:(aws[a-zA-Z-]*):lambda:(eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:"
            + "\\d{12}:(function:[a-zA-Z0-9-_]+(:(\\$LATEST|[a-zA-Z0-9-_]+))?"
            + "|layer:([a-zA-Z0-9-_]+)|code-signing-config:csc-[a-z0-9]{17}"
            + "|event-source-mapping:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}"
            + "-[0-9a-fA-F]{12}|capacity-provider:[a-zA-Z0-9-_]+)");
    assertInvalidParameter(
        () -> lambda.tagResource(b -> b.resource(ARN_PREFIX + "f:1").tags(Map.of("a", "b"))),
        "Tags on function aliases and versions are not supported. Please specify a function ARN.");
  }

  @Test
  void tagChangesOutsideTheRulesAreRefused() {
    create("f", b -> {});
    String arn = ARN_PREFIX + "f";
    Map<String, String> many = new HashMap<>();
    for (int i = 0; i < 51; i++) {
      many.put("k" + i, "v");
    }

    assertValidation(
        () -> lambda.untagResource(b -> b.resource(arn)),
        "1 validation error detected: Value null at 'tagKeys' failed to satisfy constraint:"
            + " Member must not be null");
    assertInvalidParameter(
        () -> lambda.tagResource(b -> b.resource(arn).tags(Map.of())),
        "An error occurred and the request cannot be processed.");
    assertInvalidParameter(
        () -> lambda.tagResource(b -> b.resource(arn).tags(many)),
        "Number of tags exceeds resource tag limit.");
    assertThat(lambda.listTags(b -> b.resource(arn)).tags()).isEmpty();
  }

  // ---- bodies the protocol cannot read

  @Test
  void aBodyThatIsNotJsonIsInvalidRequestContent() {
    RawHttp raw = new RawHttp(stack.server().endpoint());
    Map<String, String> headers =
        Map.of(
            "Content-Type",
            "application/json",
            "Authorization",
            RawHttp.authorization("test", "us-east-1", "lambda"));

    HttpResponse<String> broken =
        raw.post("/2015-03-31/functions", headers, "{\"FunctionName\": ".getBytes(UTF_8));
    HttpResponse<String> mistyped =
        raw.post(
            "/2015-03-31/functions",
            headers,
            "{\"FunctionName\":\"f\",\"Timeout\":\"long\"}".getBytes(UTF_8));

    for (HttpResponse<String> response : List.of(broken, mistyped)) {
      assertThat(response.statusCode()).isEqualTo(400);
      assertThat(response.headers().firstValue("x-amzn-ErrorType"))
          .hasValue("InvalidRequestContentException");
      assertThat(response.body()).contains("Could not parse request body into json: ");
    }
  }
}
