package io.serverlessstack.fake.internal.apigateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.serverlessstack.fake.SqsStack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.CreateRestApiResponse;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;
import software.amazon.awssdk.services.apigateway.model.PutIntegrationRequest;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.StateMachineType;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * REST APIs with {@code AWS} integrations to the stack's own services — "API Gateway → queue" and
 * its siblings — built with the templates of AWS's developer guide (the SQS, Kinesis and Step
 * Functions proxy tutorials, Lambda custom integrations), called with a plain {@link HttpClient},
 * and checked with the services' own SDK clients.
 */
class AwsServiceIntegrationsTest {

  @RegisterExtension static final SqsStack stack = SqsStack.withVirtualClock();

  static final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  static final JsonMapper JSON = new JsonMapper();

  static final String ACCOUNT = "000000000000";
  static final String REGION = "us-east-1";

  static WireMockServer backend;

  @BeforeAll
  static void startBackend() {
    backend = new WireMockServer(wireMockConfig().dynamicPort());
    backend.start();
  }

  @AfterAll
  static void stopBackend() {
    backend.stop();
  }

  static ApiGatewayClient api() {
    return stack.apiGateway();
  }

  /**
   * An API with one method, {@code POST /{pathPart}} (or {@code httpMethod}), integrated as {@code
   * integration} builds it, with a default integration response of 200 and whichever more the test
   * adds.
   */
  record Api(String id, String resourceId, String httpMethod) {

    static Api with(
        String pathPart,
        String httpMethod,
        Map<String, Boolean> methodParameters,
        java.util.function.UnaryOperator<PutIntegrationRequest.Builder> integration) {
      CreateRestApiResponse created = api().createRestApi(r -> r.name("aws-" + pathPart));
      String resource =
          api()
              .createResource(
                  r ->
                      r.restApiId(created.id())
                          .parentId(created.rootResourceId())
                          .pathPart(pathPart))
              .id();
      api()
          .putMethod(
              r ->
                  r.restApiId(created.id())
                      .resourceId(resource)
                      .httpMethod(httpMethod)
                      .authorizationType("NONE")
                      .requestParameters(methodParameters));
      api()
          .putIntegration(
              integration
                  .apply(
                      PutIntegrationRequest.builder()
                          .restApiId(created.id())
                          .resourceId(resource)
                          .httpMethod(httpMethod))
                  .build());
      Api built = new Api(created.id(), resource, httpMethod);
      built.response("200", null, null);
      return built;
    }

    static Api post(
        String pathPart,
        java.util.function.UnaryOperator<PutIntegrationRequest.Builder> integration) {
      return with(pathPart, "POST", Map.of(), integration);
    }

    /** A method response and its integration response, selected by {@code pattern}. */
    Api response(String status, String pattern, String template) {
      api()
          .putMethodResponse(
              r ->
                  r.restApiId(id).resourceId(resourceId).httpMethod(httpMethod).statusCode(status));
      api()
          .putIntegrationResponse(
              r -> {
                r.restApiId(id)
                    .resourceId(resourceId)
                    .httpMethod(httpMethod)
                    .statusCode(status)
                    .selectionPattern(pattern);
                if (template != null) {
                  r.responseTemplates(Map.of("application/json", template));
                }
              });
      return this;
    }

    URI deploy(String path) {
      api().createDeployment(r -> r.restApiId(id).stageName("prod"));
      return URI.create(
          stack.server().endpoint() + "/restapis/" + id + "/prod/_user_request_" + path);
    }
  }

  static HttpResponse<String> post(URI uri, String body, String... headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(10))
            .POST(HttpRequest.BodyPublishers.ofString(body));
    request.header("Content-Type", "application/json");
    if (headers.length > 0) {
      request.headers(headers);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  static List<Message> received(String queueUrl) {
    return stack
        .sqs()
        .receiveMessage(
            r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).messageAttributeNames("All"))
        .messages();
  }

  static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }

  // ---- SQS

  /** The developer guide's "REST API as an Amazon SQS proxy": a path URI and a form template. */
  @Test
  void pathUriSendsTheRenderedFormToTheQueueAndTheResponseTemplateReadsSqsJsonAnswer()
      throws Exception {
    String queueUrl = stack.createQueue("orders");
    Api orders =
        Api.post(
                "orders",
                r ->
                    r.type(IntegrationType.AWS)
                        .integrationHttpMethod("POST")
                        .uri("arn:aws:apigateway:" + REGION + ":sqs:path/" + ACCOUNT + "/orders")
                        .requestParameters(
                            Map.of(
                                "integration.request.header.Content-Type",
                                "'application/x-www-form-urlencoded'"))
                        .requestTemplates(
                            Map.of(
                                "application/json",
                                "Action=SendMessage&MessageBody=$util.urlEncode($input.body)"))
                        .passthroughBehavior("NEVER"))
            .response(
                "200",
                null,
                "#set($sent = $input.path('$.SendMessageResponse.SendMessageResult'))\n"
                    + "{\"messageId\": \"$sent.MessageId\", \"requestId\":"
                    + " \"$input.path('$.SendMessageResponse.ResponseMetadata.RequestId')\"}");

    HttpResponse<String> response =
        post(orders.deploy("/orders"), "{\"orderId\": \"o-1\", \"note\": \"a & b = c\"}");

    assertThat(response.statusCode()).isEqualTo(200);
    List<Message> messages = received(queueUrl);
    assertThat(messages).hasSize(1);
    assertThat(messages.get(0).body()).isEqualTo("{\"orderId\": \"o-1\", \"note\": \"a & b = c\"}");
    JsonNode answer = json(response.body());
    assertThat(answer.get("messageId").asText()).isEqualTo(messages.get(0).messageId());
    assertThat(answer.get("requestId").asText()).isNotBlank();
  }

  /** The action URI form: parameters from the integration's query string mappings. */
  @Test
  void actionUriSendsMessageWithParametersMappedFromTheMethodRequest() throws Exception {
    String queueUrl = stack.createQueue("actions");
    Api api =
        Api.with(
            "send",
            "POST",
            Map.of("method.request.querystring.message", true),
            r ->
                r.type(IntegrationType.AWS)
                    .integrationHttpMethod("POST")
                    .uri("arn:aws:apigateway:" + REGION + ":sqs:action/SendMessage")
                    .requestParameters(
                        Map.of(
                            "integration.request.querystring.QueueUrl",
                            "'" + queueUrl + "'",
                            "integration.request.querystring.MessageBody",
                            "method.request.querystring.message")));

    HttpResponse<String> response =
        post(api.deploy("/send?message=hello%20queue"), "{\"ignored\": true}");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(
            json(response.body()).at("/SendMessageResponse/SendMessageResult/MessageId").asText())
        .isNotBlank();
    assertThat(received(queueUrl)).extracting(Message::body).containsExactly("hello queue");
  }

  /** SQS's JSON protocol, as newer guides configure it: the target and content type mapped. */
  @Test
  void jsonProtocolWithMappedTargetSendsTheTemplatesMessage() throws Exception {
    String queueUrl = stack.createQueue("json-orders");
    Api api =
        Api.post(
            "orders",
            r ->
                r.type(IntegrationType.AWS)
                    .integrationHttpMethod("POST")
                    .uri("arn:aws:apigateway:" + REGION + ":sqs:path/" + ACCOUNT + "/json-orders")
                    .requestParameters(
                        Map.of(
                            "integration.request.header.Content-Type",
                            "'application/x-amz-json-1.0'",
                            "integration.request.header.X-Amz-Target",
                            "'AmazonSQS.SendMessage'"))
                    .requestTemplates(
                        Map.of(
                            "application/json",
                            "{\"QueueUrl\": \""
                                + queueUrl
                                + "\", \"MessageBody\": \"$util.escapeJavaScript($input.body)\","
                                + " \"MessageAttributes\": {\"path\": {\"DataType\": \"String\","
                                + " \"StringValue\": \"$context.resourcePath\"}}}")));

    HttpResponse<String> response = post(api.deploy("/orders"), "{\"orderId\": \"o-2\"}");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response.body()).get("MessageId").asText()).isNotBlank();
    Message message = received(queueUrl).get(0);
    assertThat(message.body()).isEqualTo("{\"orderId\": \"o-2\"}");
    assertThat(message.messageAttributes().get("path").stringValue()).isEqualTo("/orders");
  }

  /** SQS's error comes back as SQS answers it, and the integration responses map it. */
  @Test
  void missingQueueErrorIsMappedByTheIntegrationResponses() throws Exception {
    Api api =
        Api.post(
                "orders",
                r ->
                    r.type(IntegrationType.AWS)
                        .integrationHttpMethod("POST")
                        .uri("arn:aws:apigateway:" + REGION + ":sqs:path/" + ACCOUNT + "/no-such")
                        .requestParameters(
                            Map.of(
                                "integration.request.header.Content-Type",
                                "'application/x-www-form-urlencoded'"))
                        .requestTemplates(
                            Map.of(
                                "application/json",
                                "Action=SendMessage&MessageBody=$util.urlEncode($input.body)")))
            .response(
                "400",
                "4\\d{2}",
                "{\"error\": \"$input.path('$.Error.Code')\", \"type\":"
                    + " \"$input.path('$.Error.Type')\"}");

    HttpResponse<String> response = post(api.deploy("/orders"), "{}");

    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode error = json(response.body());
    assertThat(error.get("error").asText()).isEqualTo("AWS.SimpleQueueService.NonExistentQueue");
    assertThat(error.get("type").asText()).isEqualTo("Sender");
  }

  /** An integration that maps {@code Accept} to XML gets the service's XML as it is. */
  @Test
  void acceptMappedToXmlPassesTheQueryXmlAnswerThrough() throws Exception {
    stack.createQueue("xml-orders");
    Api api =
        Api.post(
            "orders",
            r ->
                r.type(IntegrationType.AWS)
                    .integrationHttpMethod("POST")
                    .uri("arn:aws:apigateway:" + REGION + ":sqs:path/" + ACCOUNT + "/xml-orders")
                    .requestParameters(
                        Map.of(
                            "integration.request.header.Content-Type",
                            "'application/x-www-form-urlencoded'",
                            "integration.request.header.Accept",
                            "'application/xml'"))
                    .requestTemplates(
                        Map.of("application/json", "Action=SendMessage&MessageBody=$input.body")));

    HttpResponse<String> response = post(api.deploy("/orders"), "hello");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("<SendMessageResponse").contains("<MessageId>");
  }

  // ---- SNS

  @Test
  void snsPublishWithMappedQueryStringReachesTheSubscribedQueue() throws Exception {
    String topicArn = stack.sns().createTopic(r -> r.name("order-events")).topicArn();
    String queueUrl = stack.createQueue("order-events-inbox");
    String queueArn = stack.attribute(queueUrl, QueueAttributeName.QUEUE_ARN);
    stack
        .sns()
        .subscribe(
            r ->
                r.topicArn(topicArn)
                    .protocol("sqs")
                    .endpoint(queueArn)
                    .attributes(Map.of("RawMessageDelivery", "true")));
    Api api =
        Api.post(
                "events",
                r ->
                    r.type(IntegrationType.AWS)
                        .integrationHttpMethod("POST")
                        .uri("arn:aws:apigateway:" + REGION + ":sns:action/Publish")
                        .requestParameters(
                            Map.of(
                                "integration.request.querystring.TopicArn",
                                "'" + topicArn + "'",
                                "integration.request.querystring.Message",
                                "method.request.body")))
            .response(
                "200",
                null,
                "{\"published\": \"$input.path('$.PublishResponse.PublishResult.MessageId')\"}");

    HttpResponse<String> response = post(api.deploy("/events"), "{\"event\": \"shipped\"}");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response.body()).get("published").asText()).isNotBlank();
    assertThat(received(queueUrl))
        .extracting(Message::body)
        .containsExactly("{\"event\": \"shipped\"}");
  }

  // ---- Step Functions

  static final String CONFIRM =
      "{\"StartAt\": \"Confirm\", \"States\": {\"Confirm\": {\"Type\": \"Pass\","
          + " \"Result\": \"confirmed\", \"ResultPath\": \"$.status\", \"End\": true}}}";

  static String stateMachine(String name, StateMachineType type) {
    return stack
        .sfn()
        .createStateMachine(
            r ->
                r.name(name)
                    .definition(CONFIRM)
                    .type(type)
                    .roleArn("arn:aws:iam::" + ACCOUNT + ":role/sfn"))
        .stateMachineArn();
  }

  /** The developer guide's Step Functions tutorial: the action derives the target. */
  @Test
  void startExecutionActionStartsAnExecutionWithTheTemplatesInput() throws Exception {
    String machine = stateMachine("orders-flow", StateMachineType.STANDARD);
    Api api =
        Api.post(
            "execution",
            r ->
                r.type(IntegrationType.AWS)
                    .integrationHttpMethod("POST")
                    .uri("arn:aws:apigateway:" + REGION + ":states:action/StartExecution")
                    .requestTemplates(
                        Map.of(
                            "application/json",
                            "{\"input\": \"$util.escapeJavaScript($input.json('$'))\","
                                + " \"stateMachineArn\": \""
                                + machine
                                + "\"}")));

    HttpResponse<String> response = post(api.deploy("/execution"), "{\"orderId\": \"o-3\"}");

    assertThat(response.statusCode()).isEqualTo(200);
    String executionArn = json(response.body()).get("executionArn").asText();
    List<ExecutionListItem> executions =
        stack.sfn().listExecutions(r -> r.stateMachineArn(machine)).executions();
    assertThat(executions)
        .extracting(ExecutionListItem::executionArn)
        .containsExactly(executionArn);
    assertThat(stack.sfn().describeExecution(r -> r.executionArn(executionArn)).input())
        .isEqualTo("{\"orderId\":\"o-3\"}");
  }

  @Test
  void startSyncExecutionAnswersWithTheExecutionsOutputThroughTheResponseTemplate()
      throws Exception {
    String machine = stateMachine("quick-orders", StateMachineType.EXPRESS);
    Api api =
        Api.post(
                "confirm",
                r ->
                    r.type(IntegrationType.AWS)
                        .integrationHttpMethod("POST")
                        .uri("arn:aws:apigateway:" + REGION + ":states:action/StartSyncExecution")
                        .requestTemplates(
                            Map.of(
                                "application/json",
                                "{\"input\": \"$util.escapeJavaScript($input.json('$'))\","
                                    + " \"stateMachineArn\": \""
                                    + machine
                                    + "\"}")))
            .response("200", null, "$input.path('$.output')");

    HttpResponse<String> response = post(api.deploy("/confirm"), "{\"orderId\": \"o-4\"}");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response.body()))
        .isEqualTo(json("{\"orderId\": \"o-4\", \"status\": \"confirmed\"}"));
  }

  /** AWS's 29 seconds, on the stack's clock: a machine that waits longer times the call out. */
  @Test
  void startSyncExecutionThatOutlastsTheIntegrationTimeoutAnswers504() throws Exception {
    String machine =
        stack
            .sfn()
            .createStateMachine(
                r ->
                    r.name("slow-orders")
                        .type(StateMachineType.EXPRESS)
                        .roleArn("arn:aws:iam::" + ACCOUNT + ":role/sfn")
                        .definition(
                            "{\"StartAt\": \"Wait\", \"States\": {\"Wait\": {\"Type\":"
                                + " \"Wait\", \"Seconds\": 60, \"End\": true}}}"))
            .stateMachineArn();
    Api api =
        Api.post(
            "confirm",
            r ->
                r.type(IntegrationType.AWS)
                    .integrationHttpMethod("POST")
                    .uri("arn:aws:apigateway:" + REGION + ":states:action/StartSyncExecution")
                    .requestTemplates(
                        Map.of(
                            "application/json",
                            "{\"input\": \"{}\", \"stateMachineArn\": \"" + machine + "\"}")));
    URI uri = api.deploy("/confirm");

    CompletableFuture<HttpResponse<String>> pending =
        http.sendAsync(
            HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    // The call reaches the integration at some point of these steps; 10 s at a time, the 29 s
    // deadline passes before the 60 s wait ends, wherever the call came in.
    while (!pending.isDone()) {
      stack.advance(Duration.ofSeconds(10));
      try {
        pending.get(50, TimeUnit.MILLISECONDS);
      } catch (TimeoutException notYet) {
        // the clock moves on
      }
    }

    HttpResponse<String> response = pending.join();
    assertThat(response.statusCode()).isEqualTo(504);
    assertThat(json(response.body()).get("message").asText())
        .isEqualTo("Endpoint request timed out");
  }

  // ---- Kinesis

  /** The developer guide's Kinesis proxy tutorial: PutRecord with a base64 template. */
  @Test
  void kinesisPutRecordActionPutsTheRecord() throws Exception {
    stack.kinesis().createStream(r -> r.streamName("clicks").shardCount(1));
    Api api =
        Api.post(
            "records",
            r ->
                r.type(IntegrationType.AWS)
                    .integrationHttpMethod("POST")
                    .uri("arn:aws:apigateway:" + REGION + ":kinesis:action/PutRecord")
                    .requestParameters(
                        Map.of(
                            "integration.request.header.Content-Type",
                            "'application/x-amz-json-1.1'"))
                    .requestTemplates(
                        Map.of(
                            "application/json",
                            "{\"StreamName\": \"clicks\", \"Data\":"
                                + " \"$util.base64Encode($input.json('$.Data'))\","
                                + " \"PartitionKey\": \"$input.path('$.PartitionKey')\"}")));

    HttpResponse<String> response =
        post(api.deploy("/records"), "{\"Data\": \"some data\", \"PartitionKey\": \"user-1\"}");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode put = json(response.body());
    assertThat(put.get("ShardId").asText()).isEqualTo("shardId-000000000000");
    String iterator =
        stack
            .kinesis()
            .getShardIterator(
                r ->
                    r.streamName("clicks")
                        .shardId("shardId-000000000000")
                        .shardIteratorType(ShardIteratorType.TRIM_HORIZON))
            .shardIterator();
    List<Record> records = stack.kinesis().getRecords(r -> r.shardIterator(iterator)).records();
    assertThat(records).hasSize(1);
    assertThat(records.get(0).partitionKey()).isEqualTo("user-1");
    assertThat(records.get(0).data().asUtf8String()).isEqualTo("\"some data\"");
    assertThat(records.get(0).sequenceNumber()).isEqualTo(put.get("SequenceNumber").asText());
  }

  // ---- Lambda (custom integration)

  static String function(String name, String handler) {
    return stack
        .lambda()
        .createFunction(
            r ->
                r.functionName(name)
                    .runtime(Runtime.JAVA21)
                    .role("arn:aws:iam::" + ACCOUNT + ":role/lambda-role")
                    .handler(handler)
                    .code(c -> c.zipFile(SdkBytes.fromUtf8String("in the test JVM"))))
        .functionArn();
  }

  static Api lambdaApi(String functionArn) {
    return Api.post(
            "price",
            r ->
                r.type(IntegrationType.AWS)
                    .integrationHttpMethod("POST")
                    .uri(
                        "arn:aws:apigateway:"
                            + REGION
                            + ":lambda:path/2015-03-31/functions/"
                            + functionArn
                            + "/invocations"))
        .response("400", ".*has no items.*", "{\"error\": \"$input.path('$.errorMessage')\"}");
  }

  @Test
  void lambdaCustomIntegrationAnswersTheFunctionsResultWithTheDefaultResponse() throws Exception {
    String pricer = function("pricer", "io.serverlessstack.fake.handlers.Orders::price");

    HttpResponse<String> response =
        post(lambdaApi(pricer).deploy("/price"), "{\"id\": \"o-5\", \"quantity\": 3}");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode receipt = json(response.body());
    assertThat(receipt.get("orderId").asText()).isEqualTo("o-5");
    assertThat(receipt.get("total").asInt()).isEqualTo(15);
  }

  @Test
  void lambdaFunctionErrorSelectsTheIntegrationResponseByItsErrorMessage() throws Exception {
    String rejecter = function("rejecter", "io.serverlessstack.fake.handlers.Orders::reject");

    HttpResponse<String> response =
        post(lambdaApi(rejecter).deploy("/price"), "{\"id\": \"o-6\", \"quantity\": 0}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response.body()).get("error").asText()).isEqualTo("Order o-6 has no items");
  }

  /**
   * AWS's recorded Lambda selection pattern test: patterns match a failed function's error message,
   * never the status of its answer; a successful call takes the default response.
   */
  @Test
  void lambdaSelectionPatternsMatchTheErrorMessageAndNeverTheStatus() throws Exception {
    String selecting = function("selecting", "io.serverlessstack.fake.handlers.SelectionPatterns");
    CreateRestApiResponse created = api().createRestApi(r -> r.name("selection"));
    String resource =
        api()
            .createResource(
                r ->
                    r.restApiId(created.id())
                        .parentId(created.rootResourceId())
                        .pathPart("{statusCode}"))
            .id();
    api()
        .putMethod(
            r ->
                r.restApiId(created.id())
                    .resourceId(resource)
                    .httpMethod("GET")
                    .authorizationType("NONE"));
    api()
        .putIntegration(
            r ->
                r.restApiId(created.id())
                    .resourceId(resource)
                    .httpMethod("GET")
                    .integrationHttpMethod("POST")
                    .type(IntegrationType.AWS)
                    .uri(
                        "arn:aws:apigateway:"
                            + REGION
                            + ":lambda:path/2015-03-31/functions/"
                            + selecting
                            + "/invocations")
                    .requestTemplates(
                        Map.of(
                            "application/json",
                            "{\"statusCode\": \"$input.params('statusCode')\"}")));
    Api api = new Api(created.id(), resource, "GET");
    api.response("200", "", null);
    api.response("405", ".*four hundred.*", null);
    api.response("502", ".+", null);
    api.response("504", "200", null);
    URI base = api.deploy("/");

    Map<String, Integer> expected = Map.of("200", 200, "400", 405, "500", 502);
    for (Map.Entry<String, Integer> call : expected.entrySet()) {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create(base + call.getKey())).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(call.getKey()).isEqualTo(call.getValue());
    }
    HttpResponse<String> failed =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "400")).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(json(failed.body()).get("errorMessage").asText())
        .isEqualTo("Error: Raising four hundred from within the Lambda function");
  }

  // ---- request parameter mapping

  @Test
  void httpIntegrationRequestGetsMappedPathQueryAndHeaders() throws Exception {
    backend.stubFor(get(urlPathEqualTo("/items/i-42")).willReturn(aResponse().withStatus(200)));
    Api api =
        Api.with(
            "lookup",
            "GET",
            Map.of(
                "method.request.querystring.item", true,
                "method.request.header.X-Trace", false),
            r ->
                r.type(IntegrationType.HTTP)
                    .integrationHttpMethod("GET")
                    .uri("http://localhost:" + backend.port() + "/items/{id}")
                    .requestParameters(
                        Map.of(
                            "integration.request.path.id", "method.request.querystring.item",
                            "integration.request.header.X-Trace-Id",
                                "method.request.header.X-Trace",
                            "integration.request.header.X-Stage", "context.stage",
                            "integration.request.querystring.source", "'api'")));

    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(api.deploy("/lookup?item=i-42"))
                .header("X-Trace", "t-1")
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    backend.verify(
        getRequestedFor(urlPathEqualTo("/items/i-42"))
            .withQueryParam("source", equalTo("api"))
            .withHeader("X-Trace-Id", equalTo("t-1"))
            .withHeader("X-Stage", equalTo("prod")));
  }
}
