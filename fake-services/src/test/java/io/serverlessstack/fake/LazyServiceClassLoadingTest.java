package io.serverlessstack.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.serverlessstack.api.StackDefaults;
import io.serverlessstack.api.StackInspector;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CreateBucketRequest;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.CreateTopicRequest;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.CreateQueueRequest;

/**
 * A service nobody uses costs no class loading: the stack runs in a class loader of its own, which
 * loads the server's classes, the SDK's SQS, SNS, Lambda and S3 models and the Lambda runtime's
 * serialization itself, so this test sees exactly which of them the stack has loaded.
 */
class LazyServiceClassLoadingTest {

  private static final String SQS_ENGINE = "io.serverlessstack.fake.internal.sqs.SqsEngine";
  private static final String SQS_OPERATIONS = "io.serverlessstack.fake.internal.sqs.SqsOperations";
  private static final String SQS_MODEL = CreateQueueRequest.class.getName();
  private static final String SNS_ENGINE = "io.serverlessstack.fake.internal.sns.SnsEngine";
  private static final String SNS_OPERATIONS = "io.serverlessstack.fake.internal.sns.SnsOperations";
  private static final String SNS_MODEL = CreateTopicRequest.class.getName();
  private static final String LAMBDA_ENGINE =
      "io.serverlessstack.fake.internal.lambda.LambdaEngine";
  private static final String LAMBDA_MODEL =
      "software.amazon.awssdk.services.lambda.model.CreateFunctionRequest";
  private static final String KINESIS_ENGINE =
      "io.serverlessstack.fake.internal.kinesis.KinesisEngine";
  private static final String KINESIS_MODEL =
      "software.amazon.awssdk.services.kinesis.model.PutRecordRequest";
  private static final String LAMBDA_SERIALIZATION =
      "com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory";
  private static final String FIREHOSE_ENGINE =
      "io.serverlessstack.fake.internal.firehose.FirehoseEngine";
  private static final String FIREHOSE_MODEL =
      "software.amazon.awssdk.services.firehose.model.PutRecordRequest";
  private static final String SFN_ENGINE =
      "io.serverlessstack.fake.internal.stepfunctions.StepFunctionsEngine";
  private static final String SFN_MODEL =
      "software.amazon.awssdk.services.sfn.model.StartExecutionRequest";
  private static final String JSON_PATH = "com.jayway.jsonpath.JsonPath";
  private static final String API_GATEWAY_ENGINE =
      "io.serverlessstack.fake.internal.apigateway.ApiGatewayEngine";
  private static final String API_GATEWAY_MODEL =
      "software.amazon.awssdk.services.apigateway.model.CreateRestApiRequest";
  private static final String VELOCITY = "org.apache.velocity.app.VelocityEngine";
  private static final String SWAGGER_PARSER = "io.swagger.v3.parser.OpenAPIV3Parser";
  private static final String SCHEMA_VALIDATOR = "com.networknt.schema.SchemaRegistry";
  private static final String JOSE = "com.nimbusds.jwt.SignedJWT";
  private static final String S3_ENGINE = "io.serverlessstack.fake.internal.s3.S3Engine";
  private static final String S3_OPERATIONS = "io.serverlessstack.fake.internal.s3.S3Operations";
  private static final String S3_MODEL = CreateBucketRequest.class.getName();

  @Test
  void servicesLoadNoneOfTheirClassesUntilTheirFirstRequest() throws Exception {
    try (OwnClassLoader loader = new OwnClassLoader();
        AutoCloseable stack = loader.startStack()) {
      URI endpoint = loader.endpoint(stack);
      RawHttp raw = new RawHttp(endpoint);

      assertThat(loader.loaded(SQS_ENGINE)).isFalse();
      assertThat(loader.loaded(SQS_OPERATIONS)).isFalse();
      assertThat(loader.loaded(SQS_MODEL)).isFalse();
      assertThat(raw.get("/_stack/health").body())
          .isEqualTo(
              "{\"status\":\"ok\",\"services\":[\"sqs\",\"sns\",\"lambda\",\"kinesis\",\"s3\",\"firehose\",\"stepfunctions\",\"apigateway\"],\"loaded\":[]}");

      try (SqsClient sqs = sqsClient(endpoint)) {
        sqs.createQueue(b -> b.queueName("orders"));
      }

      assertThat(loader.loaded(SQS_ENGINE)).isTrue();
      assertThat(loader.loaded(SQS_OPERATIONS)).isTrue();
      assertThat(loader.loaded(SQS_MODEL)).isTrue();
      assertThat(loader.loaded(SNS_ENGINE)).isFalse();
      assertThat(loader.loaded(SNS_OPERATIONS)).isFalse();
      assertThat(loader.loaded(SNS_MODEL)).isFalse();
      assertThat(raw.get("/_stack/health").body())
          .isEqualTo(
              "{\"status\":\"ok\",\"services\":[\"sqs\",\"sns\",\"lambda\",\"kinesis\",\"s3\",\"firehose\",\"stepfunctions\",\"apigateway\"],\"loaded\":[\"sqs\"]}");

      try (SnsClient sns =
          SnsClient.builder()
              .endpointOverride(endpoint)
              .region(Region.of(StackDefaults.REGION))
              .credentialsProvider(credentials())
              .build()) {
        sns.createTopic(b -> b.name("orders"));
      }

      assertThat(loader.loaded(SNS_ENGINE)).isTrue();
      assertThat(loader.loaded(SNS_OPERATIONS)).isTrue();
      assertThat(loader.loaded(SNS_MODEL)).isTrue();
      assertThat(loader.loaded(LAMBDA_ENGINE)).isFalse();
      assertThat(loader.loaded(LAMBDA_MODEL)).isFalse();
      assertThat(loader.loaded(LAMBDA_SERIALIZATION)).isFalse();
      assertThat(loader.loaded(S3_ENGINE)).isFalse();
      assertThat(loader.loaded(S3_OPERATIONS)).isFalse();
      assertThat(loader.loaded(S3_MODEL)).isFalse();
      assertThat(loader.loaded(KINESIS_ENGINE)).isFalse();
      assertThat(loader.loaded(KINESIS_MODEL)).isFalse();
      assertThat(loader.loaded(FIREHOSE_ENGINE)).isFalse();
      assertThat(loader.loaded(FIREHOSE_MODEL)).isFalse();
      assertThat(loader.loaded(SFN_ENGINE)).isFalse();
      assertThat(loader.loaded(SFN_MODEL)).isFalse();
      assertThat(loader.loaded(JSON_PATH)).isFalse();
      assertThat(loader.loaded(API_GATEWAY_ENGINE)).isFalse();
      assertThat(loader.loaded(API_GATEWAY_MODEL)).isFalse();
      assertThat(loader.loaded(VELOCITY)).isFalse();
      assertThat(loader.loaded(SWAGGER_PARSER)).isFalse();
      assertThat(loader.loaded(SCHEMA_VALIDATOR)).isFalse();
      assertThat(raw.get("/_stack/health").body()).endsWith("\"loaded\":[\"sqs\",\"sns\"]}");

      try (S3Client s3 =
          S3Client.builder()
              .endpointOverride(endpoint)
              .region(Region.of(StackDefaults.REGION))
              .credentialsProvider(credentials())
              .build()) {
        s3.createBucket(b -> b.bucket("orders"));
      }

      assertThat(loader.loaded(S3_ENGINE)).isTrue();
      assertThat(loader.loaded(S3_OPERATIONS)).isTrue();
      assertThat(loader.loaded(S3_MODEL)).isTrue();
      assertThat(loader.loaded(LAMBDA_ENGINE)).isFalse();
      assertThat(loader.loaded(FIREHOSE_ENGINE)).isFalse();
      assertThat(raw.get("/_stack/health").body()).endsWith("\"loaded\":[\"sqs\",\"sns\",\"s3\"]}");

      try (ApiGatewayClient apiGateway =
          ApiGatewayClient.builder()
              .endpointOverride(endpoint)
              .region(Region.of(StackDefaults.REGION))
              .credentialsProvider(credentials())
              .build()) {
        apiGateway.createRestApi(b -> b.name("orders"));
      }

      assertThat(loader.loaded(API_GATEWAY_ENGINE)).isTrue();
      assertThat(loader.loaded(API_GATEWAY_MODEL)).isTrue();
      // Templates, documents and models load their libraries when a call first needs them.
      assertThat(loader.loaded(VELOCITY)).isFalse();
      assertThat(loader.loaded(SWAGGER_PARSER)).isFalse();
      assertThat(loader.loaded(SCHEMA_VALIDATOR)).isFalse();
      assertThat(loader.loaded(JOSE)).isFalse();
      assertThat(raw.get("/_stack/health").body())
          .endsWith("\"loaded\":[\"sqs\",\"sns\",\"s3\",\"apigateway\"]}");
    }
  }

  @Test
  void aRequestToABucketsHostBuildsS3WhenUnsigned() {
    try (ServerlessStackServer stack = ServerlessStackServer.builder().start()) {
      RawHttp raw = new RawHttp(stack.endpoint());
      String request =
          "GET /?list-type=2 HTTP/1.1\r\nHost: orders.s3.localhost:"
              + stack.port()
              + "\r\nConnection: close\r\n\r\n";

      RawHttp.Exchange answer =
          raw.exchange(
              request.getBytes(java.nio.charset.StandardCharsets.UTF_8),
              java.time.Duration.ofSeconds(5));

      assertThat(answer.status()).isEqualTo(404);
      assertThat(answer.response()).contains("<Code>NoSuchBucket</Code>");
      assertThat(raw.get("/_stack/health").body()).endsWith("\"loaded\":[\"s3\"]}");
    }
  }

  @Test
  void resetLeavesAnUnusedServiceUnbuiltAndInspectionBuildsIt() {
    try (ServerlessStackServer stack = ServerlessStackServer.builder().start()) {
      RawHttp raw = new RawHttp(stack.endpoint());

      stack.reset();
      HttpResponse<String> afterReset = raw.get("/_stack/health");
      List<?> queues = stack.inspector().queues();
      HttpResponse<String> afterInspection = raw.get("/_stack/health");

      assertThat(afterReset.body()).endsWith("\"loaded\":[]}");
      assertThat(queues).isEmpty();
      assertThat(afterInspection.body()).endsWith("\"loaded\":[\"sqs\"]}");
    }
  }

  @Test
  void aDeclaredQueueBuildsSqsAtStart() {
    try (ServerlessStackServer stack =
        ServerlessStackServer.builder()
            .withServices("sqs")
            .withQueue("orders", java.util.Map.of())
            .start()) {
      assertThat(new RawHttp(stack.endpoint()).get("/_stack/health").body())
          .endsWith("\"loaded\":[\"sqs\"]}");
      assertThat(stack.inspector().queue("orders")).isPresent();
    }
  }

  @Test
  void unknownServicesAreRefusedWhenNamed() {
    assertThatThrownBy(() -> ServerlessStackServer.builder().withServices("sqs", "dynamodb"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "unknown service 'dynamodb'; available: sqs, sns, lambda, kinesis, s3, firehose, stepfunctions, apigateway");
  }

  private static SqsClient sqsClient(URI endpoint) {
    return SqsClient.builder()
        .endpointOverride(endpoint)
        .region(Region.of(StackDefaults.REGION))
        .credentialsProvider(credentials())
        .build();
  }

  private static StaticCredentialsProvider credentials() {
    return StaticCredentialsProvider.create(
        AwsBasicCredentials.create(StackDefaults.ACCESS_KEY_ID, StackDefaults.SECRET_ACCESS_KEY));
  }

  /**
   * Loads the server's classes, the SDK's service models and the libraries services load late from
   * their own locations, child first; the rest (the API, Netty, Jackson, the SDK's core) from this
   * test's loader, shared. What it does not load itself it cannot report as loaded, so every class
   * the test asks about is under one of its prefixes and locations.
   */
  private static final class OwnClassLoader extends URLClassLoader {

    /** Packages whose classes this loader loads itself, and a class of each to find its jar by. */
    private static final List<String[]> OWN =
        List.of(
            new String[] {"io.serverlessstack.fake.", ServerlessStackServer.class.getName()},
            new String[] {"software.amazon.awssdk.services.sqs.", SQS_MODEL},
            new String[] {"software.amazon.awssdk.services.sns.", SNS_MODEL},
            new String[] {"software.amazon.awssdk.services.lambda.", LAMBDA_MODEL},
            new String[] {"software.amazon.awssdk.services.s3.", S3_MODEL},
            new String[] {"software.amazon.awssdk.services.kinesis.", KINESIS_MODEL},
            new String[] {"software.amazon.awssdk.services.firehose.", FIREHOSE_MODEL},
            new String[] {"software.amazon.awssdk.services.sfn.", SFN_MODEL},
            new String[] {"software.amazon.awssdk.services.apigateway.", API_GATEWAY_MODEL},
            new String[] {
              "com.amazonaws.services.lambda.runtime.serialization.", LAMBDA_SERIALIZATION
            },
            new String[] {"com.jayway.jsonpath.", JSON_PATH},
            new String[] {"org.apache.velocity.", VELOCITY},
            new String[] {"io.swagger.", SWAGGER_PARSER},
            new String[] {"com.networknt.", SCHEMA_VALIDATOR},
            new String[] {"com.nimbusds.", JOSE});

    OwnClassLoader() {
      super(locations(), LazyServiceClassLoadingTest.class.getClassLoader());
    }

    private static URL[] locations() {
      List<URL> urls = new ArrayList<>();
      for (String[] own : OWN) {
        try {
          URL location =
              location(
                  Class.forName(own[1], false, LazyServiceClassLoadingTest.class.getClassLoader()));
          if (!urls.contains(location)) {
            urls.add(location);
          }
        } catch (ClassNotFoundException e) {
          throw new IllegalStateException("Not on the test's class path: " + own[1], e);
        }
      }
      return urls.toArray(new URL[0]);
    }

    private static URL location(Class<?> type) {
      return type.getProtectionDomain().getCodeSource().getLocation();
    }

    boolean loaded(String name) {
      synchronized (getClassLoadingLock(name)) {
        return findLoadedClass(name) != null;
      }
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      boolean own = false;
      for (String[] prefix : OWN) {
        own |= name.startsWith(prefix[0]);
      }
      if (!own) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> type = findLoadedClass(name);
        if (type == null) {
          try {
            type = findClass(name);
          } catch (ClassNotFoundException notOurs) {
            // test classes of the same packages are not on the own class path
            return super.loadClass(name, resolve);
          }
        }
        if (resolve) {
          resolveClass(type);
        }
        return type;
      }
    }

    AutoCloseable startStack() throws ReflectiveOperationException {
      Class<?> server = loadClass(ServerlessStackServer.class.getName());
      assertThat(server).isNotSameAs(ServerlessStackServer.class);
      Object builder = server.getMethod("builder").invoke(null);
      return (AutoCloseable) builder.getClass().getMethod("start").invoke(builder);
    }

    URI endpoint(AutoCloseable stack) throws ReflectiveOperationException {
      URI endpoint = (URI) stack.getClass().getMethod("endpoint").invoke(stack);
      StackInspector inspector =
          (StackInspector) stack.getClass().getMethod("inspector").invoke(stack);
      assertThat(inspector.now()).isNotNull();
      return endpoint;
    }
  }
}
