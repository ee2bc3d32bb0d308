package io.serverlessstack.fake.internal.apigateway;

import io.serverlessstack.fake.internal.platform.ServiceContext;
import io.serverlessstack.fake.internal.platform.ServicePlugin;
import io.serverlessstack.fake.internal.server.AwsService;
import io.serverlessstack.fake.internal.server.RawRoute;
import io.serverlessstack.fake.internal.server.ServiceDescriptor;
import io.serverlessstack.fake.internal.server.StackRequest;
import java.util.List;
import java.util.function.Predicate;

/**
 * API Gateway on the service platform: its control planes (REST APIs under {@code /restapis},
 * {@code /apikeys}, {@code /usageplans}…; HTTP APIs under {@code /v2/…}), both signed as {@code
 * apigateway}, and its invocations, which are raw routes: {@code
 * /restapis/{apiId}/{stage}/_user_request_/{path}} on the stack's own address, or any path on a
 * host {@code {apiId}.execute-api.<anything>}. {@link #create} alone touches the engine, the
 * operations and the SDK's models.
 */
public final class ApiGatewayPlugin implements ServicePlugin {

  public static final String ID = "apigateway";

  /** What separates an invocation's stage from its path in the stack's own invoke URLs. */
  static final String USER_REQUEST = "/_user_request_";

  static final String EXECUTE_API = "execute-api";

  private static final List<String> PATH_PREFIXES =
      List.of(
          "/restapis",
          "/apikeys",
          "/usageplans",
          "/account",
          "/tags",
          "/domainnames",
          "/clientcertificates",
          "/vpclinks",
          "/sdktypes",
          "/v2/apis",
          "/v2/domainnames",
          "/v2/tags",
          "/v2/vpclinks");

  private static final Predicate<StackRequest> ON_EXECUTE_API_HOST =
      RawRoute.hostLabelMatcher(EXECUTE_API);

  private static final ServiceDescriptor DESCRIPTOR = describe();

  private static ServiceDescriptor describe() {
    ServiceDescriptor.Builder builder = ServiceDescriptor.builder(ID).restJson1();
    for (String prefix : PATH_PREFIXES) {
      builder.restPathPrefix(prefix);
    }
    return builder.rawRoute(ApiGatewayPlugin::isInvocation).build();
  }

  /** Whether a request calls a deployed API rather than the control plane. */
  static boolean isInvocation(StackRequest request) {
    String path = request.path();
    return (path.startsWith("/restapis/") && path.contains(USER_REQUEST))
        || ON_EXECUTE_API_HOST.test(request);
  }

  @Override
  public ServiceDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public AwsService create(ServiceContext context) {
    return ApiGatewayService.create(new ApiGatewayEngine(context));
  }
}
