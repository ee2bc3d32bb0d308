package io.serverlessstack.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starting on a port another socket holds. */
class TakenPortTest {

  private static ServerSocket takePort() throws IOException {
    return new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
  }

  @Test
  void startOnATakenPortSaysThePortIsInUseAndLeavesNoThreadRunning() throws Exception {
    Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
    try (ServerSocket taken = takePort()) {
      int port = taken.getLocalPort();

      assertThatThrownBy(() -> ServerlessStackServer.builder().withPort(port).start())
          .isInstanceOf(UncheckedIOException.class)
          .hasMessage(
              "Port " + port + " on 127.0.0.1 is in use; choose another, or 0 for a free one");
    }

    List<Thread> left =
        Thread.getAllStackTraces().keySet().stream()
            .filter(thread -> !before.contains(thread) && !thread.isDaemon())
            .toList();
    for (Thread thread : left) {
      thread.join(5_000); // an event loop that was shut down is ending; a leaked one never does
    }
    assertThat(left).filteredOn(Thread::isAlive).isEmpty();
  }

  @Test
  void standaloneServerOnATakenPortPrintsOneLineAndExitsNonZero(@TempDir Path dir)
      throws Exception {
    Path stderr = dir.resolve("stderr.txt");
    try (ServerSocket taken = takePort()) {
      int port = taken.getLocalPort();
      Process server =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  StandaloneServer.class.getName(),
                  "--port",
                  String.valueOf(port))
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectError(stderr.toFile())
              .start();
      try {
        assertThat(server.waitFor(30, TimeUnit.SECONDS)).as("exited").isTrue();
      } finally {
        server.destroyForcibly();
      }

      assertThat(server.exitValue()).isNotZero();
      assertThat(Files.readAllLines(stderr, StandardCharsets.UTF_8))
          .containsExactly(
              "serverless-stack: Port "
                  + port
                  + " on 127.0.0.1 is in use; choose another, or 0 for a free one");
    }
  }
}
