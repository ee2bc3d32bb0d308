package io.serverlessstack.fake.internal.admin;

import io.serverlessstack.fake.internal.Json;
import io.serverlessstack.fake.internal.platform.StackServices;
import io.serverlessstack.fake.internal.server.StackRequest;
import io.serverlessstack.fake.internal.server.StackResponse;
import io.serverlessstack.fake.internal.stepfunctions.StepFunctionsEngine;
import io.serverlessstack.fake.internal.stepfunctions.StepFunctionsMockConfig;
import io.serverlessstack.fake.internal.stepfunctions.StepFunctionsPlugin;
import java.util.Map;

/**
 * {@code /_stack/states/mocks}: the stack's Step Functions mock configuration, in AWS Step
 * Functions Local's format. {@code PUT} replaces it (400 with the parse error, and the old one
 * kept, if the body is not one), {@code GET} answers it as it was given (404 if there is none),
 * {@code DELETE} removes it. How a container or standalone stack takes a test's mock file.
 */
final class StepFunctionsMocksAdmin {

  static final String PATH = "/states/mocks";
  private static final String JSON = "application/json";

  private StepFunctionsMocksAdmin() {}

  static StackResponse handle(StackRequest request, StackServices services) {
    if (!services.runs(StepFunctionsPlugin.ID)) {
      return error(404, "The stack does not run Step Functions");
    }
    StepFunctionsEngine engine =
        services.load(StepFunctionsPlugin.ID).engine(StepFunctionsEngine.class);
    switch (request.method()) {
      case "GET":
        return engine
            .mocks()
            .map(config -> StackResponse.of(200, JSON, config.text()))
            .orElseGet(() -> error(404, "The stack has no Step Functions mock configuration"));
      case "PUT":
        StepFunctionsMockConfig config;
        try {
          config = StepFunctionsMockConfig.parse(request.bodyText());
        } catch (IllegalArgumentException invalid) {
          return error(400, invalid.getMessage());
        }
        engine.useMocks(config);
        return StackResponse.of(200, JSON, Json.write(Map.of("status", "replaced")));
      case "DELETE":
        engine.useMocks(null);
        return StackResponse.of(200, JSON, Json.write(Map.of("status", "removed")));
      default:
        return error(405, "Use GET, PUT or DELETE on /_stack" + PATH)
            .withHeader("Allow", "GET, PUT, DELETE");
    }
  }

  private static StackResponse error(int status, String message) {
    return StackResponse.of(status, JSON, Json.write(Map.of("error", message)));
  }
}
