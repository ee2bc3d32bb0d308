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
 * restJson1 as one service speaks it: each operation is an HTTP method and URI template, and each
 * member of its input and output is bound to a place in the HTTP message by its {@link
 * SdkField#location()} — a path label, a query parameter, a header, the status code, or the JSON
 * body; a member with the {@link PayloadTrait} is the whole body (raw bytes for a blob). The
 * methods and templates are read from the SDK's generated marshallers ({@code
 * <service>.transform.<Op>RequestMarshaller.SDK_OPERATION_BINDING}), once, when the service is
 * built; nothing is written out per operation.
 *
 * <p>The answer's status is the output's status-code member when it has one and it is set, else the
 * operation's success status: 200 unless the service {@linkplain #withSuccessStatus declares
 * another} (the SDK keeps the model's {@code http.responseCode} nowhere). Errors carry their code
 * in {@code x-amzn-ErrorType} and their message in the body.
 */
public final class RestJsonBinding implements ProtocolBinding {

  private static final String JSON = "application/json";
  private static final String BINARY = "application/octet-stream";
  private static final String TEXT = "text/plain; charset=utf-8";

  private final Map<String, Integer> successStatus;
  private final String errorMessageMember;

  /** By operation name; empty until {@linkplain #bind bound} to a service's operations. */
  private final Map<String, RestOperation> operations;

  private RestJsonBinding(
      Map<String, Integer> successStatus,
      String errorMessageMember,
      Map<String, RestOperation> operations) {
    this.successStatus = successStatus;
    this.errorMessageMember = errorMessageMember;
    this.operations = operations;
  }

  /** restJson1, every operation's method and URI from the SDK model. */
  public static RestJsonBinding restJson1() {
    return new RestJsonBinding(Map.of(), "message", Map.of());
  }

  /** The status {@code operation} answers with on success, e.g. 201 or 204 (200 by default). */
  public RestJsonBinding withSuccessStatus(String operation, int status) {
    if (status < 200 || status > 299) {
      throw new IllegalArgumentException("Not a success status: " + status);
    }
    Map<String, Integer> statuses = new HashMap<>(successStatus);
    statuses.put(Objects.requireNonNull(operation, "operation"), status);
    return new RestJsonBinding(Map.copyOf(statuses), errorMessageMember, operations);
  }

  /** The body member errors carry their message in ({@code message} by default). */
  public RestJsonBinding withErrorMessageMember(String member) {
    return new RestJsonBinding(successStatus, Objects.requireNonNull(member, "member"), operations);
  }

  @Override
  public WireProtocol protocol() {
    return WireProtocol.REST_JSON_1;
  }

  @Override
  public RestJsonBinding bind(String signingName, Collection<AwsService.Operation> serviceOps) {
    Map<String, RestOperation> bound = new LinkedHashMap<>();
    for (AwsService.Operation operation : serviceOps) {
      OperationInfo info = operationInfo(signingName, operation);
      if (info.operationIdentifier() != null) {
        // RPC protocols (awsJson, awsQuery) name the operation; restJson1 routes by method and URI.
        throw new IllegalArgumentException(
            signingName
                + "'s "
                + operation.name()
                + ": its SDK model is not restJson1 but an RPC protocol's (operation "
                + info.operationIdentifier()
                + ")");
      }
      bound.put(
          operation.name(),
          new RestOperation(
              operation,
              info.httpMethod().name(),
              UriTemplate.parse(info.requestUri()),
              successStatus.getOrDefault(operation.name(), 200),
              operation.requestBuilder().get()));
    }
    for (String name : successStatus.keySet()) {
      if (!bound.containsKey(name)) {
        throw new IllegalArgumentException(
            signingName + " declares a success status for " + name + ", which it does not have");
      }
    }
    return new RestJsonBinding(successStatus, errorMessageMember, Map.copyOf(bound));
  }

  /**
   * The method and URI of {@code operation}, from the marshaller the SDK generated beside its input
   * class: {@code <service>.model.XRequest} → {@code <service>.transform.XRequestMarshaller}.
   */
  private static OperationInfo operationInfo(String signingName, AwsService.Operation operation) {
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
              + ": no restJson1 binding in the SDK model for "
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
      routes.add(new Route(operation));
    }
    return routes;
  }

  /** One operation's method and URI template. */
  public static final class Route {
    private final RestOperation operation;

    private Route(RestOperation operation) {
      this.operation = operation;
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

    /** Higher for templates that should be tried first: more literal segments, no greedy label. */
    public int specificity() {
      return operation.template.specificity();
    }

    /**
     * The route's path labels for a request path cut by {@link #segments} (the call's {@link
     * Call#routed() routed} value), or {@code null} if it is not this route's.
     */
    public Map<String, String> match(String[] segments, String rawQuery) {
      return operation.template.match(segments, rawQuery);
    }

    @Override
    public String toString() {
      return method() + " " + uriTemplate() + " → " + operationName();
    }
  }

  /** A request path cut into segments for {@link Route#match}. */
  public static String[] segments(String path) {
    return UriTemplate.segments(path);
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
      return operation.read(call.request(), labels);
    } catch (BadInput bad) {
      throw bad.named(call.errors(), WireProtocol.REST_JSON_1);
    }
  }

  // ---- answers

  @Override
  public StackResponse encode(Call call, SdkPojo response) {
    RestOperation operation = operations.get(call.operationName());
    return operation
        .write(response, operation.responseShape(response))
        .withHeader("x-amzn-RequestId", call.requestId());
  }

  @Override
  public StackResponse encodeError(Call call, AwsErrorException error) {
    return StackResponse.of(
            error.status(),
            JSON,
            AwsJsonCodec.JSON.errorBody(null, errorMessageMember, error.getMessage()))
        .withHeader("x-amzn-RequestId", call.requestId())
        .withHeader("x-amzn-ErrorType", error.code());
  }

  @Override
  public String toString() {
    return "restJson1" + operations.keySet();
  }

  /** One operation's bindings of input and output members, worked out once. */
  private static final class RestOperation {
    final AwsService.Operation operation;
    final String method;
    final UriTemplate template;
    final int successStatus;
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
        SdkPojo inputBuilder) {
      this.operation = operation;
      this.method = method;
      this.template = template;
      this.successStatus = successStatus;
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

    SdkPojo read(StackRequest request, Map<String, String> pathLabels) {
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
        readPayload(builder, body);
      } else if (bodyMembers) {
        AwsJsonCodec.JSON.populate(body, builder);
      }
      return AwsJsonCodec.build(builder);
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

    private void readPayload(SdkPojo builder, byte[] body) {
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
          if (body.length > 0) {
            SdkPojo nested = payload.constructor().get();
            AwsJsonCodec.JSON.populate(body, nested);
            payload.set(builder, AwsJsonCodec.build(nested));
          }
          break;
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

    StackResponse write(SdkPojo output, ResponseShape shape) {
      int status = successStatus;
      if (shape.statusCode != null) {
        Object code = shape.statusCode.getValueOrDefault(output);
        if (code != null) {
          status = ((Number) code).intValue();
        }
      }
      StackResponse response;
      if (status == 204 || status == 304) {
        response = StackResponse.of(status, JSON, new byte[0]); // answers that have no body
      } else if (shape.payload != null) {
        Object value = shape.payload.getValueOrDefault(output);
        response = payloadResponse(status, shape.payload, value);
      } else if (shape.bodyMembers) {
        response = StackResponse.of(status, JSON, AwsJsonCodec.JSON.write(output));
      } else {
        response = StackResponse.of(status, JSON, new byte[0]);
      }
      for (SdkField<?> field : shape.headers) {
        writeHeader(response, field, field.getValueOrDefault(output));
      }
      return response;
    }

    private static StackResponse payloadResponse(int status, SdkField<?> payload, Object value) {
      if (value == null) {
        return StackResponse.of(status, JSON, new byte[0]);
      }
      switch (payload.marshallingType().getKnownType()) {
        case SDK_BYTES:
          return StackResponse.of(status, BINARY, ((SdkBytes) value).asByteArray());
        case STRING:
          return StackResponse.of(status, TEXT, (String) value);
        case SDK_POJO:
          return StackResponse.of(status, JSON, AwsJsonCodec.JSON.write((SdkPojo) value));
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
