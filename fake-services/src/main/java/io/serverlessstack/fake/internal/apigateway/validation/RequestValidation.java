package io.serverlessstack.fake.internal.apigateway.validation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.serverlessstack.fake.internal.apigateway.ApiCall;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import software.amazon.awssdk.services.apigateway.model.Method;
import software.amazon.awssdk.services.apigateway.model.RequestValidator;

/**
 * A method's request validator applied to a call, before the integration sees it: the required
 * request parameters ({@code validateRequestParameters}) first, then the body against the method's
 * request model for the call's content type ({@code validateRequestBody}), a JSON Schema draft 4
 * that may refer to the API's other models by their {@code
 * https://apigateway.amazonaws.com/restapis/{id}/models/{name}} URIs.
 *
 * <p>The answers are AWS's, as LocalStack's validated tests recorded them
 * (test_apigateway_common.snapshot.json, test_api_gateway_request_validator and the ref-model
 * tests): missing parameters are listed by their names in the order of their keys ({@code
 * method.request.header.*}, then {@code path}, then {@code querystring}); a call without a body is
 * validated as the empty object.
 */
public final class RequestValidation {

  /** API Gateway's gateway response type for missing parameters. */
  public static final String BAD_REQUEST_PARAMETERS = "BAD_REQUEST_PARAMETERS";

  /** API Gateway's gateway response type for a body its model refuses. */
  public static final String BAD_REQUEST_BODY = "BAD_REQUEST_BODY";

  static final String INVALID_BODY = "Invalid request body";

  private static final String MODELS = "https://apigateway.amazonaws.com/restapis/%s/models/";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int CACHED_SCHEMAS = 256;

  /** Compiled schemas by API, model and schema text, so that a call costs no compilation. */
  private static final Map<String, CompiledModel> CACHE =
      new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CompiledModel> eldest) {
          return size() > CACHED_SCHEMAS;
        }
      };

  private RequestValidation() {}

  /**
   * Why the call fails validation, if it does.
   *
   * @param call the matched call
   * @param method the matched method (its request parameters and request models)
   * @param validator the method's request validator, or {@code null} for none
   * @param modelSchemaByName the API's model schemas by model name ({@code null} for an unknown
   *     model)
   * @return the gateway response type ({@link #BAD_REQUEST_PARAMETERS} or {@link
   *     #BAD_REQUEST_BODY}) and the message of AWS's 400 answer {@code {"message": "..."}}
   */
  public static Optional<Failure> check(
      ApiCall call,
      Method method,
      RequestValidator validator,
      Function<String, String> modelSchemaByName) {
    if (validator == null) {
      return Optional.empty();
    }
    if (Boolean.TRUE.equals(validator.validateRequestParameters())) {
      List<String> missing = missingParameters(call, method);
      if (!missing.isEmpty()) {
        return Optional.of(
            new Failure(
                BAD_REQUEST_PARAMETERS,
                "Missing required request parameters: [" + String.join(", ", missing) + "]"));
      }
    }
    if (Boolean.TRUE.equals(validator.validateRequestBody())
        && !bodyIsValid(call, method, modelSchemaByName)) {
      return Optional.of(new Failure(BAD_REQUEST_BODY, INVALID_BODY));
    }
    return Optional.empty();
  }

  /**
   * A refused call.
   *
   * @param gatewayResponseType the gateway response that answers it
   * @param message the answer's message
   */
  public record Failure(String gatewayResponseType, String message) {}

  static List<String> missingParameters(ApiCall call, Method method) {
    List<String> missing = new ArrayList<>();
    Map<String, List<String>> query = null;
    for (Map.Entry<String, Boolean> parameter :
        new TreeMap<>(method.requestParameters()).entrySet()) {
      if (!Boolean.TRUE.equals(parameter.getValue())) {
        continue;
      }
      String[] parts = parameter.getKey().split("\\.", 4);
      if (parts.length < 4) {
        continue;
      }
      String name = parts[3];
      boolean present;
      switch (parts[2]) {
        case "header":
          present = call.header(name) != null;
          break;
        case "path":
          present = call.pathParameters().containsKey(name);
          break;
        case "querystring":
          if (query == null) {
            query = call.multiValueQuery();
          }
          present = query.containsKey(name);
          break;
        default:
          present = true;
      }
      if (!present) {
        missing.add(name);
      }
    }
    return missing;
  }

  static boolean bodyIsValid(
      ApiCall call, Method method, Function<String, String> modelSchemaByName) {
    String modelName = requestModel(call, method);
    if (modelName == null) {
      // No model for the call's content type: nothing to hold the body against. (A guess: AWS's
      // behaviour for a content type without a model is not recorded.)
      return true;
    }
    JsonNode body;
    try {
      String text = call.bodyText();
      body = text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
    } catch (JsonProcessingException e) {
      return false;
    }
    try {
      Schema schema = compiled(call.apiId(), modelName, modelSchemaByName);
      return schema != null && schema.validate(body).isEmpty();
    } catch (RuntimeException unresolvable) {
      // A schema the validator cannot load (an unknown model, a broken reference): AWS would
      // have refused it when the model was created, so no body can satisfy it here.
      return false;
    }
  }

  /** The model for the call's content type; a call without one is taken as JSON, as AWS does. */
  static String requestModel(ApiCall call, Method method) {
    Map<String, String> models = method.requestModels();
    if (models.isEmpty()) {
      return null;
    }
    String contentType = call.header("Content-Type");
    String mediaType =
        contentType == null
            ? "application/json"
            : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    for (Map.Entry<String, String> model : models.entrySet()) {
      if (model.getKey().equalsIgnoreCase(mediaType)) {
        return model.getValue();
      }
    }
    return models.get("$default");
  }

  private static Schema compiled(
      String apiId, String modelName, Function<String, String> modelSchemaByName) {
    String rootText = modelSchemaByName.apply(modelName);
    if (rootText == null) {
      return null;
    }
    String key = apiId + '\n' + modelName + '\n' + rootText;
    synchronized (CACHE) {
      CompiledModel cached = CACHE.get(key);
      if (cached != null && cached.isCurrent(modelSchemaByName)) {
        return cached.schema();
      }
    }
    CompiledModel compiled = compile(apiId, modelName, modelSchemaByName);
    synchronized (CACHE) {
      CACHE.put(key, compiled);
    }
    return compiled.schema();
  }

  private static CompiledModel compile(
      String apiId, String modelName, Function<String, String> modelSchemaByName) {
    String prefix = String.format(MODELS, apiId);
    Map<String, String> loaded = new LinkedHashMap<>();
    SchemaRegistry registry =
        SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_4,
            builder ->
                builder.schemas(
                    (Function<String, String>)
                        iri -> {
                          int models = iri.indexOf("/models/");
                          if (!iri.startsWith("https://apigateway.amazonaws.com/restapis/")
                              || models < 0) {
                            return null;
                          }
                          String name = iri.substring(models + "/models/".length());
                          String text = modelSchemaByName.apply(name);
                          if (text != null) {
                            loaded.put(name, text);
                          }
                          return text;
                        }));
    Schema schema = registry.getSchema(SchemaLocation.of(prefix + modelName));
    // Resolve every reference now, so that the texts the schema was built from are all known.
    schema.initializeValidators();
    return new CompiledModel(schema, Map.copyOf(loaded));
  }

  /** A compiled schema and the model texts it was built from. */
  private record CompiledModel(Schema schema, Map<String, String> texts) {
    boolean isCurrent(Function<String, String> modelSchemaByName) {
      for (Map.Entry<String, String> text : texts.entrySet()) {
        if (!Objects.equals(modelSchemaByName.apply(text.getKey()), text.getValue())) {
          return false;
        }
      }
      return true;
    }
  }
}
