package io.serverlessstack.junit.internal;

import java.lang.reflect.InvocationTargetException;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.http.SdkHttpClient;

/**
 * The HTTP client behind injected sync clients: one the user's project already has, so that no SDK
 * module of another version than the user's joins the class path. The URL-connection client is
 * preferred because it starts fastest; the SDK itself would refuse to choose when several are
 * present. Not API.
 */
public final class SyncTransport {

  private static final List<String> PREFERRED =
      List.of(
          "software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient",
          "software.amazon.awssdk.http.apache.ApacheHttpClient",
          "software.amazon.awssdk.http.apache5.Apache5HttpClient");

  private SyncTransport() {}

  /**
   * A builder of the first of the preferred clients on the class path, or empty to leave the choice
   * to the SDK (e.g. the CRT client).
   */
  public static Optional<SdkHttpClient.Builder<?>> httpClient() {
    ClassLoader loader = SyncTransport.class.getClassLoader();
    for (String name : PREFERRED) {
      try {
        Class<?> client = Class.forName(name, false, loader);
        return Optional.of((SdkHttpClient.Builder<?>) client.getMethod("builder").invoke(null));
      } catch (ClassNotFoundException | LinkageError absent) {
        // not on the class path: try the next
      } catch (ReflectiveOperationException e) {
        Throwable cause = e instanceof InvocationTargetException ? e.getCause() : e;
        throw new IllegalStateException(
            "Could not create an HTTP client builder of " + name, cause);
      }
    }
    return Optional.empty();
  }
}
