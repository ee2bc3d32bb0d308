package io.serverlessstack.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares an API Gateway REST API, imported from the application's own OpenAPI 3 or Swagger 2
 * document (with its {@code x-amazon-apigateway-*} extensions) and deployed to a stage before each
 * test of a {@link ServerlessStack} class (on the class) or before one test (on the test method). A
 * test method's declaration replaces the class's of the same name for that test, as long as the
 * stack resets between tests. The API is imported with a real SDK {@code ApiGatewayClient}
 * (ImportRestApi, then CreateDeployment), so a document API Gateway refuses fails the test with its
 * own message. Needs the AWS SDK's {@code apigateway} module on the test class path. Inject its
 * stage's URL with {@link RestApiName}.
 *
 * <pre>{@code
 * @RestApi(name = "orders", openApi = "classpath:apis/orders.yaml", stage = "prod")
 * class OrdersApiTest {
 *   @Test
 *   void createsOrders(@RestApiName("orders") RestApiHandle api) throws Exception {
 *     HttpClient.newHttpClient().send(HttpRequest.newBuilder(api.uri("/orders")).build(), ofString());
 *     assertThat(api).hasAnswered("GET", "/orders", 200);
 *   }
 * }
 * }</pre>
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Repeatable(RestApis.class)
public @interface RestApi {

  /** The API's name; replaces the document's {@code info.title}. */
  String name();

  /**
   * Where the document is: {@code classpath:path/in/resources.yaml}, or a file path (relative paths
   * from the working directory, the module's directory under Maven and Gradle). JSON or YAML.
   */
  String openApi();

  /** The stage it is deployed to. */
  String stage() default "test";

  /** The stage's variables, each {@code name=value}. */
  String[] stageVariables() default {};
}
