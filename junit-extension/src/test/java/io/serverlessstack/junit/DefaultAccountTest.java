package io.serverlessstack.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.serverlessstack.api.QueueView;
import io.serverlessstack.api.StackDefaults;
import io.serverlessstack.api.StackInspector;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * What the extension hands out (injected clients, and the system properties default clients read)
 * acts in the default account and region, where declared resources are.
 */
@ServerlessStack
@SqsQueue(name = "declared")
class DefaultAccountTest {

  @Test
  void injectedClientsCreateQueuesInTheDefaultAccountBesideTheDeclaredOnes(
      SqsClient sqs, StackInspector inspector) {
    String url = sqs.createQueue(b -> b.queueName("made-in-test")).queueUrl();

    assertThat(url).endsWith("/" + StackDefaults.ACCOUNT_ID + "/made-in-test");
    assertThat(inspector.queues())
        .extracting(QueueView::name, QueueView::accountId, QueueView::region)
        .containsExactlyInAnyOrder(
            tuple("declared", StackDefaults.ACCOUNT_ID, StackDefaults.REGION),
            tuple("made-in-test", StackDefaults.ACCOUNT_ID, StackDefaults.REGION));
  }

  @Test
  void aDefaultClientBuiltFromTheSystemPropertiesSeesTheDeclaredQueue() {
    try (SqsClient defaults = SqsClient.create()) {
      assertThat(defaults.listQueues().queueUrls())
          .singleElement()
          .asString()
          .endsWith("/" + StackDefaults.ACCOUNT_ID + "/declared");
    }
  }
}
