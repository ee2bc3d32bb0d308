package io.serverlessstack.fake.internal.protocol;

import io.serverlessstack.fake.internal.server.Call;
import io.serverlessstack.fake.internal.server.RequestContext;
import io.serverlessstack.fake.internal.server.StackRequest;
import io.serverlessstack.fake.internal.server.StackResponse;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.core.SdkPojo;

/**
 * awsQuery as one service speaks it: form parameters (body or query string) with {@code
 * Action=<Operation>&Version=<version>} in, {@code <OpResponse xmlns="<namespace>">} XML out, and
 * {@code <ErrorResponse>} for errors. Services that share action names (SNS and SQS both have
 * {@code AddPermission}) are told apart by {@code Version}, then by the SigV4 signing name.
 */
public final class AwsQueryBinding implements ProtocolBinding {

  private static final String FORM = "application/x-www-form-urlencoded";
  private static final String XML = "text/xml";

  /**
   * Completes a request's parameters from what else it carries, before they are decoded; SQS reads
   * a missing {@code QueueUrl} from the path older SDKs post to.
   */
  public interface ParameterDefaults {
    void complete(StackRequest request, RequestContext context, Map<String, String> parameters);
  }

  private final String version;
  private final String xmlNamespace;
  private final QueryNaming naming;
  private final ParameterDefaults defaults;

  private AwsQueryBinding(
      String version, String xmlNamespace, QueryNaming naming, ParameterDefaults defaults) {
    this.version = version;
    this.xmlNamespace = xmlNamespace;
    this.naming = naming;
    this.defaults = defaults;
  }

  /**
   * @param version the API version requests carry, e.g. {@code 2010-03-31} for SNS
   * @param xmlNamespace the namespace of answers, e.g. {@code
   *     http://sns.amazonaws.com/doc/2010-03-31/}
   */
  public static AwsQueryBinding awsQuery(String version, String xmlNamespace) {
    return new AwsQueryBinding(
        Objects.requireNonNull(version, "version"),
        Objects.requireNonNull(xmlNamespace, "xmlNamespace"),
        QueryNaming.FROM_TRAITS,
        null);
  }

  /** What answers a query request no service claims: errors without a namespace. */
  public static AwsQueryBinding unclaimed() {
    return new AwsQueryBinding(null, null, QueryNaming.FROM_TRAITS, null);
  }

  /** Wire names other than the SDK model's traits (for services whose model lost them). */
  public AwsQueryBinding withNaming(QueryNaming naming) {
    return new AwsQueryBinding(version, xmlNamespace, Objects.requireNonNull(naming), defaults);
  }

  public AwsQueryBinding withParameterDefaults(ParameterDefaults defaults) {
    return new AwsQueryBinding(version, xmlNamespace, naming, Objects.requireNonNull(defaults));
  }

  @Override
  public WireProtocol protocol() {
    return WireProtocol.AWS_QUERY;
  }

  public String version() {
    return version;
  }

  public String xmlNamespace() {
    return xmlNamespace;
  }

  /**
   * The form parameters of a request: its query string, then its body when that is a form.
   *
   * @throws AwsErrorException ({@code MalformedQueryString}) if a parameter cannot be decoded
   */
  public static Map<String, String> parameters(StackRequest request) {
    Map<String, String> parameters = new LinkedHashMap<>();
    try {
      decodeForm(request.query(), parameters);
      String contentType = request.header("content-type");
      if (contentType != null && contentType.regionMatches(true, 0, FORM, 0, FORM.length())) {
        decodeForm(request.bodyText(), parameters);
      }
    } catch (BadInput bad) {
      throw bad.named(ProtocolErrors.AWS, WireProtocol.AWS_QUERY);
    }
    return parameters;
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
        throw BadInput.malformed("Malformed form parameter: " + pair);
      }
    }
  }

  /** {@inheritDoc} The call's routed value is its parameters, as {@link #parameters} read them. */
  @Override
  public SdkPojo decode(Call call) {
    @SuppressWarnings("unchecked")
    Map<String, String> parameters = (Map<String, String>) call.routed();
    if (defaults != null) {
      defaults.complete(call.request(), call.context(), parameters);
    }
    try {
      return AwsQueryCodec.read(
          parameters, call.operationName(), call.operation().requestBuilder().get(), naming);
    } catch (BadInput bad) {
      throw bad.named(call.errors(), WireProtocol.AWS_QUERY);
    }
  }

  @Override
  public StackResponse encode(Call call, SdkPojo response) {
    return StackResponse.of(
            200,
            XML,
            AwsQueryCodec.write(
                response, call.operationName(), xmlNamespace, call.requestId(), naming))
        .withHeader("x-amzn-RequestId", call.requestId());
  }

  @Override
  public StackResponse encodeError(Call call, AwsErrorException error) {
    return StackResponse.of(
            error.status(), XML, AwsQueryCodec.errorBody(error, call.requestId(), xmlNamespace))
        .withHeader("x-amzn-RequestId", call.requestId());
  }

  @Override
  public String toString() {
    return "awsQuery[" + version + "]";
  }
}
