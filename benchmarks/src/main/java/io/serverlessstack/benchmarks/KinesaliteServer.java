package io.serverlessstack.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * <a href="https://github.com/mhart/kinesalite">kinesalite</a>, a Node.js Kinesis server, as a
 * child process. The benchmark installs it with {@code npm install kinesalite@VERSION} into a
 * folder of its own ({@code benchmarks/target/kinesalite} unless {@code -Dbench.kinesaliteDir}
 * names another) on first use, and starts it in memory (no {@code --path}), on a free loopback
 * port, with streams that change state at once: what its CLI does with {@code --createStreamMs 0
 * --deleteStreamMs 0 --updateStreamMs 0}, except that the CLI listens on every interface, so the
 * benchmark calls the same entry point and listens on 127.0.0.1. Its output goes to a temporary
 * file, named on stderr. Node and npm are {@code -Dbench.node} and {@code -Dbench.npm}.
 */
final class KinesaliteServer implements KinesisTarget {

  static final String VERSION = "3.3.3";

  private static final Duration INSTALL_LIMIT = Duration.ofMinutes(5);
  private static final Pattern PACKAGE_VERSION =
      Pattern.compile("\"version\"\\s*:\\s*\"([^\"]+)\"");

  private final PeerProcess peer;
  private final URI endpoint;

  private KinesaliteServer(Process process, URI endpoint, Path log) {
    this.peer = new PeerProcess("kinesalite", process, log);
    this.endpoint = endpoint;
  }

  static String node() {
    return System.getProperty("bench.node", "node");
  }

  static String npm() {
    return System.getProperty("bench.npm", "npm");
  }

  /** Where kinesalite is installed: beside the benchmark's classes, under {@code target}. */
  static Path directory() {
    String configured = System.getProperty("bench.kinesaliteDir");
    if (configured != null) {
      return Path.of(configured).toAbsolutePath();
    }
    try {
      Path classes =
          Path.of(
              KinesaliteServer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      // benchmarks/target/classes, or benchmarks/target/NAME.jar: either way under target.
      return classes.getParent().resolve("kinesalite");
    } catch (URISyntaxException e) {
      throw new IllegalStateException("Cannot locate the benchmark's classes", e);
    }
  }

  private static Path packageJson() {
    return directory().resolve("node_modules/kinesalite/package.json");
  }

  /** The installed kinesalite's version, or empty if none is installed. */
  static String installedVersion() {
    Path packageJson = packageJson();
    if (!Files.isRegularFile(packageJson)) {
      return "";
    }
    try {
      Matcher matcher = PACKAGE_VERSION.matcher(Files.readString(packageJson));
      return matcher.find() ? matcher.group(1) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Installs kinesalite {@link #VERSION} with npm unless it is there already. */
  static void install() {
    if (VERSION.equals(installedVersion())) {
      return;
    }
    Path directory = directory();
    System.err.println("  installing kinesalite@" + VERSION + " into " + directory);
    try {
      Files.createDirectories(directory);
      String output =
          run(
              directory,
              INSTALL_LIMIT,
              npm(),
              "install",
              "--no-audit",
              "--no-fund",
              "kinesalite@" + VERSION);
      if (!VERSION.equals(installedVersion())) {
        throw new IllegalStateException(
            "npm did not install kinesalite@" + VERSION + ": " + output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot install kinesalite with " + npm(), e);
    }
  }

  /** What {@code node --version} says. */
  static String nodeVersion() {
    try {
      return run(directory().getParent(), Duration.ofSeconds(30), node(), "--version").strip();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot run " + node(), e);
    }
  }

  private static String run(Path directory, Duration limit, String... command) throws IOException {
    Process process =
        new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
    try {
      // Read while it runs, so that a full pipe cannot stall it.
      byte[] output = process.getInputStream().readAllBytes();
      if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(String.join(" ", command) + " took over " + limit);
      }
      String text = new String(output, StandardCharsets.UTF_8);
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            String.join(" ", command) + " exited with " + process.exitValue() + ": " + text);
      }
      return text;
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Installs kinesalite if needed, starts it on a free loopback port, returns once it answers. */
  static KinesaliteServer start() {
    install();
    int port = SqsTarget.freePort();
    URI endpoint = URI.create("http://127.0.0.1:" + port);
    Path module = directory().resolve("node_modules/kinesalite");
    String script =
        "require(process.argv[1])({createStreamMs: 0, deleteStreamMs: 0, updateStreamMs: 0})"
            + ".listen(+process.argv[2], '127.0.0.1', function() {"
            + " console.log('Listening at http://127.0.0.1:' + this.address().port) })";
    try {
      Path log = Files.createTempFile("kinesalite-", ".log");
      Process process =
          new ProcessBuilder(List.of(node(), "-e", script, module.toString(), "" + port))
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      KinesaliteServer server = new KinesaliteServer(process, endpoint, log);
      // If the benchmark dies, kinesalite must not outlive it.
      Runtime.getRuntime()
          .addShutdownHook(new Thread(process::destroyForcibly, "kinesalite-reaper"));
      // A bare GET gets a 403, which is an answer.
      server.peer.awaitAnswer(endpoint, status -> true);
      System.err.println(
          "  kinesalite " + endpoint + " (pid " + process.pid() + "), log in " + log);
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start kinesalite with " + node(), e);
    }
  }

  @Override
  public TargetKind kind() {
    return TargetKind.KINESALITE;
  }

  @Override
  public URI endpoint() {
    return endpoint;
  }

  /** Asks kinesalite to stop (SIGTERM), and kills it if it has not within a few seconds. */
  @Override
  public void close() {
    peer.stop();
  }
}
