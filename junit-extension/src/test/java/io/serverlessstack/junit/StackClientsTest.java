package io.serverlessstack.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.serverlessstack.api.ClockMode;
import io.serverlessstack.junit.internal.InJvmStack;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The clients of one stack, closed while the stack itself keeps running. */
class StackClientsTest {

  private InJvmStack stack;
  private StackClients clients;

  @BeforeEach
  void startStack() {
    stack = InJvmStack.start(ClockMode.SYSTEM, java.util.List.of(), java.util.Map.of());
    clients =
        new StackClients(
            new StackInfo(stack.endpoint(), stack.region(), stack.accessKey(), stack.secretKey()));
  }

  @AfterEach
  void stopStack() {
    clients.close();
    stack.close();
  }

  @Test
  void onlyServiceClientInterfacesAreClients() {
    assertThat(StackClients.isClientInterface(SqsClient.class)).isTrue();
    assertThat(StackClients.isClientInterface(KinesisAsyncClient.class)).isTrue();
    assertThat(StackClients.isClientInterface(LambdaClient.class)).isTrue();
    assertThat(StackClients.isClientInterface(software.amazon.awssdk.core.SdkClient.class))
        .isFalse();
    assertThat(StackClients.isClientInterface(StackInfo.class)).isFalse();
  }

  @Test
  void aClosedAsyncClientFailsWhileTheStackStillRuns() {
    SqsAsyncClient sqsAsync = clients.get(SqsAsyncClient.class);
    assertThat(sqsAsync.listQueues().join().queueUrls()).isEmpty();

    clients.close();

    assertThatThrownBy(() -> sqsAsync.listQueues().join()).isInstanceOf(CompletionException.class);
    // The stack still answers a client of its own.
    assertThat(clients.get(SqsClient.class).listQueues().queueUrls()).isEmpty();
  }
}
