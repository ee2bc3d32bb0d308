package io.serverlessstack.fake.internal.apigateway.vtl;

import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.velocity.VelocityContext;
import org.apache.velocity.app.event.EventCartridge;

/**
 * Renders API Gateway mapping templates (request and response templates of REST API integrations)
 * with Apache Velocity and AWS's template objects:
 *
 * <ul>
 *   <li>{@code $input}: {@code body}, {@code json(path)}, {@code path(path)}, {@code params()},
 *       {@code params(name)} ({@link InputVariable});
 *   <li>{@code $util}: {@code escapeJavaScript}, {@code parseJson}, {@code urlEncode}, {@code
 *       urlDecode}, {@code base64Encode}, {@code base64Decode} ({@link UtilVariable});
 *   <li>{@code $context}: the call's variables, with the writable {@code requestOverride} and
 *       {@code responseOverride}, whose values come back in {@link Rendered#overrides()};
 *   <li>{@code $stageVariables}: the stage's variables.
 * </ul>
 *
 * <p>Thread-safe; parsed templates are cached by their text.
 */
public final class MappingTemplates {

  private MappingTemplates() {}

  /**
   * The template rendered for the input.
   *
   * @throws TemplateFailure when the template does not parse or fails while rendering: AWS answers
   *     the call with {@code 500} {@code {"message": "Internal server error"}} then
   */
  public static Rendered render(String template, TemplateInput input) {
    TemplateEngine engine = TemplateEngine.instance();
    org.apache.velocity.Template parsed = engine.template(template == null ? "" : template);

    Map<String, Object> context = ContextVariables.of(input.call(), input.overrides());
    VelocityContext variables = new VelocityContext();
    variables.put("input", new InputVariable(input.body(), input.call()));
    variables.put("util", UtilVariable.INSTANCE);
    variables.put("context", context);
    variables.put("stageVariables", new LinkedHashMap<>(input.call().stageVariables()));
    EventCartridge events = new EventCartridge();
    events.setRuntimeServices(engine.runtime());
    events.addInvalidReferenceEventHandler(EmptyInvalidReferences.INSTANCE);
    events.addMethodExceptionHandler(MethodFailures.INSTANCE);
    events.attachToContext(variables);

    StringWriter body = new StringWriter();
    try {
      parsed.merge(variables, body);
    } catch (RuntimeException e) {
      throw new TemplateFailure("The mapping template failed: " + e.getMessage(), e);
    } catch (StackOverflowError e) {
      // A macro that calls itself without end.
      throw new TemplateFailure("The mapping template recursed too deeply", e);
    }
    return new Rendered(body.toString(), ContextVariables.overridesIn(context));
  }
}
