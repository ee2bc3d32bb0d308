package io.serverlessstack.fake.internal.protocol;

import io.serverlessstack.fake.internal.server.Call;
import io.serverlessstack.fake.internal.server.StackResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;

/**
 * restXml as one service speaks it (see {@link RestBinding} for the routes and the members outside
 * the body): body members as the children of one root element in the service's XML namespace, a
 * structure payload as the root element itself, both read and written by {@link RestXmlCodec} from
 * the SDK model. The SDK keeps no name for an output's root element (its parser does not look at
 * it), so the service names those it answers with ({@link #withResponseRoot}, e.g. S3's {@code
 * ListBucketResult}); a structure payload's root is the payload member's name, and a scalar payload
 * is sent as it is unless the operation's root is named after it.
 *
 * <p>Every answer carries the request id in {@code x-amz-request-id} and a host id in {@code
 * x-amz-id-2}. Errors are {@code <Error><Code/><Message/>…<RequestId/><HostId/></Error>}, with the
 * error's {@linkplain AwsErrorException#details() details} between message and request id and its
 * {@linkplain AwsErrorException#headers() headers} on the answer; errors to {@code HEAD} requests,
 * and {@code 304 Not Modified}, have no body.
 */
public final class RestXmlBinding extends RestBinding<RestXmlBinding> {

  private static final String XML = "application/xml";

  private final String xmlNamespace;
  private final Map<String, String> roots;
  private final BodyFormat format;

  private RestXmlBinding(
      Settings settings,
      Map<String, RestOperation> operations,
      String xmlNamespace,
      Map<String, String> roots) {
    super(settings, operations);
    this.xmlNamespace = xmlNamespace;
    this.roots = roots;
    this.format = new XmlFormat();
  }

  /** restXml in {@code xmlNamespace}, every operation's method and URI from the SDK model. */
  public static RestXmlBinding restXml(String xmlNamespace) {
    return new RestXmlBinding(
        Settings.DEFAULT, Map.of(), Objects.requireNonNull(xmlNamespace, "xmlNamespace"), Map.of());
  }

  /**
   * The root element of the bodies {@code operation} answers with ({@code <Operation>Result} if not
   * named).
   */
  public RestXmlBinding withResponseRoot(String operation, String element) {
    Map<String, String> named = new HashMap<>(roots);
    named.put(
        Objects.requireNonNull(operation, "operation"), Objects.requireNonNull(element, "element"));
    return new RestXmlBinding(settings, operations, xmlNamespace, Map.copyOf(named));
  }

  @Override
  RestXmlBinding copy(Settings settings, Map<String, RestOperation> operations) {
    return new RestXmlBinding(settings, operations, xmlNamespace, roots);
  }

  @Override
  BodyFormat format() {
    return format;
  }

  @Override
  String protocolName() {
    return "restXml";
  }

  @Override
  public WireProtocol protocol() {
    return WireProtocol.REST_XML;
  }

  @Override
  StackResponse decorate(StackResponse response, Call call) {
    return response
        .withHeader("x-amz-request-id", call.requestId())
        .withHeader("x-amz-id-2", hostId(call.requestId()));
  }

  /** An opaque id in the form of S3's host ids, derived from the request id. */
  private static String hostId(String requestId) {
    return Base64.getEncoder().encodeToString(requestId.getBytes(StandardCharsets.US_ASCII));
  }

  @Override
  public StackResponse encodeError(Call call, AwsErrorException error) {
    if (error.status() == 304 || isHead(call.request())) {
      StackResponse empty = decorate(StackResponse.of(error.status(), XML, new byte[0]), call);
      error.headers().forEach(empty::withHeader);
      return empty;
    }
    StringBuilder xml = new StringBuilder(256);
    xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>");
    AwsQueryCodec.escape(xml, error.code());
    xml.append("</Code><Message>");
    AwsQueryCodec.escape(xml, error.getMessage());
    xml.append("</Message>");
    error
        .details()
        .forEach(
            (name, value) -> {
              xml.append('<').append(name).append('>');
              AwsQueryCodec.escape(xml, value);
              xml.append("</").append(name).append('>');
            });
    xml.append("<RequestId>").append(call.requestId()).append("</RequestId><HostId>");
    xml.append(hostId(call.requestId())).append("</HostId></Error>");
    StackResponse answer = decorate(StackResponse.of(error.status(), XML, xml.toString()), call);
    error.headers().forEach(answer::withHeader);
    return answer;
  }

  @Override
  public String toString() {
    return "restXml" + operations.keySet();
  }

  /** XML bodies in the binding's namespace. */
  private final class XmlFormat implements BodyFormat {
    @Override
    public String contentType() {
      return XML;
    }

    @Override
    public void readMembers(byte[] body, SdkPojo builder) {
      if (body.length > 0) {
        RestXmlCodec.readMembers(RestXmlCodec.parse(body), builder);
      }
    }

    @Override
    public SdkPojo readPayload(byte[] body, SdkField<?> payload) {
      return body.length == 0 ? null : RestXmlCodec.readPojo(RestXmlCodec.parse(body), payload);
    }

    @Override
    public byte[] writeMembers(SdkPojo output, String operation) {
      return RestXmlCodec.write(
          roots.getOrDefault(operation, operation + "Result"), xmlNamespace, output);
    }

    @Override
    public byte[] writePayload(SdkPojo value, SdkField<?> payload) {
      return RestXmlCodec.write(payload.locationName(), xmlNamespace, value);
    }

    /**
     * A scalar payload named as the operation's root element is that element (S3's {@code
     * <LocationConstraint>eu-west-1</LocationConstraint>}, empty when unset); others go as they
     * are.
     */
    @Override
    public byte[] writeScalarPayload(String operation, SdkField<?> payload, Object value) {
      if (!payload.locationName().equals(roots.get(operation))) {
        return null;
      }
      return RestXmlCodec.writeScalar(payload.locationName(), xmlNamespace, payload, value);
    }
  }
}
