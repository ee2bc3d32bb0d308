package io.serverlessstack.junit.internal;

import java.lang.reflect.InvocationTargetException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.http.SdkHttpClient;

/**
 * The HTTP client behind injected sync clients: one the user's project already has, so that no SDK
 * module of another version than the user's joins the class path. The URL-connection client is
 * preferred because it starts fastest, except for clients of services whose operations use PATCH
 * (API Gateway's UpdateRestApi, UpdateStage, …), which it cannot send; the SDK itself would refuse
 * to choose when several are present. Not API.
 */
public final class SyncTransport {

  private static final List<String> PREFERRED =
      List.of(
          "software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient",
          "software.amazon.awssdk.http.apache.ApacheHttpClient",
          "software.amazon.awssdk.http.apache5.Apache5HttpClient");

  /** The Apache clients first: they send PATCH. */
  private static final List<String> PREFERRED_FOR_PATCH =
      List.of(PREFERRED.get(2), PREFERRED.get(1), PREFERRED.get(0));

  /** Service clients with operations that send PATCH. */
  private static final Set<String> SENDING_PATCH =
      Set.of(
          "software.amazon.awssdk.services.apigateway.ApiGatewayClient",
          "software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client");

  private SyncTransport() {}

  /**
   * A builder of the first of the preferred clients on the class path for a client of {@code
   * clientType}, or empty to leave the choice to the SDK (e.g. the CRT client).
   */
  public static Optional<SdkHttpClient.Builder<?>> httpClient(Class<?> clientType) {
    ClassLoader loader = SyncTransport.class.getClassLoader();
    for (String name :
        SENDING_PATCH.contains(clientType.getName()) ? PREFERRED_FOR_PATCH : PREFERRED) {
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
