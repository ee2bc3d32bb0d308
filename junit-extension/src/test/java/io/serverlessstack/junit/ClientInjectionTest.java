package io.serverlessstack.junit;

import static io.serverlessstack.junit.ClientFixtures.RECORDED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import software.amazon.awssdk.awscore.AwsClient;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.StartSyncExecutionResponse;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.StateMachineType;
import software.amazon.awssdk.services.sfn.model.SyncExecutionStatus;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Any SDK v2 client interface is injected, pointed at the stack, once per stack. */
@ServerlessStack
@SqsQueue(name = "orders")
class ClientInjectionTest {

  private static SnsClient snsBeforeAll;

  @BeforeAll
  static void recordsAClientBeforeAll(SnsClient sns) {
    snsBeforeAll = sns;
  }

  @Test
  void clientsOfAnyServicePointAtTheStack(
      SnsClient sns,
      KinesisAsyncClient kinesis,
      LambdaClient lambda,
      SfnClient sfn,
      SqsAsyncClient sqsAsync,
      StackInfo stack) {
    for (AwsClient client : List.<AwsClient>of(sns, kinesis, lambda, sfn, sqsAsync)) {
      assertThat(client.serviceClientConfiguration().endpointOverride())
          .as("endpoint of %s", client.serviceName())
          .contains(stack.endpoint());
      assertThat(client.serviceClientConfiguration().region())
          .as("region of %s", client.serviceName())
          .isEqualTo(Region.of(stack.region()));
    }
  }

  @Test
  void theSameClientWithinAClass(SnsClient sns, SnsClient again) {
    assertThat(sns).isSameAs(again).isSameAs(snsBeforeAll);
  }

  @Test
  void sqsClientsBuiltGenericallyReachTheStack(
      SqsClient sqs, SqsAsyncClient sqsAsync, @SqsQueueName("orders") SqsQueueHandle orders) {
    sqs.sendMessage(message -> message.queueUrl(orders.url()).messageBody("sync"));
    sqsAsync.sendMessage(message -> message.queueUrl(orders.url()).messageBody("async")).join();

    assertThat(
            sqsAsync
                .receiveMessage(receive -> receive.queueUrl(orders.url()).maxNumberOfMessages(10))
                .join()
                .messages())
        .extracting(message -> message.body())
        .containsExactlyInAnyOrder("sync", "async");
  }

  /**
   * StartSyncExecution carries the host prefix {@code sync-}: with it the SDK would call {@code
   * sync-127.0.0.1}, not even a valid host name, and fail on the client side. Without it the
   * stack's own host answers.
   */
  @Test
  void hostPrefixesAreNotInjected(SfnClient sfn) {
    assertThatThrownBy(
            () ->
                sfn.startSyncExecution(
                    start ->
                        start.stateMachineArn(
                            "arn:aws:states:us-east-1:000000000000:stateMachine:absent")))
        .isInstanceOf(StateMachineDoesNotExistException.class);
    String machine =
        sfn.createStateMachine(
                create ->
                    create
                        .name("express")
                        .type(StateMachineType.EXPRESS)
                        .roleArn("arn:aws:iam::000000000000:role/states")
                        .definition(
                            "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Pass\","
                                + " \"Result\": \"done\", \"End\": true}}}"))
            .stateMachineArn();

    StartSyncExecutionResponse run =
        sfn.startSyncExecution(start -> start.stateMachineArn(machine).input("{}"));

    assertThat(run.status()).isEqualTo(SyncExecutionStatus.SUCCEEDED);
    assertThat(run.output()).isEqualTo("\"done\"");
  }

  @Test
  void clientsAreSharedWithinAStackAndClosedWithIt() {
    RECORDED.clear();
    EngineTestKit.engine("junit-jupiter")
        .selectors(
            selectClass(ClientFixtures.RecordsClients.class),
            selectClass(ClientFixtures.AnotherClass.class))
        .execute()
        .testEvents()
        .assertStatistics(stats -> stats.succeeded(3).failed(0));

    assertThat(RECORDED.get("first.sns"))
        .isSameAs(RECORDED.get("second.sns"))
        .isSameAs(RECORDED.get("constructor.sns"))
        .isNotSameAs(RECORDED.get("another.sns"));
    assertThat(RECORDED.get("first.kinesis")).isSameAs(RECORDED.get("second.kinesis"));
    assertThat(RECORDED.get("first.sqs")).isSameAs(RECORDED.get("second.sqs"));

    KinesisAsyncClient kinesis = (KinesisAsyncClient) RECORDED.get("first.kinesis");
    assertThatThrownBy(() -> kinesis.listStreams().join())
        .isInstanceOf(CompletionException.class)
        .cause()
        .isInstanceOf(SdkClientException.class);
    SnsClient sns = (SnsClient) RECORDED.get("first.sns");
    assertThatThrownBy(sns::listTopics).isInstanceOf(SdkClientException.class);
  }
}
