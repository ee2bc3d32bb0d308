package io.serverlessstack.fake.internal.apigateway;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.serverlessstack.fake.internal.apigateway.proxy.ApiKind;
import io.serverlessstack.fake.internal.apigateway.proxy.BackendRequest;
import io.serverlessstack.fake.internal.apigateway.proxy.HttpBackends;
import io.serverlessstack.fake.internal.apigateway.proxy.IntegrationFailure;
import io.serverlessstack.fake.internal.apigateway.proxy.IntegrationOutcome;
import io.serverlessstack.fake.internal.apigateway.proxy.ProxyEvents;
import io.serverlessstack.fake.internal.apigateway.vtl.MappingTemplates;
import io.serverlessstack.fake.internal.apigateway.vtl.Overrides;
import io.serverlessstack.fake.internal.apigateway.vtl.Rendered;
import io.serverlessstack.fake.internal.apigateway.vtl.TemplateFailure;
import io.serverlessstack.fake.internal.apigateway.vtl.TemplateInput;
import io.serverlessstack.fake.internal.apigateway.vtl.TemplateSelection;
import io.serverlessstack.fake.internal.clock.StackClock;
import io.serverlessstack.fake.internal.lambda.LambdaEngine;
import io.serverlessstack.fake.internal.lambda.ServiceInvocations;
import io.serverlessstack.fake.internal.server.StackResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.apigateway.model.Integration;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;
import software.amazon.awssdk.services.apigateway.model.RestApi;
import software.amazon.awssdk.services.apigateway.model.Stage;

/**
 * Hands a matched call of a REST API to its method's integration and maps the answer back, as API
 * Gateway does:
 *
 * <ul>
 *   <li>{@code AWS_PROXY}: the function gets the proxy event and its answer is the response;
 *   <li>{@code HTTP_PROXY}: the backend gets the call and its answer is the response;
 *   <li>{@code MOCK} and {@code HTTP}: the request template (chosen by {@code Content-Type} and the
 *       passthrough behaviour) makes the integration request; the integration response whose
 *       selection pattern matches the answer's status (else the default one) gives the method
 *       response's status, its header mappings, and its response template (chosen by {@code
 *       Accept}) the body. A {@code MOCK} answers with the {@code statusCode} its request template
 *       rendered;
 *   <li>{@code AWS}: likewise, the integration request going to the stack's own service that the
 *       URI names ({@link AwsServiceIntegrations}); a Lambda function's error message, not a
 *       status, selects among the integration responses.
 * </ul>
 *
 * A call the integration cannot serve gets AWS's gateway answer: 500 {@code Internal server error}
 * for a configuration error, 504 when it times out, 502 for a failed function.
 */
final class RestApiIntegrations {

  private static final Logger LOG = LoggerFactory.getLogger(RestApiIntegrations.class);

  /** Mock request templates as the CDK writes them, {@code {statusCode: 200}}, parse too. */
  private static final JsonMapper LENIENT =
      JsonMapper.builder()
          .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
          .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
          .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
          .build();

  private static final Pattern STAGE_VARIABLE = Pattern.compile("\\$\\{stageVariables\\.([^}]+)}");

  private final ApiGatewayEngine engine;
  private final HttpBackends backends = new HttpBackends();
  private final AwsServiceIntegrations awsServices;

  RestApiIntegrations(ApiGatewayEngine engine) {
    this.engine = engine;
    this.awsServices = new AwsServiceIntegrations(engine);
  }

  /**
   * What the integration made of a call, before the gateway writes it.
   *
   * @param selector what the integration responses' selection patterns are matched against: the
   *     status, or a failed Lambda function's error message; {@code null} selects the default one
   */
  record Answer(int status, Map<String, List<String>> headers, byte[] body, String selector) {

    Answer(int status, Map<String, List<String>> headers, byte[] body) {
      this(status, headers, body, String.valueOf(status));
    }
  }

  /**
   * @param inFlight the call as the stack's clock sees it, for integrations that wait on the clock
   */
  CompletionStage<StackResponse> integrate(
      RestApi api,
      Stage stage,
      ResourceMatcher.Match match,
      ApiCall call,
      StackClock.InFlight inFlight) {
    Integration integration = match.method().methodIntegration();
    Set<String> binaryMediaTypes =
        api.hasBinaryMediaTypes() ? Set.copyOf(api.binaryMediaTypes()) : Set.of();
    String uri = withStageVariables(integration.uri(), call.stageVariables());
    try {
      switch (integration.type()) {
        case AWS_PROXY:
          return lambdaProxy(uri, call, binaryMediaTypes, api);
        case HTTP_PROXY:
          return backends
              .forwardProxy(
                  HttpBackends.proxyRequest(call, uri, integration.httpMethod()),
                  timeout(integration),
                  engine.clock(),
                  ApiKind.REST_API)
              .thenApply(RestApiIntegrations::written);
        case MOCK:
        case HTTP:
        case AWS:
          return mapped(integration, uri, call, inFlight);
        default:
          return CompletableFuture.completedFuture(
              configurationError(
                  call,
                  "integrations of type " + integration.typeAsString() + " are not served yet"));
      }
    } catch (TemplateFailure failure) {
      return CompletableFuture.completedFuture(configurationError(call, failure.getMessage()));
    }
  }

  private static Duration timeout(Integration integration) {
    return integration.timeoutInMillis() == null
        ? HttpBackends.DEFAULT_TIMEOUT
        : Duration.ofMillis(integration.timeoutInMillis());
  }

  /** The URI with {@code ${stageVariables.name}} replaced by the stage's values. */
  static String withStageVariables(String uri, Map<String, String> variables) {
    if (uri == null || !uri.contains("${")) {
      return uri;
    }
    Matcher variable = STAGE_VARIABLE.matcher(uri);
    StringBuilder resolved = new StringBuilder();
    while (variable.find()) {
      String value = variables.get(variable.group(1));
      variable.appendReplacement(resolved, Matcher.quoteReplacement(value == null ? "" : value));
    }
    variable.appendTail(resolved);
    return resolved.toString();
  }

  // ---- proxies

  private CompletionStage<StackResponse> lambdaProxy(
      String uri, ApiCall call, Set<String> binaryMediaTypes, RestApi api) {
    String functionArn = IntegrationUris.lambdaFunctionArn(uri);
    if (functionArn == null || !engine.services().runs("lambda")) {
      return CompletableFuture.completedFuture(
          configurationError(call, "no Lambda function in integration URI " + uri));
    }
    byte[] event = ProxyEvents.restEvent(call, binaryMediaTypes).getBytes(StandardCharsets.UTF_8);
    LambdaEngine lambda = engine.services().engine("lambda", LambdaEngine.class);
    String trigger =
        "arn:aws:execute-api:" + call.region() + ":" + call.accountId() + ":" + api.id();
    return ServiceInvocations.invoke(lambda, functionArn, event, trigger)
        .handle(
            (answer, failure) -> {
              if (failure != null) {
                return configurationError(
                    call, "Lambda invocation failed: " + rootCause(failure).getMessage());
              }
              return written(
                  ProxyEvents.readRestResponse(
                      call, binaryMediaTypes, answer.payload(), answer.functionError()));
            });
  }

  private static Throwable rootCause(Throwable failure) {
    Throwable cause = failure;
    while (cause.getCause() != null && cause instanceof java.util.concurrent.CompletionException) {
      cause = cause.getCause();
    }
    return cause;
  }

  /** An integration's outcome as the gateway writes it. */
  private static StackResponse written(IntegrationOutcome outcome) {
    if (outcome instanceof IntegrationFailure) {
      IntegrationFailure failure = (IntegrationFailure) outcome;
      LOG.debug("Integration failed: {}", failure.reason());
      return StackResponse.of(failure.status(), "application/json", failure.body())
          .withHeader(
              "x-amzn-ErrorType", GatewayError.valueOf(failure.gatewayResponseType()).errorType);
    }
    io.serverlessstack.fake.internal.apigateway.proxy.IntegrationResponse response =
        (io.serverlessstack.fake.internal.apigateway.proxy.IntegrationResponse) outcome;
    return write(new Answer(response.status(), response.headers(), response.body()));
  }

  private static StackResponse write(Answer answer) {
    String contentType = "application/json";
    StackResponse response = StackResponse.of(answer.status(), contentType, answer.body());
    for (Map.Entry<String, List<String>> header : answer.headers().entrySet()) {
      if (header.getKey().equalsIgnoreCase("content-type")) {
        response =
            new StackResponse(
                answer.status(), header.getValue().get(0), response.headers(), answer.body());
      } else if (!header.getValue().isEmpty()) {
        response.withHeaderValues(header.getKey(), header.getValue());
      }
    }
    return response;
  }

  // ---- mapped integrations (MOCK, HTTP, AWS)

  private CompletionStage<StackResponse> mapped(
      Integration integration, String uri, ApiCall call, StackClock.InFlight inFlight) {
    TemplateSelection.Choice request =
        TemplateSelection.forRequest(
            integration.hasRequestTemplates() ? integration.requestTemplates() : null,
            call.header("Content-Type"),
            integration.passthroughBehavior());
    if (request.outcome() == TemplateSelection.Outcome.UNSUPPORTED_MEDIA_TYPE) {
      return CompletableFuture.completedFuture(
          RestApiInvoker.error(
              call.requestId(),
              GatewayError.UNSUPPORTED_MEDIA_TYPE,
              GatewayError.UNSUPPORTED_MEDIA_TYPE.message));
    }
    Rendered rendered =
        request.outcome() == TemplateSelection.Outcome.TEMPLATE
            ? MappingTemplates.render(request.template(), TemplateInput.forRequest(call))
            : new Rendered(call.bodyText(), Overrides.NONE);
    CompletionStage<Answer> answered;
    IntegrationRequestParameters parameters =
        IntegrationRequestParameters.of(
            integration.hasRequestParameters() ? integration.requestParameters() : null, call);
    if (integration.type() == IntegrationType.AWS) {
      answered =
          awsServices.call(
              uri,
              integration.httpMethod(),
              call,
              rendered,
              parameters,
              timeout(integration),
              inFlight);
    } else if (integration.type() == IntegrationType.MOCK) {
      Integer status = mockStatus(rendered.body());
      if (status == null) {
        return CompletableFuture.completedFuture(
            configurationError(
                call,
                "Unable to parse statusCode. It should be an integer that is defined in the request"
                    + " template."));
      }
      answered = CompletableFuture.completedFuture(new Answer(status, Map.of(), new byte[0]));
    } else {
      BackendRequest backend =
          new BackendRequest(
              integration.httpMethod().equals("ANY") ? call.httpMethod() : integration.httpMethod(),
              HttpIntegrationRequests.uri(uri, call, parameters, rendered.overrides()),
              HttpIntegrationRequests.headers(parameters, rendered.overrides()),
              rendered.body().getBytes(StandardCharsets.UTF_8));
      answered =
          backends
              .forward(backend, timeout(integration), engine.clock(), ApiKind.REST_API)
              .thenApply(
                  outcome -> {
                    if (outcome instanceof IntegrationFailure) {
                      throw new IntegrationFailed((IntegrationFailure) outcome);
                    }
                    io.serverlessstack.fake.internal.apigateway.proxy.IntegrationResponse response =
                        (io.serverlessstack.fake.internal.apigateway.proxy.IntegrationResponse)
                            outcome;
                    return new Answer(response.status(), response.headers(), response.body());
                  });
    }
    return answered.handle(
        (answer, failure) -> {
          if (failure != null) {
            Throwable cause = rootCause(failure);
            if (cause instanceof IntegrationFailed) {
              return written(((IntegrationFailed) cause).failure);
            }
            return configurationError(call, cause.toString());
          }
          try {
            return methodResponse(integration, call, answer, rendered.overrides());
          } catch (TemplateFailure templateFailure) {
            return configurationError(call, templateFailure.getMessage());
          }
        });
  }

  /** A failed backend call carried through a stage of answers. */
  static final class IntegrationFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient IntegrationFailure failure;

    IntegrationFailed(IntegrationFailure failure) {
      super(failure.reason(), null, false, false);
      this.failure = failure;
    }
  }

  /** The {@code statusCode} a mock's rendered request template names, or {@code null}. */
  static Integer mockStatus(String rendered) {
    try {
      JsonNode template = LENIENT.readTree(rendered);
      JsonNode status = template == null ? null : template.get("statusCode");
      return status != null && status.canConvertToInt() && status.isIntegralNumber()
          ? status.intValue()
          : null;
    } catch (java.io.IOException notJson) {
      return null;
    }
  }

  /**
   * The method response of an answer: the integration response it selects, its header mappings and
   * its response template, then what the templates overrode.
   */
  private StackResponse methodResponse(
      Integration integration, ApiCall call, Answer answer, Overrides afterRequest) {
    software.amazon.awssdk.services.apigateway.model.IntegrationResponse selected =
        select(integration, answer.selector());
    if (selected == null) {
      return configurationError(
          call,
          "No match for output mapping and no default output mapping configured. Endpoint Response"
              + " Status Code: "
              + answer.status());
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    if (selected.hasResponseParameters()) {
      for (Map.Entry<String, String> mapping : selected.responseParameters().entrySet()) {
        String name = mapping.getKey().substring(mapping.getKey().lastIndexOf('.') + 1);
        String value =
            ResponseParameters.value(mapping.getValue(), answer.headers(), answer.body(), call);
        if (value != null) {
          headers.put(name, List.of(value));
        }
      }
    }
    TemplateSelection.Choice template =
        TemplateSelection.forResponse(
            selected.hasResponseTemplates() ? selected.responseTemplates() : null,
            call.header("Accept"));
    byte[] body = answer.body();
    Overrides overrides = afterRequest;
    String contentType = "application/json";
    if (template.outcome() == TemplateSelection.Outcome.TEMPLATE) {
      Rendered rendered =
          MappingTemplates.render(
              template.template(), TemplateInput.forResponse(call, answer.body(), afterRequest));
      body = rendered.body().getBytes(StandardCharsets.UTF_8);
      overrides = rendered.overrides();
      contentType = template.contentType();
    }
    int status = Integer.parseInt(selected.statusCode());
    if (overrides.responseStatus() != null) {
      status = overrides.responseStatus();
    }
    headers.putAll(overrides.responseHeaders());
    Map<String, List<String>> written = new LinkedHashMap<>();
    written.put("Content-Type", List.of(contentType));
    written.putAll(headers);
    return write(new Answer(status, written, body));
  }

  /**
   * The integration response an answer selects: one whose selection pattern matches the status
   * whole, else the one without a pattern (the default); {@code null} when neither.
   */
  static software.amazon.awssdk.services.apigateway.model.IntegrationResponse select(
      Integration integration, String selector) {
    if (!integration.hasIntegrationResponses()) {
      return null;
    }
    software.amazon.awssdk.services.apigateway.model.IntegrationResponse fallback = null;
    // Sorted by status code, so that overlapping patterns resolve the same way every time.
    for (software.amazon.awssdk.services.apigateway.model.IntegrationResponse response :
        new TreeMap<>(integration.integrationResponses()).values()) {
      String pattern = response.selectionPattern();
      if (pattern == null || pattern.isEmpty()) {
        fallback = fallback == null ? response : fallback;
        continue;
      }
      if (selector == null) {
        continue;
      }
      try {
        if (Pattern.compile(pattern, Pattern.DOTALL).matcher(selector).matches()) {
          return response;
        }
      } catch (PatternSyntaxException invalid) {
        LOG.debug("Selection pattern {} does not compile", pattern);
      }
    }
    return fallback;
  }

  /** AWS's answer to an API it cannot serve as configured: 500, {@code Internal server error}. */
  private static StackResponse configurationError(ApiCall call, String reason) {
    LOG.debug("Execution failed due to configuration error: {}", reason);
    return RestApiInvoker.error(
        call.requestId(), GatewayError.API_CONFIGURATION_ERROR, "Internal server error");
  }
}
