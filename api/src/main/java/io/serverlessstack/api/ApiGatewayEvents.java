package io.serverlessstack.api;

/**
 * What API Gateway records in the journal: its {@linkplain JournalEvent#service() service} name,
 * the {@linkplain JournalEvent#type() types} of its events and the names of their {@linkplain
 * JournalEvent#details() details}.
 *
 * <p>An event's {@linkplain JournalEvent#resource() resource} is the API's id, and its ARN the
 * stage's ({@code arn:aws:apigateway:{region}::/restapis/{id}/stages/{stage}}).
 */
public final class ApiGatewayEvents {

  /** The service name of every API Gateway event. */
  public static final String SERVICE = "apigateway";

  /**
   * A call of a deployed API was answered, by its integration or by the gateway itself. Details:
   * {@link Details#API_NAME}, {@link Details#STAGE}, {@link Details#METHOD}, {@link Details#PATH},
   * {@link Details#STATUS}, {@link Details#REQUEST_BODY}, {@link Details#RESPONSE_BODY}, and when
   * they apply {@link Details#RESOURCE_PATH}, {@link Details#API_KEY_ID} and {@link
   * Details#GATEWAY_RESPONSE}.
   */
  public static final String API_CALLED = "ApiCalled";

  private ApiGatewayEvents() {}

  /** The names of API Gateway events' details. */
  public static final class Details {

    /** The API's name. */
    public static final String API_NAME = "apiName";

    /** The stage called. */
    public static final String STAGE = "stage";

    /** The HTTP method the client used. */
    public static final String METHOD = "method";

    /** The path under the stage, as sent. */
    public static final String PATH = "path";

    /** The matched resource's path template, e.g. {@code /orders/{id}}. */
    public static final String RESOURCE_PATH = "resourcePath";

    /** The status of the answer. */
    public static final String STATUS = "status";

    /** The request's body as text. */
    public static final String REQUEST_BODY = "requestBody";

    /** The answer's body as text. */
    public static final String RESPONSE_BODY = "responseBody";

    /** The id of the API key the call was metered under. */
    public static final String API_KEY_ID = "apiKeyId";

    /**
     * The gateway response type when the gateway answered the call itself, e.g. {@code THROTTLED},
     * {@code INVALID_API_KEY}, {@code MISSING_AUTHENTICATION_TOKEN}.
     */
    public static final String GATEWAY_RESPONSE = "gatewayResponse";

    private Details() {}
  }
}
