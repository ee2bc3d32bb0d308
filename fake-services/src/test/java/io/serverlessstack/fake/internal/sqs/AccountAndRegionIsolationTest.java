package io.serverlessstack.fake.internal.sqs;

import static io.serverlessstack.fake.AwsErrors.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.serverlessstack.api.MessageView;
import io.serverlessstack.api.QueueView;
import io.serverlessstack.api.ResourceView;
import io.serverlessstack.api.StackInspector;
import io.serverlessstack.fake.SqsStack;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * Accounts (a 12-digit access key is the account id, any other key the default account) and regions
 * (the SigV4 credential scope) keep their queues apart, as seen by real SDK clients and by
 * inspection.
 */
class AccountAndRegionIsolationTest {

  @RegisterExtension static final SqsStack stack = SqsStack.withVirtualClock();

  private static final String ALICE = "111122223333";
  private static final String BOB = "444455556666";
  private static final String DEFAULT_ACCOUNT = "000000000000";

  private SqsClient alice;
  private SqsClient aliceInIreland;
  private SqsClient bob;
  private SqsClient anonymous;

  @BeforeEach
  void clients() {
    alice = stack.client(ALICE, Region.US_EAST_1);
    aliceInIreland = stack.client(ALICE, Region.EU_WEST_1);
    bob = stack.client(BOB, Region.US_EAST_1);
    // Not 12 digits, so not an account id: the default account.
    anonymous = stack.client("AKIAIOSFODNN7EXAMPLE", Region.US_EAST_1);
  }

  @Test
  void theSameQueueNameInTwoAccountsAndTwoRegionsIsFourQueuesWhoseMessagesNeverCross() {
    String aliceUrl = create(alice, "orders");
    String irelandUrl = create(aliceInIreland, "orders");
    String bobUrl = create(bob, "orders");
    String anonymousUrl = create(anonymous, "orders");
    alice.sendMessage(b -> b.queueUrl(aliceUrl).messageBody("alice"));
    aliceInIreland.sendMessage(b -> b.queueUrl(irelandUrl).messageBody("alice in ireland"));
    bob.sendMessage(b -> b.queueUrl(bobUrl).messageBody("bob"));
    anonymous.sendMessage(b -> b.queueUrl(anonymousUrl).messageBody("anonymous"));

    assertThat(aliceUrl).endsWith("/" + ALICE + "/orders");
    assertThat(bobUrl).endsWith("/" + BOB + "/orders");
    assertThat(anonymousUrl).endsWith("/" + DEFAULT_ACCOUNT + "/orders");
    assertThat(arn(alice, aliceUrl)).isEqualTo("arn:aws:sqs:us-east-1:" + ALICE + ":orders");
    assertThat(arn(aliceInIreland, irelandUrl))
        .isEqualTo("arn:aws:sqs:eu-west-1:" + ALICE + ":orders");
    assertThat(arn(bob, bobUrl)).isEqualTo("arn:aws:sqs:us-east-1:" + BOB + ":orders");
    assertThat(arn(anonymous, anonymousUrl))
        .isEqualTo("arn:aws:sqs:us-east-1:" + DEFAULT_ACCOUNT + ":orders");
    assertThat(bodies(alice, aliceUrl)).containsExactly("alice");
    assertThat(bodies(aliceInIreland, irelandUrl)).containsExactly("alice in ireland");
    assertThat(bodies(bob, bobUrl)).containsExactly("bob");
    assertThat(bodies(anonymous, anonymousUrl)).containsExactly("anonymous");
  }

  @Test
  void aKeyThatIsNotTwelveDigitsActsInTheDefaultAccount() {
    String url = create(anonymous, "shared-default");
    SqsClient elevenDigits = stack.client("11112222333", Region.US_EAST_1);

    assertThat(stack.sqs().listQueues().queueUrls()).containsExactly(url);
    assertThat(elevenDigits.getQueueUrl(b -> b.queueName("shared-default")).queueUrl())
        .isEqualTo(url);
  }

  @Test
  void listQueuesShowsOnlyTheCallersAccountAndRegion() {
    String aliceUrl = create(alice, "alpha");
    String irelandUrl = create(aliceInIreland, "beta");
    String bobUrl = create(bob, "gamma");

    assertThat(alice.listQueues().queueUrls()).containsExactly(aliceUrl);
    assertThat(aliceInIreland.listQueues().queueUrls()).containsExactly(irelandUrl);
    assertThat(bob.listQueues().queueUrls()).containsExactly(bobUrl);
    assertThat(anonymous.listQueues().queueUrls()).isEmpty();
  }

  @Test
  void getQueueUrlFindsAnotherAccountsQueueOnlyWhenAskedForItsOwnerInTheCallersRegion() {
    String aliceUrl = create(alice, "invoices");
    create(aliceInIreland, "ireland-only");

    assertThat(
            bob.getQueueUrl(b -> b.queueName("invoices").queueOwnerAWSAccountId(ALICE)).queueUrl())
        .isEqualTo(aliceUrl);
    assertAwsError(
        () -> bob.getQueueUrl(b -> b.queueName("invoices")),
        QueueDoesNotExistException.class,
        "AWS.SimpleQueueService.NonExistentQueue",
        400);
    assertAwsError(
        () -> bob.getQueueUrl(b -> b.queueName("ireland-only").queueOwnerAWSAccountId(ALICE)),
        QueueDoesNotExistException.class,
        "AWS.SimpleQueueService.NonExistentQueue",
        400);
  }

  /**
   * AWS serves another account's queue URL when the queue's policy grants the caller, else answers
   * AccessDenied. The stack evaluates no IAM (like signatures, permissions are not checked), so the
   * URL is enough: the message arrives, sent by the caller's account.
   */
  @Test
  void anotherAccountsQueueUrlIsReachableAndTheMessageCarriesTheSendersAccount() {
    String aliceUrl = create(alice, "inbox");

    bob.sendMessage(b -> b.queueUrl(aliceUrl).messageBody("from bob"));

    List<Message> received =
        alice
            .receiveMessage(
                b ->
                    b.queueUrl(aliceUrl)
                        .messageSystemAttributeNames(MessageSystemAttributeName.SENDER_ID))
            .messages();
    assertThat(received).extracting(Message::body).containsExactly("from bob");
    assertThat(received.get(0).attributes())
        .containsEntry(MessageSystemAttributeName.SENDER_ID, BOB);
    assertThat(bob.listQueues().queueUrls()).isEmpty();
  }

  @Test
  void aDeadLetterQueueInAnotherAccountIsRefusedAsAwsRefusesIt() {
    String aliceDeadLetters = arn(alice, create(alice, "dead-letters"));
    create(bob, "dead-letters");
    String bobUrl = create(bob, "work");

    assertAwsError(
        () -> create(bob, "source", redrive(aliceDeadLetters)),
        SqsException.class,
        "InvalidParameterValue",
        400);
    assertAwsError(
        () ->
            bob.setQueueAttributes(
                b ->
                    b.queueUrl(bobUrl)
                        .attributes(
                            Map.of(QueueAttributeName.REDRIVE_POLICY, redrive(aliceDeadLetters)))),
        SqsException.class,
        "InvalidParameterValue",
        400);
    assertThat(bob.listQueues().queueUrls()).noneMatch(url -> url.endsWith("/source"));
  }

  @Test
  void aDeadLetterQueueInAnotherRegionIsRefusedAndOneInTheSameAccountAndRegionIsTaken() {
    String irelandDeadLetters = arn(aliceInIreland, create(aliceInIreland, "dead-letters"));
    String localDeadLetters = arn(alice, create(alice, "dead-letters"));

    assertAwsError(
        () -> create(alice, "source", redrive(irelandDeadLetters)),
        SqsException.class,
        "InvalidParameterValue",
        400);
    String source = create(alice, "source", redrive(localDeadLetters));
    assertThat(
            alice
                .getQueueAttributes(
                    b -> b.queueUrl(source).attributeNames(QueueAttributeName.REDRIVE_POLICY))
                .attributes()
                .get(QueueAttributeName.REDRIVE_POLICY))
        .contains(localDeadLetters);
  }

  @Test
  void inspectionTellsQueuesOfTheSameNameApartByAccountAndRegion() {
    String aliceUrl = create(alice, "orders");
    String irelandUrl = create(aliceInIreland, "orders");
    String bobUrl = create(bob, "orders");
    alice.sendMessage(b -> b.queueUrl(aliceUrl).messageBody("alice"));
    aliceInIreland.sendMessage(b -> b.queueUrl(irelandUrl).messageBody("ireland"));
    bob.sendMessage(b -> b.queueUrl(bobUrl).messageBody("bob"));
    StackInspector inspector = stack.server().inspector();

    assertThat(inspector.queues())
        .extracting(QueueView::accountId, QueueView::region, QueueView::url)
        .containsExactly(
            tuple(ALICE, "eu-west-1", irelandUrl),
            tuple(ALICE, "us-east-1", aliceUrl),
            tuple(BOB, "us-east-1", bobUrl));
    assertThat(bodiesOf(inspector.resource("arn:aws:sqs:us-east-1:" + ALICE + ":orders")))
        .containsExactly("alice");
    assertThat(bodiesOf(inspector.resource("arn:aws:sqs:eu-west-1:" + ALICE + ":orders")))
        .containsExactly("ireland");
    assertThat(bodiesOf(inspector.resource("arn:aws:sqs:us-east-1:" + BOB + ":orders")))
        .containsExactly("bob");
    assertThat(inspector.resource("arn:aws:sqs:eu-west-1:" + BOB + ":orders")).isEmpty();
    assertThat(inspector.queue(bobUrl)).map(QueueView::accountId).contains(BOB);
    assertThat(inspector.resources("sqs", "queue")).hasSize(3);
  }

  private static List<String> bodiesOf(Optional<ResourceView> view) {
    assertThat(view).isPresent();
    return ((QueueView) view.get()).messages().stream().map(MessageView::body).toList();
  }

  private static String create(SqsClient client, String name) {
    return client.createQueue(b -> b.queueName(name)).queueUrl();
  }

  private static String create(SqsClient client, String name, String redrivePolicy) {
    return client
        .createQueue(
            b ->
                b.queueName(name)
                    .attributes(Map.of(QueueAttributeName.REDRIVE_POLICY, redrivePolicy)))
        .queueUrl();
  }

  private static String redrive(String deadLetterArn) {
    return "{\"deadLetterTargetArn\":\"" + deadLetterArn + "\",\"maxReceiveCount\":3}";
  }

  private static String arn(SqsClient client, String url) {
    return client
        .getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
        .attributes()
        .get(QueueAttributeName.QUEUE_ARN);
  }

  private static List<String> bodies(SqsClient client, String url) {
    return client.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)).messages().stream()
        .map(Message::body)
        .toList();
  }
}
