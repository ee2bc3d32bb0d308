package io.serverlessstack.testcontainers.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Network;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.dockerclient.DockerClientConfigUtils;
import org.testcontainers.dockerclient.DockerClientProviderStrategy;
import org.testcontainers.dockerclient.TransportConfig;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.ImageNameSubstitutor;

/**
 * The Docker engine, reached through Testcontainers, with failures that come within seconds and say
 * what to do. Testcontainers' first client pulls helper images when it needs them (Ryuk's; alpine,
 * to find the engine's address when it runs in a container) and retries a failing pull for two
 * minutes; so before that first client, each helper image it will need is looked for, and pulled
 * once, with a message naming the setting that avoids it if that fails. Not API.
 */
public final class DockerEngine {

  private static final Logger LOG = LoggerFactory.getLogger(DockerEngine.class);

  /**
   * The images of the Testcontainers version this module is built with ({@code RyukContainer},
   * {@code DockerClientFactory}); configured substitutes ({@code ryuk.container.image}, {@code
   * tinyimage.container.image}, a registry prefix) apply to them as they do there.
   */
  static final String RYUK_IMAGE = "testcontainers/ryuk:0.14.0";

  static final String TINY_IMAGE = "alpine:3.17";

  private static final String RYUK_DISABLED = "TESTCONTAINERS_RYUK_DISABLED";
  private static final String HOST_OVERRIDE = "TESTCONTAINERS_HOST_OVERRIDE";

  private static volatile boolean helpersChecked;

  private DockerEngine() {}

  /** Whether a Docker engine answers; fast, and starts and pulls nothing. */
  public static boolean answers() {
    try {
      DockerClientFactory.instance().getTransportConfig();
      return true;
    } catch (RuntimeException none) {
      return false;
    }
  }

  /**
   * Testcontainers' client, once an engine answers and the helper images Testcontainers will start
   * are there.
   *
   * @throws IllegalStateException within seconds, saying what to do, when no engine answers or a
   *     helper image can be neither found nor pulled
   */
  public static DockerClient client() {
    TransportConfig transport;
    try {
      transport = DockerClientFactory.instance().getTransportConfig();
    } catch (RuntimeException none) {
      throw new IllegalStateException(
          "No Docker engine answers, and ServerlessStackContainer needs one. Start Docker (Docker"
              + " Desktop, or the docker service), or point DOCKER_HOST at a running engine;"
              + " or run the stack in the test JVM instead, which needs no Docker"
              + " (@ServerlessStack without mode = CONTAINER). Testcontainers says: "
              + none.getMessage(),
          none);
    }
    checkHelperImages(transport);
    try {
      return DockerClientFactory.instance().client();
    } catch (RuntimeException failed) {
      throw new IllegalStateException(
          "Testcontainers could not set up its Docker client: " + failed.getMessage(), failed);
    }
  }

  private static void checkHelperImages(TransportConfig transport) {
    if (helpersChecked) {
      return;
    }
    synchronized (DockerEngine.class) {
      if (helpersChecked) {
        return;
      }
      // Not Testcontainers' own client: its first use starts Ryuk.
      try (DockerClient raw = DockerClientProviderStrategy.getClientForConfig(transport)) {
        if (!Boolean.parseBoolean(System.getenv(RYUK_DISABLED))) {
          require(
              raw,
              RYUK_IMAGE,
              "Testcontainers' Ryuk container",
              "Set the environment variable "
                  + RYUK_DISABLED
                  + "=true (containers are then removed when the JVM exits)");
        }
        if (findsHostAddressWithAlpine(raw, transport)) {
          require(
              raw,
              TINY_IMAGE,
              "Testcontainers, which runs in a container here and finds the Docker host's address"
                  + " by running it,",
              "Set the environment variable "
                  + HOST_OVERRIDE
                  + " to the address at which this machine reaches the engine's published ports"
                  + " (localhost when the engine runs on this machine)");
        }
      } catch (IOException closing) {
        LOG.debug("Could not close a Docker client", closing);
      }
      helpersChecked = true;
    }
  }

  /** What {@code DockerClientProviderStrategy.resolveDockerHostIpAddress} will do. */
  private static boolean findsHostAddressWithAlpine(DockerClient raw, TransportConfig transport) {
    String host = System.getenv(HOST_OVERRIDE);
    String scheme = transport.getDockerHost().getScheme();
    if ((host != null && !host.isBlank())
        || !DockerClientConfigUtils.IN_A_CONTAINER
        || !List.of("unix", "npipe").contains(scheme)) {
      return false;
    }
    try {
      List<Network.Ipam.Config> configs =
          raw.inspectNetworkCmd().withNetworkId("bridge").exec().getIpam().getConfig();
      return configs == null || configs.stream().map(c -> c.getGateway()).allMatch(Objects::isNull);
    } catch (DockerException noBridge) {
      return true;
    }
  }

  /**
   * The image {@code image} is on the engine, or pulled now at the first try, or else a failure.
   */
  private static void require(DockerClient raw, String image, String user, String remedy) {
    DockerImageName name = ImageNameSubstitutor.instance().apply(DockerImageName.parse(image));
    if (present(raw, name.asCanonicalNameString())) {
      return;
    }
    LOG.info("Pulling {}, which {} needs", name, user.replace(",", ""));
    try {
      boolean done =
          raw.pullImageCmd(name.getUnversionedPart())
              .withTag(name.getVersionPart())
              .exec(new PullImageResultCallback())
              .awaitCompletion(5, TimeUnit.MINUTES);
      if (!done || !present(raw, name.asCanonicalNameString())) {
        throw new IllegalStateException(done ? "the pull ended without it" : "timed out");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted pulling " + name, e);
    } catch (RuntimeException cannot) {
      throw new IllegalStateException(
          user
              + " needs the image "
              + name
              + ", which this Docker engine neither has nor can pull ("
              + String.valueOf(cannot.getMessage()).strip()
              + "). "
              + remedy
              + ", or make the image available to the engine",
          cannot);
    }
  }

  /** Whether the engine has the image {@code name} (a tag or an id). */
  static boolean present(DockerClient docker, String name) {
    try {
      docker.inspectImageCmd(name).exec();
      return true;
    } catch (NotFoundException absent) {
      return false;
    }
  }
}
