package io.serverlessstack.junit.internal;

import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.core.interceptor.SdkInternalExecutionAttribute;

/**
 * Keeps the SDK from prefixing the host of requests to a running stack. Some operations go to a
 * prefixed host on AWS (Step Functions' StartSyncExecution to {@code sync-states...}); against a
 * stack at {@code 127.0.0.1} that becomes {@code sync-127.0.0.1}, which resolves nowhere. The SDK
 * loads this interceptor for every client in the JVM from {@code
 * software/amazon/awssdk/global/handlers/execution.interceptors}, so clients the application builds
 * itself (from {@code aws.endpointUrl}) work as the injected ones do. It acts only on clients whose
 * endpoint is a stack the extension runs now. Not API.
 */
public final class StackHostPrefixes implements ExecutionInterceptor {

  private static final Set<String> STACKS = ConcurrentHashMap.newKeySet();

  /** Whether this SDK has the attribute; an older one prefixes hosts however it is told. */
  private static final boolean SUPPORTED = attributeExists();

  /** Stops prefixing hosts for clients of the stack at {@code endpoint} until the scope closes. */
  public static AutoCloseable serve(URI endpoint) {
    String key = key(endpoint.getHost(), endpoint.getPort());
    STACKS.add(key);
    return () -> STACKS.remove(key);
  }

  // CLIENT_ENDPOINT is deprecated since SDK 2.59 yet still set; it is the one every SDK a user may
  // run (back to 2.20) has.
  @SuppressWarnings("deprecation")
  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    if (!SUPPORTED || STACKS.isEmpty()) {
      return;
    }
    URI endpoint = attributes.getAttribute(SdkExecutionAttribute.CLIENT_ENDPOINT);
    if (endpoint != null && STACKS.contains(key(endpoint.getHost(), endpoint.getPort()))) {
      attributes.putAttribute(SdkInternalExecutionAttribute.DISABLE_HOST_PREFIX_INJECTION, true);
    }
  }

  /** Host and port, every loopback name counting as one: the stack answers on all of them. */
  private static String key(String host, int port) {
    String name = host == null ? "" : host.toLowerCase(Locale.ROOT);
    if (name.equals("localhost") || name.startsWith("127.") || name.equals("[::1]")) {
      name = "loopback";
    }
    return name + ":" + port;
  }

  @SuppressWarnings("deprecation") // see beforeExecution
  private static boolean attributeExists() {
    try {
      return SdkInternalExecutionAttribute.DISABLE_HOST_PREFIX_INJECTION != null
          && SdkExecutionAttribute.CLIENT_ENDPOINT != null;
    } catch (LinkageError older) {
      return false;
    }
  }
}
