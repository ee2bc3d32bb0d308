package io.serverlessstack.fake.internal.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The platform's resources-by-account-and-region, as the coming services will use it. */
class ScopedResourcesTest {

  private static final Scope ALICE_VIRGINIA = new Scope("111122223333", "us-east-1");
  private static final Scope ALICE_IRELAND = new Scope("111122223333", "eu-west-1");
  private static final Scope BOB_VIRGINIA = new Scope("444455556666", "us-east-1");

  @Test
  void theSameNameInEachScopeIsItsOwnResourceWithItsOwnArn() {
    ScopedResources<String> streams = new ScopedResources<>("kinesis", "stream/");
    streams.putIfAbsent(new ScopedResources.Key(ALICE_VIRGINIA, "clicks"), "alice's");
    streams.putIfAbsent(new ScopedResources.Key(ALICE_IRELAND, "clicks"), "alice's in ireland");
    streams.putIfAbsent(new ScopedResources.Key(BOB_VIRGINIA, "clicks"), "bob's");

    assertThat(streams.arn(ALICE_IRELAND, "clicks"))
        .hasToString("arn:aws:kinesis:eu-west-1:111122223333:stream/clicks");
    assertThat(streams.byArn("arn:aws:kinesis:eu-west-1:111122223333:stream/clicks"))
        .isEqualTo("alice's in ireland");
    assertThat(streams.byArn("arn:aws:kinesis:us-east-1:444455556666:stream/clicks"))
        .isEqualTo("bob's");
    assertThat(streams.get(ALICE_VIRGINIA, "clicks")).isEqualTo("alice's");
    assertThat(streams.in(ALICE_VIRGINIA)).containsExactly("alice's");
    assertThat(streams.all()).containsExactly("alice's in ireland", "alice's", "bob's");
  }

  @Test
  void anArnOfAnotherServiceOrKindFindsNothing() {
    ScopedResources<String> machines = new ScopedResources<>("states", "stateMachine:");
    machines.putIfAbsent(new ScopedResources.Key(ALICE_VIRGINIA, "flow"), "flow");

    assertThat(machines.byArn("arn:aws:states:us-east-1:111122223333:stateMachine:flow"))
        .isEqualTo("flow");
    assertThat(machines.byArn("arn:aws:states:us-east-1:111122223333:execution:flow:run-1"))
        .isNull();
    assertThat(machines.byArn("arn:aws:sqs:us-east-1:111122223333:stateMachine:flow")).isNull();
    assertThat(machines.byArn("arn:aws:states:us-east-1:111122223333:stateMachine:")).isNull();
    assertThat(machines.byArn("not an arn")).isNull();
    assertThat(machines.byArn(null)).isNull();
  }

  @Test
  void anArnKeepsTheColonsOfItsResourcePart() {
    Arn execution = Arn.parse("arn:aws:states:us-east-1:111122223333:execution:flow:run-1").get();

    assertThat(execution.service()).isEqualTo("states");
    assertThat(execution.scope()).isEqualTo(ALICE_VIRGINIA);
    assertThat(execution.resource()).isEqualTo("execution:flow:run-1");
    assertThat(execution).hasToString("arn:aws:states:us-east-1:111122223333:execution:flow:run-1");
    assertThat(Arn.parse("arn:aws:iam::111122223333:root").get().region()).isEmpty();
    assertThat(Arn.parse("arn:aws:sqs:us-east-1:111122223333")).isEmpty();
  }

  @Test
  void removeTakesOnlyTheResourceItWasGivenAndClearHandsBackEverything() {
    ScopedResources<String> queues = new ScopedResources<>("sqs", "");
    ScopedResources.Key key = new ScopedResources.Key(ALICE_VIRGINIA, "orders");
    queues.putIfAbsent(key, "first");

    assertThat(queues.putIfAbsent(key, "second")).isEqualTo("first");
    assertThat(queues.remove(key, "second")).isFalse();
    assertThat(queues.clear()).containsExactly("first");
    assertThat(queues.all()).isEmpty();
  }
}
