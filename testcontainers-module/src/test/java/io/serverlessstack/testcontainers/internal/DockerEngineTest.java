package io.serverlessstack.testcontainers.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DockerEngineTest {

  /**
   * The helper images looked for before Testcontainers' first client are the ones it starts: the
   * names are in its classes' constant pools, so an upgrade that changes them fails here.
   */
  @Test
  void looksForTheHelperImagesOfTheTestcontainersVersionOnTheClassPath() throws IOException {
    assertThat(constants("org/testcontainers/utility/RyukContainer.class"))
        .contains(DockerEngine.RYUK_IMAGE);
    assertThat(constants("org/testcontainers/DockerClientFactory.class"))
        .contains(DockerEngine.TINY_IMAGE);
  }

  private static String constants(String classFile) throws IOException {
    try (InputStream in = DockerEngineTest.class.getClassLoader().getResourceAsStream(classFile)) {
      assertThat(in).as(classFile).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }
}
