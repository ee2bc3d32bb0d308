package io.serverlessstack.testcontainers;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.exception.NotFoundException;
import io.serverlessstack.api.QueueView;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.DockerClientFactory;

/** Testcontainers' reuse across runs, each run a JVM of its own; and a fixed host port. */
class ContainerReuseTest {

  private static final Pattern RUN = Pattern.compile("CONTAINER (\\w+) QUEUES \\[(.*)]");

  @TempDir Path home;

  private String containerId;

  @BeforeAll
  static void requireDocker() {
    ServerlessStackContainerTest.requireDocker();
  }

  /**
   * One run: starts a reusable container with the queue {@code args[0]}, prints its id and queues,
   * leaves a queue of its own behind and ends without stopping it.
   */
  static final class Run {
    public static void main(String[] args) throws Exception {
      ServerlessStackContainer stack =
          new ServerlessStackContainer().withQueue(args[0]).withReuse(true);
      stack.start();
      RemoteStackInspector inspector = new RemoteStackInspector(stack.getEndpoint());
      System.out.println(
          "CONTAINER "
              + stack.getContainerId()
              + " QUEUES "
              + inspector.queues().stream().map(QueueView::name).collect(Collectors.toList()));
      HttpResponse<String> created =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(stack.getEndpoint())
                      .header("Content-Type", "application/x-amz-json-1.0")
                      .header("X-Amz-Target", "AmazonSQS.CreateQueue")
                      .POST(HttpRequest.BodyPublishers.ofString("{\"QueueName\":\"left-behind\"}"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      if (created.statusCode() != 200) {
        throw new IllegalStateException(created.body());
      }
    }
  }

  @AfterEach
  void removeTheReusedContainer() {
    if (containerId != null) {
      try {
        DockerClientFactory.instance()
            .client()
            .removeContainerCmd(containerId)
            .withForce(true)
            .exec();
      } catch (NotFoundException gone) {
        // already removed
      }
    }
  }

  @Test
  void aLaterRunReusesTheRunningContainerAndFindsItClean() throws Exception {
    String queue = "reuse-" + UUID.randomUUID().toString().substring(0, 8);
    Map<String, String> env = Map.of("TESTCONTAINERS_REUSE_ENABLE", "true");
    List<String> jvm = List.of("-Duser.home=" + home);

    Matcher first = run(ChildJvm.run(Run.class, env, jvm, queue));
    containerId = first.group(1);
    Matcher second = run(ChildJvm.run(Run.class, env, jvm, queue));

    assertThat(first.group(2)).isEqualTo(queue);
    assertThat(second.group(1)).as("the same container").isEqualTo(containerId);
    assertThat(second.group(2)).as("reset: the run before left a queue").isEqualTo(queue);
    assertThat(
            DockerClientFactory.instance()
                .client()
                .inspectContainerCmd(containerId)
                .exec()
                .getState()
                .getRunning())
        .isTrue();
  }

  @Test
  void publishesTheServerOnTheHostPortAsked() throws Exception {
    int port;
    try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
      port = free.getLocalPort();
    }
    try (ServerlessStackContainer stack = new ServerlessStackContainer().withHostPort(port)) {
      stack.start();

      assertThat(stack.getMappedPort(ServerlessStackContainer.PORT)).isEqualTo(port);
      assertThat(stack.getEndpoint().getPort()).isEqualTo(port);
      assertThat(
              HttpClient.newHttpClient()
                  .send(
                      HttpRequest.newBuilder(URI.create(stack.getEndpoint() + "/_stack/health"))
                          .build(),
                      HttpResponse.BodyHandlers.discarding())
                  .statusCode())
          .isEqualTo(200);
    }
  }

  private static Matcher run(ChildJvm child) {
    assertThat(child.exitCode()).as(child.output()).isZero();
    Matcher matcher = RUN.matcher(child.output());
    assertThat(matcher.find()).as(child.output()).isTrue();
    return matcher;
  }
}
