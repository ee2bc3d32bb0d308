package io.serverlessstack.fake.server;

import io.serverlessstack.fake.protocol.QueryNaming;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkPojo;

/**
 * What the front door needs to know to serve one AWS service: how its requests are recognised, how
 * its errors are named, and its operations, each a decode → engine → encode handler over the SDK's
 * model classes.
 */
public final class AwsService {

  /** Handles one decoded request; completes later for long polls and other waits. */
  public interface Handler {
    CompletionStage<? extends SdkPojo> handle(SdkPojo request, RequestContext context);
  }

  /** One operation: its name, a fresh request builder, and its handler. */
  public record Operation(
      String name, Supplier<? extends SdkPojo> requestBuilder, Handler handler) {}

  private final String signingName;
  private final String jsonTargetPrefix;
  private final String jsonContentType;
  private final String errorNamespace;
  private final boolean queryCompatible;
  private final String queryXmlNamespace;
  private final QueryNaming queryNaming;
  private final Map<String, Operation> operations;

  private AwsService(Builder builder) {
    this.signingName = builder.signingName;
    this.jsonTargetPrefix = builder.jsonTargetPrefix;
    this.jsonContentType = builder.jsonContentType;
    this.errorNamespace = builder.errorNamespace;
    this.queryCompatible = builder.queryCompatible;
    this.queryXmlNamespace = builder.queryXmlNamespace;
    this.queryNaming = builder.queryNaming;
    this.operations = Map.copyOf(builder.operations);
  }

  public static Builder builder(String signingName) {
    return new Builder(signingName);
  }

  public String signingName() {
    return signingName;
  }

  /** The {@code X-Amz-Target} prefix before the dot, or {@code null} if the service has no JSON. */
  public String jsonTargetPrefix() {
    return jsonTargetPrefix;
  }

  public String jsonContentType() {
    return jsonContentType;
  }

  /** The namespace of {@code __type} in JSON errors, e.g. {@code com.amazonaws.sqs}. */
  public String errorNamespace() {
    return errorNamespace;
  }

  /** Whether JSON errors also carry the legacy query code in {@code x-amzn-query-error}. */
  public boolean queryCompatible() {
    return queryCompatible;
  }

  /**
   * The XML namespace of awsQuery answers, or {@code null} if the service has no query protocol.
   */
  public String queryXmlNamespace() {
    return queryXmlNamespace;
  }

  public QueryNaming queryNaming() {
    return queryNaming;
  }

  public Operation operation(String name) {
    return operations.get(name);
  }

  public Collection<Operation> operations() {
    return operations.values();
  }

  /** Assembles an {@link AwsService}. */
  public static final class Builder {
    private final String signingName;
    private String jsonTargetPrefix;
    private String jsonContentType = "application/x-amz-json-1.0";
    private String errorNamespace;
    private boolean queryCompatible;
    private String queryXmlNamespace;
    private QueryNaming queryNaming = QueryNaming.FROM_TRAITS;
    private final Map<String, Operation> operations = new TreeMap<>();

    private Builder(String signingName) {
      this.signingName = signingName;
    }

    public Builder withJson(String targetPrefix, String contentType, String errorNamespace) {
      this.jsonTargetPrefix = targetPrefix;
      this.jsonContentType = contentType;
      this.errorNamespace = errorNamespace;
      return this;
    }

    public Builder withQuery(String xmlNamespace, QueryNaming naming, boolean jsonQueryCompatible) {
      this.queryXmlNamespace = xmlNamespace;
      this.queryNaming = naming;
      this.queryCompatible = jsonQueryCompatible;
      return this;
    }

    /** An operation answered at once. */
    @SuppressWarnings("unchecked")
    public <Q> Builder operation(
        String name,
        Supplier<? extends SdkPojo> requestBuilder,
        BiFunction<Q, RequestContext, ? extends SdkPojo> handler) {
      return asyncOperation(
          name,
          requestBuilder,
          (Q request, RequestContext context) ->
              CompletableFuture.completedFuture(handler.apply(request, context)));
    }

    /** An operation that may complete later (long polls). */
    @SuppressWarnings("unchecked")
    public <Q> Builder asyncOperation(
        String name,
        Supplier<? extends SdkPojo> requestBuilder,
        BiFunction<Q, RequestContext, ? extends CompletionStage<? extends SdkPojo>> handler) {
      operations.put(
          name,
          new Operation(
              name, requestBuilder, (request, context) -> handler.apply((Q) request, context)));
      return this;
    }

    public AwsService build() {
      return new AwsService(this);
    }
  }
}
