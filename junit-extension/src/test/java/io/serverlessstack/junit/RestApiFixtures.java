package io.serverlessstack.junit;

import org.junit.jupiter.api.Test;

/**
 * Test classes that {@link RestApiDeclarationTest} runs with the engine test kit, each showing one
 * behaviour of {@link RestApi} declarations. Not run on their own: the name matches no test-class
 * pattern.
 */
final class RestApiFixtures {

  private RestApiFixtures() {}

  @ServerlessStack
  @RestApi(name = "orders", openApi = "classpath:apis/missing.yaml")
  static class MissingDocument {
    @Test
    void neverRuns() {}
  }

  @ServerlessStack
  @RestApi(name = "orders", openApi = "classpath:apis/broken.yaml")
  static class InvalidDocument {
    @Test
    void neverRuns() {}
  }

  @ServerlessStack
  @RestApi(name = "orders", openApi = "classpath:apis/orders.yaml", stageVariables = "table")
  static class MalformedStageVariable {
    @Test
    void neverRuns() {}
  }

  @ServerlessStack
  static class HandleForUndeclaredApi {
    @Test
    void neverRuns(@RestApiName("orders") RestApiHandle orders) {}
  }
}
