package io.serverlessstack.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import io.serverlessstack.junit.internal.ContainerStack;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.testkit.engine.EngineTestKit;

/** {@code @ServerlessStack}'s container attributes, observed by running the classes below. */
class ContainerAttributesTest {

  /** A port no other test of this build publishes. */
  private static final int HOST_PORT = 45661;

  private static final Map<String, Object> RECORDED = new ConcurrentHashMap<>();

  @ServerlessStack(mode = ServerlessStack.Mode.CONTAINER, hostPort = HOST_PORT)
  static class OnAFixedHostPort {
    @Test
    void records(StackInfo info) {
      RECORDED.put("endpoint", info.endpoint());
    }
  }

  @ServerlessStack(image = "serverless-stack-test/never-used:1")
  static class ContainerAttributeInJvmMode {
    @Test
    void neverRuns() {}
  }

  @Test
  void hostPortPublishesTheContainerStackOnThatPort() {
    assumeTrue(
        "true".equals(System.getenv("CI")) || ContainerStack.dockerAvailable(),
        "no Docker engine (under CI=true this runs and fails instead)");

    EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(OnAFixedHostPort.class))
        .execute()
        .testEvents()
        .assertStatistics(stats -> stats.started(1).succeeded(1));

    assertThat(RECORDED.get("endpoint")).hasToString("http://127.0.0.1:" + HOST_PORT);
  }

  @Test
  void containerAttributesOutsideContainerModeAreAConfigurationError() {
    EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(ContainerAttributeInJvmMode.class))
        .execute()
        .containerEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            finishedWithFailure(
                instanceOf(ExtensionConfigurationException.class),
                message(
                    "@ServerlessStack on "
                        + ContainerAttributeInJvmMode.class.getName()
                        + " sets image, baseImage, reuse or hostPort, which apply to mode ="
                        + " CONTAINER only")));
  }
}
