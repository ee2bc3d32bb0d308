package io.serverlessstack.junit.internal;

/**
 * How a container stack's container is made, from {@code @ServerlessStack}'s container attributes.
 * Not API.
 *
 * @param image an image to run as it is; empty for the image built from the bundled server jar
 * @param baseImage a base image with a Java runtime to build on; empty for a jlink runtime
 * @param reuse whether to reuse a running container of the same configuration (Testcontainers'
 *     reuse)
 * @param hostPort the Docker host port to publish the stack on; 0 for a random free one
 */
public record ContainerSettings(String image, String baseImage, boolean reuse, int hostPort) {

  /** Nothing asked: the built image on a jlink runtime, a new container on a random port. */
  public static final ContainerSettings DEFAULT = new ContainerSettings("", "", false, 0);

  public ContainerSettings {
    if (hostPort < 0 || hostPort > 65535) {
      throw new IllegalArgumentException("Not a port: hostPort = " + hostPort);
    }
  }
}
