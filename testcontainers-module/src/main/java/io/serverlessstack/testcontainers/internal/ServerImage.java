package io.serverlessstack.testcontainers.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.model.BuildResponseItem;
import com.github.dockerjava.api.model.Info;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.ImageNameSubstitutor;

/**
 * The image a {@code ServerlessStackContainer} runs: one chosen by name, used as is, or, by
 * default, {@code serverless-stack/server:<version>-<content hash>} built on first use from the
 * server jar this module carries as a resource, on a base made offline from the running JDK ({@link
 * JlinkBase}) or on a chosen base image with a JRE. Nothing is ever pulled for the default. Built
 * once per content: the tag names its content, and an image with that tag is used as it is. Builds
 * are serialized within a JVM and, through a file lock, between JVMs of one machine.
 *
 * <p>Logs to {@code io.serverlessstack.testcontainers.internal.ServerImage}: one line when it
 * builds, one when the build is done. Not API.
 */
public final class ServerImage {

  /** System property: an image to run as is, instead of building one. */
  public static final String IMAGE_PROPERTY = "serverless-stack.image";

  /** System property: a base image with a Java 17+ runtime to build on, instead of a jlink one. */
  public static final String BASE_IMAGE_PROPERTY = "serverless-stack.base-image";

  /** The repository of the images built here. */
  public static final String REPOSITORY = "serverless-stack/server";

  private static final Logger LOG = LoggerFactory.getLogger(ServerImage.class);

  private static final String RESOURCES = "/io/serverlessstack/testcontainers/";
  static final String JAR_RESOURCE = RESOURCES + "serverless-stack-server.jar";
  private static final String DOCKERFILE_RESOURCE = RESOURCES + "Dockerfile";
  private static final String VERSION_RESOURCE = RESOURCES + "version.properties";

  /** Changes whenever how the server image is built changes outside the Dockerfile. */
  private static final String RECIPE = "server-image/1";

  private static final ReentrantLock BUILDING = new ReentrantLock();
  private static final AtomicInteger BUILDS = new AtomicInteger();
  private static final Map<String, String> TAGS = new ConcurrentHashMap<>();
  private static volatile String contentHash;

  private ServerImage() {}

  /**
   * Prints the name of the image a default container runs, building it first if need be, e.g. for a
   * benchmark that runs it with the docker CLI: {@code java -cp <this module's class path>
   * io.serverlessstack.testcontainers.internal.ServerImage [base image]}.
   */
  public static void main(String[] args) {
    System.out.println(obtain(null, args.length > 0 ? args[0] : null));
  }

  /**
   * The image to run, present on the engine: {@code image} (else the {@value #IMAGE_PROPERTY}
   * property) as is, pulled if absent; otherwise the built image on {@code baseImage} (else the
   * {@value #BASE_IMAGE_PROPERTY} property, else a jlink runtime), built if absent.
   *
   * @param image an image name, or null or blank for none
   * @param baseImage a base image name, or null or blank for the jlink base
   * @throws IllegalStateException within seconds, saying what to do, when no engine answers or the
   *     image cannot be had
   */
  public static String obtain(String image, String baseImage) {
    String chosen = firstNonBlank(image, System.getProperty(IMAGE_PROPERTY));
    if (chosen != null) {
      if (firstNonBlank(baseImage, null) != null) {
        LOG.warn("Image {} is used as it is: the base image {} is not used", chosen, baseImage);
      }
      return chosen(chosen);
    }
    return built(firstNonBlank(baseImage, System.getProperty(BASE_IMAGE_PROPERTY)));
  }

  /**
   * The tag of the image built on {@code baseImage} (null: the jlink base), without building it:
   * {@code serverless-stack/server:<version>-<12 hex digits of the content hash>}. The hash covers
   * the server jar, the Dockerfile and the base (the JDK's vendor, version and architecture and the
   * modules linked, or the base image's name).
   */
  public static String tag(String baseImage) {
    String base = firstNonBlank(baseImage, null);
    return TAGS.computeIfAbsent(
        base == null ? "" : base,
        key ->
            REPOSITORY
                + ":"
                + version()
                + "-"
                + Hashing.hex12(
                    String.join(
                        "\n",
                        RECIPE,
                        contentHash(),
                        key.isEmpty() ? "jlink " + new JlinkBase().tag() : "base " + key)));
  }

  /** The tag of the jlink base the default image is built on. */
  public static String jlinkBaseTag() {
    return new JlinkBase().tag();
  }

  /** How many images this JVM has built. */
  public static int builds() {
    return BUILDS.get();
  }

  /** This module's version. */
  public static String version() {
    Properties properties = new Properties();
    try (InputStream in = resource(VERSION_RESOURCE)) {
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties.getProperty("version");
  }

  private static String chosen(String image) {
    DockerClient docker = DockerEngine.client();
    String name =
        ImageNameSubstitutor.instance().apply(DockerImageName.parse(image)).asCanonicalNameString();
    if (DockerEngine.present(docker, name)) {
      return name;
    }
    // Testcontainers itself would retry a failing pull for two minutes: one try, then a message.
    LOG.info("Pulling image {}: it was chosen and this Docker engine does not have it", name);
    DockerImageName parsed = DockerImageName.parse(name);
    try {
      boolean done =
          docker
              .pullImageCmd(parsed.getUnversionedPart())
              .withTag(parsed.getVersionPart())
              .exec(new PullImageResultCallback())
              .awaitCompletion(10, TimeUnit.MINUTES);
      if (!done || !DockerEngine.present(docker, name)) {
        throw new IllegalStateException(done ? "the pull ended without it" : "timed out");
      }
      return name;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted pulling " + name, e);
    } catch (RuntimeException failed) {
      throw new IllegalStateException(
          "The image "
              + name
              + " was chosen (-D"
              + IMAGE_PROPERTY
              + ", @ServerlessStack(image = ...) or the container's constructor), and this Docker"
              + " engine neither has it nor can pull it: "
              + String.valueOf(failed.getMessage()).strip()
              + ". Make it available to the engine, or choose no image: one is then built from"
              + " the server jar this module carries, without a registry",
          failed);
    }
  }

  private static String built(String baseImage) {
    DockerClient docker = DockerEngine.client();
    String tag = tag(baseImage);
    if (DockerEngine.present(docker, tag)) {
      return tag;
    }
    BUILDING.lock();
    MachineLock machine = MachineLock.acquire();
    try {
      if (!DockerEngine.present(docker, tag)) { // else another JVM built it meanwhile
        build(docker, tag, baseImage);
      }
      return tag;
    } catch (IOException e) {
      throw new IllegalStateException("Could not build image " + tag + ": " + e, e);
    } finally {
      machine.release();
      BUILDING.unlock();
    }
  }

  /**
   * Serializes builds between the JVMs of one machine and user: one file for every build (builds
   * are rare, and no file per tag piles up). Where the file cannot be had, JVMs build side by side,
   * which ends with the same tag.
   */
  private static final class MachineLock {
    private final FileChannel channel;
    private final FileLock lock;

    private MachineLock(FileChannel channel, FileLock lock) {
      this.channel = channel;
      this.lock = lock;
    }

    static MachineLock acquire() {
      Path file =
          Path.of(
              System.getProperty("java.io.tmpdir"),
              "serverless-stack-image-build-"
                  + System.getProperty("user.name", "").replaceAll("[^A-Za-z0-9._-]", "_")
                  + ".lock");
      FileChannel channel = null;
      try {
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        return new MachineLock(channel, channel.lock());
      } catch (IOException | RuntimeException unavailable) {
        LOG.debug("No lock on {}: building without it", file, unavailable);
        if (channel != null) {
          try {
            channel.close();
          } catch (IOException e) {
            unavailable.addSuppressed(e);
          }
        }
        return new MachineLock(null, null);
      }
    }

    void release() {
      try {
        if (lock != null) {
          lock.release();
        }
        if (channel != null) {
          channel.close();
        }
      } catch (IOException e) {
        LOG.debug("Could not release the build lock", e);
      }
    }
  }

  private static void build(DockerClient docker, String tag, String baseImage) throws IOException {
    JlinkBase jlink = baseImage == null ? new JlinkBase() : null;
    LOG.info(
        "Building image {} from the bundled server jar on {}, once per version: later starts use"
            + " it as it is",
        tag,
        jlink == null ? "base image " + baseImage : "a jlink runtime of " + jlink.javaHome());
    long started = System.nanoTime();
    Path work = Files.createTempDirectory("serverless-stack-image");
    try {
      String from = baseImage;
      if (jlink != null) {
        from = jlink.tag();
        if (!DockerEngine.present(docker, from)) {
          Info engine = docker.infoCmd().exec();
          jlink.checkRunsOn(engine.getOsType(), engine.getArchitecture());
          jlink.build(docker, work);
        }
      }
      buildServer(docker, tag, from, work);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted building image " + tag, e);
    } finally {
      delete(work);
    }
    BUILDS.incrementAndGet();
    LOG.info(
        "Built image {} in {} s",
        tag,
        String.format("%.1f", Duration.ofNanos(System.nanoTime() - started).toMillis() / 1000.0));
  }

  /** {@code docker build} of the Dockerfile with the jar, on {@code from}, pulling nothing. */
  private static void buildServer(DockerClient docker, String tag, String from, Path work)
      throws IOException {
    Path context = work.resolve("context.tar");
    Path jar = work.resolve("serverless-stack-server.jar");
    try (InputStream in = resource(JAR_RESOURCE)) {
      Files.copy(in, jar);
    }
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(Files.newOutputStream(context))) {
      byte[] dockerfile = bytes(DOCKERFILE_RESOURCE);
      TarArchiveEntry entry = new TarArchiveEntry("Dockerfile");
      entry.setSize(dockerfile.length);
      tar.putArchiveEntry(entry);
      tar.write(dockerfile);
      tar.closeArchiveEntry();
      entry = new TarArchiveEntry("serverless-stack-server.jar");
      entry.setSize(Files.size(jar));
      tar.putArchiveEntry(entry);
      Files.copy(jar, tar);
      tar.closeArchiveEntry();
    }
    Deque<String> lastLines = new ArrayDeque<>();
    try (InputStream in = Files.newInputStream(context)) {
      docker
          .buildImageCmd()
          .withTarInputStream(in)
          .withTags(Set.of(tag))
          .withBuildArg("BASE_IMAGE", from)
          .withLabels(
              Map.of(
                  "io.serverlessstack.version", version(),
                  "io.serverlessstack.base-image", from,
                  "io.serverlessstack.content-hash", tag.substring(tag.lastIndexOf('-') + 1)))
          .withPull(false)
          .withRemove(true)
          .withForcerm(true)
          .exec(
              new BuildImageResultCallback() {
                @Override
                public void onNext(BuildResponseItem item) {
                  if (item.getStream() != null && !item.getStream().isBlank()) {
                    LOG.debug("{}: {}", tag, item.getStream().strip());
                    lastLines.addLast(item.getStream().strip());
                    if (lastLines.size() > 20) {
                      lastLines.removeFirst();
                    }
                  }
                  super.onNext(item);
                }
              })
          .awaitImageId(10, TimeUnit.MINUTES);
    } catch (RuntimeException failed) {
      throw new IllegalStateException(
          "Could not build image "
              + tag
              + " on "
              + from
              + ": "
              + String.valueOf(failed.getMessage()).replaceFirst("^Could not build image: ", "")
              + (lastLines.isEmpty() ? "" : "\n" + String.join("\n", lastLines)),
          failed);
    }
  }

  /** The SHA-256 of the server jar and the Dockerfile, computed once per JVM. */
  private static String contentHash() {
    String hash = contentHash;
    if (hash == null) {
      MessageDigest sha256 = Hashing.sha256();
      try (InputStream jar = new DigestInputStream(resource(JAR_RESOURCE), sha256)) {
        jar.transferTo(OutputStream.nullOutputStream());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      String jarHash = Hashing.hex(sha256.digest());
      String dockerfileHash = Hashing.hex(Hashing.sha256().digest(bytes(DOCKERFILE_RESOURCE)));
      hash = contentHash = jarHash + "\n" + dockerfileHash;
    }
    return hash;
  }

  private static byte[] bytes(String name) {
    try (InputStream in = resource(name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InputStream resource(String name) {
    InputStream in = ServerImage.class.getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException(
          "The resource "
              + name
              + " is missing from serverless-stack-testcontainers: the module's build puts it"
              + " there (mvn package); a class path made of its compiled classes alone lacks it");
    }
    return in;
  }

  private static String firstNonBlank(String first, String second) {
    if (first != null && !first.isBlank()) {
      return first.strip();
    }
    return second == null || second.isBlank() ? null : second.strip();
  }

  private static void delete(Path directory) {
    try (Stream<Path> walk = Files.walk(directory)) {
      walk.sorted(Comparator.reverseOrder()).forEach(ServerImage::deleteQuietly);
    } catch (IOException e) {
      LOG.debug("Could not delete {}", directory, e);
    }
  }

  private static void deleteQuietly(Path path) {
    try {
      Files.delete(path);
    } catch (IOException e) {
      LOG.debug("Could not delete {}", path, e);
    }
  }
}
