package io.serverlessstack.junit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Test classes that record the clients injected into them, run by {@link ClientInjectionTest} with
 * the {@code EngineTestKit}. Not run on their own: the name matches no test-class pattern.
 */
final class ClientFixtures {

  /** Each injected client, by "class.test.type". */
  static final Map<String, Object> RECORDED = new ConcurrentHashMap<>();

  private ClientFixtures() {}

  @ServerlessStack
  @SqsQueue(name = "orders")
  static class RecordsClients {

    RecordsClients(SnsClient sns) {
      RECORDED.put("constructor.sns", sns);
    }

    @Test
    void first(SnsClient sns, KinesisAsyncClient kinesis, LambdaClient lambda, SqsClient sqs) {
      RECORDED.put("first.sns", sns);
      RECORDED.put("first.kinesis", kinesis);
      RECORDED.put("first.lambda", lambda);
      RECORDED.put("first.sqs", sqs);
    }

    @Test
    void second(SnsClient sns, KinesisAsyncClient kinesis, SqsClient sqs) {
      RECORDED.put("second.sns", sns);
      RECORDED.put("second.kinesis", kinesis);
      RECORDED.put("second.sqs", sqs);
    }
  }

  @ServerlessStack
  static class AnotherClass {

    @Test
    void records(SnsClient sns) {
      RECORDED.put("another.sns", sns);
    }
  }
}
