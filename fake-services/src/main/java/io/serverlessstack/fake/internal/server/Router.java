package io.serverlessstack.fake.internal.server;

import io.serverlessstack.fake.internal.clock.StackClock;
import io.serverlessstack.fake.internal.protocol.AwsErrorException;
import io.serverlessstack.fake.internal.protocol.AwsJsonBinding;
import io.serverlessstack.fake.internal.protocol.AwsQueryBinding;
import io.serverlessstack.fake.internal.protocol.ProtocolBinding;
import io.serverlessstack.fake.internal.protocol.ProtocolErrors;
import io.serverlessstack.fake.internal.protocol.RestBinding;
import io.serverlessstack.fake.internal.protocol.WireProtocol;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkPojo;

/**
 * One routing table for every registered service, built from the protocols each declares, and
 * checked in this order:
 *
 * <ol>
 *   <li>the admin API, under {@code /_stack/};
 *   <li>raw routes (API Gateway invoke URLs and the like), in the order services declared them;
 *   <li>{@code X-Amz-Target}: the service by the target's prefix, the operation by its suffix, the
 *       protocol (awsJson 1.0, 1.1 or CBOR) by {@code Content-Type};
 *   <li>REST protocols (restJson1, restXml): the HTTP method and path (with S3's bucket from a
 *       virtual-hosted host) against every REST operation's URI template, most specific first,
 *       skipping services other than the one a request is signed for, and for an unsigned request
 *       those whose descriptor does not {@linkplain ServiceDescriptor#mayTakeUnsignedRest claim}
 *       it;
 *   <li>awsQuery: the {@code Action} form parameter, the service told apart by {@code Version},
 *       then by the SigV4 signing name, then by which service has the action.
 * </ol>
 *
 * The request is then decoded by the service's binding, handed to the operation, and the answer or
 * error encoded by the same binding. Nothing here knows a particular service.
 */
public final class Router {

  static final String ADMIN_PREFIX = "/_stack/";
  private static final Logger LOG = LoggerFactory.getLogger(Router.class);

  private final Function<StackRequest, StackResponse> admin;
  private final ServiceDirectory services;
  private final Set<String> signingNames = new HashSet<>();
  private final Map<String, ServiceDescriptor> describedBySigningName = new HashMap<>();
  private final List<ServiceDescriptor> rawDescribed = new ArrayList<>();
  private final Map<String, ServiceDescriptor> describedByTargetPrefix = new HashMap<>();
  private final List<ServiceDescriptor> restDescribed = new ArrayList<>();
  private final List<ServiceDescriptor> queryDescribed = new ArrayList<>();
  private final Map<String, ServiceDescriptor> describedByQueryVersion = new HashMap<>();
  private final AwsQueryBinding unclaimedQuery = AwsQueryBinding.unclaimed();
  private volatile Table table;

  /**
   * A router over services built already.
   *
   * @throws IllegalArgumentException if two services claim the same target, restJson1 route or
   *     query version
   */
  public Router(List<AwsService> services, Function<StackRequest, StackResponse> admin) {
    this(ServiceDirectory.of(services), admin);
  }

  /**
   * A router over services built when a request first may be for them.
   *
   * @throws IllegalArgumentException if two services sign alike or claim the same target prefix or
   *     query version
   */
  public Router(ServiceDirectory services, Function<StackRequest, StackResponse> admin) {
    this.admin = admin;
    this.services = services;
    for (ServiceDescriptor service : services.descriptors()) {
      if (!signingNames.add(service.signingName())) {
        throw new IllegalArgumentException("Two services sign as " + service.signingName());
      }
      describedBySigningName.put(service.signingName(), service);
      if (!service.rawRoutes().isEmpty()) {
        rawDescribed.add(service);
      }
      for (String prefix : service.targetPrefixes()) {
        ServiceDescriptor claimed = describedByTargetPrefix.putIfAbsent(prefix, service);
        if (claimed != null) {
          throw new IllegalArgumentException(
              "Target prefix " + prefix + " claimed by " + claimed.id() + " and " + service.id());
        }
      }
      if (service.rest()) {
        restDescribed.add(service);
      }
      if (service.speaksQuery()) {
        queryDescribed.add(service);
      }
      for (String version : service.queryVersions()) {
        ServiceDescriptor claimed = describedByQueryVersion.putIfAbsent(version, service);
        if (claimed != null) {
          throw new IllegalArgumentException(
              "Query version " + version + " claimed by " + claimed.id() + " and " + service.id());
        }
      }
    }
    this.table = new Table(services.loaded());
  }

  /**
   * Serves {@code request}.
   *
   * @param inFlight the request as the stack's clock sees it, handed on to the operation
   */
  public CompletionStage<StackResponse> route(StackRequest request, StackClock.InFlight inFlight) {
    if (request.path().startsWith(ADMIN_PREFIX)) {
      return CompletableFuture.completedFuture(admin.apply(request));
    }
    SigV4Scope scope = SigV4Scope.of(request);
    Table table;
    try {
      table = tableFor(request, scope.service());
    } catch (RuntimeException cannotBuild) {
      return CompletableFuture.failedFuture(cannotBuild);
    }
    RequestContext context =
        new RequestContext(
            scope.accountId(), scope.region(), Ids.randomUuid(), baseUrl(request), inFlight);
    for (int i = 0; i < table.rawRoutes.size(); i++) {
      RawEntry raw = table.rawRoutes.get(i);
      if (raw.route().matches().test(request)) {
        return routeRaw(raw, request, context);
      }
    }
    String target = request.header("x-amz-target");
    if (target != null) {
      return routeTarget(table, request, target, context);
    }
    if (!table.restByMethod.isEmpty() || !table.restBySigningName.isEmpty()) {
      CompletionStage<StackResponse> rest = routeRest(table, request, scope.service(), context);
      if (rest != null) {
        return rest;
      }
    }
    return routeQuery(table, request, scope.service(), context);
  }

  /**
   * The routing table for {@code request}, once every service it may be for is built: each step
   * below builds the services that the same step of routing could pick, so a request reaches the
   * service it would reach were every service built.
   */
  private Table tableFor(StackRequest request, String signedFor) {
    if (!services.allLoaded()) {
      buildServicesFor(request, signedFor);
    }
    Table current = table;
    return current.loadedCount == services.loaded().size() ? current : refreshTable();
  }

  private void buildServicesFor(StackRequest request, String signedFor) {
    for (ServiceDescriptor service : rawDescribed) {
      if (!services.isLoaded(service.id()) && service.takesRaw(request)) {
        services.load(service.id());
      }
    }
    String target = request.header("x-amz-target");
    if (target != null) {
      int dot = target.lastIndexOf('.');
      ServiceDescriptor service =
          dot < 0 ? null : describedByTargetPrefix.get(target.substring(0, dot));
      if (service != null && !services.isLoaded(service.id())) {
        services.load(service.id());
      }
      return; // a request with a target is never routed by path or Action
    }
    boolean signedForKnown = signedFor != null && signingNames.contains(signedFor);
    for (ServiceDescriptor service : restDescribed) {
      boolean mayBeIts =
          signedForKnown
              ? service.signingName().equals(signedFor)
              : service.mayTakeUnsignedRest(request);
      if (mayBeIts && !services.isLoaded(service.id())) {
        services.load(service.id());
      }
    }
    buildQueryServicesFor(request, signedFor);
  }

  /**
   * Builds those that {@link Table#queryService} could pick: by version, by signing name, else (by
   * action) every query service.
   */
  private void buildQueryServicesFor(StackRequest request, String signedFor) {
    boolean allBuilt = true;
    for (ServiceDescriptor service : queryDescribed) {
      allBuilt &= services.isLoaded(service.id());
    }
    if (allBuilt) {
      return;
    }
    Map<String, String> parameters;
    try {
      parameters = AwsQueryBinding.parameters(request);
    } catch (AwsErrorException malformed) {
      return; // answered as malformed whichever services are built
    }
    if (parameters.get("Action") == null) {
      return;
    }
    String version = parameters.get("Version");
    ServiceDescriptor byVersion = version == null ? null : describedByQueryVersion.get(version);
    if (byVersion != null) {
      services.load(byVersion.id());
      return;
    }
    for (ServiceDescriptor service : queryDescribed) {
      if (service.signingName().equals(signedFor)) {
        services.load(service.id());
        return;
      }
    }
    // Which services have the action only built services know.
    for (ServiceDescriptor service : queryDescribed) {
      services.load(service.id());
    }
  }

  private synchronized Table refreshTable() {
    List<AwsService> loaded = services.loaded();
    if (table.loadedCount != loaded.size()) {
      table = new Table(loaded);
    }
    return table;
  }

  private CompletionStage<StackResponse> routeRaw(
      RawEntry raw, StackRequest request, RequestContext context) {
    try {
      return raw.route()
          .handler()
          .handle(request, context)
          .exceptionally(failure -> rawFailure(raw, failure));
    } catch (RuntimeException e) {
      return CompletableFuture.completedFuture(rawFailure(raw, e));
    }
  }

  private static StackResponse rawFailure(RawEntry raw, Throwable failure) {
    LOG.error("{}'s route {} failed", raw.service().signingName(), raw.route().name(), failure);
    return StackResponse.of(500, "text/plain", "Internal error of serverless-stack");
  }

  private CompletionStage<StackResponse> routeTarget(
      Table table, StackRequest request, String target, RequestContext context) {
    TargetRoute route = table.byTarget.get(target);
    if (route != null) {
      AwsService.Operation operation = route.operation();
      return invoke(
          new Call(
              request,
              route.target().service(),
              route.target().binding(request),
              operation,
              operation.name(),
              context,
              null));
    }
    int dot = target.lastIndexOf('.');
    TargetService service = dot < 0 ? null : table.byTargetPrefix.get(target.substring(0, dot));
    ProtocolBinding binding =
        service == null
            ? AwsJsonBinding.unclaimed(request.header("content-type"))
            : service.binding(request);
    Call call =
        new Call(
            request,
            service == null ? null : service.service(),
            binding,
            null,
            target,
            context,
            null);
    return answerError(call, call.errors().unknownOperation(binding.protocol(), target));
  }

  /** The answer of the REST operation the request is for, or {@code null} if none is. */
  private CompletionStage<StackResponse> routeRest(
      Table table, StackRequest request, String signedFor, RequestContext context) {
    RestEntry[] candidates = table.restByMethod.get(request.method());
    if (candidates != null) {
      // A request signed for a registered service is that service's; an unsigned one (or one
      // signed for a name no service has) may be the service's that claims it.
      boolean signedForKnown = signedFor != null && signingNames.contains(signedFor);
      RestBinding<?> cutFor = null;
      String[] segments = null;
      String unsignedChecked = null;
      boolean unsignedClaimed = false;
      for (RestEntry entry : candidates) {
        String signingName = entry.service().signingName();
        if (signedForKnown) {
          if (!signedFor.equals(signingName)) {
            continue;
          }
        } else {
          if (!signingName.equals(unsignedChecked)) {
            unsignedChecked = signingName;
            ServiceDescriptor described = describedBySigningName.get(signingName);
            unsignedClaimed = described == null || described.mayTakeUnsignedRest(request);
          }
          if (!unsignedClaimed) {
            continue;
          }
        }
        if (entry.binding() != cutFor) {
          cutFor = entry.binding();
          segments = cutFor.segments(request);
        }
        Map<String, String> labels = entry.route().match(segments, request);
        if (labels != null) {
          return invoke(
              new Call(
                  request,
                  entry.service(),
                  entry.binding(),
                  entry.operation(),
                  entry.operation().name(),
                  context,
                  labels));
        }
      }
    }
    RestService signed = signedFor == null ? null : table.restBySigningName.get(signedFor);
    if (signed == null) {
      return null;
    }
    String operation = request.method() + " " + request.path();
    Call call =
        new Call(request, signed.service(), signed.binding(), null, operation, context, null);
    return answerError(
        call, call.errors().unknownOperation(signed.binding().protocol(), operation));
  }

  private CompletionStage<StackResponse> routeQuery(
      Table table, StackRequest request, String signedFor, RequestContext context) {
    Map<String, String> parameters;
    try {
      parameters = AwsQueryBinding.parameters(request);
    } catch (AwsErrorException malformed) {
      return answerError(
          new Call(request, null, unclaimedQuery, null, null, context, null), malformed);
    }
    String action = parameters.get("Action");
    QueryService service = table.queryService(action, parameters.get("Version"), signedFor);
    if (service == null) {
      Call call = new Call(request, null, unclaimedQuery, null, action, context, parameters);
      return answerError(
          call,
          action == null
              ? ProtocolErrors.AWS.missingAction()
              : ProtocolErrors.AWS.unknownOperation(WireProtocol.AWS_QUERY, action));
    }
    AwsService.Operation operation = service.service().operation(action);
    Call call =
        new Call(
            request, service.service(), service.binding(), operation, action, context, parameters);
    if (operation == null) {
      return answerError(call, call.errors().unknownOperation(WireProtocol.AWS_QUERY, action));
    }
    return invoke(call);
  }

  private static CompletionStage<StackResponse> invoke(Call call) {
    if (call.operation().streams()) {
      return invokeStreaming(call);
    }
    ProtocolBinding binding = call.binding();
    CompletionStage<? extends SdkPojo> result;
    try {
      result = call.operation().handler().handle(binding.decode(call), call.context());
    } catch (RuntimeException e) {
      return answerError(call, asAwsError(call, e));
    }
    return result.handle(
        (response, failure) ->
            failure == null
                ? binding.encode(call, response)
                : binding.encodeError(call, asAwsError(call, failure)));
  }

  private static CompletionStage<StackResponse> invokeStreaming(Call call) {
    ProtocolBinding binding = call.binding();
    CompletionStage<EventStream> result;
    try {
      result = call.operation().streamHandler().handle(binding.decode(call), call.context());
    } catch (RuntimeException e) {
      return answerError(call, asAwsError(call, e));
    }
    return result.handle(
        (stream, failure) ->
            failure == null
                ? binding.encodeStream(call, stream)
                : binding.encodeError(call, asAwsError(call, failure)));
  }

  private static CompletionStage<StackResponse> answerError(Call call, AwsErrorException error) {
    return CompletableFuture.completedFuture(call.binding().encodeError(call, error));
  }

  private static AwsErrorException asAwsError(Call call, Throwable failure) {
    Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
    if (cause instanceof AwsErrorException error) {
      return error;
    }
    LOG.error(
        "{} {} failed on an internal error",
        call.service() == null ? "?" : call.service().signingName(),
        call.operationName(),
        cause);
    return call.errors().internalFailure();
  }

  private static String baseUrl(StackRequest request) {
    String host = request.header("host");
    return "http://" + (host == null ? "localhost" : host);
  }

  private record RawEntry(AwsService service, RawRoute route) {}

  /** A service's JSON bindings under one target prefix; the first is the default. */
  private record TargetService(AwsService service, AwsJsonBinding[] bindings) {
    AwsJsonBinding binding(StackRequest request) {
      if (bindings.length == 1) {
        return bindings[0];
      }
      String contentType = request.header("content-type");
      for (AwsJsonBinding binding : bindings) {
        if (binding.accepts(contentType)) {
          return binding;
        }
      }
      return bindings[0];
    }
  }

  private record TargetRoute(TargetService target, AwsService.Operation operation) {}

  private record RestEntry(
      AwsService service,
      RestBinding<?> binding,
      RestBinding.Route route,
      AwsService.Operation operation) {}

  private record RestService(AwsService service, RestBinding<?> binding) {}

  private record QueryService(AwsService service, AwsQueryBinding binding) {}

  /** The routes of the services built so far; replaced, never changed, when another is built. */
  private static final class Table {
    final int loadedCount;
    final List<RawEntry> rawRoutes = new ArrayList<>();
    final Map<String, TargetRoute> byTarget = new HashMap<>();
    final Map<String, TargetService> byTargetPrefix = new HashMap<>();
    final Map<String, RestEntry[]> restByMethod = new HashMap<>();
    final Map<String, RestService> restBySigningName = new HashMap<>();
    final Map<String, QueryService> queryByVersion = new HashMap<>();
    final Map<String, QueryService> queryBySigningName = new HashMap<>();
    final Map<String, QueryService> queryByAction = new HashMap<>();

    Table(List<AwsService> services) {
      this.loadedCount = services.size();
      Map<String, List<RestEntry>> rest = new LinkedHashMap<>();
      for (AwsService service : services) {
        service.rawRoutes().forEach(route -> rawRoutes.add(new RawEntry(service, route)));
        for (ProtocolBinding binding : service.bindings()) {
          if (binding instanceof AwsJsonBinding json) {
            addTarget(service, json);
          } else if (binding instanceof RestBinding<?> restBinding) {
            restBySigningName.putIfAbsent(
                service.signingName(), new RestService(service, restBinding));
            for (RestBinding.Route route : restBinding.routes()) {
              rest.computeIfAbsent(route.method(), method -> new ArrayList<>())
                  .add(
                      new RestEntry(
                          service, restBinding, route, service.operation(route.operationName())));
            }
          } else if (binding instanceof AwsQueryBinding query) {
            addQuery(service, query);
          } else {
            throw new IllegalArgumentException(
                service + " speaks " + binding + ", which the router cannot route");
          }
        }
      }
      rest.forEach(
          (method, entries) -> {
            entries.sort(
                Comparator.comparingInt((RestEntry entry) -> entry.route().specificity())
                    .reversed());
            Set<String> templates = new HashSet<>();
            for (RestEntry entry : entries) {
              if (!templates.add(entry.route().key())) {
                throw new IllegalArgumentException(
                    "Two operations claim " + method + " " + entry.route().key());
              }
            }
            restByMethod.put(method, entries.toArray(new RestEntry[0]));
          });
    }

    private void addTarget(AwsService service, AwsJsonBinding binding) {
      TargetService claimed = byTargetPrefix.get(binding.targetPrefix());
      if (claimed != null && claimed.service() != service) {
        throw new IllegalArgumentException(
            "Target prefix "
                + binding.targetPrefix()
                + " claimed by "
                + claimed.service()
                + " and "
                + service);
      }
      TargetService target;
      if (claimed == null) {
        target = new TargetService(service, new AwsJsonBinding[] {binding});
      } else {
        AwsJsonBinding[] bindings =
            java.util.Arrays.copyOf(claimed.bindings(), claimed.bindings().length + 1);
        bindings[bindings.length - 1] = binding;
        target = new TargetService(service, bindings);
      }
      byTargetPrefix.put(binding.targetPrefix(), target);
      for (AwsService.Operation operation : service.operations()) {
        byTarget.put(
            binding.targetPrefix() + "." + operation.name(), new TargetRoute(target, operation));
      }
    }

    private void addQuery(AwsService service, AwsQueryBinding binding) {
      QueryService query = new QueryService(service, binding);
      QueryService claimed = queryByVersion.putIfAbsent(binding.version(), query);
      if (claimed != null) {
        throw new IllegalArgumentException(
            "Query version "
                + binding.version()
                + " claimed by "
                + claimed.service()
                + " and "
                + service);
      }
      queryBySigningName.putIfAbsent(service.signingName(), query);
      for (AwsService.Operation operation : service.operations()) {
        queryByAction.putIfAbsent(operation.name(), query);
      }
    }

    /**
     * The query service a request is for: the one whose version it names, else the one it is signed
     * for, else the first that has its action.
     */
    QueryService queryService(String action, String version, String signedFor) {
      if (action == null) {
        return null;
      }
      QueryService service = version == null ? null : queryByVersion.get(version);
      if (service == null && signedFor != null) {
        service = queryBySigningName.get(signedFor);
      }
      return service != null ? service : queryByAction.get(action);
    }
  }
}
