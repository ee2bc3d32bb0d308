package io.serverlessstack.testcontainers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import io.serverlessstack.testcontainers.internal.DockerEngine;
import io.serverlessstack.testcontainers.internal.ServerImage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The image a container runs: built on first use from the bundled server jar, or chosen. Runs first
 * (see junit-platform.properties), so that the run's one build is the one from nothing.
 */
@Order(1)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServerImageTest {

  private static DockerClient docker;

  @BeforeAll
  static void requireDocker() {
    ServerlessStackContainerTest.requireDocker();
    docker = DockerEngine.client();
  }

  @Test
  @Order(1)
  void buildsTheImageFromTheBundledJarOnFirstUseThenFindsIt() {
    String tag = ServerImage.tag(null);
    String base = ServerImage.jlinkBaseTag();
    remove(tag);
    remove(base);
    int builds = ServerImage.builds();

    long coldStart = System.nanoTime();
    try (ServerlessStackContainer first = new ServerlessStackContainer()) {
      first.start();
      Duration cold = Duration.ofNanos(System.nanoTime() - coldStart);

      assertThat(first.getDockerImageName()).isEqualTo(tag);
      assertThat(healthy(first)).isTrue();
      System.out.printf("image built and container started in %d ms%n", cold.toMillis());
    }
    assertThat(ServerImage.builds()).isEqualTo(builds + 1);
    assertThat(tag).matches("serverless-stack/server:" + ServerImage.version() + "-[0-9a-f]{12}");
    assertThat(labels(tag))
        .containsEntry("io.serverlessstack.content-hash", tag.substring(tag.lastIndexOf('-') + 1))
        .containsEntry("io.serverlessstack.base-image", base)
        .containsEntry("io.serverlessstack.version", ServerImage.version());
    assertThat(labels(base)).containsKey("io.serverlessstack.jre.identity");

    long warmStart = System.nanoTime();
    try (ServerlessStackContainer second = new ServerlessStackContainer()) {
      second.start();
      System.out.printf(
          "container of the existing image started in %d ms%n",
          Duration.ofNanos(System.nanoTime() - warmStart).toMillis());
      assertThat(second.getDockerImageName()).isEqualTo(tag);
    }
    assertThat(ServerImage.builds()).as("found, not built again").isEqualTo(builds + 1);
  }

  @Test
  @Order(2)
  void buildsOnAChosenBaseImageOnceWhenSeveralAskAtOnce() throws Exception {
    String base = ServerImage.jlinkBaseTag(); // a local image with a Java runtime
    String tag = ServerImage.tag(base);
    assertThat(tag).isNotEqualTo(ServerImage.tag(null)).startsWith("serverless-stack/server:");
    remove(tag);
    int builds = ServerImage.builds();
    ExecutorService threads = Executors.newFixedThreadPool(3);
    try {
      List<Future<String>> names = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        names.add(
            threads.submit(
                () -> new ServerlessStackContainer().withBaseImage(base).getDockerImageName()));
      }
      for (Future<String> name : names) {
        assertThat(name.get(5, TimeUnit.MINUTES)).isEqualTo(tag);
      }
    } finally {
      threads.shutdownNow();
    }
    assertThat(ServerImage.builds()).isEqualTo(builds + 1);
    assertThat(labels(tag)).containsEntry("io.serverlessstack.base-image", base);

    try (ServerlessStackContainer stack = new ServerlessStackContainer().withBaseImage(base)) {
      stack.start();

      assertThat(stack.getDockerImageName()).isEqualTo(tag);
      assertThat(healthy(stack)).isTrue();
    }
    System.setProperty(ServerlessStackContainer.BASE_IMAGE_PROPERTY, base);
    try {
      assertThat(new ServerlessStackContainer().getDockerImageName()).isEqualTo(tag);
    } finally {
      System.clearProperty(ServerlessStackContainer.BASE_IMAGE_PROPERTY);
      remove(tag);
    }
    assertThat(ServerImage.builds()).isEqualTo(builds + 1);
  }

  @Test
  @Order(3)
  void twoJvmsAskingAtOnceBuildOnce() throws Exception {
    String base = ServerImage.jlinkBaseTag();
    String tag = ServerImage.tag(base);
    remove(tag);
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      // ServerImage's main prints the image's name, building it first if need be.
      Callable<ChildJvm> child = () -> ChildJvm.run(ServerImage.class, Map.of(), List.of(), base);
      Future<ChildJvm> one = threads.submit(child);
      Future<ChildJvm> two = threads.submit(child);
      List<ChildJvm> children = List.of(one.get(5, TimeUnit.MINUTES), two.get(5, TimeUnit.MINUTES));

      assertThat(children).allSatisfy(c -> assertThat(c.exitCode()).as(c.output()).isZero());
      // Each prints the tag on a line of its own. Testcontainers' exit hook may print after it:
      // two JVMs pruning at once get Docker's 409 "a prune operation is already running".
      assertThat(children).allSatisfy(c -> assertThat(c.output().lines()).contains(tag));
      assertThat(children).filteredOn(c -> c.output().contains("Building image " + tag)).hasSize(1);
    } finally {
      threads.shutdownNow();
      remove(tag);
    }
  }

  @Test
  @Order(4)
  void runsAChosenImageAsItIs() {
    String chosen = ServerImage.tag(null);
    int builds = ServerImage.builds();

    assertThat(new ServerlessStackContainer(chosen).getDockerImageName()).isEqualTo(chosen);
    System.setProperty(ServerlessStackContainer.IMAGE_PROPERTY, chosen);
    try {
      assertThat(new ServerlessStackContainer().withBaseImage("ignored:1").getDockerImageName())
          .isEqualTo(chosen);
    } finally {
      System.clearProperty(ServerlessStackContainer.IMAGE_PROPERTY);
    }
    assertThat(ServerImage.builds()).isEqualTo(builds);
  }

  @Test
  @Order(5)
  void failsAtOnceWhenAChosenImageCanBeNeitherFoundNorPulled() {
    long started = System.nanoTime();
    try (ServerlessStackContainer stack =
        new ServerlessStackContainer("serverless-stack-test/no-such-image:1")) {
      assertThatThrownBy(stack::start)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("serverless-stack-test/no-such-image:1")
          .hasMessageContaining("neither has it nor can pull it")
          .hasMessageContaining("choose no image");
    }
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  @Order(6)
  void failsAtOnceWithTheBuildsErrorWhenTheImageCannotBeBuilt() {
    String base = "serverless-stack-test/no-such-base:1";
    long started = System.nanoTime();
    try (ServerlessStackContainer stack = new ServerlessStackContainer().withBaseImage(base)) {
      assertThatThrownBy(stack::start)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageStartingWith("Could not build image " + ServerImage.tag(base) + " on " + base);
    }
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
  }

  private static Map<String, String> labels(String image) {
    return docker.inspectImageCmd(image).exec().getConfig().getLabels();
  }

  /** Untags {@code image}; a container of it keeps running. */
  private static void remove(String image) {
    try {
      docker.removeImageCmd(image).withForce(true).exec();
    } catch (NotFoundException absent) {
      // nothing to remove
    }
  }

  private static boolean healthy(ServerlessStackContainer stack) {
    try {
      return HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(stack.getEndpoint() + "/_stack/health"))
                      .build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode()
          == 200;
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
