package io.serverlessstack.fake.internal.apigateway.vtl;

import static org.assertj.core.api.Assertions.assertThat;

import io.serverlessstack.fake.internal.apigateway.vtl.TemplateSelection.Choice;
import io.serverlessstack.fake.internal.apigateway.vtl.TemplateSelection.Outcome;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The choice of a template, checked against the three examples of AWS's "Method request behavior
 * for payloads without mapping templates for REST APIs".
 */
class TemplateSelectionTest {

  private static final String JSON_TEMPLATE = "json template";
  private static final String AMAZON_TEMPLATE = "amazon template";

  @ParameterizedTest(name = "{0} with {1}: {2}")
  @CsvSource(
      nullValues = "none",
      value = {
        "none, WHEN_NO_MATCH, TEMPLATE",
        "none, WHEN_NO_TEMPLATES, TEMPLATE",
        "none, NEVER, TEMPLATE",
        "application/json, WHEN_NO_MATCH, TEMPLATE",
        "application/json, WHEN_NO_TEMPLATES, TEMPLATE",
        "application/json, NEVER, TEMPLATE",
        "application/xml, WHEN_NO_MATCH, PASSTHROUGH",
        "application/xml, WHEN_NO_TEMPLATES, UNSUPPORTED_MEDIA_TYPE",
        "application/xml, NEVER, UNSUPPORTED_MEDIA_TYPE"
      })
  void exampleOneAJsonTemplate(String contentType, String behavior, Outcome expected) {
    Choice choice =
        TemplateSelection.forRequest(
            Map.of("application/json", JSON_TEMPLATE), contentType, behavior);

    assertThat(choice.outcome()).isEqualTo(expected);
    if (expected == Outcome.TEMPLATE) {
      assertThat(choice.template()).isEqualTo(JSON_TEMPLATE);
      assertThat(choice.contentType()).isEqualTo("application/json");
    }
  }

  @ParameterizedTest(name = "{0} with {1}: {2}")
  @CsvSource(
      nullValues = "none",
      value = {
        "none, WHEN_NO_MATCH, PASSTHROUGH",
        "none, WHEN_NO_TEMPLATES, UNSUPPORTED_MEDIA_TYPE",
        "none, NEVER, UNSUPPORTED_MEDIA_TYPE",
        "application/json, WHEN_NO_MATCH, PASSTHROUGH",
        "application/json, WHEN_NO_TEMPLATES, UNSUPPORTED_MEDIA_TYPE",
        "application/json, NEVER, UNSUPPORTED_MEDIA_TYPE",
        "application/amazonaws.json, WHEN_NO_MATCH, TEMPLATE",
        "application/amazonaws.json, WHEN_NO_TEMPLATES, TEMPLATE",
        "application/amazonaws.json, NEVER, TEMPLATE",
        "application/xml, WHEN_NO_MATCH, PASSTHROUGH",
        "application/xml, WHEN_NO_TEMPLATES, UNSUPPORTED_MEDIA_TYPE",
        "application/xml, NEVER, UNSUPPORTED_MEDIA_TYPE"
      })
  void exampleTwoATemplateOfAnotherType(String contentType, String behavior, Outcome expected) {
    Choice choice =
        TemplateSelection.forRequest(
            Map.of("application/amazonaws.json", AMAZON_TEMPLATE), contentType, behavior);

    assertThat(choice.outcome()).isEqualTo(expected);
    if (expected == Outcome.TEMPLATE) {
      assertThat(choice.template()).isEqualTo(AMAZON_TEMPLATE);
    }
  }

  @ParameterizedTest(name = "{0} with {1}: {2}")
  @CsvSource(
      nullValues = "none",
      value = {
        "none, WHEN_NO_MATCH, PASSTHROUGH",
        "none, WHEN_NO_TEMPLATES, PASSTHROUGH",
        "none, NEVER, UNSUPPORTED_MEDIA_TYPE",
        "application/json, WHEN_NO_MATCH, PASSTHROUGH",
        "application/json, WHEN_NO_TEMPLATES, PASSTHROUGH",
        "application/json, NEVER, UNSUPPORTED_MEDIA_TYPE",
        "application/xml, WHEN_NO_MATCH, PASSTHROUGH",
        "application/xml, WHEN_NO_TEMPLATES, PASSTHROUGH",
        "application/xml, NEVER, UNSUPPORTED_MEDIA_TYPE"
      })
  void exampleThreeNoTemplates(String contentType, String behavior, Outcome expected) {
    assertThat(TemplateSelection.forRequest(Map.of(), contentType, behavior).outcome())
        .isEqualTo(expected);
  }

  @Test
  void passthroughBehaviourDefaultsToWhenNoMatch() {
    assertThat(TemplateSelection.forRequest(null, "text/plain", null).outcome())
        .isEqualTo(Outcome.PASSTHROUGH);
  }

  @Test
  void contentTypeMatchesRegardlessOfCaseAndParameters() {
    Choice choice =
        TemplateSelection.forRequest(
            Map.of("application/json", JSON_TEMPLATE), "Application/JSON; charset=UTF-8", "NEVER");

    assertThat(choice.outcome()).isEqualTo(Outcome.TEMPLATE);
    assertThat(choice.template()).isEqualTo(JSON_TEMPLATE);
  }

  @Test
  void responseTemplateFollowsAcceptThenJsonThenTheFirst() {
    Map<String, String> templates = new LinkedHashMap<>();
    templates.put("application/xml", "xml");
    templates.put("text/html", "html");

    assertThat(TemplateSelection.forResponse(templates, "text/html").template()).isEqualTo("html");
    assertThat(TemplateSelection.forResponse(templates, "image/png, text/html;q=0.9").template())
        .isEqualTo("html");
    assertThat(TemplateSelection.forResponse(templates, "image/png").template()).isEqualTo("xml");

    templates.put("application/json", "json");
    assertThat(TemplateSelection.forResponse(templates, null).template()).isEqualTo("json");
    assertThat(TemplateSelection.forResponse(templates, null).contentType())
        .isEqualTo("application/json");
  }

  @Test
  void responseWithoutTemplatesPassesThrough() {
    assertThat(TemplateSelection.forResponse(Map.of(), "application/json").outcome())
        .isEqualTo(Outcome.PASSTHROUGH);
    assertThat(TemplateSelection.forResponse(null, null).outcome()).isEqualTo(Outcome.PASSTHROUGH);
  }
}
