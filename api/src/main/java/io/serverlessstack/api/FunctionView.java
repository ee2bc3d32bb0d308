package io.serverlessstack.api;

import java.util.List;
import java.util.Map;

/**
 * A Lambda function as one consistent snapshot: the typed view of the resources {@code (lambda,
 * function)}. Its invocations are not part of it; the journal records them ({@link LambdaEvents}).
 *
 * @param arn the unqualified ARN
 * @param handler the {@code Handler} string, or the class of a handler object registered in code
 * @param runtime e.g. {@code java21}
 * @param environment the function's own variables (not Lambda's reserved ones)
 * @param versions the published versions, oldest first ({@code $LATEST} not included)
 * @param aliases each alias's name and the version it points to
 * @param reservedConcurrency the reserved concurrency, or {@code null} for none
 * @param running how many invocations run now
 */
public record FunctionView(
    String name,
    String arn,
    String accountId,
    String region,
    String handler,
    String runtime,
    int timeoutSeconds,
    int memoryMb,
    Map<String, String> environment,
    List<String> versions,
    Map<String, String> aliases,
    Integer reservedConcurrency,
    int running)
    implements ResourceView {

  /** The service ({@code lambda}) of functions. */
  public static final String SERVICE = "lambda";

  /** The resource type ({@code function}) of functions. */
  public static final String TYPE = "function";

  public FunctionView {
    environment = Map.copyOf(environment);
    versions = List.copyOf(versions);
    aliases = Map.copyOf(aliases);
  }

  @Override
  public ResourceRef ref() {
    return new ResourceRef(SERVICE, TYPE, name, arn);
  }
}
