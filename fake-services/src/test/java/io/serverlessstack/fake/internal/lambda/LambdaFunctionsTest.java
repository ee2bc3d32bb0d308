package io.serverlessstack.fake.internal.lambda;

import static io.serverlessstack.fake.AwsErrors.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.serverlessstack.fake.SqsStack;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.AliasConfiguration;
import software.amazon.awssdk.services.lambda.model.CreateAliasResponse;
import software.amazon.awssdk.services.lambda.model.CreateFunctionResponse;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.FunctionVersion;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationResponse;
import software.amazon.awssdk.services.lambda.model.GetFunctionEventInvokeConfigResponse;
import software.amazon.awssdk.services.lambda.model.GetFunctionResponse;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.ListFunctionsResponse;
import software.amazon.awssdk.services.lambda.model.PreconditionFailedException;
import software.amazon.awssdk.services.lambda.model.PublishVersionResponse;
import software.amazon.awssdk.services.lambda.model.PutFunctionEventInvokeConfigResponse;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.lambda.model.UpdateAliasResponse;
import software.amazon.awssdk.services.lambda.model.UpdateFunctionConfigurationResponse;

/** The Lambda control plane through the real {@link LambdaClient}, answered as AWS answers it. */
class LambdaFunctionsTest {

  @RegisterExtension static final SqsStack stack = SqsStack.withVirtualClock();

  private static final String ROLE = "arn:aws:iam::000000000000:role/lambda-role";
  private static final String ARN_PREFIX = "arn:aws:lambda:us-east-1:000000000000:function:";
  private static final String GREETER = "io.serverlessstack.fake.handlers.Greeter";
  private static final String ECHO = "io.serverlessstack.fake.handlers.Echo";

  private final LambdaClient lambda = stack.lambda();

  private CreateFunctionResponse create(String name, String handler) {
    return lambda.createFunction(
        request ->
            request
                .functionName(name)
                .runtime(Runtime.JAVA21)
                .role(ROLE)
                .handler(handler)
                .code(code -> code.zipFile(SdkBytes.fromUtf8String("code of " + name))));
  }

  private InvokeResponse invoke(String name, String qualifier, String payload) {
    return lambda.invoke(
        request ->
            request
                .functionName(name)
                .qualifier(qualifier)
                .payload(SdkBytes.fromUtf8String(payload)));
  }

  private String revision(String name) {
    return lambda.getFunction(b -> b.functionName(name)).configuration().revisionId();
  }

  private void describe(String name, String description) {
    lambda.updateFunctionConfiguration(b -> b.functionName(name).description(description));
  }

  // ---- functions

  @Test
  void createAnswersPendingAndGetFunctionAnswersActive() {
    CreateFunctionResponse created = create("orders", GREETER);

    assertThat(created.sdkHttpResponse().statusCode()).isEqualTo(201);
    assertThat(created.functionArn()).isEqualTo(ARN_PREFIX + "orders");
    assertThat(created.version()).isEqualTo("$LATEST");
    assertThat(created.stateAsString()).isEqualTo("Pending");
    assertThat(created.stateReason()).isEqualTo("The function is being created.");
    assertThat(created.stateReasonCodeAsString()).isEqualTo("Creating");
    assertThat(created.lastUpdateStatus()).isNull();
    assertThat(created.timeout()).isEqualTo(3);
    assertThat(created.memorySize()).isEqualTo(128);

    FunctionConfiguration got = lambda.getFunction(b -> b.functionName("orders")).configuration();
    assertThat(got.stateAsString()).isEqualTo("Active");
    assertThat(got.lastUpdateStatusAsString()).isEqualTo("Successful");
    assertThat(got.codeSha256()).isEqualTo(created.codeSha256());
    // The revision changes again once the function is active.
    assertThat(got.revisionId()).isNotEqualTo(created.revisionId());
  }

  @Test
  void getFunctionFindsAFunctionByNamePartialArnAndFullArn() {
    create("orders", GREETER);
    String arn = ARN_PREFIX + "orders";

    for (String name : List.of("orders", "000000000000:function:orders", arn)) {
      GetFunctionResponse got = lambda.getFunction(b -> b.functionName(name));
      assertThat(got.configuration().functionArn()).as(name).isEqualTo(arn);
      assertThat(got.code().repositoryType()).isEqualTo("S3");
      GetFunctionConfigurationResponse configuration =
          lambda.getFunctionConfiguration(b -> b.functionName(name));
      assertThat(configuration.functionName()).as(name).isEqualTo("orders");
      assertThat(configuration.handler()).isEqualTo(GREETER);
    }
  }

  @Test
  void aQualifiedNameOrQualifierAnswersUnderTheQualifiedArn() {
    create("orders", GREETER);
    String qualified = ARN_PREFIX + "orders:$LATEST";

    assertThat(
            lambda.getFunction(b -> b.functionName("orders:$LATEST")).configuration().functionArn())
        .isEqualTo(qualified);
    assertThat(
            lambda
                .getFunction(b -> b.functionName(ARN_PREFIX + "orders").qualifier("$LATEST"))
                .configuration()
                .functionArn())
        .isEqualTo(qualified);
    assertThat(
            lambda
                .getFunctionConfiguration(b -> b.functionName(qualified).qualifier("$LATEST"))
                .functionArn())
        .isEqualTo(qualified);
  }

  @Test
  void listFunctionsPagesWithMarkerAndMaxItems() {
    for (String name : List.of("e", "b", "d", "a", "c")) {
      create("fn-" + name, GREETER);
    }

    List<String> names = new ArrayList<>();
    List<Integer> pageSizes = new ArrayList<>();
    String marker = null;
    do {
      String from = marker;
      ListFunctionsResponse page = lambda.listFunctions(b -> b.maxItems(2).marker(from));
      page.functions().forEach(function -> names.add(function.functionName()));
      pageSizes.add(page.functions().size());
      marker = page.nextMarker();
    } while (marker != null);

    assertThat(names).containsExactly("fn-a", "fn-b", "fn-c", "fn-d", "fn-e");
    assertThat(pageSizes).containsExactly(2, 2, 1);
  }

  @Test
  void listFunctionsAnswersAtMostFiftyAPageWhateverMaxItemsSays() {
    for (int i = 0; i < 51; i++) {
      create(String.format("fn-%02d", i), GREETER);
    }

    ListFunctionsResponse first = lambda.listFunctions(b -> b.maxItems(1000));
    ListFunctionsResponse second =
        lambda.listFunctions(b -> b.maxItems(1000).marker(first.nextMarker()));

    assertThat(first.functions()).hasSize(50);
    assertThat(second.functions())
        .extracting(FunctionConfiguration::functionName)
        .containsExactly("fn-50");
    assertThat(second.nextMarker()).isNull();
  }

  @Test
  void listFunctionsListsLatestOnlyUnlessAskedForEveryVersion() {
    create("orders", GREETER);
    lambda.publishVersion(b -> b.functionName("orders"));

    List<FunctionConfiguration> latest = lambda.listFunctions(b -> {}).functions();
    List<FunctionConfiguration> all =
        lambda.listFunctions(b -> b.functionVersion(FunctionVersion.ALL)).functions();

    assertThat(latest)
        .extracting(FunctionConfiguration::functionArn)
        .containsExactly(ARN_PREFIX + "orders");
    assertThat(all)
        .extracting(FunctionConfiguration::functionArn, FunctionConfiguration::version)
        .containsExactly(
            tuple(ARN_PREFIX + "orders:$LATEST", "$LATEST"), tuple(ARN_PREFIX + "orders:1", "1"));
    // Listings leave out the state, which only GetFunction answers.
    assertThat(all).allSatisfy(function -> assertThat(function.state()).isNull());
    assertThat(all).allSatisfy(function -> assertThat(function.lastUpdateStatus()).isNull());
  }

  @Test
  void updateConfigurationChecksTheRevisionAndAnswersAnUpdateInProgress() {
    create("orders", GREETER);

    assertAwsError(
        () ->
            lambda.updateFunctionConfiguration(
                b -> b.functionName("orders").revisionId("not-the-revision").timeout(10)),
        PreconditionFailedException.class,
        "PreconditionFailedException",
        412);
    UpdateFunctionConfigurationResponse updated =
        lambda.updateFunctionConfiguration(
            b -> b.functionName("orders").revisionId(revision("orders")).timeout(10));

    assertThat(updated.timeout()).isEqualTo(10);
    assertThat(updated.lastUpdateStatusAsString()).isEqualTo("InProgress");
    assertThat(updated.lastUpdateStatusReasonCodeAsString()).isEqualTo("Creating");
    GetFunctionConfigurationResponse after =
        lambda.getFunctionConfiguration(b -> b.functionName("orders"));
    assertThat(after.timeout()).isEqualTo(10);
    assertThat(after.lastUpdateStatusAsString()).isEqualTo("Successful");
    // The revision an update answers is gone once the update ends, as on Lambda.
    assertAwsError(
        () ->
            lambda.updateFunctionConfiguration(
                b -> b.functionName("orders").revisionId(updated.revisionId()).memorySize(256)),
        PreconditionFailedException.class,
        "PreconditionFailedException",
        412);
  }

  @Test
  void updateCodeChangesTheCodeAndChecksTheRevision() {
    String before = create("orders", GREETER).codeSha256();

    assertAwsError(
        () ->
            lambda.updateFunctionCode(
                b ->
                    b.functionName("orders")
                        .revisionId("stale")
                        .zipFile(SdkBytes.fromUtf8String("new code"))),
        PreconditionFailedException.class,
        "PreconditionFailedException",
        412);
    String after =
        lambda
            .updateFunctionCode(
                b ->
                    b.functionName("orders")
                        .revisionId(revision("orders"))
                        .zipFile(SdkBytes.fromUtf8String("new code")))
            .codeSha256();

    assertThat(after).isNotEqualTo(before);
    assertThat(lambda.getFunction(b -> b.functionName("orders")).configuration().codeSha256())
        .isEqualTo(after);
  }

  @Test
  void aHandlerChangeTakesEffectOnTheNextInvoke() {
    create("front", GREETER);
    assertThat(invoke("front", null, "{\"name\":\"Ada\"}").payload().asUtf8String())
        .isEqualTo("\"Hello, Ada!\"");

    lambda.updateFunctionConfiguration(b -> b.functionName("front").handler(ECHO));

    assertThat(invoke("front", null, "{\"name\":\"Ada\"}").payload().asUtf8String())
        .isEqualTo("{\"name\":\"Ada\"}");
  }

  // ---- versions and aliases

  @Test
  void publishVersionMakesANewVersionOnlyWhenLatestChanged() {
    create("orders", GREETER);

    PublishVersionResponse first = lambda.publishVersion(b -> b.functionName("orders"));
    PublishVersionResponse again =
        lambda.publishVersion(b -> b.functionName("orders").description("ignored"));
    describe("orders", "second");
    PublishVersionResponse second = lambda.publishVersion(b -> b.functionName("orders"));

    assertThat(first.sdkHttpResponse().statusCode()).isEqualTo(201);
    assertThat(first.version()).isEqualTo("1");
    assertThat(first.functionArn()).isEqualTo(ARN_PREFIX + "orders:1");
    assertThat(again.version()).isEqualTo("1");
    assertThat(again.revisionId()).isEqualTo(first.revisionId());
    assertThat(again.description()).isEmpty();
    assertThat(second.version()).isEqualTo("2");
    assertThat(second.description()).isEqualTo("second");
  }

  @Test
  void publishVersionTakesItsDescriptionAndChecksCodeSha256() {
    String sha = create("orders", GREETER).codeSha256();

    PublishVersionResponse published =
        lambda.publishVersion(b -> b.functionName("orders").codeSha256(sha).description("v1"));

    assertThat(published.description()).isEqualTo("v1");
    assertThat(
            lambda
                .getFunctionConfiguration(b -> b.functionName("orders").qualifier("1"))
                .description())
        .isEqualTo("v1");
  }

  @Test
  void versionNumbersAreNeverReused() {
    create("orders", GREETER);
    lambda.publishVersion(b -> b.functionName("orders"));
    describe("orders", "two");
    lambda.publishVersion(b -> b.functionName("orders"));

    lambda.deleteFunction(b -> b.functionName("orders").qualifier("2"));
    describe("orders", "three");

    assertThat(lambda.publishVersion(b -> b.functionName("orders")).version()).isEqualTo("3");
  }

  @Test
  void listVersionsByFunctionListsLatestAndEveryVersionUnderQualifiedArns() {
    create("orders", GREETER);
    lambda.publishVersion(b -> b.functionName("orders"));
    describe("orders", "two");
    lambda.publishVersion(b -> b.functionName("orders"));

    List<FunctionConfiguration> versions =
        lambda.listVersionsByFunction(b -> b.functionName("orders")).versions();
    List<FunctionConfiguration> firstPage =
        lambda.listVersionsByFunction(b -> b.functionName("orders").maxItems(2)).versions();

    assertThat(versions)
        .extracting(FunctionConfiguration::functionArn)
        .containsExactly(
            ARN_PREFIX + "orders:$LATEST", ARN_PREFIX + "orders:1", ARN_PREFIX + "orders:2");
    assertThat(versions)
        .extracting(FunctionConfiguration::description)
        .containsExactly("two", "", "two");
    assertThat(firstPage).hasSize(2);
  }

  @Test
  void invokingAVersionOrAnAliasRunsThatVersion() {
    create("front", GREETER);
    lambda.publishVersion(b -> b.functionName("front"));
    lambda.updateFunctionConfiguration(b -> b.functionName("front").handler(ECHO));
    lambda.publishVersion(b -> b.functionName("front"));
    lambda.createAlias(b -> b.functionName("front").name("live").functionVersion("1"));

    InvokeResponse one = invoke("front", "1", "{\"name\":\"Ada\"}");
    InvokeResponse two = invoke("front", "2", "{\"name\":\"Ada\"}");
    InvokeResponse live = invoke("front", "live", "{\"name\":\"Ada\"}");
    InvokeResponse liveByName = invoke("front:live", null, "{\"name\":\"Ada\"}");
    InvokeResponse latest = invoke("front", null, "{\"name\":\"Ada\"}");

    assertThat(one.executedVersion()).isEqualTo("1");
    assertThat(one.payload().asUtf8String()).isEqualTo("\"Hello, Ada!\"");
    assertThat(two.executedVersion()).isEqualTo("2");
    assertThat(two.payload().asUtf8String()).isEqualTo("{\"name\":\"Ada\"}");
    assertThat(live.executedVersion()).isEqualTo("1");
    assertThat(liveByName.executedVersion()).isEqualTo("1");
    assertThat(latest.executedVersion()).isEqualTo("$LATEST");
  }

  @Test
  void anAliasRoutesByItsWeights() {
    create("front", GREETER);
    lambda.publishVersion(b -> b.functionName("front"));
    describe("front", "two");
    lambda.publishVersion(b -> b.functionName("front"));
    lambda.createAlias(
        b ->
            b.functionName("front")
                .name("all-to-two")
                .functionVersion("1")
                .routingConfig(r -> r.additionalVersionWeights(Map.of("2", 1.0))));
    lambda.createAlias(
        b ->
            b.functionName("front")
                .name("none-to-two")
                .functionVersion("1")
                .routingConfig(r -> r.additionalVersionWeights(Map.of("2", 0.0))));

    for (int i = 0; i < 5; i++) {
      assertThat(invoke("front", "all-to-two", "{}").executedVersion()).isEqualTo("2");
      assertThat(invoke("front", "none-to-two", "{}").executedVersion()).isEqualTo("1");
    }
  }

  @Test
  void aliasesAreCreatedReadListedUpdatedAndDeleted() {
    create("front", GREETER);
    lambda.publishVersion(b -> b.functionName("front"));
    describe("front", "two");
    lambda.publishVersion(b -> b.functionName("front"));

    CreateAliasResponse created =
        lambda.createAlias(
            b ->
                b.functionName("front")
                    .name("live")
                    .functionVersion("1")
                    .routingConfig(r -> r.additionalVersionWeights(Map.of("2", 0.25))));
    lambda.createAlias(b -> b.functionName("front").name("beta").functionVersion("2"));

    assertThat(created.sdkHttpResponse().statusCode()).isEqualTo(201);
    assertThat(created.aliasArn()).isEqualTo(ARN_PREFIX + "front:live");
    assertThat(created.description()).isEmpty();
    assertThat(created.routingConfig().additionalVersionWeights()).containsEntry("2", 0.25);
    assertThat(lambda.getAlias(b -> b.functionName("front").name("live")).revisionId())
        .isEqualTo(created.revisionId());
    assertThat(lambda.listAliases(b -> b.functionName("front")).aliases())
        .extracting(AliasConfiguration::name)
        .containsExactly("beta", "live");
    assertThat(lambda.listAliases(b -> b.functionName("front").functionVersion("1")).aliases())
        .extracting(AliasConfiguration::name)
        .containsExactly("live");
    assertThat(
            lambda
                .getFunction(b -> b.functionName("front").qualifier("live"))
                .configuration()
                .functionArn())
        .isEqualTo(ARN_PREFIX + "front:live");

    assertAwsError(
        () ->
            lambda.updateAlias(
                b -> b.functionName("front").name("live").revisionId("stale").functionVersion("2")),
        PreconditionFailedException.class,
        "PreconditionFailedException",
        412);
    UpdateAliasResponse updated =
        lambda.updateAlias(
            b ->
                b.functionName("front")
                    .name("live")
                    .revisionId(created.revisionId())
                    .functionVersion("2")
                    .description("moved")
                    .routingConfig(r -> r.additionalVersionWeights(Map.of())));

    assertThat(updated.functionVersion()).isEqualTo("2");
    assertThat(updated.description()).isEqualTo("moved");
    assertThat(updated.routingConfig()).isNull();
    assertThat(updated.revisionId()).isNotEqualTo(created.revisionId());

    lambda.deleteAlias(b -> b.functionName("front").name("live"));
    lambda.deleteAlias(b -> b.functionName("front").name("live"));
    ResourceNotFoundException gone =
        assertAwsError(
            () -> lambda.getAlias(b -> b.functionName("front").name("live")),
            ResourceNotFoundException.class,
            "ResourceNotFoundException",
            404);
    assertThat(gone.awsErrorDetails().errorMessage())
        .isEqualTo("Cannot find alias arn: " + ARN_PREFIX + "front:live");
  }

  @Test
  void aVersionAnAliasUsesCannotBeDeleted() {
    create("front", GREETER);
    lambda.publishVersion(b -> b.functionName("front"));
    lambda.createAlias(b -> b.functionName("front").name("live").functionVersion("1"));

    ResourceConflictException refused =
        assertAwsError(
            () -> lambda.deleteFunction(b -> b.functionName("front").qualifier("1")),
            ResourceConflictException.class,
            "ResourceConflictException",
            409);
    assertThat(refused.awsErrorDetails().errorMessage())
        .isEqualTo("Unable to delete version because the following aliases reference it: [live]");

    lambda.deleteAlias(b -> b.functionName("front").name("live"));
    lambda.deleteFunction(b -> b.functionName("front").qualifier("1"));
    // A version that is not there is deleted without complaint, as on Lambda.
    lambda.deleteFunction(b -> b.functionName("front").qualifier("1"));
    assertThat(lambda.listVersionsByFunction(b -> b.functionName("front")).versions())
        .extracting(FunctionConfiguration::version)
        .containsExactly("$LATEST");
  }

  @Test
  void deleteFunctionDeletesTheFunctionAndEveryVersion() {
    create("orders", GREETER);
    lambda.publishVersion(b -> b.functionName("orders"));

    assertThat(lambda.deleteFunction(b -> b.functionName("orders")).sdkHttpResponse().statusCode())
        .isEqualTo(204);

    assertAwsError(
        () -> lambda.getFunction(b -> b.functionName("orders").qualifier("1")),
        ResourceNotFoundException.class,
        "ResourceNotFoundException",
        404);
    assertThat(lambda.listFunctions(b -> b.functionVersion(FunctionVersion.ALL)).functions())
        .isEmpty();
  }

  // ---- tags, concurrency, asynchronous settings

  @Test
  void tagsAreSetOnCreateAddedListedAndRemoved() {
    lambda.createFunction(
        request ->
            request
                .functionName("tagged")
                .runtime(Runtime.JAVA21)
                .role(ROLE)
                .handler(GREETER)
                .tags(Map.of("team", "orders"))
                .code(code -> code.zipFile(SdkBytes.fromUtf8String("code"))));
    String arn = ARN_PREFIX + "tagged";

    lambda.tagResource(b -> b.resource(arn).tags(Map.of("stage", "test", "team", "payments")));
    assertThat(lambda.listTags(b -> b.resource(arn)).tags())
        .isEqualTo(Map.of("team", "payments", "stage", "test"));
    assertThat(lambda.getFunction(b -> b.functionName("tagged")).tags())
        .containsEntry("stage", "test");

    lambda.untagResource(b -> b.resource(arn).tagKeys("team", "absent"));
    assertThat(lambda.listTags(b -> b.resource(arn)).tags()).isEqualTo(Map.of("stage", "test"));
  }

  @Test
  void reservedConcurrencyIsPutReadAndDeleted() {
    create("orders", GREETER);

    assertThat(
            lambda
                .putFunctionConcurrency(
                    b -> b.functionName("orders").reservedConcurrentExecutions(5))
                .reservedConcurrentExecutions())
        .isEqualTo(5);
    assertThat(
            lambda
                .getFunctionConcurrency(b -> b.functionName("orders"))
                .reservedConcurrentExecutions())
        .isEqualTo(5);
    assertThat(
            lambda
                .getFunction(b -> b.functionName("orders"))
                .concurrency()
                .reservedConcurrentExecutions())
        .isEqualTo(5);

    lambda.deleteFunctionConcurrency(b -> b.functionName("orders"));
    assertThat(
            lambda
                .getFunctionConcurrency(b -> b.functionName("orders"))
                .reservedConcurrentExecutions())
        .isNull();
  }

  @Test
  void eventInvokeConfigIsKeptPerVersionOrAliasWithOnlyWhatWasPut() {
    create("orders", GREETER);
    create("audit", GREETER);
    lambda.publishVersion(b -> b.functionName("orders"));
    lambda.createAlias(b -> b.functionName("orders").name("live").functionVersion("1"));

    PutFunctionEventInvokeConfigResponse latest =
        lambda.putFunctionEventInvokeConfig(b -> b.functionName("orders").maximumRetryAttempts(0));
    lambda.putFunctionEventInvokeConfig(
        b ->
            b.functionName("orders")
                .qualifier("live")
                .maximumEventAgeInSeconds(120)
                .destinationConfig(d -> d.onFailure(f -> f.destination(ARN_PREFIX + "audit"))));

    assertThat(latest.functionArn()).isEqualTo(ARN_PREFIX + "orders:$LATEST");
    assertThat(latest.maximumRetryAttempts()).isZero();
    assertThat(latest.maximumEventAgeInSeconds()).isNull();
    assertThat(latest.lastModified()).isEqualTo(stack.now());
    GetFunctionEventInvokeConfigResponse live =
        lambda.getFunctionEventInvokeConfig(b -> b.functionName("orders:live"));
    assertThat(live.functionArn()).isEqualTo(ARN_PREFIX + "orders:live");
    assertThat(live.maximumEventAgeInSeconds()).isEqualTo(120);
    assertThat(live.maximumRetryAttempts()).isNull();
    assertThat(live.destinationConfig().onFailure().destination()).isEqualTo(ARN_PREFIX + "audit");

    // Put replaces what was there: what it leaves out is gone.
    lambda.putFunctionEventInvokeConfig(b -> b.functionName("orders").maximumEventAgeInSeconds(60));
    GetFunctionEventInvokeConfigResponse replaced =
        lambda.getFunctionEventInvokeConfig(b -> b.functionName("orders"));
    assertThat(replaced.maximumRetryAttempts()).isNull();
    assertThat(replaced.maximumEventAgeInSeconds()).isEqualTo(60);

    lambda.deleteFunctionEventInvokeConfig(b -> b.functionName("orders"));
    ResourceNotFoundException gone =
        assertAwsError(
            () -> lambda.getFunctionEventInvokeConfig(b -> b.functionName("orders")),
            ResourceNotFoundException.class,
            "ResourceNotFoundException",
            404);
    assertThat(gone.awsErrorDetails().errorMessage())
        .isEqualTo(
            "The function " + ARN_PREFIX + "orders:$LATEST doesn't have an EventInvokeConfig");
    assertThat(
            lambda
                .getFunctionEventInvokeConfig(b -> b.functionName("orders").qualifier("live"))
                .maximumEventAgeInSeconds())
        .isEqualTo(120);
  }
}
