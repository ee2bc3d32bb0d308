package io.serverlessstack.testcontainers.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JlinkBaseTest {

  private final JlinkBase base = new JlinkBase();
  private final String hostArch = JlinkBase.normalizeArch(System.getProperty("os.arch"));

  @Test
  void isTaggedWithTheJavaVersionAndAHashOfTheJdkAndModules() {
    assertThat(base.tag())
        .matches("serverless-stack/jre-base:" + Runtime.version().feature() + "-[0-9a-f]{12}");
    assertThat(base.identity())
        .contains(
            System.getProperty("java.vendor"),
            System.getProperty("java.runtime.version"),
            System.getProperty("os.arch"),
            "java.base,");
  }

  @Test
  void refusesAnEngineOfAnotherArchitectureSayingWhichBaseToChooseInstead() {
    String other = hostArch.equals("amd64") ? "aarch64" : "x86_64";

    assertThatThrownBy(() -> base.checkRunsOn("linux", other))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("only works on a Linux host with the Docker engine's architecture")
        .hasMessageContaining("-Dserverless-stack.base-image=eclipse-temurin:17-jre");
  }

  @Test
  void acceptsALinuxEngineOfTheHostsArchitectureOnALinuxHost() {
    if (System.getProperty("os.name").startsWith("Linux")) {
      base.checkRunsOn("linux", hostArch.equals("amd64") ? "x86_64" : hostArch);
    }
  }
}
