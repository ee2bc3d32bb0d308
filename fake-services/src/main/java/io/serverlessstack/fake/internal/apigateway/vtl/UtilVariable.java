package io.serverlessstack.fake.internal.apigateway.vtl;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.apache.commons.lang3.StringEscapeUtils;

/**
 * {@code $util}: the functions AWS documents for REST API mapping templates, UTF-8 throughout.
 * Public only because Velocity calls methods of public classes alone.
 */
public final class UtilVariable {

  static final UtilVariable INSTANCE = new UtilVariable();

  private UtilVariable() {}

  /**
   * The text escaped by JavaScript string rules: quotes, backslash and slash escaped ({@code '}
   * becomes {@code \'}, which AWS documents), control and non-ASCII characters as {@code \\uXXXX}.
   */
  // commons-lang3 keeps this escaper, deprecated in favour of commons-text, which we do not ship.
  @SuppressWarnings("deprecation")
  public String escapeJavaScript(Object value) {
    return value == null ? "" : StringEscapeUtils.escapeEcmaScript(String.valueOf(value));
  }

  /**
   * The JSON text as a template object (a map, a list, a string, number or boolean).
   *
   * @throws IllegalArgumentException when it is no JSON, which fails the template
   */
  public Object parseJson(String json) {
    if (json == null) {
      return null;
    }
    try {
      return JsonValues.toJava(JsonValues.parse(json));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Not JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** The text in {@code application/x-www-form-urlencoded} form (a space becomes {@code +}). */
  public String urlEncode(String text) {
    return text == null ? "" : URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  /** An {@code application/x-www-form-urlencoded} text decoded. */
  public String urlDecode(String text) {
    return text == null ? "" : URLDecoder.decode(text, StandardCharsets.UTF_8);
  }

  /** The text's UTF-8 bytes in base64. */
  public String base64Encode(String text) {
    return text == null
        ? ""
        : Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Base64 decoded as UTF-8 text.
   *
   * @throws IllegalArgumentException when it is no base64, which fails the template
   */
  public String base64Decode(String base64) {
    return base64 == null
        ? ""
        : new String(Base64.getDecoder().decode(base64.trim()), StandardCharsets.UTF_8);
  }
}
