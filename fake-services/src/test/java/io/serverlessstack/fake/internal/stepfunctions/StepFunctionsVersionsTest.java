package io.serverlessstack.fake.internal.stepfunctions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.serverlessstack.fake.Await;
import io.serverlessstack.fake.SqsStack;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ConflictException;
import software.amazon.awssdk.services.sfn.model.CreateStateMachineResponse;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.DescribeStateMachineAliasResponse;
import software.amazon.awssdk.services.sfn.model.DescribeStateMachineResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.InvalidArnException;
import software.amazon.awssdk.services.sfn.model.ListStateMachineVersionsResponse;
import software.amazon.awssdk.services.sfn.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sfn.model.RoutingConfigurationListItem;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.StateMachineVersionListItem;
import software.amazon.awssdk.services.sfn.model.ValidationException;

/** State machine versions and aliases through the real SfnClient. */
class StepFunctionsVersionsTest {

  @RegisterExtension static final SqsStack stack = SqsStack.withVirtualClock();

  static final String ROLE = "arn:aws:iam::000000000000:role/states-role";

  /** A machine whose output says which revision ran it, and what $$.StateMachine.Id was. */
  static String definition(String revision) {
    return """
        {"StartAt": "Say", "States": {"Say": {"Type": "Pass",
          "Parameters": {"revision": "%s", "machine.$": "$$.StateMachine.Id"}, "End": true}}}
        """
        .formatted(revision);
  }

  static SfnClient sfn() {
    return stack.sfn();
  }

  static CreateStateMachineResponse create(String name, boolean publish) {
    return sfn()
        .createStateMachine(
            r -> r.name(name).definition(definition("r1")).roleArn(ROLE).publish(publish));
  }

  static String update(String arn, String revision) {
    return sfn()
        .updateStateMachine(r -> r.stateMachineArn(arn).definition(definition(revision)))
        .revisionId();
  }

  static String publish(String arn) {
    return sfn().publishStateMachineVersion(r -> r.stateMachineArn(arn)).stateMachineVersionArn();
  }

  static RoutingConfigurationListItem route(String versionArn, int weight) {
    return RoutingConfigurationListItem.builder()
        .stateMachineVersionArn(versionArn)
        .weight(weight)
        .build();
  }

  static DescribeExecutionResponse finished(String executionArn) throws InterruptedException {
    Await.until(
        () ->
            sfn().describeExecution(r -> r.executionArn(executionArn)).status()
                != ExecutionStatus.RUNNING);
    return sfn().describeExecution(r -> r.executionArn(executionArn));
  }

  @Test
  void publishingKeepsEachRevisionAndAnUnchangedRevisionKeepsItsVersion() {
    CreateStateMachineResponse created = create("orders", true);
    String arn = created.stateMachineArn();
    assertThat(created.stateMachineVersionArn()).isEqualTo(arn + ":1");

    assertThat(publish(arn)).isEqualTo(arn + ":1");
    String revision2 = update(arn, "r2");
    String v2 =
        sfn()
            .publishStateMachineVersion(
                r -> r.stateMachineArn(arn).revisionId(revision2).description("second"))
            .stateMachineVersionArn();
    update(arn, "r3");

    assertThat(v2).isEqualTo(arn + ":2");
    DescribeStateMachineResponse described = sfn().describeStateMachine(r -> r.stateMachineArn(v2));
    assertThat(described.stateMachineArn()).isEqualTo(v2);
    assertThat(described.definition()).contains("\"r2\"");
    assertThat(described.description()).isEqualTo("second");
    assertThat(described.revisionId()).isEqualTo(revision2);
    assertThat(sfn().describeStateMachine(r -> r.stateMachineArn(arn + ":1")).definition())
        .contains("\"r1\"");
    assertThat(sfn().describeStateMachine(r -> r.stateMachineArn(arn)).definition())
        .contains("\"r3\"");
    assertThatThrownBy(
            () ->
                sfn().publishStateMachineVersion(r -> r.stateMachineArn(arn).revisionId(revision2)))
        .isInstanceOf(ConflictException.class)
        .hasMessageStartingWith(
            "Failed to publish the State Machine version for revision "
                + revision2
                + ". The current State Machine revision is ");
  }

  @Test
  void updateWithPublishPublishesAndAnIdenticalUpdateFindsTheSameVersion() {
    String arn = create("billing", false).stateMachineArn();

    String first =
        sfn()
            .updateStateMachine(
                r ->
                    r.stateMachineArn(arn)
                        .definition(definition("r2"))
                        .publish(true)
                        .versionDescription("v1"))
            .stateMachineVersionArn();
    String again =
        sfn()
            .updateStateMachine(
                r -> r.stateMachineArn(arn).definition(definition("r2")).publish(true))
            .stateMachineVersionArn();

    assertThat(first).isEqualTo(arn + ":1");
    assertThat(again).isEqualTo(first);
    assertThatThrownBy(
            () ->
                sfn()
                    .updateStateMachine(
                        r ->
                            r.stateMachineArn(arn)
                                .definition(definition("r3"))
                                .versionDescription("no publish")))
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith("Version description can only be set when publish is true");
    assertThatThrownBy(
            () -> sfn().updateStateMachine(r -> r.stateMachineArn(arn + ":1").roleArn(ROLE)))
        .isInstanceOf(StateMachineDoesNotExistException.class)
        .hasMessageStartingWith("State Machine Does Not Exist: '" + arn + ":1'");
  }

  @Test
  void versionsListNewestFirstInPagesAndNumbersAreNotReusedAfterADeletion() {
    String arn = create("pages", true).stateMachineArn();
    for (int i = 2; i <= 3; i++) {
      update(arn, "r" + i);
      publish(arn);
    }

    ListStateMachineVersionsResponse first =
        sfn().listStateMachineVersions(r -> r.stateMachineArn(arn).maxResults(2));
    ListStateMachineVersionsResponse second =
        sfn()
            .listStateMachineVersions(
                r -> r.stateMachineArn(arn).maxResults(2).nextToken(first.nextToken()));
    sfn().deleteStateMachineVersion(r -> r.stateMachineVersionArn(arn + ":3"));
    sfn().deleteStateMachineVersion(r -> r.stateMachineVersionArn(arn + ":3"));
    update(arn, "r4");

    assertThat(first.stateMachineVersions())
        .extracting(StateMachineVersionListItem::stateMachineVersionArn)
        .containsExactly(arn + ":3", arn + ":2");
    assertThat(second.stateMachineVersions())
        .extracting(StateMachineVersionListItem::stateMachineVersionArn)
        .containsExactly(arn + ":1");
    assertThat(second.nextToken()).isNull();
    assertThat(publish(arn)).isEqualTo(arn + ":4");
    assertThatThrownBy(() -> sfn().describeStateMachine(r -> r.stateMachineArn(arn + ":3")))
        .isInstanceOf(StateMachineDoesNotExistException.class)
        .hasMessageStartingWith("State Machine Does Not Exist: '" + arn + ":3'");
    assertThatThrownBy(
            () -> sfn().listStateMachineVersions(r -> r.stateMachineArn(arn).maxResults(1001)))
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith(
            "1 validation error detected: Value '1001' at 'maxResults' failed to satisfy"
                + " constraint: Member must have value less than or equal to 1000");
    assertThatThrownBy(() -> sfn().publishStateMachineVersion(r -> r.stateMachineArn("nope")))
        .isInstanceOf(InvalidArnException.class)
        .hasMessageStartingWith("Invalid Arn: 'Invalid ARN prefix: nope'");
  }

  @Test
  void executionsOfAVersionOrAnAliasRunThatVersionAndSayWhichTheyRan() throws Exception {
    String arn = create("runs", true).stateMachineArn();
    String v1 = arn + ":1";
    update(arn, "r2");
    String alias =
        sfn()
            .createStateMachineAlias(r -> r.name("PROD").routingConfiguration(route(v1, 100)))
            .stateMachineAliasArn();

    String plain = sfn().startExecution(r -> r.stateMachineArn(arn)).executionArn();
    String byVersion = sfn().startExecution(r -> r.stateMachineArn(v1)).executionArn();
    String byAlias = sfn().startExecution(r -> r.stateMachineArn(alias)).executionArn();

    assertThat(alias).isEqualTo(arn + ":PROD");
    DescribeExecutionResponse plainRun = finished(plain);
    assertThat(plainRun.output()).isEqualTo("{\"revision\":\"r2\",\"machine\":\"" + arn + "\"}");
    assertThat(plainRun.stateMachineVersionArn()).isNull();
    DescribeExecutionResponse versionRun = finished(byVersion);
    // Guess: $$.StateMachine.Id is the ARN the execution was started with.
    assertThat(versionRun.output()).isEqualTo("{\"revision\":\"r1\",\"machine\":\"" + v1 + "\"}");
    assertThat(versionRun.stateMachineArn()).isEqualTo(arn);
    assertThat(versionRun.stateMachineVersionArn()).isEqualTo(v1);
    assertThat(versionRun.stateMachineAliasArn()).isNull();
    DescribeExecutionResponse aliasRun = finished(byAlias);
    assertThat(aliasRun.output()).contains("\"revision\":\"r1\"");
    assertThat(aliasRun.stateMachineVersionArn()).isEqualTo(v1);
    assertThat(aliasRun.stateMachineAliasArn()).isEqualTo(alias);
    HistoryEvent started =
        sfn().getExecutionHistory(r -> r.executionArn(byVersion)).events().get(0);
    assertThat(started.executionStartedEventDetails().stateMachineVersionArn()).isEqualTo(v1);
    HistoryEvent startedByAlias =
        sfn().getExecutionHistory(r -> r.executionArn(byAlias)).events().get(0);
    // Guess: an alias start names both the alias and the version it picked.
    assertThat(startedByAlias.executionStartedEventDetails().stateMachineAliasArn())
        .isEqualTo(alias);
    assertThat(startedByAlias.executionStartedEventDetails().stateMachineVersionArn())
        .isEqualTo(v1);
    assertThat(sfn().describeStateMachineForExecution(r -> r.executionArn(byVersion)).definition())
        .contains("\"r1\"");

    assertThat(sfn().listExecutions(r -> r.stateMachineArn(arn)).executions())
        .extracting(ExecutionListItem::executionArn)
        .containsExactlyInAnyOrder(plain, byVersion, byAlias);
    // An execution started through an alias is associated with the alias's version too.
    assertThat(sfn().listExecutions(r -> r.stateMachineArn(v1)).executions())
        .extracting(ExecutionListItem::executionArn)
        .containsExactlyInAnyOrder(byVersion, byAlias);
    List<ExecutionListItem> throughAlias =
        sfn().listExecutions(r -> r.stateMachineArn(alias)).executions();
    assertThat(throughAlias).extracting(ExecutionListItem::executionArn).containsExactly(byAlias);
    assertThat(throughAlias.get(0).stateMachineVersionArn()).isEqualTo(v1);
  }

  @Test
  void anAliasRoutesExecutionsBetweenItsTwoVersionsByWeight() {
    String arn = create("canary", true).stateMachineArn();
    update(arn, "r2");
    String v2 = publish(arn);
    String alias =
        sfn()
            .createStateMachineAlias(
                r -> r.name("live").routingConfiguration(route(arn + ":1", 30), route(v2, 70)))
            .stateMachineAliasArn();

    int first = 0;
    for (int i = 0; i < 1000; i++) {
      String execution = sfn().startExecution(r -> r.stateMachineArn(alias)).executionArn();
      if ((arn + ":1")
          .equals(
              sfn().describeExecution(r -> r.executionArn(execution)).stateMachineVersionArn())) {
        first++;
      }
    }

    assertThat(first).isBetween(230, 370);
  }

  @Test
  void aliasesAreCreatedIdempotentlyUpdatedDescribedListedAndDeleted() {
    String arn = create("aliases", true).stateMachineArn();
    update(arn, "r2");
    String v2 = publish(arn);
    String alias =
        sfn()
            .createStateMachineAlias(
                r -> r.name("stable").description("d").routingConfiguration(route(v2, 100)))
            .stateMachineAliasArn();
    assertThat(
            sfn()
                .createStateMachineAlias(
                    r -> r.name("stable").description("d").routingConfiguration(route(v2, 100)))
                .stateMachineAliasArn())
        .isEqualTo(alias);
    assertThatThrownBy(
            () ->
                sfn()
                    .createStateMachineAlias(
                        r -> r.name("stable").routingConfiguration(route(arn + ":1", 100))))
        .isInstanceOf(ConflictException.class)
        .hasMessageStartingWith(
            "Failed to create alias because an alias with the same name and a different routing"
                + " configuration already exists.");

    sfn()
        .updateStateMachineAlias(
            r ->
                r.stateMachineAliasArn(alias)
                    .routingConfiguration(route(arn + ":1", 50), route(v2, 50)));
    DescribeStateMachineAliasResponse described =
        sfn().describeStateMachineAlias(r -> r.stateMachineAliasArn(alias));
    assertThat(described.name()).isEqualTo("stable");
    assertThat(described.description()).isEqualTo("d");
    assertThat(described.routingConfiguration())
        .containsExactly(route(arn + ":1", 50), route(v2, 50));
    assertThat(sfn().listStateMachineAliases(r -> r.stateMachineArn(arn)).stateMachineAliases())
        .hasSize(1);

    assertThatThrownBy(() -> sfn().deleteStateMachineVersion(r -> r.stateMachineVersionArn(v2)))
        .isInstanceOf(ConflictException.class)
        .hasMessageStartingWith(
            "Version to be deleted must not be referenced by an alias. Current list of aliases"
                + " referencing this version: [stable]");
    sfn().deleteStateMachineAlias(r -> r.stateMachineAliasArn(alias));
    sfn().deleteStateMachineAlias(r -> r.stateMachineAliasArn(alias));
    sfn().deleteStateMachineVersion(r -> r.stateMachineVersionArn(v2));
    assertThat(sfn().listStateMachineAliases(r -> r.stateMachineArn(arn)).stateMachineAliases())
        .isEmpty();
    assertThatThrownBy(() -> sfn().describeStateMachineAlias(r -> r.stateMachineAliasArn(alias)))
        .isInstanceOf(ResourceNotFoundException.class)
        .hasMessageStartingWith("Request references a resource that does not exist.");
    assertThatThrownBy(
            () ->
                sfn().updateStateMachineAlias(r -> r.stateMachineAliasArn(alias).description("x")))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void badRoutingConfigurationsAndAliasNamesGetAwsValidationErrors() {
    String arn = create("routing", true).stateMachineArn();
    update(arn, "r2");
    String v1 = arn + ":1";
    String v2 = publish(arn);

    assertThatThrownBy(
            () ->
                sfn()
                    .createStateMachineAlias(
                        r -> r.name("a").routingConfiguration(route(arn, 100))))
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith(
            "Routing configuration must contain state machine version ARNs. Received: ["
                + arn
                + "]");
    assertThatThrownBy(
            () ->
                sfn()
                    .createStateMachineAlias(
                        r -> r.name("a").routingConfiguration(route(v1, 50), route(v1, 50))))
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith(
            "Routing configuration must contain distinct state machine version ARNs. Received: ["
                + v1
                + ", "
                + v1
                + "]");
    assertThatThrownBy(
            () ->
                sfn()
                    .createStateMachineAlias(
                        r -> r.name("a").routingConfiguration(route(v1, 70), route(v2, 29))))
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith(
            "Sum of routing configuration weights must equal 100. Received: [70, 29]");
    assertThatThrownBy(
            () ->
                sfn()
                    .createStateMachineAlias(r -> r.name("a").routingConfiguration(route(v1, 101))))
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith(
            "1 validation error detected: Value '101' at 'routingConfiguration.1.member.weight'"
                + " failed to satisfy constraint: Member must have value less than or equal to"
                + " 100");
    assertThatThrownBy(
            () ->
                sfn()
                    .createStateMachineAlias(
                        r -> r.name("123").routingConfiguration(route(v1, 100))))
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith(
            "1 validation error detected: Value '123' at 'name' failed to satisfy constraint:"
                + " Member must satisfy regular expression pattern:"
                + " ^(?=.*[a-zA-Z_\\-\\.])[a-zA-Z0-9_\\-\\.]+$");
    assertThatThrownBy(
            () ->
                sfn()
                    .createStateMachineAlias(
                        r -> r.name("a").routingConfiguration(route(arn + ":9", 100))))
        .isInstanceOf(StateMachineDoesNotExistException.class);
  }

  @Test
  void deletingAMachineDeletesItsVersionsAndAliases() {
    String arn = create("gone", true).stateMachineArn();
    sfn().createStateMachineAlias(r -> r.name("PROD").routingConfiguration(route(arn + ":1", 100)));

    sfn().deleteStateMachine(r -> r.stateMachineArn(arn));
    create("gone", false);

    assertThat(sfn().listStateMachineVersions(r -> r.stateMachineArn(arn)).stateMachineVersions())
        .isEmpty();
    assertThat(sfn().listStateMachineAliases(r -> r.stateMachineArn(arn)).stateMachineAliases())
        .isEmpty();
    assertThatThrownBy(() -> sfn().startExecution(r -> r.stateMachineArn(arn + ":PROD")))
        .isInstanceOf(StateMachineDoesNotExistException.class);
  }
}
