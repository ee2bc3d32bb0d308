package io.serverlessstack.junit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ParameterResolutionException;

/**
 * The {@link RestApi} plug-in: checks the declarations, reads their documents and has {@link
 * RestApiClient} import and deploy them with the stack's {@code ApiGatewayClient}. It names no SDK
 * type itself, so a project without the SDK's {@code apigateway} module runs every other test
 * unchanged.
 */
final class RestApiDeclarations implements ResourceDeclarations<RestApi> {

  private static final String API_GATEWAY_CLIENT =
      "software.amazon.awssdk.services.apigateway.ApiGatewayClient";

  /** An API declared with its document read and its stage variables parsed. */
  record Declared(RestApi annotation, String document, Map<String, String> stageVariables) {}

  @Override
  public Class<RestApi> annotationType() {
    return RestApi.class;
  }

  /** After everything else: a document's integrations name functions, queues and machines. */
  @Override
  public int order() {
    return 300;
  }

  @Override
  public List<RestApi> forTest(
      List<RestApi> classDeclarations,
      List<RestApi> methodDeclarations,
      boolean resetBetweenTests,
      String method) {
    return MethodDeclarations.forTest(
        classDeclarations,
        methodDeclarations,
        RestApi::name,
        "RestApi",
        "REST API",
        resetBetweenTests,
        method);
  }

  @Override
  public void create(ManagedStack stack, List<RestApi> declarations) {
    List<RestApi> checked = checked(declarations);
    if (checked.isEmpty()) {
      return;
    }
    if (!DeclaredFiles.present(API_GATEWAY_CLIENT)) {
      throw new ExtensionConfigurationException(
          "@RestApi(name = \""
              + checked.get(0).name()
              + "\") needs the AWS SDK's API Gateway client on the test class path: add"
              + " software.amazon.awssdk:apigateway");
    }
    RestApiClient.create(
        stack,
        checked.stream()
            .map(
                api ->
                    new Declared(
                        api, DeclaredFiles.read(api.openApi(), describe(api)), variables(api)))
            .toList());
  }

  static String describe(RestApi api) {
    return "@RestApi(name = \"" + api.name() + "\", openApi = \"" + api.openApi() + "\")";
  }

  /**
   * The declarations without repeats, in the order declared.
   *
   * @throws ExtensionConfigurationException for an API declared twice differently
   */
  static List<RestApi> checked(List<RestApi> declared) {
    Map<String, RestApi> byName = new LinkedHashMap<>();
    for (RestApi api : declared) {
      RestApi earlier = byName.putIfAbsent(api.name(), api);
      if (earlier != null && !earlier.equals(api)) {
        throw new ExtensionConfigurationException(
            "REST API \""
                + api.name()
                + "\" is declared twice, differently: "
                + AnnotationSettings.differences(earlier, "in one", api, "in the other")
                + ". Declare it once, or the two under different names.");
      }
    }
    return List.copyOf(byName.values());
  }

  private static Map<String, String> variables(RestApi api) {
    Map<String, String> variables = new LinkedHashMap<>();
    for (String variable : api.stageVariables()) {
      int equals = variable.indexOf('=');
      if (equals < 1) {
        throw new ExtensionConfigurationException(
            describe(api) + ": a stage variable is name=value, not \"" + variable + "\"");
      }
      variables.put(variable.substring(0, equals), variable.substring(equals + 1));
    }
    return variables;
  }

  /**
   * A handle on the REST API {@code name} of {@code stack}.
   *
   * @throws ParameterResolutionException if there is none, or no API Gateway SDK to reach it with
   */
  static RestApiHandle handle(ManagedStack stack, String name) {
    if (!DeclaredFiles.present(API_GATEWAY_CLIENT)) {
      throw new ParameterResolutionException(
          "A RestApiHandle needs the AWS SDK's API Gateway client on the test class path: add"
              + " software.amazon.awssdk:apigateway");
    }
    return RestApiClient.handle(stack, name)
        .orElseThrow(
            () ->
                new ParameterResolutionException(
                    "There is no REST API \""
                        + name
                        + "\" deployed on the stack; declare it with @RestApi(name = \""
                        + name
                        + "\", openApi = ...) on the test class or method"));
  }
}
