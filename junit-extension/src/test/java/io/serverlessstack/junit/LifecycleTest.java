package io.serverlessstack.junit;

import static io.serverlessstack.junit.LifecycleFixtures.RECORDED;
import static io.serverlessstack.junit.LifecycleFixtures.isListening;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import io.serverlessstack.junit.internal.ContainerStack;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** The extension's lifecycle, observed by running the {@link LifecycleFixtures} classes. */
class LifecycleTest {

  private static final List<String> PROPERTIES =
      List.of("aws.endpointUrl", "aws.region", "aws.accessKeyId", "aws.secretAccessKey");

  private final Map<String, String> propertiesBefore = new HashMap<>();

  @BeforeEach
  void knownSystemProperties() {
    RECORDED.clear();
    PROPERTIES.forEach(name -> propertiesBefore.put(name, System.getProperty(name)));
    System.clearProperty("aws.endpointUrl");
    System.setProperty("aws.region", "eu-west-3");
  }

  @AfterEach
  void restoreSystemProperties() {
    propertiesBefore.forEach(
        (name, value) -> {
          if (value == null) {
            System.clearProperty(name);
          } else {
            System.setProperty(name, value);
          }
        });
  }

  private static EngineExecutionResults run(Class<?>... fixtures) {
    return FixtureRuns.run(fixtures);
  }

  private static URI recordedEndpoint(String key) {
    return (URI) RECORDED.get("endpoint:" + key);
  }

  /** After any run the stacks are gone and the properties are as the run found them. */
  private static void assertStacksStoppedAndPropertiesRestored() {
    RECORDED.forEach(
        (key, value) -> {
          if (key.startsWith("endpoint:")) {
            assertThat(isListening((URI) value)).as("%s still listening", key).isFalse();
          }
        });
    assertThat(System.getProperty("aws.endpointUrl")).isNull();
    assertThat(System.getProperty("aws.region")).isEqualTo("eu-west-3");
  }

  @Test
  void eachClassGetsItsOwnStackWhichStopsWhenTheClassEnds() {
    run(LifecycleFixtures.OwnStackOne.class, LifecycleFixtures.OwnStackTwo.class)
        .testEvents()
        .assertStatistics(stats -> stats.started(2).succeeded(2));

    assertThat(recordedEndpoint("one")).isNotEqualTo(recordedEndpoint("two"));
    // Whichever class ran second saw the first one's stack already stopped.
    assertThat(RECORDED)
        .hasEntrySatisfying(
            RECORDED.containsKey("listening:one:during:two")
                ? "listening:one:during:two"
                : "listening:two:during:one",
            listening -> assertThat(listening).isEqualTo(false));
    assertStacksStoppedAndPropertiesRestored();
  }

  @Test
  void sharedStackServesEveryClassAndStopsWhenTheRunEnds() {
    run(LifecycleFixtures.SharedStackOne.class, LifecycleFixtures.SharedStackTwo.class)
        .testEvents()
        .assertStatistics(stats -> stats.started(2).succeeded(2));

    assertThat(recordedEndpoint("shared-one")).isEqualTo(recordedEndpoint("shared-two"));
    assertThat(RECORDED)
        .containsAnyOf(
            Map.entry("listening:shared-one:during:shared-two", true),
            Map.entry("listening:shared-two:during:shared-one", true));
    assertStacksStoppedAndPropertiesRestored();
  }

  @Test
  void resetBetweenTestsLeavesOnlyTheDeclaredQueuesWithoutMessages() {
    run(LifecycleFixtures.ResetBetweenTests.class)
        .testEvents()
        .assertStatistics(stats -> stats.started(2).succeeded(2));
    assertStacksStoppedAndPropertiesRestored();
  }

  @Test
  void withoutResetStateCarriesOverFromTestToTest() {
    run(LifecycleFixtures.KeepStateBetweenTests.class)
        .testEvents()
        .assertStatistics(stats -> stats.started(2).succeeded(2));
    assertStacksStoppedAndPropertiesRestored();
  }

  @Test
  void systemPropertiesPointAtTheStackAndAreRestoredAfterAFailingTest() {
    run(LifecycleFixtures.RecordsSystemPropertiesThenFails.class)
        .testEvents()
        .assertStatistics(stats -> stats.started(1).failed(1));

    assertThat(RECORDED)
        .containsEntry("property:aws.endpointUrl", recordedEndpoint("properties").toString())
        .containsEntry("property:aws.region", "us-east-1")
        .containsEntry("property:aws.accessKeyId", "test")
        .containsEntry("property:aws.secretAccessKey", "test");
    assertStacksStoppedAndPropertiesRestored();
  }

  @Test
  void stackStopsEvenWhenBeforeAllFails() {
    run(LifecycleFixtures.BeforeAllFails.class)
        .containerEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                container(LifecycleFixtures.BeforeAllFails.class),
                finishedWithFailure(message("failing on purpose"))));

    assertThat(recordedEndpoint("before-all")).isNotNull();
    assertStacksStoppedAndPropertiesRestored();
  }

  @Test
  void perClassTestInstancesGetConstructorParameters() {
    run(LifecycleFixtures.PerClassInstance.class)
        .testEvents()
        .assertStatistics(stats -> stats.started(1).succeeded(1));
    assertStacksStoppedAndPropertiesRestored();
  }

  @Test
  void containerModeStackServesTheClassMovesItsClockAndStopsWhenTheClassEnds() {
    assumeTrue(
        "true".equals(System.getenv("CI")) || ContainerStack.dockerAvailable(),
        "no Docker engine (under CI=true this runs and fails instead)");
    run(LifecycleFixtures.ContainerMode.class)
        .testEvents()
        .assertStatistics(stats -> stats.started(2).succeeded(2));

    // An IP address rather than "localhost", so S3 clients address buckets in path style.
    assertThat(recordedEndpoint("container").getHost()).isEqualTo("127.0.0.1");
    assertStacksStoppedAndPropertiesRestored();
  }

  /** Needs no Docker engine: the class fails before any stack starts, with or without one. */
  @Test
  void virtualClockParameterInContainerModeFailsTheClassBeforeAnyContainerStarts() {
    EngineExecutionResults results = run(LifecycleFixtures.ContainerModeWantsVirtualClock.class);

    results
        .containerEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                container(LifecycleFixtures.ContainerModeWantsVirtualClock.class),
                finishedWithFailure(
                    instanceOf(ExtensionConfigurationException.class),
                    message(
                        "@ServerlessStack(mode = CONTAINER) cannot inject parameter 2"
                            + " (VirtualClock) of ContainerModeWantsVirtualClock.wantsTheClock("
                            + "SqsClient, VirtualClock): the container's clock is not in this JVM."
                            + " Inject ClockControl instead."))));
    results.testEvents().assertStatistics(stats -> stats.started(0));
    assertThat(RECORDED).doesNotContainKey("endpoint:container-virtual-clock");
    assertStacksStoppedAndPropertiesRestored();
  }

  @Test
  void clockParameterInContainerModeWithoutVirtualClockFailsTheClassBeforeAnyContainerStarts() {
    assertClassFailsToConfigure(
        LifecycleFixtures.ContainerModeWithoutVirtualClockWantsAClock.class,
        "@ServerlessStack(mode = CONTAINER) cannot inject parameter 1 (ClockControl) of"
            + " ContainerModeWithoutVirtualClockWantsAClock.neverRuns(ClockControl): the stack runs"
            + " on the system clock. Choose clock = MANUAL or SKIP_IDLE.");
  }

  @Test
  void sharedContainerServesEveryClassOfTheRunAndStopsWhenTheRunEnds() {
    assumeTrue(
        "true".equals(System.getenv("CI")) || ContainerStack.dockerAvailable(),
        "no Docker engine (under CI=true this runs and fails instead)");
    run(LifecycleFixtures.SharedContainerOne.class, LifecycleFixtures.SharedContainerTwo.class)
        .testEvents()
        .assertStatistics(stats -> stats.started(2).succeeded(2));

    assertThat(recordedEndpoint("shared-container-one"))
        .isEqualTo(recordedEndpoint("shared-container-two"));
    assertThat(RECORDED)
        .containsAnyOf(
            Map.entry("listening:shared-container-one:during:shared-container-two", true),
            Map.entry("listening:shared-container-two:during:shared-container-one", true));
    assertStacksStoppedAndPropertiesRestored();
  }

  @Test
  void undeclaredDeadLetterQueueIsAConfigurationError() {
    assertClassFailsToConfigure(
        LifecycleFixtures.UndeclaredDeadLetterQueue.class,
        "@SqsQueue(name = \"orders\") names dead-letter queue \"missing\", which is not declared");
  }

  @Test
  void deadLetterCycleIsAConfigurationError() {
    assertClassFailsToConfigure(
        LifecycleFixtures.DeadLetterCycle.class,
        "@SqsQueue dead-letter queues form a cycle: a -> b -> a");
  }

  @Test
  void fifoQueueNameWithoutSuffixIsAConfigurationError() {
    assertClassFailsToConfigure(
        LifecycleFixtures.FifoWithoutSuffix.class,
        "@SqsQueue(name = \"orders\"): a FIFO queue's name must end in \".fifo\"");
  }

  @Test
  void attributeThatSqsRejectsIsAConfigurationErrorWithSqsReason() {
    assertClassFailsToConfigure(
        LifecycleFixtures.RejectedAttribute.class,
        "SQS rejected @SqsQueue(name = \"orders\"): InvalidAttributeValue");
  }

  @Test
  void malformedAttributeIsAConfigurationError() {
    assertClassFailsToConfigure(
        LifecycleFixtures.MalformedAttribute.class,
        "attributes are written \"Name=Value\", not \"VisibilityTimeout\"");
  }

  @Test
  void aTestMethodsQueueDeclarationReplacesTheClassOneForThatTestOnly() {
    run(LifecycleFixtures.MethodRedeclaresClassQueue.class)
        .testEvents()
        .assertStatistics(stats -> stats.started(2).succeeded(2));
    assertStacksStoppedAndPropertiesRestored();
  }

  @Test
  void redeclaringAClassQueueWithoutResetBetweenTestsFailsTheTestSayingWhy() {
    assertTestFails(
        LifecycleFixtures.MethodRedeclaresClassQueueWithoutReset.class,
        ExtensionConfigurationException.class,
        "@SqsQueue(name = \"orders\") on neverRuns() redeclares the class's queue (visibilityTimeout"
            + " is 5 on the method and 30 on the class), which needs a stack that resets between"
            + " tests");
  }

  @Test
  void anUnknownServiceFailsTheClassNamingTheKnownOnes() {
    assertClassFailsToConfigure(
        LifecycleFixtures.UnknownService.class,
        "@ServerlessStack(services = ...) on "
            + LifecycleFixtures.UnknownService.class.getName()
            + ": unknown service 'kafka'; available: sqs");
  }

  @Test
  void aBadSettingFailsTheClassSayingWhatItMustBe() {
    assertClassFailsToConfigure(
        LifecycleFixtures.BadSetting.class,
        "@ServerlessStack(settings = ...) on "
            + LifecycleFixtures.BadSetting.class.getName()
            + ": setting kinesis.throughputLimits is true or false, not 'maybe'");
  }

  @Test
  void theNamedServicesAreTheOnesTheStackRuns() {
    run(LifecycleFixtures.NamedServices.class)
        .testEvents()
        .assertStatistics(stats -> stats.started(1).succeeded(1));
    assertStacksStoppedAndPropertiesRestored();
  }

  @Test
  void queueDeclaredTwiceDifferentlyIsAConfigurationErrorNamingTheDifferingSettings() {
    assertClassFailsToConfigure(
        LifecycleFixtures.QueueDeclaredTwiceDifferently.class,
        "Queue \"orders\" is declared twice, differently: attributes is {} in one and"
            + " {\"DelaySeconds=1\"} in the other; visibilityTimeout is 30 in one and 5 in the"
            + " other");
  }

  @Test
  void virtualClockParameterWithoutVirtualClockFailsClearly() {
    assertTestFailsToResolve(
        LifecycleFixtures.VirtualClockWithoutVirtualTime.class,
        "@ServerlessStack(clock = ClockMode.MANUAL)");
  }

  @Test
  void queueHandleWithoutQueueAnnotationFailsNamingTheParameterByPositionAndType() {
    assertTestFailsToResolve(
        LifecycleFixtures.HandleWithoutName.class,
        "Say which queue parameter 2 (SqsQueueHandle) of"
            + " HandleWithoutName.wantsAHandle(SqsClient, SqsQueueHandle) stands for: annotate it"
            + " with the queue's name, e.g. @SqsQueueName(\"orders\") SqsQueueHandle orders");
  }

  @Test
  void queueHandleForAQueueThatDoesNotExistFailsClearly() {
    assertTestFailsToResolve(
        LifecycleFixtures.HandleForUndeclaredQueue.class,
        "There is no queue \"orders\" on the stack; declare it with @SqsQueue(name = \"orders\")");
  }

  private static void assertClassFailsToConfigure(Class<?> fixture, String expectedMessage) {
    FixtureRuns.assertClassFailsToConfigure(fixture, expectedMessage);
    assertStacksStoppedAndPropertiesRestored();
  }

  private static void assertTestFailsToResolve(Class<?> fixture, String expectedMessage) {
    assertTestFails(fixture, ParameterResolutionException.class, expectedMessage);
  }

  private static void assertTestFails(
      Class<?> fixture, Class<? extends Throwable> failure, String expectedMessage) {
    FixtureRuns.assertTestFails(fixture, failure, expectedMessage);
    assertStacksStoppedAndPropertiesRestored();
  }
}
