package io.serverlessstack.fake.internal.apigateway.vtl;

import java.util.Locale;
import java.util.Map;

/**
 * Which mapping template a call uses, as AWS chooses it: request templates by the method request's
 * {@code Content-Type} and the integration's passthrough behaviour, response templates by its
 * {@code Accept}.
 */
public final class TemplateSelection {

  /** The content type AWS assumes for a request without {@code Content-Type}. */
  public static final String DEFAULT_CONTENT_TYPE = "application/json";

  /** The message of AWS's 415 answer when passthrough is not allowed. */
  public static final String UNSUPPORTED_MEDIA_TYPE_MESSAGE = "Unsupported Media Type";

  /** The status of that answer. */
  public static final int UNSUPPORTED_MEDIA_TYPE_STATUS = 415;

  /** What to do with a payload. */
  public enum Outcome {
    /** Render {@link Choice#template()}. */
    TEMPLATE,
    /** Pass the payload through unchanged. */
    PASSTHROUGH,
    /** Refuse the call: 415 {@code {"message":"Unsupported Media Type"}}. */
    UNSUPPORTED_MEDIA_TYPE
  }

  /**
   * A choice.
   *
   * @param outcome what to do
   * @param contentType the content type the chosen template is keyed by; {@code null} without one
   * @param template the chosen template; {@code null} without one
   */
  public record Choice(Outcome outcome, String contentType, String template) {

    static final Choice PASSTHROUGH = new Choice(Outcome.PASSTHROUGH, null, null);
    static final Choice UNSUPPORTED = new Choice(Outcome.UNSUPPORTED_MEDIA_TYPE, null, null);
  }

  private TemplateSelection() {}

  /**
   * The request template for a method request, as AWS documents it ("Method request behavior for
   * payloads without mapping templates"): the template of the request's content type ({@code
   * application/json} when it has none); without one, {@code WHEN_NO_MATCH} passes the payload
   * through, {@code WHEN_NO_TEMPLATES} passes it through only when the integration has no template
   * at all, and {@code NEVER} refuses it with 415.
   *
   * @param requestTemplates the integration's templates by content type; {@code null} for none
   * @param contentType the method request's {@code Content-Type} header, or {@code null}
   * @param passthroughBehavior {@code WHEN_NO_MATCH} (also when {@code null}: AWS's default),
   *     {@code WHEN_NO_TEMPLATES} or {@code NEVER}
   */
  public static Choice forRequest(
      Map<String, String> requestTemplates, String contentType, String passthroughBehavior) {
    Map<String, String> templates = requestTemplates == null ? Map.of() : requestTemplates;
    String type = contentType == null || contentType.isBlank() ? DEFAULT_CONTENT_TYPE : contentType;
    Choice matched = match(templates, type);
    if (matched != null) {
      return matched;
    }
    String behavior = passthroughBehavior == null ? "WHEN_NO_MATCH" : passthroughBehavior;
    switch (behavior) {
      case "NEVER":
        return Choice.UNSUPPORTED;
      case "WHEN_NO_TEMPLATES":
        return templates.isEmpty() ? Choice.PASSTHROUGH : Choice.UNSUPPORTED;
      default:
        return Choice.PASSTHROUGH;
    }
  }

  /**
   * The response template for a method request's {@code Accept}: the template of the first media
   * type it names that has one, else the {@code application/json} template, else the first template
   * (in the map's order); the integration response's body passes through when there is no template.
   * (AWS documents the choice by {@code Accept} and the fallback to the first template; the
   * preference for {@code application/json} is what LocalStack measured on AWS.)
   *
   * @param responseTemplates the integration response's templates by content type, in the order
   *     they were defined; {@code null} for none
   * @param accept the method request's {@code Accept} header, or {@code null}
   */
  public static Choice forResponse(Map<String, String> responseTemplates, String accept) {
    if (responseTemplates == null || responseTemplates.isEmpty()) {
      return Choice.PASSTHROUGH;
    }
    if (accept != null) {
      for (String type : accept.split(",")) {
        Choice matched = match(responseTemplates, type);
        if (matched != null) {
          return matched;
        }
      }
    }
    Choice json = match(responseTemplates, DEFAULT_CONTENT_TYPE);
    if (json != null) {
      return json;
    }
    Map.Entry<String, String> first = responseTemplates.entrySet().iterator().next();
    return new Choice(Outcome.TEMPLATE, first.getKey(), first.getValue());
  }

  /**
   * The template keyed by the content type: the exact key first, else a key of the same media type
   * regardless of case and parameters (so {@code application/json; charset=UTF-8} finds the {@code
   * application/json} template; media types are case-insensitive, and we assume AWS ignores the
   * parameters too).
   */
  private static Choice match(Map<String, String> templates, String contentType) {
    String exact = templates.get(contentType);
    if (exact != null) {
      return new Choice(Outcome.TEMPLATE, contentType, exact);
    }
    String mediaType = mediaType(contentType);
    if (mediaType.isEmpty()) {
      return null;
    }
    for (Map.Entry<String, String> entry : templates.entrySet()) {
      if (entry.getKey() != null
          && entry.getValue() != null
          && mediaType(entry.getKey()).equals(mediaType)) {
        return new Choice(Outcome.TEMPLATE, entry.getKey(), entry.getValue());
      }
    }
    return null;
  }

  private static String mediaType(String contentType) {
    int parameters = contentType.indexOf(';');
    String type = parameters < 0 ? contentType : contentType.substring(0, parameters);
    return type.trim().toLowerCase(Locale.ROOT);
  }
}
