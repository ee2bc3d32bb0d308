package io.serverlessstack.fake.server;

import io.serverlessstack.fake.clock.StackClock;
import io.serverlessstack.fake.protocol.AwsErrorException;
import io.serverlessstack.fake.protocol.AwsJsonCodec;
import io.serverlessstack.fake.protocol.AwsQueryCodec;
import io.serverlessstack.fake.protocol.CommonErrors;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkPojo;

/**
 * Finds the service and operation a request is for — from {@code X-Amz-Target}, an {@code Action=}
 * form parameter, or the {@code /_stack/} admin prefix — decodes it with the service's protocol,
 * runs the operation and encodes the answer or the error in that same protocol.
 */
public final class Router {

  static final String ADMIN_PREFIX = "/_stack/";
  private static final Logger LOG = LoggerFactory.getLogger(Router.class);
  private static final String FORM = "application/x-www-form-urlencoded";
  private static final String XML = "text/xml";

  private final List<AwsService> services;
  private final Map<String, AwsService> byTargetPrefix = new HashMap<>();
  private final Map<String, AwsService> bySigningName = new HashMap<>();
  private final Function<StackRequest, StackResponse> admin;

  public Router(List<AwsService> services, Function<StackRequest, StackResponse> admin) {
    this.services = List.copyOf(services);
    this.admin = admin;
    for (AwsService service : services) {
      if (service.jsonTargetPrefix() != null) {
        byTargetPrefix.put(service.jsonTargetPrefix(), service);
      }
      bySigningName.put(service.signingName(), service);
    }
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
    String requestId = Ids.randomUuid();
    String target = request.header("x-amz-target");
    if (target != null) {
      return routeJson(request, target, requestId, inFlight);
    }
    try {
      return routeQuery(request, requestId, inFlight);
    } catch (AwsErrorException malformed) {
      return CompletableFuture.completedFuture(queryError(null, malformed, requestId));
    }
  }

  private CompletionStage<StackResponse> routeJson(
      StackRequest request, String target, String requestId, StackClock.InFlight inFlight) {
    int dot = target.lastIndexOf('.');
    AwsService service = dot < 0 ? null : byTargetPrefix.get(target.substring(0, dot));
    if (service == null) {
      return CompletableFuture.completedFuture(
          jsonError(null, CommonErrors.unknownOperation(target), requestId));
    }
    AwsService.Operation operation = service.operation(target.substring(dot + 1));
    if (operation == null) {
      return CompletableFuture.completedFuture(
          jsonError(service, CommonErrors.unknownOperation(target), requestId));
    }
    return invoke(
        service,
        operation,
        context(request, requestId, inFlight),
        () -> AwsJsonCodec.read(request.body(), operation.requestBuilder().get()),
        response ->
            StackResponse.of(200, service.jsonContentType(), AwsJsonCodec.write(response))
                .withHeader("x-amzn-RequestId", requestId),
        error -> jsonError(service, error, requestId));
  }

  private CompletionStage<StackResponse> routeQuery(
      StackRequest request, String requestId, StackClock.InFlight inFlight) {
    Map<String, String> parameters = new LinkedHashMap<>();
    decodeForm(request.query(), parameters);
    String contentType = request.header("content-type");
    if (contentType != null && contentType.startsWith(FORM)) {
      decodeForm(request.bodyText(), parameters);
    }
    String action = parameters.get("Action");
    AwsService service = queryService(request, action);
    if (service == null) {
      AwsErrorException error =
          action == null
              ? new AwsErrorException("MissingAction", "MissingAction", 400, "Missing Action")
              : CommonErrors.unknownOperation(action);
      return CompletableFuture.completedFuture(queryError(null, error, requestId));
    }
    AwsService.Operation operation = service.operation(action);
    if (operation == null) {
      return CompletableFuture.completedFuture(
          queryError(service, CommonErrors.unknownOperation(action), requestId));
    }
    // Older SDKs post SQS calls to the queue URL itself and may leave QueueUrl out of the form.
    if (!parameters.containsKey("QueueUrl") && request.path().matches("/\\d{12}/[^/]+")) {
      parameters.put("QueueUrl", baseUrl(request) + request.path());
    }
    return invoke(
        service,
        operation,
        context(request, requestId, inFlight),
        () ->
            AwsQueryCodec.read(
                parameters, action, operation.requestBuilder().get(), service.queryNaming()),
        response ->
            StackResponse.of(
                    200,
                    XML,
                    AwsQueryCodec.write(
                        response,
                        action,
                        service.queryXmlNamespace(),
                        requestId,
                        service.queryNaming()))
                .withHeader("x-amzn-RequestId", requestId),
        error -> queryError(service, error, requestId));
  }

  private AwsService queryService(StackRequest request, String action) {
    if (action == null) {
      return null;
    }
    AwsService signed = bySigningName.get(SigV4Scope.of(request).service());
    if (signed != null && signed.queryXmlNamespace() != null) {
      return signed;
    }
    for (AwsService service : services) {
      if (service.queryXmlNamespace() != null && service.operation(action) != null) {
        return service;
      }
    }
    return null;
  }

  private static CompletionStage<StackResponse> invoke(
      AwsService service,
      AwsService.Operation operation,
      RequestContext context,
      java.util.function.Supplier<SdkPojo> decode,
      Function<SdkPojo, StackResponse> encode,
      Function<AwsErrorException, StackResponse> encodeError) {
    CompletionStage<? extends SdkPojo> result;
    try {
      result = operation.handler().handle(decode.get(), context);
    } catch (RuntimeException e) {
      return CompletableFuture.completedFuture(encodeError.apply(asAwsError(service, e)));
    }
    return result.handle(
        (response, failure) ->
            failure == null
                ? encode.apply(response)
                : encodeError.apply(asAwsError(service, failure)));
  }

  private static AwsErrorException asAwsError(AwsService service, Throwable failure) {
    Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
    if (cause instanceof AwsErrorException error) {
      return error;
    }
    LOG.error("{} failed on an internal error", service.signingName(), cause);
    return AwsErrorException.internalFailure("We encountered an internal error. Please try again.");
  }

  private static StackResponse jsonError(
      AwsService service, AwsErrorException error, String requestId) {
    String namespace = service == null ? "com.amazon.coral.service" : service.errorNamespace();
    StackResponse response =
        StackResponse.of(
                error.status(),
                service == null ? "application/x-amz-json-1.0" : service.jsonContentType(),
                AwsJsonCodec.errorBody(namespace + "#" + error.code(), error.getMessage()))
            .withHeader("x-amzn-RequestId", requestId);
    if (service != null && service.queryCompatible()) {
      response.withHeader(
          "x-amzn-query-error",
          error.queryCode() + ";" + (error.senderFault() ? "Sender" : "Receiver"));
    }
    return response;
  }

  private static StackResponse queryError(
      AwsService service, AwsErrorException error, String requestId) {
    String namespace = service == null ? null : service.queryXmlNamespace();
    return StackResponse.of(
            error.status(), XML, AwsQueryCodec.errorBody(error, requestId, namespace))
        .withHeader("x-amzn-RequestId", requestId);
  }

  private static RequestContext context(
      StackRequest request, String requestId, StackClock.InFlight inFlight) {
    SigV4Scope scope = SigV4Scope.of(request);
    return new RequestContext(
        scope.accountId(), scope.region(), requestId, baseUrl(request), inFlight);
  }

  private static String baseUrl(StackRequest request) {
    String host = request.header("host");
    return "http://" + (host == null ? "localhost" : host);
  }

  private static void decodeForm(String form, Map<String, String> into) {
    if (form == null || form.isEmpty()) {
      return;
    }
    for (String pair : form.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String name = equals < 0 ? pair : pair.substring(0, equals);
      String value = equals < 0 ? "" : pair.substring(equals + 1);
      try {
        into.put(
            URLDecoder.decode(name, StandardCharsets.UTF_8),
            URLDecoder.decode(value, StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        throw AwsErrorException.clientError(
            "MalformedQueryString", "Malformed form parameter: " + pair);
      }
    }
  }
}
