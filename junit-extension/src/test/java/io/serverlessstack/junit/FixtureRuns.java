package io.serverlessstack.junit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/** Runs fixture test classes with the engine test kit and checks how they failed. */
final class FixtureRuns {

  private FixtureRuns() {}

  static EngineExecutionResults run(Class<?>... fixtures) {
    DiscoverySelector[] selectors = new DiscoverySelector[fixtures.length];
    for (int i = 0; i < fixtures.length; i++) {
      selectors[i] = selectClass(fixtures[i]);
    }
    return EngineTestKit.engine("junit-jupiter").selectors(selectors).execute();
  }

  /** The class failed as a whole, with a configuration error whose message has this text. */
  static void assertClassFailsToConfigure(Class<?> fixture, String expectedMessage) {
    run(fixture)
        .containerEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                container(fixture),
                finishedWithFailure(
                    instanceOf(ExtensionConfigurationException.class),
                    message(text -> text.contains(expectedMessage)))));
  }

  /** Its one test failed with {@code failure}, whose message has this text. */
  static void assertTestFails(
      Class<?> fixture, Class<? extends Throwable> failure, String expectedMessage) {
    run(fixture)
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                test(),
                finishedWithFailure(
                    instanceOf(failure), message(text -> text.contains(expectedMessage)))));
  }
}
