package io.serverlessstack.junit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * The files declarations name (a state machine's definition, an API's OpenAPI document): {@code
 * classpath:path/in/resources}, or a file path (relative paths from the working directory, the
 * module's directory under Maven and Gradle).
 */
final class DeclaredFiles {

  private static final String CLASSPATH = "classpath:";

  private DeclaredFiles() {}

  /**
   * The text at {@code location}.
   *
   * @param declaration the declaration naming it, e.g. {@code @StateMachine(name = "orders",
   *     definition = "...")}, for the message when it is missing
   * @throws ExtensionConfigurationException when there is no such resource or file
   */
  static String read(String location, String declaration) {
    try {
      if (location.startsWith(CLASSPATH)) {
        String resource = location.substring(CLASSPATH.length()).replaceFirst("^/", "");
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try (InputStream in =
            (loader == null ? DeclaredFiles.class.getClassLoader() : loader)
                .getResourceAsStream(resource)) {
          if (in == null) {
            throw missing(declaration, "no resource " + resource + " on the test class path");
          }
          return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
      }
      Path file = Path.of(location);
      if (!Files.isRegularFile(file)) {
        throw missing(
            declaration,
            "no file " + file.toAbsolutePath() + " (write classpath:... for a resource)");
      }
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read " + location, e);
    }
  }

  private static ExtensionConfigurationException missing(String declaration, String why) {
    return new ExtensionConfigurationException(declaration + ": " + why);
  }

  /** Whether the test class path has class {@code name}: an SDK module a declaration needs. */
  static boolean present(String name) {
    try {
      Class.forName(name, false, DeclaredFiles.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError absent) {
      return false;
    }
  }
}
