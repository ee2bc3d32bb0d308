package com.example.orders;

import static org.assertj.core.api.Assertions.assertThat;

import io.serverlessstack.api.StackDefaults;
import io.serverlessstack.fake.ServerlessStackServer;
import io.serverlessstack.junit.ServerlessStack;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.util.VersionInfo;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Injected sync and async clients (the async one runs on the Netty of this project's SDK) and a
 * server started without JUnit, as the README shows.
 */
@ServerlessStack
class ClientsAndServerTest {

  @Test
  void runsOnTheProjectsOwnSdkAndNetty() {
    // verify.groovy checks that both builds printed this, each with its own SDK.
    System.out.println(
        "user-project: AWS SDK "
            + VersionInfo.SDK_VERSION
            + ", Netty "
            + io.netty.util.Version.identify().get("netty-common").artifactVersion());

    assertThat(VersionInfo.SDK_VERSION).isEqualTo(System.getProperty("expected.aws.sdk.version"));
  }

  @Test
  void asyncClientSendsAndSyncClientReceives(SqsAsyncClient async, SqsClient sync) {
    String url = async.createQueue(queue -> queue.queueName("payments")).join().queueUrl();
    async.sendMessage(message -> message.queueUrl(url).messageBody("paid")).join();

    List<Message> received = sync.receiveMessage(receive -> receive.queueUrl(url)).messages();

    assertThat(received).extracting(Message::body).containsExactly("paid");
  }

  @Test
  void serverRunsWithoutJunit() {
    try (ServerlessStackServer stack = ServerlessStackServer.builder().start();
        SqsClient sqs =
            SqsClient.builder()
                .endpointOverride(stack.endpoint())
                .region(Region.of(StackDefaults.REGION))
                .credentialsProvider(
                    StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(
                            StackDefaults.ACCESS_KEY_ID, StackDefaults.SECRET_ACCESS_KEY)))
                .build()) {
      sqs.createQueue(queue -> queue.queueName("audit"));

      assertThat(sqs.listQueues().queueUrls()).singleElement().asString().endsWith("/audit");
    }
  }
}
