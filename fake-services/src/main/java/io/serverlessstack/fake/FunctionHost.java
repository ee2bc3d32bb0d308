package io.serverlessstack.fake;

import io.serverlessstack.fake.internal.lambda.LambdaEngine;
import io.serverlessstack.fake.internal.lambda.TestJvmFunctions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs {@link JavaFunction}s in this JVM for a stack that runs elsewhere, in a container: the
 * handlers stay here, with their collaborators, and the stack calls back over HTTP for each
 * invocation. The stack must reach this JVM at the address the host listens on, e.g. the container
 * network's gateway on Linux. Used by the JUnit extension's container mode.
 */
public final class FunctionHost implements AutoCloseable {

  private final TestJvmFunctions.Host host;
  private final String address;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private FunctionHost(TestJvmFunctions.Host host, String address) {
    this.host = host;
    this.address = address;
  }

  /**
   * Listens on {@code address}, on a free port.
   *
   * @throws UncheckedIOException if it cannot listen there
   */
  public static FunctionHost listeningOn(String address) {
    try {
      return new FunctionHost(TestJvmFunctions.Host.start(address), address);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot listen on " + address + " for a stack's calls to functions in this JVM", e);
    }
  }

  /**
   * Hosts {@code function} here and deploys it on the stack at {@code stackEndpoint}, until the
   * stack's next reset.
   *
   * @throws IllegalStateException if the stack refuses it
   */
  public void deploy(JavaFunction function, URI stackEndpoint) {
    LambdaEngine.Registration registration = function.registration();
    URI url = host.host(function.name(), registration.code(), address);
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("name", registration.name());
    request.put("handler", registration.handlerName());
    request.put("timeoutSeconds", registration.timeoutSeconds());
    request.put("memoryMb", registration.memoryMb());
    request.put("environment", registration.environment());
    request.put("url", url.toString());
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(stackEndpoint.resolve(TestJvmFunctions.REGISTRATION_PATH))
                  .header("Content-Type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.ofByteArray(
                          io.serverlessstack.fake.internal.Json.write(request)))
                  .build(),
              HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            "The stack refused function "
                + function.name()
                + ": "
                + response.statusCode()
                + " "
                + response.body());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot reach the stack at " + stackEndpoint, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted deploying " + function.name(), e);
    }
  }

  @Override
  public void close() {
    host.close();
  }
}
