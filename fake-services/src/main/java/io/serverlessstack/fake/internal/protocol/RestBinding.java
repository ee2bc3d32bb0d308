package io.serverlessstack.fake.internal.protocol;

import io.serverlessstack.fake.internal.server.AwsService;
import io.serverlessstack.fake.internal.server.Call;
import io.serverlessstack.fake.internal.server.StackRequest;
import io.serverlessstack.fake.internal.server.StackResponse;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallLocation;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.traits.PayloadTrait;
import software.amazon.awssdk.protocols.core.OperationInfo;

/**
 * The REST protocols, restJson1 and restXml, as one service speaks them: each operation is an HTTP
 * method and URI template, and each member of its input and output is bound to a place in the HTTP
 * message by its {@link SdkField#location()} — a path label, a query parameter, a header, the
 * status code, or the body; a member with the {@link PayloadTrait} is the whole body (raw bytes for
 * a blob). The methods and templates are read from the SDK's generated marshallers ({@code
 * <service>.transform.<Op>RequestMarshaller.SDK_OPERATION_BINDING}), once, when the service is
 * built; nothing is written out per operation. The two protocols differ only in how a body of
 * members reads and writes ({@link RestJsonBinding}: JSON; {@link RestXmlBinding}: XML) and in the
 * shape of their errors.
 *
 * <p>An operation whose input streams (S3's {@code PutObject}: the SDK keeps the body out of its
 * model class) gets a {@link Streamed} input carrying the body; an operation may answer with a
 * {@link Streamed} output, whose body is the HTTP body.
 *
 * <p>The answer's status is a {@link Streamed} output's own, else the output's status-code member
 * when it has one and it is set, else the operation's success status: 200 unless the service
 * {@linkplain #withSuccessStatus declares another} (the SDK keeps the model's {@code
 * http.responseCode} nowhere). Answers to {@code HEAD} requests, and {@code 204} and {@code 304}
 * answers, have no body.
 *
 * <p>For S3's addressing the binding can take one label from the {@code Host} ({@link
 * #withHostLabel}), tell apart two operations of one method and template by a header ({@link
 * #withRouteHeader}), refuse requests naming a sub-resource none of its operations serve ({@link
 * #withSubresources}), and rewrite requests before reading them ({@link #withRequestFilter}).
 *
 * @param <B> the concrete binding, which the {@code with…} methods return
 */
public abstract sealed class RestBinding<B extends RestBinding<B>> implements ProtocolBinding
    permits RestJsonBinding, RestXmlBinding {

  static final String BINARY = "application/octet-stream";
  static final String TEXT = "text/plain; charset=utf-8";

  /**
   * A path label a service takes from the request's host when it is there, else from the first path
   * segment: S3's {@code Bucket}, in {@code bucket.s3.amazonaws.com/key} or {@code
   * s3.amazonaws.com/bucket/key}. The SDK's model leaves such a label out of its URI templates (its
   * endpoint rules place it), so the binding puts it in front of every template of an input that
   * has the label's member.
   *
   * @param label the label's name, e.g. {@code Bucket}
   * @param fromHost the label's value in a request's host, or {@code null} when the host does not
   *     carry it
   */
  public record HostLabel(String label, Function<StackRequest, String> fromHost) {
    public HostLabel {
      Objects.requireNonNull(label, "label");
      Objects.requireNonNull(fromHost, "fromHost");
    }
  }

  /** What a binding is configured with. */
  record Settings(
      Map<String, Integer> successStatus,
      Map<String, String> routeHeaders,
      Set<String> subresources,
      HostLabel hostLabel,
      UnaryOperator<StackRequest> requestFilter) {

    static final Settings DEFAULT =
        new Settings(Map.of(), Map.of(), Set.of(), null, UnaryOperator.identity());

    Settings withSuccessStatus(String operation, int status) {
      Map<String, Integer> statuses = new HashMap<>(successStatus);
      statuses.put(operation, status);
      return new Settings(
          Map.copyOf(statuses), routeHeaders, subresources, hostLabel, requestFilter);
    }

    Settings withRouteHeader(String operation, String header) {
      Map<String, String> headers = new HashMap<>(routeHeaders);
      headers.put(operation, header);
      return new Settings(
          successStatus, Map.copyOf(headers), subresources, hostLabel, requestFilter);
    }

    Settings withSubresources(Set<String> names) {
      return new Settings(successStatus, routeHeaders, Set.copyOf(names), hostLabel, requestFilter);
    }

    Settings withHostLabel(HostLabel label) {
      return new Settings(successStatus, routeHeaders, subresources, label, requestFilter);
    }

    Settings withRequestFilter(UnaryOperator<StackRequest> filter) {
      return new Settings(successStatus, routeHeaders, subresources, hostLabel, filter);
    }
  }

  /** How one protocol's bodies of members read and write. */
  interface BodyFormat {

    /** The content type of bodies of members, and of answers without a body. */
    String contentType();

    /** Sets the body members {@code body} carries on {@code builder}; an empty body has none. */
    void readMembers(byte[] body, SdkPojo builder);

    /** The structure a whole body is, as {@code payload}'s type; {@code null} for an empty body. */
    SdkPojo readPayload(byte[] body, SdkField<?> payload);

    /** The body of {@code output}'s body members, as {@code operation} answers them. */
    byte[] writeMembers(SdkPojo output, String operation);

    /** A structure that is the whole body, as {@code payload}. */
    byte[] writePayload(SdkPojo value, SdkField<?> payload);

    /**
     * A scalar payload of {@code operation} as a document of the protocol's, or {@code null} to
     * send it as it is (text or bytes); {@code value} may be {@code null}.
     */
    default byte[] writeScalarPayload(String operation, SdkField<?> payload, Object value) {
      return null;
    }
  }

  final Settings settings;

  /** By operation name; empty until {@linkplain #bind bound} to a service's operations. */
  final Map<String, RestOperation> operations;

  RestBinding(Settings settings, Map<String, RestOperation> operations) {
    this.settings = settings;
    this.operations = operations;
  }

  /** A copy with other settings and operations. */
  abstract B copy(Settings settings, Map<String, RestOperation> operations);

  abstract BodyFormat format();

  /** The protocol's name in messages, e.g. {@code restJson1}. */
  abstract String protocolName();

  /** Adds what every answer of the protocol carries, e.g. the request id. */
  abstract StackResponse decorate(StackResponse response, Call call);

  /** The status {@code operation} answers with on success, e.g. 201 or 204 (200 by default). */
  public B withSuccessStatus(String operation, int status) {
    if (status < 200 || status > 299) {
      throw new IllegalArgumentException("Not a success status: " + status);
    }
    return copy(
        settings.withSuccessStatus(Objects.requireNonNull(operation, "operation"), status),
        operations);
  }

  /**
   * Routes {@code operation} only for requests carrying {@code header}, before an operation of the
   * same method and template that does not ask for it: S3's {@code CopyObject} ({@code
   * x-amz-copy-source}) beside {@code PutObject}.
   */
  public B withRouteHeader(String operation, String header) {
    return copy(
        settings.withRouteHeader(
            Objects.requireNonNull(operation, "operation"),
            Objects.requireNonNull(header, "header").toLowerCase(Locale.ROOT)),
        operations);
  }

  /**
   * Query parameters that select a sub-resource (S3's {@code acl}, {@code tagging}, …): a request
   * naming one matches only an operation whose template or input names it, so that a request for an
   * operation the service does not serve is refused rather than taken for one it does.
   */
  public B withSubresources(Set<String> names) {
    return copy(settings.withSubresources(names), operations);
  }

  /** Takes {@code label} from the host when it is there (see {@link HostLabel}). */
  public B withHostLabel(HostLabel hostLabel) {
    return copy(settings.withHostLabel(Objects.requireNonNull(hostLabel, "hostLabel")), operations);
  }

  /**
   * Rewrites each request before its input is read from it, e.g. to decode a content encoding;
   * {@code filter} may throw an {@link AwsErrorException} to refuse it.
   */
  public B withRequestFilter(UnaryOperator<StackRequest> filter) {
    return copy(settings.withRequestFilter(Objects.requireNonNull(filter, "filter")), operations);
  }

  @Override
  public B bind(String signingName, Collection<AwsService.Operation> serviceOps) {
    Map<String, RestOperation> bound = new LinkedHashMap<>();
    for (AwsService.Operation operation : serviceOps) {
      OperationInfo info = operationInfo(signingName, operation);
      if (info.operationIdentifier() != null) {
        // RPC protocols (awsJson, awsQuery) name the operation; REST protocols route by URI.
        throw new IllegalArgumentException(
            signingName
                + "'s "
                + operation.name()
                + ": its SDK model is not "
                + protocolName()
                + " but an RPC protocol's (operation "
                + info.operationIdentifier()
                + ")");
      }
      SdkPojo inputBuilder = operation.requestBuilder().get();
      bound.put(
          operation.name(),
          new RestOperation(
              operation,
              info.httpMethod().name(),
              UriTemplate.parse(template(info.requestUri(), inputBuilder)),
              settings.successStatus().getOrDefault(operation.name(), 200),
              settings.routeHeaders().get(operation.name()),
              info.hasStreamingInput(),
              inputBuilder));
    }
    for (String name : settings.successStatus().keySet()) {
      requireOperation(signingName, bound, name, "a success status");
    }
    for (String name : settings.routeHeaders().keySet()) {
      requireOperation(signingName, bound, name, "a route header");
    }
    return copy(settings, Map.copyOf(bound));
  }

  private static void requireOperation(
      String signingName, Map<String, RestOperation> bound, String name, String what) {
    if (!bound.containsKey(name)) {
      throw new IllegalArgumentException(
          signingName + " declares " + what + " for " + name + ", which it does not have");
    }
  }

  /** The model's URI, with the host label in front when the input has it and the URI does not. */
  private String template(String requestUri, SdkPojo inputBuilder) {
    HostLabel host = settings.hostLabel();
    if (host == null || requestUri.contains("{" + host.label() + "}")) {
      return requestUri;
    }
    boolean hasLabel = false;
    for (SdkField<?> field : inputBuilder.sdkFields()) {
      hasLabel |=
          field.location() == MarshallLocation.PATH && field.locationName().equals(host.label());
    }
    if (!hasLabel) {
      return requestUri;
    }
    String prefix = "/{" + host.label() + "}";
    if (requestUri.isEmpty() || requestUri.startsWith("?")) {
      return prefix + requestUri;
    }
    return prefix + (requestUri.startsWith("/") ? requestUri : "/" + requestUri);
  }

  /**
   * The method and URI of {@code operation}, from the marshaller the SDK generated beside its input
   * class: {@code <service>.model.XRequest} → {@code <service>.transform.XRequestMarshaller}.
   */
  private OperationInfo operationInfo(String signingName, AwsService.Operation operation) {
    Class<?> input = AwsJsonCodec.build(operation.requestBuilder().get()).getClass();
    String name = input.getName();
    int model = name.lastIndexOf(".model.");
    String marshaller =
        model < 0
            ? null
            : name.substring(0, model) + ".transform." + input.getSimpleName() + "Marshaller";
    try {
      if (marshaller == null) {
        throw new ClassNotFoundException(name);
      }
      Field binding =
          Class.forName(marshaller, false, input.getClassLoader())
              .getDeclaredField("SDK_OPERATION_BINDING");
      binding.setAccessible(true);
      return (OperationInfo) binding.get(null);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalArgumentException(
          signingName
              + "'s "
              + operation.name()
              + ": no "
              + protocolName()
              + " binding in the SDK model for "
              + name
              + " (looked for "
              + marshaller
              + ".SDK_OPERATION_BINDING)",
          e);
    }
  }

  /** The routes of the bound operations, for the router's table. */
  public List<Route> routes() {
    List<Route> routes = new ArrayList<>();
    for (RestOperation operation : operations.values()) {
      routes.add(new Route(operation, settings.subresources()));
    }
    return routes;
  }

  /**
   * A request's path cut into segments for {@link Route#match}, with the {@linkplain HostLabel host
   * label} in front when the host carries it.
   */
  public String[] segments(StackRequest request) {
    HostLabel host = settings.hostLabel();
    if (host == null) {
      return UriTemplate.segments(request.path());
    }
    String[] path = UriTemplate.exactSegments(request.path());
    String fromHost = host.fromHost().apply(request);
    if (fromHost == null) {
      return path;
    }
    String[] segments = new String[path.length + 1];
    segments[0] = fromHost;
    System.arraycopy(path, 0, segments, 1, path.length);
    return segments;
  }

  /** One operation's method, URI template and route header. */
  public static final class Route {
    private final RestOperation operation;
    private final Set<String> subresources;

    private Route(RestOperation operation, Set<String> subresources) {
      this.operation = operation;
      this.subresources = subresources;
    }

    public String method() {
      return operation.method;
    }

    public String operationName() {
      return operation.operation.name();
    }

    public String uriTemplate() {
      return operation.template.text();
    }

    /** The template, and the header the route requires if any: what no two routes may share. */
    public String key() {
      return operation.routeHeader == null
          ? uriTemplate()
          : uriTemplate() + " with " + operation.routeHeader;
    }

    /**
     * Higher for routes that should be tried first: more literal segments, no greedy label, a
     * required header.
     */
    public int specificity() {
      return operation.template.specificity() + (operation.routeHeader == null ? 0 : 1);
    }

    /**
     * The route's path labels, still percent-encoded, for a request whose path {@link
     * RestBinding#segments} cut into {@code segments}, or {@code null} if it is not this route's.
     */
    public Map<String, String> match(String[] segments, StackRequest request) {
      Map<String, String> labels = operation.template.match(segments, request.query());
      if (labels == null
          || (operation.routeHeader != null && request.header(operation.routeHeader) == null)
          || namesOtherSubresource(request.query())) {
        return null;
      }
      return labels;
    }

    private boolean namesOtherSubresource(String rawQuery) {
      if (subresources.isEmpty() || rawQuery == null || rawQuery.isEmpty()) {
        return false;
      }
      for (String pair : rawQuery.split("&")) {
        int equals = pair.indexOf('=');
        String name = equals < 0 ? pair : pair.substring(0, equals);
        if (subresources.contains(name) && !operation.boundQueryNames.contains(name)) {
          return true;
        }
      }
      return false;
    }

    @Override
    public String toString() {
      return method() + " " + key() + " → " + operationName();
    }
  }

  // ---- requests

  /**
   * {@inheritDoc} The call's routed value is its path labels, as {@link Route#match} found them.
   */
  @Override
  public SdkPojo decode(Call call) {
    RestOperation operation = operations.get(call.operationName());
    @SuppressWarnings("unchecked")
    Map<String, String> labels = (Map<String, String>) call.routed();
    try {
      return operation.read(settings.requestFilter().apply(call.request()), labels, format());
    } catch (BadInput bad) {
      throw bad.named(call.errors(), protocol());
    }
  }

  // ---- answers

  @Override
  public StackResponse encode(Call call, SdkPojo response) {
    RestOperation operation = operations.get(call.operationName());
    SdkPojo output = response instanceof Streamed<?> streamed ? streamed.message() : response;
    return decorate(
        operation.write(
            response, operation.responseShape(output), format(), isHead(call.request())),
        call);
  }

  static boolean isHead(StackRequest request) {
    return request.method().equals("HEAD");
  }

  /** One operation's bindings of input and output members, worked out once. */
  static final class RestOperation {
    final AwsService.Operation operation;
    final String method;
    final UriTemplate template;
    final int successStatus;
    final String routeHeader;
    final boolean streamingInput;
    final List<SdkField<?>> labels = new ArrayList<>();
    final List<SdkField<?>> queries = new ArrayList<>();
    final List<SdkField<?>> headers = new ArrayList<>();

    /** The headers' names in lower case, as requests' header names are. */
    final List<String> headerNames = new ArrayList<>();

    final SdkField<?> payload;
    final boolean bodyMembers;

    /** Query parameter names bound to a member (or required by the template). */
    final Set<String> boundQueryNames = new HashSet<>();

    private volatile ResponseShape response;

    RestOperation(
        AwsService.Operation operation,
        String method,
        UriTemplate template,
        int successStatus,
        String routeHeader,
        boolean streamingInput,
        SdkPojo inputBuilder) {
      this.operation = operation;
      this.method = method;
      this.template = template;
      this.successStatus = successStatus;
      this.routeHeader = routeHeader;
      this.streamingInput = streamingInput;
      SdkField<?> explicit = null;
      boolean body = false;
      boundQueryNames.addAll(template.literalQueryNames());
      for (SdkField<?> field : inputBuilder.sdkFields()) {
        MarshallLocation location = field.location();
        if (location == MarshallLocation.PATH || location == MarshallLocation.GREEDY_PATH) {
          labels.add(field);
        } else if (location == MarshallLocation.QUERY_PARAM) {
          queries.add(field);
          if (field.marshallingType() != MarshallingType.MAP) {
            boundQueryNames.add(field.locationName());
          }
        } else if (location == MarshallLocation.HEADER) {
          headers.add(field);
          headerNames.add(field.locationName().toLowerCase(Locale.ROOT));
        } else if (field.containsTrait(PayloadTrait.class)) {
          explicit = field;
        } else if (AwsJsonCodec.inBody(field)) {
          body = true;
        }
      }
      List<String> missing = new ArrayList<>(template.labels());
      labels.forEach(field -> missing.remove(field.locationName()));
      if (!missing.isEmpty()) {
        throw new IllegalArgumentException(
            operation.name() + ": no member for the labels " + missing + " of " + template);
      }
      this.payload = explicit;
      this.bodyMembers = body;
    }

    SdkPojo read(StackRequest request, Map<String, String> pathLabels, BodyFormat format) {
      SdkPojo builder = operation.requestBuilder().get();
      for (SdkField<?> field : labels) {
        String raw = pathLabels.get(field.locationName());
        if (raw != null) {
          field.set(
              builder,
              RestValues.parse(
                  field, field.location(), field.locationName(), UriTemplate.percentDecode(raw)));
        }
      }
      if (!queries.isEmpty()) {
        readQuery(builder, RestValues.parseQuery(request.query()));
      }
      for (int i = 0; i < headers.size(); i++) {
        readHeader(builder, headers.get(i), headerNames.get(i), request);
      }
      byte[] body = request.body();
      if (payload != null) {
        readPayload(builder, body, format);
      } else if (bodyMembers && !streamingInput) {
        format.readMembers(body, builder);
      }
      SdkPojo input = AwsJsonCodec.build(builder);
      return streamingInput ? Streamed.of(input, body) : input;
    }

    private void readQuery(SdkPojo builder, Map<String, List<String>> query) {
      for (SdkField<?> field : queries) {
        String name = field.locationName();
        switch (field.marshallingType().getKnownType()) {
          case LIST:
            {
              List<String> values = query.get(name);
              if (values != null) {
                SdkField<?> member = field.getRequiredTrait(ListTrait.class).memberFieldInfo();
                List<Object> list = new ArrayList<>();
                for (String value : values) {
                  list.add(RestValues.parse(member, MarshallLocation.QUERY_PARAM, name, value));
                }
                field.set(builder, list);
              }
              break;
            }
          case MAP:
            {
              // Every parameter no other member claims.
              SdkField<?> valueField = field.getRequiredTrait(MapTrait.class).valueFieldInfo();
              boolean lists = valueField.marshallingType() == MarshallingType.LIST;
              Map<String, Object> map = new LinkedHashMap<>();
              query.forEach(
                  (key, values) -> {
                    if (!boundQueryNames.contains(key)) {
                      map.put(key, lists ? List.copyOf(values) : values.get(0));
                    }
                  });
              if (!map.isEmpty()) {
                field.set(builder, map);
              }
              break;
            }
          default:
            {
              List<String> values = query.get(name);
              if (values != null) {
                field.set(
                    builder,
                    RestValues.parse(field, MarshallLocation.QUERY_PARAM, name, values.get(0)));
              }
            }
        }
      }
    }

    /**
     * @param name the member's header name in lower case, as the request's header names are
     */
    private static void readHeader(
        SdkPojo builder, SdkField<?> field, String name, StackRequest request) {
      switch (field.marshallingType().getKnownType()) {
        case MAP:
          {
            // The member's name is a prefix, as S3's x-amz-meta-.
            Map<String, String> map = new LinkedHashMap<>();
            request
                .headers()
                .forEach(
                    (header, value) -> {
                      if (header.startsWith(name)) {
                        map.put(header.substring(name.length()), value);
                      }
                    });
            if (!map.isEmpty()) {
              field.set(builder, map);
            }
            break;
          }
        case LIST:
          {
            String value = request.header(name);
            if (value != null) {
              SdkField<?> member = field.getRequiredTrait(ListTrait.class).memberFieldInfo();
              List<Object> list = new ArrayList<>();
              for (String item : value.split(",")) {
                list.add(
                    RestValues.parse(member, MarshallLocation.HEADER, field.locationName(), item));
              }
              field.set(builder, list);
            }
            break;
          }
        default:
          {
            String value = request.header(name);
            if (value != null) {
              field.set(
                  builder,
                  RestValues.parse(field, MarshallLocation.HEADER, field.locationName(), value));
            }
          }
      }
    }

    private void readPayload(SdkPojo builder, byte[] body, BodyFormat format) {
      switch (payload.marshallingType().getKnownType()) {
        case SDK_BYTES:
          if (body.length > 0) {
            payload.set(builder, SdkBytes.fromByteArray(body));
          }
          break;
        case STRING:
          if (body.length > 0) {
            payload.set(builder, new String(body, StandardCharsets.UTF_8));
          }
          break;
        case SDK_POJO:
          {
            SdkPojo value = format.readPayload(body, payload);
            if (value != null) {
              payload.set(builder, value);
            }
            break;
          }
        default:
          throw new IllegalStateException(
              operation.name() + ": unsupported payload type " + payload.marshallingType());
      }
    }

    ResponseShape responseShape(SdkPojo output) {
      ResponseShape shape = response;
      if (shape == null || shape.type != output.getClass()) {
        shape = new ResponseShape(output);
        response = shape;
      }
      return shape;
    }

    /**
     * @param answer the output, or a {@link Streamed} output
     * @param head whether the request was a {@code HEAD}, whose answer has no body
     */
    StackResponse write(SdkPojo answer, ResponseShape shape, BodyFormat format, boolean head) {
      Streamed<?> streamed = answer instanceof Streamed<?> withBody ? withBody : null;
      SdkPojo output = streamed == null ? answer : streamed.message();
      int status = successStatus;
      if (streamed != null && streamed.status() != 0) {
        status = streamed.status();
      } else if (shape.statusCode != null) {
        Object code = shape.statusCode.getValueOrDefault(output);
        if (code != null) {
          status = ((Number) code).intValue();
        }
      }
      StackResponse response;
      if (status == 204 || status == 304 || head) {
        response = StackResponse.of(status, format.contentType(), new byte[0]); // no body
      } else if (streamed != null) {
        response = StackResponse.of(status, BINARY, streamed.body());
      } else if (shape.payload != null) {
        Object value = shape.payload.getValueOrDefault(output);
        byte[] document = format.writeScalarPayload(operation.name(), shape.payload, value);
        response =
            document != null
                ? StackResponse.of(status, format.contentType(), document)
                : payloadResponse(status, shape.payload, value, format);
      } else if (shape.bodyMembers) {
        response =
            StackResponse.of(
                status, format.contentType(), format.writeMembers(output, operation.name()));
      } else {
        response = StackResponse.of(status, format.contentType(), new byte[0]);
      }
      for (SdkField<?> field : shape.headers) {
        writeHeader(response, field, field.getValueOrDefault(output));
      }
      return response;
    }

    private static StackResponse payloadResponse(
        int status, SdkField<?> payload, Object value, BodyFormat format) {
      if (value == null) {
        return StackResponse.of(status, format.contentType(), new byte[0]);
      }
      switch (payload.marshallingType().getKnownType()) {
        case SDK_BYTES:
          return StackResponse.of(status, BINARY, ((SdkBytes) value).asByteArray());
        case STRING:
          return StackResponse.of(status, TEXT, (String) value);
        case SDK_POJO:
          return StackResponse.of(
              status, format.contentType(), format.writePayload((SdkPojo) value, payload));
        default:
          throw new IllegalStateException("Unsupported payload type " + payload.marshallingType());
      }
    }

    private static void writeHeader(StackResponse response, SdkField<?> field, Object value) {
      if (!AwsJsonCodec.isSet(value)) {
        return;
      }
      String name = field.unmarshallLocationName();
      switch (field.marshallingType().getKnownType()) {
        case MAP:
          ((Map<?, ?>) value)
              .forEach((key, item) -> response.withHeader(name + key, String.valueOf(item)));
          break;
        case LIST:
          {
            SdkField<?> member = field.getRequiredTrait(ListTrait.class).memberFieldInfo();
            StringBuilder joined = new StringBuilder();
            for (Object item : (List<?>) value) {
              if (joined.length() > 0) {
                joined.append(',');
              }
              joined.append(RestValues.text(member, MarshallLocation.HEADER, item));
            }
            response.withHeader(name, joined.toString());
            break;
          }
        default:
          response.withHeader(name, RestValues.text(field, MarshallLocation.HEADER, value));
      }
    }
  }

  /** Where an output class's members go, worked out on its first answer. */
  private static final class ResponseShape {
    final Class<?> type;
    final SdkField<?> statusCode;
    final List<SdkField<?>> headers = new ArrayList<>();
    final SdkField<?> payload;
    final boolean bodyMembers;

    ResponseShape(SdkPojo output) {
      this.type = output.getClass();
      SdkField<?> status = null;
      SdkField<?> explicit = null;
      boolean body = false;
      for (SdkField<?> field : output.sdkFields()) {
        MarshallLocation location = field.location();
        if (location == MarshallLocation.STATUS_CODE) {
          status = field;
        } else if (location == MarshallLocation.HEADER) {
          headers.add(field);
        } else if (field.containsTrait(PayloadTrait.class)) {
          explicit = field;
        } else if (AwsJsonCodec.inBody(field)) {
          body = true;
        }
      }
      this.statusCode = status;
      this.payload = explicit;
      this.bodyMembers = body;
    }
  }
}
