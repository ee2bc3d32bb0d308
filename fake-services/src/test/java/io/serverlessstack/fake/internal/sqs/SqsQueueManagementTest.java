package io.serverlessstack.fake.internal.sqs;

import static io.serverlessstack.fake.AwsErrors.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static software.amazon.awssdk.services.sqs.model.QueueAttributeName.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.serverlessstack.fake.RawHttp;
import io.serverlessstack.fake.SqsStack;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.InvalidAttributeNameException;
import software.amazon.awssdk.services.sqs.model.InvalidAttributeValueException;
import software.amazon.awssdk.services.sqs.model.ListMessageMoveTasksResultEntry;
import software.amazon.awssdk.services.sqs.model.ListQueuesResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.PurgeQueueInProgressException;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDeletedRecentlyException;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.QueueNameExistsException;
import software.amazon.awssdk.services.sqs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sqs.model.SqsException;

/** Queues and their attributes, tags, permissions and move tasks, through the real SDK. */
class SqsQueueManagementTest {

  @RegisterExtension static final SqsStack stack = SqsStack.withVirtualClock();

  private static final ObjectMapper JSON = new ObjectMapper();

  private final SqsClient sqs = stack.sqs();

  // ---- CreateQueue

  @Test
  void createQueueAppliesEverySettableAttributeOfAStandardQueue() throws Exception {
    String dlq = stack.createQueue("every-attribute-dlq");
    String policy =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\","
            + "\"Action\":\"sqs:SendMessage\",\"Resource\":\"*\"}]}";
    Map<QueueAttributeName, String> given =
        Map.ofEntries(
            entry(DELAY_SECONDS, "5"),
            entry(MAXIMUM_MESSAGE_SIZE, "2048"),
            entry(MESSAGE_RETENTION_PERIOD, "600"),
            entry(RECEIVE_MESSAGE_WAIT_TIME_SECONDS, "3"),
            entry(VISIBILITY_TIMEOUT, "45"),
            entry(POLICY, policy),
            entry(REDRIVE_POLICY, stack.redrivePolicy(dlq, 4)),
            entry(REDRIVE_ALLOW_POLICY, "{\"redrivePermission\":\"denyAll\"}"),
            entry(KMS_MASTER_KEY_ID, "alias/aws/sqs"),
            entry(KMS_DATA_KEY_REUSE_PERIOD_SECONDS, "600"));

    String created = seconds(stack.now());
    String url = stack.createQueue("every-attribute", given);

    Map<QueueAttributeName, String> attributes = stack.attributes(url, ALL);
    assertThat(attributes).containsAllEntriesOf(given);
    assertThat(JSON.readTree(attributes.get(REDRIVE_POLICY)))
        .isEqualTo(JSON.readTree(stack.redrivePolicy(dlq, 4)));
    assertThat(attributes)
        .contains(
            entry(QUEUE_ARN, "arn:aws:sqs:us-east-1:000000000000:every-attribute"),
            entry(APPROXIMATE_NUMBER_OF_MESSAGES, "0"),
            entry(APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "0"),
            entry(APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED, "0"),
            entry(CREATED_TIMESTAMP, created),
            entry(LAST_MODIFIED_TIMESTAMP, created),
            entry(SQS_MANAGED_SSE_ENABLED, "false"))
        .doesNotContainKeys(FIFO_QUEUE, CONTENT_BASED_DEDUPLICATION, DEDUPLICATION_SCOPE);
  }

  @Test
  void newQueueHasAwsDefaults() {
    String url = stack.createQueue("defaults");

    assertThat(stack.attributes(url, ALL))
        .contains(
            entry(DELAY_SECONDS, "0"),
            entry(MAXIMUM_MESSAGE_SIZE, "1048576"),
            entry(MESSAGE_RETENTION_PERIOD, "345600"),
            entry(RECEIVE_MESSAGE_WAIT_TIME_SECONDS, "0"),
            entry(VISIBILITY_TIMEOUT, "30"),
            entry(SQS_MANAGED_SSE_ENABLED, "true"))
        .doesNotContainKeys(POLICY, REDRIVE_POLICY, KMS_MASTER_KEY_ID);
  }

  @Test
  void createFifoQueueAppliesFifoAttributes() {
    String url =
        stack.createFifoQueue(
            "orders.fifo",
            Map.of(
                CONTENT_BASED_DEDUPLICATION, "true",
                DEDUPLICATION_SCOPE, "messageGroup",
                FIFO_THROUGHPUT_LIMIT, "perMessageGroupId"));

    assertThat(url).endsWith("/000000000000/orders.fifo");
    assertThat(stack.attributes(url, ALL))
        .contains(
            entry(FIFO_QUEUE, "true"),
            entry(CONTENT_BASED_DEDUPLICATION, "true"),
            entry(DEDUPLICATION_SCOPE, "messageGroup"),
            entry(FIFO_THROUGHPUT_LIMIT, "perMessageGroupId"));
  }

  @Test
  void fifoQueueDefaultsToQueueScopedDeduplicationAndPerQueueThroughput() {
    String url = stack.createFifoQueue("plain.fifo", Map.of());

    assertThat(stack.attributes(url, ALL))
        .contains(
            entry(CONTENT_BASED_DEDUPLICATION, "false"),
            entry(DEDUPLICATION_SCOPE, "queue"),
            entry(FIFO_THROUGHPUT_LIMIT, "perQueue"));
  }

  @Test
  void fifoAttributesOnAStandardQueueAreUnknownAttributes() {
    assertAwsError(
        () -> stack.createQueue("standard", Map.of(CONTENT_BASED_DEDUPLICATION, "true")),
        InvalidAttributeNameException.class,
        "InvalidAttributeName",
        400);
  }

  @Test
  void createQueueWithTheSameAttributesReturnsTheExistingQueue() {
    Map<QueueAttributeName, String> attributes = Map.of(VISIBILITY_TIMEOUT, "60");
    String first = stack.createQueue("same", attributes);
    stack.send(first, "kept");

    String second = stack.createQueue("same", attributes);

    assertThat(second).isEqualTo(first);
    assertThat(stack.receiveBodies(second, 10)).containsExactly("kept");
  }

  @Test
  void createQueueWithDifferentAttributesFailsWithQueueNameExists() {
    stack.createQueue("taken", Map.of(DELAY_SECONDS, "1"));

    QueueNameExistsException error =
        assertAwsError(
            () -> stack.createQueue("taken", Map.of(DELAY_SECONDS, "2")),
            QueueNameExistsException.class,
            "QueueAlreadyExists",
            400);
    assertThat(error.awsErrorDetails().errorMessage()).contains("DelaySeconds");
  }

  // ---- GetQueueUrl, ListQueues, DeleteQueue

  @Test
  void getQueueUrlFindsAQueueByName() {
    String url = stack.createQueue("findable");

    assertThat(sqs.getQueueUrl(b -> b.queueName("findable")).queueUrl())
        .isEqualTo(url)
        .isEqualTo(stack.server().endpoint() + "/000000000000/findable");
  }

  @Test
  void getQueueUrlFindsAnotherAccountsQueueByOwnerAccountId() {
    SqsClient owner = stack.client("111122223333", Region.US_EAST_1);
    String url = owner.createQueue(b -> b.queueName("shared")).queueUrl();

    assertThat(
            sqs.getQueueUrl(b -> b.queueName("shared").queueOwnerAWSAccountId("111122223333"))
                .queueUrl())
        .isEqualTo(url)
        .endsWith("/111122223333/shared");
    assertAwsError(
        () -> sqs.getQueueUrl(b -> b.queueName("shared")),
        QueueDoesNotExistException.class,
        "AWS.SimpleQueueService.NonExistentQueue",
        400);
  }

  @Test
  void listQueuesFiltersByPrefix() {
    String alpha1 = stack.createQueue("alpha-1");
    String alpha2 = stack.createQueue("alpha-2");
    stack.createQueue("beta-1");

    assertThat(sqs.listQueues(b -> b.queueNamePrefix("alpha")).queueUrls())
        .containsExactlyInAnyOrder(alpha1, alpha2);
    assertThat(sqs.listQueues().queueUrls()).hasSize(3);
    assertThat(sqs.listQueues(b -> b.queueNamePrefix("gamma")).queueUrls()).isEmpty();
    assertThat(
            new RawHttp(stack.server().endpoint())
                .json("AmazonSQS.ListQueues", "{\"QueueNamePrefix\":\"gamma\"}")
                .body())
        .as("no QueueUrls member when nothing matches, as SQS answers")
        .isEqualTo("{}");
  }

  @Test
  void listQueuesPagesWithMaxResultsAndNextToken() {
    List<String> urls =
        IntStream.range(0, 5).mapToObj(i -> stack.createQueue("paged-" + i)).toList();

    ListQueuesResponse first = sqs.listQueues(b -> b.maxResults(2));
    assertThat(first.queueUrls()).hasSize(2);
    assertThat(first.nextToken()).isNotBlank();

    List<String> all = sqs.listQueuesPaginator(b -> b.maxResults(2)).queueUrls().stream().toList();
    assertThat(all).containsExactlyInAnyOrderElementsOf(urls).doesNotHaveDuplicates();
    assertThat(sqs.listQueuesPaginator(b -> b.maxResults(2)).stream()).hasSize(3);
  }

  @Test
  void deletedQueueIsGoneAndItsNameIsBlockedFor60Seconds() {
    String url = stack.createQueue("doomed");
    stack.send(url, "lost");

    sqs.deleteQueue(b -> b.queueUrl(url));

    assertAwsError(
        () -> stack.send(url, "too late"),
        QueueDoesNotExistException.class,
        "AWS.SimpleQueueService.NonExistentQueue",
        400);
    assertThat(sqs.listQueues().queueUrls()).doesNotContain(url);
    assertAwsError(
        () -> stack.createQueue("doomed"),
        QueueDeletedRecentlyException.class,
        "AWS.SimpleQueueService.QueueDeletedRecently",
        400);

    stack.advance(Duration.ofSeconds(61));

    assertThat(stack.createQueue("doomed")).isEqualTo(url);
    assertThat(stack.receive(url, 10)).isEmpty();
  }

  // ---- Get/SetQueueAttributes

  @Test
  void getQueueAttributesReturnsOnlyTheRequestedNames() {
    String url = stack.createQueue("selected");

    assertThat(stack.attributes(url, VISIBILITY_TIMEOUT, QUEUE_ARN))
        .containsOnlyKeys(VISIBILITY_TIMEOUT, QUEUE_ARN);
    assertThat(sqs.getQueueAttributes(b -> b.queueUrl(url)).attributes()).isEmpty();
  }

  @Test
  void approximateCountsFollowVisibleInFlightAndDelayedMessages() {
    String url = stack.createQueue("counted");
    stack.send(url, "visible");
    stack.send(url, "in flight");
    stack.send(url, b -> b.messageBody("delayed").delaySeconds(60));
    assertThat(stack.receive(url, 1)).hasSize(1);

    assertThat(
            stack.attributes(
                url,
                APPROXIMATE_NUMBER_OF_MESSAGES,
                APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED))
        .containsOnly(
            entry(APPROXIMATE_NUMBER_OF_MESSAGES, "1"),
            entry(APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "1"),
            entry(APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED, "1"));
  }

  @Test
  void setQueueAttributesChangesSettingsAndLastModifiedTimestamp() {
    Instant created = stack.now();
    String url = stack.createQueue("changing");
    stack.advance(Duration.ofSeconds(10));

    sqs.setQueueAttributes(
        b -> b.queueUrl(url).attributes(Map.of(VISIBILITY_TIMEOUT, "5", DELAY_SECONDS, "7")));

    assertThat(stack.attributes(url, ALL))
        .contains(
            entry(VISIBILITY_TIMEOUT, "5"),
            entry(DELAY_SECONDS, "7"),
            entry(CREATED_TIMESTAMP, seconds(created)),
            entry(LAST_MODIFIED_TIMESTAMP, seconds(created.plusSeconds(10))));
  }

  @Test
  void setQueueAttributesRejectsReadOnlyAndUnknownNames() {
    String url = stack.createQueue("strict");

    for (String name : List.of("QueueArn", "ApproximateNumberOfMessages", "Nope", "FifoQueue")) {
      assertAwsError(
          () ->
              sqs.setQueueAttributes(b -> b.queueUrl(url).attributesWithStrings(Map.of(name, "1"))),
          InvalidAttributeNameException.class,
          "InvalidAttributeName",
          400);
    }
  }

  @Test
  void setQueueAttributesRejectsOutOfRangeValues() {
    String url = stack.createQueue("ranged");

    for (Map.Entry<QueueAttributeName, String> invalid :
        List.of(
            entry(VISIBILITY_TIMEOUT, "43201"),
            entry(VISIBILITY_TIMEOUT, "soon"),
            entry(DELAY_SECONDS, "901"),
            entry(MAXIMUM_MESSAGE_SIZE, "1023"),
            entry(MESSAGE_RETENTION_PERIOD, "59"),
            entry(RECEIVE_MESSAGE_WAIT_TIME_SECONDS, "21"))) {
      assertAwsError(
          () -> sqs.setQueueAttributes(b -> b.queueUrl(url).attributes(Map.ofEntries(invalid))),
          InvalidAttributeValueException.class,
          "InvalidAttributeValue",
          400);
    }
    assertThat(stack.attribute(url, VISIBILITY_TIMEOUT)).isEqualTo("30");
  }

  @Test
  void fifoQueueTypeCannotBeChanged() {
    String url = stack.createFifoQueue("fixed.fifo", Map.of());

    sqs.setQueueAttributes(b -> b.queueUrl(url).attributes(Map.of(FIFO_QUEUE, "true")));

    assertAwsError(
        () -> sqs.setQueueAttributes(b -> b.queueUrl(url).attributes(Map.of(FIFO_QUEUE, "false"))),
        InvalidAttributeValueException.class,
        "InvalidAttributeValue",
        400);
  }

  @Test
  void throughputPerMessageGroupNeedsMessageGroupDeduplicationScope() {
    String url = stack.createFifoQueue("throughput.fifo", Map.of());

    assertAwsError(
        () ->
            sqs.setQueueAttributes(
                b ->
                    b.queueUrl(url).attributes(Map.of(FIFO_THROUGHPUT_LIMIT, "perMessageGroupId"))),
        SqsException.class,
        "InvalidParameterValue",
        400);

    sqs.setQueueAttributes(
        b ->
            b.queueUrl(url)
                .attributes(
                    Map.of(
                        DEDUPLICATION_SCOPE, "messageGroup",
                        FIFO_THROUGHPUT_LIMIT, "perMessageGroupId")));
    assertThat(stack.attribute(url, FIFO_THROUGHPUT_LIMIT)).isEqualTo("perMessageGroupId");
  }

  @Test
  void redrivePolicyIsStoredNormalisedAndCanBeRemoved() throws Exception {
    String dlq = stack.createQueue("normal-dlq");
    String url = stack.createQueue("normal");
    String arn = stack.arn(dlq);

    sqs.setQueueAttributes(
        b ->
            b.queueUrl(url)
                .attributes(
                    Map.of(
                        REDRIVE_POLICY,
                        "{ \"maxReceiveCount\": \"3\", \"deadLetterTargetArn\": \""
                            + arn
                            + "\" }")));

    JsonNode policy = JSON.readTree(stack.attribute(url, REDRIVE_POLICY));
    assertThat(policy.get("deadLetterTargetArn").asText()).isEqualTo(arn);
    assertThat(policy.get("maxReceiveCount").isInt()).isTrue();
    assertThat(policy.get("maxReceiveCount").asInt()).isEqualTo(3);

    sqs.setQueueAttributes(b -> b.queueUrl(url).attributes(Map.of(REDRIVE_POLICY, "")));
    assertThat(stack.attributes(url, ALL)).doesNotContainKey(REDRIVE_POLICY);
  }

  @Test
  void redrivePolicyNeedsAnExistingDeadLetterQueueOfTheSameType() {
    String url = stack.createQueue("needs-dlq");
    String fifoDlq = stack.createFifoQueue("wrong-type.fifo", Map.of());

    for (String policy :
        List.of(
            "{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:000000000000:missing\","
                + "\"maxReceiveCount\":3}",
            stack.redrivePolicy(fifoDlq, 3),
            stack.redrivePolicy(url, 0))) {
      assertAwsError(
          () ->
              sqs.setQueueAttributes(
                  b -> b.queueUrl(url).attributes(Map.of(REDRIVE_POLICY, policy))),
          SqsException.class,
          "InvalidParameterValue",
          400);
    }
  }

  @Test
  void redriveAllowPolicyDenyAllRejectsEverySourceQueue() {
    String dlq =
        stack.createQueue(
            "deny-dlq", Map.of(REDRIVE_ALLOW_POLICY, "{\"redrivePermission\":\"denyAll\"}"));

    assertAwsError(
        () -> stack.createQueue("denied", Map.of(REDRIVE_POLICY, stack.redrivePolicy(dlq, 2))),
        SqsException.class,
        "InvalidParameterValue",
        400);
  }

  @Test
  void redriveAllowPolicyByQueueAcceptsOnlyTheListedSourceQueues() {
    String allowed = stack.createQueue("allowed-source");
    String other = stack.createQueue("other-source");
    String dlq =
        stack.createQueue(
            "by-queue-dlq",
            Map.of(
                REDRIVE_ALLOW_POLICY,
                "{\"redrivePermission\":\"byQueue\",\"sourceQueueArns\":[\""
                    + stack.arn(allowed)
                    + "\"]}"));
    String policy = stack.redrivePolicy(dlq, 2);

    sqs.setQueueAttributes(b -> b.queueUrl(allowed).attributes(Map.of(REDRIVE_POLICY, policy)));
    assertAwsError(
        () ->
            sqs.setQueueAttributes(
                b -> b.queueUrl(other).attributes(Map.of(REDRIVE_POLICY, policy))),
        SqsException.class,
        "InvalidParameterValue",
        400);
    assertThat(stack.attributes(other, ALL)).doesNotContainKey(REDRIVE_POLICY);
  }

  @Test
  void kmsKeyTurnsSqsManagedEncryptionOffWithADefaultKeyReusePeriod() {
    String url = stack.createQueue("kms", Map.of(KMS_MASTER_KEY_ID, "alias/orders"));

    assertThat(stack.attributes(url, ALL))
        .contains(
            entry(KMS_MASTER_KEY_ID, "alias/orders"),
            entry(KMS_DATA_KEY_REUSE_PERIOD_SECONDS, "300"),
            entry(SQS_MANAGED_SSE_ENABLED, "false"));
  }

  @Test
  void kmsAndSqsManagedEncryptionCannotBeEnabledTogether() {
    String url = stack.createQueue("both-sse");

    InvalidAttributeNameException error =
        assertAwsError(
            () ->
                sqs.setQueueAttributes(
                    b ->
                        b.queueUrl(url)
                            .attributes(
                                Map.of(
                                    KMS_MASTER_KEY_ID,
                                    "testKeyId",
                                    SQS_MANAGED_SSE_ENABLED,
                                    "true"))),
            InvalidAttributeNameException.class,
            "InvalidAttributeName",
            400);

    assertThat(error.awsErrorDetails().errorMessage())
        .isEqualTo(
            "You can use one type of server-side encryption (SSE) at one time. You can either"
                + " enable KMS SSE or SQS SSE.");
    assertThat(stack.attributes(url, ALL)).doesNotContainKey(KMS_MASTER_KEY_ID);
  }

  @Test
  void sqsManagedEncryptionCanBeSwitchedOff() {
    String url = stack.createQueue("sse");

    sqs.setQueueAttributes(
        b -> b.queueUrl(url).attributes(Map.of(SQS_MANAGED_SSE_ENABLED, "false")));

    assertThat(stack.attribute(url, SQS_MANAGED_SSE_ENABLED)).isEqualTo("false");
  }

  // ---- PurgeQueue

  @Test
  void purgeQueueRemovesEveryMessageAndCanRunAgainAfter60Seconds() {
    String url = stack.createQueue("purged");
    stack.send(url, "one");
    stack.send(url, "two");
    assertThat(stack.receive(url, 1)).hasSize(1);

    sqs.purgeQueue(b -> b.queueUrl(url));

    assertThat(stack.receive(url, 10)).isEmpty();
    assertThat(stack.count(url, APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).isZero();
    assertAwsError(
        () -> sqs.purgeQueue(b -> b.queueUrl(url)),
        PurgeQueueInProgressException.class,
        "AWS.SimpleQueueService.PurgeQueueInProgress",
        403);

    stack.advance(Duration.ofSeconds(60));
    stack.send(url, "three");
    sqs.purgeQueue(b -> b.queueUrl(url));
    assertThat(stack.count(url, APPROXIMATE_NUMBER_OF_MESSAGES)).isZero();
  }

  // ---- tags

  @Test
  void tagsCanBeSetOnCreateAddedChangedAndRemoved() {
    String url =
        sqs.createQueue(b -> b.queueName("tagged").tags(Map.of("team", "payments", "env", "test")))
            .queueUrl();
    assertThat(sqs.listQueueTags(b -> b.queueUrl(url)).tags())
        .containsOnly(entry("team", "payments"), entry("env", "test"));

    sqs.tagQueue(b -> b.queueUrl(url).tags(Map.of("env", "prod", "cost-centre", "")));
    sqs.untagQueue(b -> b.queueUrl(url).tagKeys("team"));

    assertThat(sqs.listQueueTags(b -> b.queueUrl(url)).tags())
        .containsOnly(entry("env", "prod"), entry("cost-centre", ""));
    sqs.untagQueue(b -> b.queueUrl(url).tagKeys("env", "cost-centre"));
    assertThat(sqs.listQueueTags(b -> b.queueUrl(url)).tags()).isEmpty();
  }

  // ---- dead-letter sources, permissions, move tasks

  @Test
  void listDeadLetterSourceQueuesNamesTheQueuesRedrivingToIt() {
    String dlq = stack.createQueue("shared-dlq");
    String policy = stack.redrivePolicy(dlq, 3);
    String first = stack.createQueue("source-1", Map.of(REDRIVE_POLICY, policy));
    String second = stack.createQueue("source-2", Map.of(REDRIVE_POLICY, policy));
    stack.createQueue("unrelated");

    assertThat(sqs.listDeadLetterSourceQueues(b -> b.queueUrl(dlq)).queueUrls())
        .containsExactlyInAnyOrder(first, second);
    assertThat(sqs.listDeadLetterSourceQueues(b -> b.queueUrl(first)).queueUrls()).isEmpty();
  }

  @Test
  void addPermissionShowsInThePolicyAndRemovePermissionTakesItOut() throws Exception {
    String url = stack.createQueue("permitted");

    sqs.addPermission(
        b ->
            b.queueUrl(url)
                .label("consumers")
                .awsAccountIds("111122223333")
                .actions("ReceiveMessage", "DeleteMessage"));

    JsonNode statement = JSON.readTree(stack.attribute(url, POLICY)).get("Statement").get(0);
    assertThat(statement.get("Sid").asText()).isEqualTo("consumers");
    assertThat(statement.get("Effect").asText()).isEqualTo("Allow");
    assertThat(statement.get("Principal").get("AWS").toString())
        .contains("arn:aws:iam::111122223333:root");
    assertThat(statement.get("Action").toString())
        .contains("SQS:ReceiveMessage", "SQS:DeleteMessage");
    assertThat(statement.get("Resource").asText()).isEqualTo(stack.arn(url));
    assertAwsError(
        () ->
            sqs.addPermission(
                b ->
                    b.queueUrl(url)
                        .label("consumers")
                        .awsAccountIds("111122223333")
                        .actions("SendMessage")),
        SqsException.class,
        "InvalidParameterValue",
        400);

    sqs.removePermission(b -> b.queueUrl(url).label("consumers"));

    assertThat(stack.attributes(url, ALL)).doesNotContainKey(POLICY);
    assertAwsError(
        () -> sqs.removePermission(b -> b.queueUrl(url).label("consumers")),
        SqsException.class,
        "InvalidParameterValue",
        400);
  }

  @Test
  void addPermissionExtendsAPolicySetAsAnAttributeAndSettingThePolicyReplacesIt() throws Exception {
    String url = stack.createQueue("shared-policy");
    String arn = stack.arn(url);
    String own =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"own\",\"Effect\":\"Allow\","
            + "\"Principal\":\"*\",\"Action\":\"SQS:SendMessage\",\"Resource\":\""
            + arn
            + "\"}]}";
    sqs.setQueueAttributes(b -> b.queueUrl(url).attributes(Map.of(POLICY, own)));

    sqs.addPermission(
        b ->
            b.queueUrl(url).label("added").awsAccountIds("111122223333").actions("ReceiveMessage"));

    JsonNode statements = JSON.readTree(stack.attribute(url, POLICY)).get("Statement");
    assertThat(statements.findValuesAsText("Sid")).containsExactly("own", "added");
    assertThat(statements.get(1).get("Principal").get("AWS").asText())
        .isEqualTo("arn:aws:iam::111122223333:root");
    assertThat(statements.get(1).get("Action").asText()).isEqualTo("SQS:ReceiveMessage");

    sqs.removePermission(b -> b.queueUrl(url).label("own"));
    assertThat(JSON.readTree(stack.attribute(url, POLICY)).get("Statement").findValuesAsText("Sid"))
        .containsExactly("added");

    sqs.setQueueAttributes(b -> b.queueUrl(url).attributes(Map.of(POLICY, "")));
    assertThat(stack.attributes(url, ALL)).doesNotContainKey(POLICY);
    assertAwsError(
        () -> sqs.removePermission(b -> b.queueUrl(url).label("added")),
        SqsException.class,
        "InvalidParameterValue",
        400);
  }

  @Test
  void messageMoveTaskReturnsDeadLetteredMessagesToTheirSourceQueue() {
    String source = stack.createQueueWithDeadLetterQueue("redriven", 1);
    String dlq = sqs.getQueueUrl(b -> b.queueName("redriven-dlq")).queueUrl();
    stack.send(source, "first");
    stack.send(source, "second");
    deadLetterEverything(source);
    assertThat(stack.count(dlq, APPROXIMATE_NUMBER_OF_MESSAGES)).isEqualTo(2);
    String dlqArn = stack.arn(dlq);
    Instant started = stack.now();

    String handle = sqs.startMessageMoveTask(b -> b.sourceArn(dlqArn)).taskHandle();

    assertThat(handle).isNotBlank();
    List<Message> returned = stack.receive(source, 10);
    assertThat(returned).extracting(Message::body).containsExactlyInAnyOrder("first", "second");
    assertThat(returned)
        .allSatisfy(
            message ->
                assertThat(message.attributes())
                    .containsEntry(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "1")
                    .doesNotContainKey(MessageSystemAttributeName.DEAD_LETTER_QUEUE_SOURCE_ARN));
    assertThat(stack.count(dlq, APPROXIMATE_NUMBER_OF_MESSAGES)).isZero();
    List<ListMessageMoveTasksResultEntry> tasks =
        sqs.listMessageMoveTasks(b -> b.sourceArn(dlqArn).maxResults(10)).results();
    assertThat(tasks).hasSize(1);
    assertThat(tasks.get(0).status()).isEqualTo("COMPLETED");
    assertThat(tasks.get(0).sourceArn()).isEqualTo(dlqArn);
    assertThat(tasks.get(0).approximateNumberOfMessagesMoved()).isEqualTo(2);
    assertThat(tasks.get(0).approximateNumberOfMessagesToMove()).isEqualTo(2);
    assertThat(tasks.get(0).startedTimestamp()).isEqualTo(started.toEpochMilli());
    assertAwsError(
        () -> sqs.cancelMessageMoveTask(b -> b.taskHandle(handle)),
        ResourceNotFoundException.class,
        "ResourceNotFoundException",
        404);
  }

  @Test
  void messageMoveTaskCanMoveToAnExplicitDestination() {
    String source = stack.createQueueWithDeadLetterQueue("explicit", 1);
    String dlq = sqs.getQueueUrl(b -> b.queueName("explicit-dlq")).queueUrl();
    String destination = stack.createQueue("elsewhere");
    stack.send(source, "moved");
    deadLetterEverything(source);

    sqs.startMessageMoveTask(
        b -> b.sourceArn(stack.arn(dlq)).destinationArn(stack.arn(destination)));

    assertThat(stack.receiveBodies(destination, 10)).containsExactly("moved");
  }

  @Test
  void messageMoveTaskNeedsADeadLetterQueueAsSource() {
    String plain = stack.createQueue("not-a-dlq");

    assertAwsError(
        () -> sqs.startMessageMoveTask(b -> b.sourceArn(stack.arn(plain))),
        SqsException.class,
        "InvalidParameterValue",
        400);
    assertAwsError(
        () ->
            sqs.startMessageMoveTask(
                b -> b.sourceArn("arn:aws:sqs:us-east-1:000000000000:nowhere")),
        ResourceNotFoundException.class,
        "ResourceNotFoundException",
        404);
  }

  @Test
  void rateLimitedMoveTaskRunsOnTheClockAndCanBeCancelled() {
    String source = stack.createQueueWithDeadLetterQueue("throttled", 1);
    String dlq = deadLetterMessages(source, 5);
    String dlqArn = stack.arn(dlq);

    String handle =
        sqs.startMessageMoveTask(b -> b.sourceArn(dlqArn).maxNumberOfMessagesPerSecond(2))
            .taskHandle();

    ListMessageMoveTasksResultEntry running = latestMoveTask(dlqArn);
    assertThat(running.status()).isEqualTo("RUNNING");
    assertThat(running.taskHandle()).isEqualTo(handle);
    assertThat(running.maxNumberOfMessagesPerSecond()).isEqualTo(2);
    assertThat(running.approximateNumberOfMessagesMoved()).isZero();
    assertThat(running.approximateNumberOfMessagesToMove()).isEqualTo(5);
    assertAwsError(
        () -> sqs.startMessageMoveTask(b -> b.sourceArn(dlqArn)),
        SqsException.class,
        "InvalidParameterValue",
        400);

    stack.advance(Duration.ofSeconds(1));
    assertThat(latestMoveTask(dlqArn).approximateNumberOfMessagesMoved()).isEqualTo(2);
    assertThat(
            sqs.cancelMessageMoveTask(b -> b.taskHandle(handle)).approximateNumberOfMessagesMoved())
        .isEqualTo(2);
    stack.advance(Duration.ofSeconds(10));

    ListMessageMoveTasksResultEntry cancelled = latestMoveTask(dlqArn);
    assertThat(cancelled.status()).isEqualTo("CANCELLED");
    assertThat(cancelled.taskHandle()).isNull();
    assertThat(cancelled.approximateNumberOfMessagesMoved()).isEqualTo(2);
    assertThat(stack.receiveBodies(source, 10)).hasSize(2);
    assertThat(stack.count(dlq, APPROXIMATE_NUMBER_OF_MESSAGES)).isEqualTo(3);
  }

  @Test
  void rateLimitedMoveTaskCompletesAtItsRate() {
    String source = stack.createQueueWithDeadLetterQueue("paced", 1);
    String dlq = deadLetterMessages(source, 5);
    String dlqArn = stack.arn(dlq);

    sqs.startMessageMoveTask(b -> b.sourceArn(dlqArn).maxNumberOfMessagesPerSecond(2));
    stack.advance(Duration.ofSeconds(2));
    assertThat(latestMoveTask(dlqArn).status()).isEqualTo("RUNNING");
    stack.advance(Duration.ofSeconds(1));

    ListMessageMoveTasksResultEntry completed = latestMoveTask(dlqArn);
    assertThat(completed.status()).isEqualTo("COMPLETED");
    assertThat(completed.approximateNumberOfMessagesMoved()).isEqualTo(5);
    assertThat(stack.receiveBodies(source, 10)).hasSize(5);
  }

  @Test
  void rateLimitedMoveTaskFailsWhenItsDestinationIsDeleted() {
    String source = stack.createQueueWithDeadLetterQueue("orphaned", 1);
    String destination = stack.createQueue("doomed");
    String dlq = deadLetterMessages(source, 3);
    String dlqArn = stack.arn(dlq);
    String destinationArn = stack.arn(destination);
    sqs.startMessageMoveTask(
        b -> b.sourceArn(dlqArn).destinationArn(destinationArn).maxNumberOfMessagesPerSecond(1));
    stack.advance(Duration.ofSeconds(1));

    sqs.deleteQueue(b -> b.queueUrl(destination));
    stack.advance(Duration.ofSeconds(1));

    ListMessageMoveTasksResultEntry failed = latestMoveTask(dlqArn);
    assertThat(failed.status()).isEqualTo("FAILED");
    assertThat(failed.failureReason()).isEqualTo("AWS.SimpleQueueService.NonExistentQueue");
    assertThat(failed.approximateNumberOfMessagesMoved()).isEqualTo(1);
    assertThat(stack.count(dlq, APPROXIMATE_NUMBER_OF_MESSAGES)).isEqualTo(2);
  }

  private ListMessageMoveTasksResultEntry latestMoveTask(String sourceArn) {
    return sqs.listMessageMoveTasks(b -> b.sourceArn(sourceArn)).results().get(0);
  }

  @Test
  void cancelMessageMoveTaskRejectsAMalformedHandle() {
    assertAwsError(
        () -> sqs.cancelMessageMoveTask(b -> b.taskHandle("not-a-task-handle")),
        SqsException.class,
        "InvalidParameterValue",
        400);
  }

  private static String seconds(Instant instant) {
    return String.valueOf(instant.getEpochSecond());
  }

  /** Receives every message once, then once more, so maxReceiveCount 1 dead-letters them all. */
  /**
   * Sends {@code count} messages to {@code source} and dead-letters them; returns the DLQ's URL.
   */
  private String deadLetterMessages(String source, int count) {
    IntStream.range(0, count).forEach(i -> stack.send(source, "m" + i));
    deadLetterEverything(source);
    String name = source.substring(source.lastIndexOf('/') + 1);
    return sqs.getQueueUrl(b -> b.queueName(name + "-dlq")).queueUrl();
  }

  private static void deadLetterEverything(String source) {
    assertThat(stack.receive(source, b -> b.maxNumberOfMessages(10).visibilityTimeout(0)))
        .isNotEmpty();
    assertThat(stack.receive(source, 10)).isEmpty();
  }

  // ---- isolation

  @Test
  void accountsAreIsolatedByTheirTwelveDigitAccessKey() {
    SqsClient first = stack.client("111111111111", Region.US_EAST_1);
    SqsClient second = stack.client("222222222222", Region.US_EAST_1);
    String firstUrl = first.createQueue(b -> b.queueName("same-name")).queueUrl();
    String secondUrl = second.createQueue(b -> b.queueName("same-name")).queueUrl();
    first.sendMessage(b -> b.queueUrl(firstUrl).messageBody("for the first account"));

    assertThat(firstUrl).endsWith("/111111111111/same-name");
    assertThat(secondUrl).endsWith("/222222222222/same-name");
    assertThat(second.receiveMessage(b -> b.queueUrl(secondUrl)).messages()).isEmpty();
    assertThat(first.listQueues().queueUrls()).containsExactly(firstUrl);
    assertThat(sqs.listQueues().queueUrls()).isEmpty();
    assertThat(
            first
                .getQueueAttributes(b -> b.queueUrl(firstUrl).attributeNames(QUEUE_ARN))
                .attributes())
        .containsEntry(QUEUE_ARN, "arn:aws:sqs:us-east-1:111111111111:same-name");
  }

  @Test
  void regionsAreIsolated() {
    SqsClient ireland = stack.client("test", Region.EU_WEST_1);
    String url = ireland.createQueue(b -> b.queueName("regional")).queueUrl();

    assertThat(ireland.listQueues().queueUrls()).containsExactly(url);
    assertThat(sqs.listQueues().queueUrls()).isEmpty();
    assertAwsError(
        () -> sqs.getQueueUrl(b -> b.queueName("regional")),
        QueueDoesNotExistException.class,
        "AWS.SimpleQueueService.NonExistentQueue",
        400);
    assertThat(
            ireland.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QUEUE_ARN)).attributes())
        .containsEntry(QUEUE_ARN, "arn:aws:sqs:eu-west-1:000000000000:regional");
  }
}
