package io.serverlessstack.junit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * The {@link StepFunctionsMocks} plug-in: reads the configuration the class names and hands it to
 * the stack through the admin API ({@code PUT /_stack/states/mocks}), which a stack in this JVM and
 * one in a container both serve, so that it applies the same way in both modes.
 */
final class StepFunctionsMocksDeclarations implements ResourceDeclarations<StepFunctionsMocks> {

  private static final String CLASSPATH = "classpath:";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Override
  public Class<StepFunctionsMocks> annotationType() {
    return StepFunctionsMocks.class;
  }

  /** Last: it configures the stack and creates nothing that other resources name. */
  @Override
  public int order() {
    return 1_000;
  }

  /** Only classes declare it, so a test gets its classes' declarations. */
  @Override
  public List<StepFunctionsMocks> forTest(
      List<StepFunctionsMocks> classDeclarations,
      List<StepFunctionsMocks> methodDeclarations,
      boolean resetBetweenTests,
      String method) {
    return classDeclarations;
  }

  /**
   * Gives the stack the innermost class's configuration, again before each test, so a test that
   * replaced it at run time leaves the next one the declared one.
   */
  @Override
  public void create(ManagedStack stack, List<StepFunctionsMocks> declarations) {
    if (declarations.isEmpty()) {
      return;
    }
    String location = declarations.get(declarations.size() - 1).value();
    put(stack.info().endpoint(), read(location), location);
  }

  /** The text at {@code location}: {@code classpath:...} or a file path. */
  static String read(String location) {
    try {
      if (location.startsWith(CLASSPATH)) {
        String resource = location.substring(CLASSPATH.length());
        resource = resource.startsWith("/") ? resource.substring(1) : resource;
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
          loader = StepFunctionsMocksDeclarations.class.getClassLoader();
        }
        try (InputStream in = loader.getResourceAsStream(resource)) {
          if (in == null) {
            throw new ExtensionConfigurationException(
                "@StepFunctionsMocks(\"" + location + "\"): no such resource on the class path");
          }
          return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
      }
      Path file = Path.of(location);
      if (!Files.isRegularFile(file)) {
        throw new ExtensionConfigurationException(
            "@StepFunctionsMocks(\""
                + location
                + "\"): no such file (from "
                + Path.of("").toAbsolutePath()
                + "); a class path resource is written classpath:path/in/resources.json");
      }
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (InvalidPathException notPath) {
      throw new ExtensionConfigurationException(
          "@StepFunctionsMocks(\"" + location + "\"): not a path", notPath);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + location, e);
    }
  }

  private static void put(URI endpoint, String json, String location) {
    HttpRequest request =
        HttpRequest.newBuilder(endpoint.resolve("/_stack/states/mocks"))
            .PUT(HttpRequest.BodyPublishers.ofString(json))
            .header("Content-Type", "application/json")
            .build();
    HttpResponse<String> response;
    try {
      response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot reach the stack at " + endpoint, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted giving the stack its Step Functions mocks", e);
    }
    if (response.statusCode() != 200) {
      throw new ExtensionConfigurationException(
          "@StepFunctionsMocks(\"" + location + "\"): the stack refused it: " + response.body());
    }
  }
}
