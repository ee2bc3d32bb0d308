package io.serverlessstack.fake.internal.apigateway.vtl;

import static io.serverlessstack.fake.internal.apigateway.vtl.Calls.call;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code $context}: the call's variables, and the overrides a template sets. */
class ContextVariablesTest {

  @Test
  void requestVariablesDescribeTheCall() {
    String rendered =
        call()
            .method("GET")
            .path("/things/abc", "/things/{id}")
            .render(
                "$context.accountId|$context.apiId|$context.stage|$context.resourceId"
                    + "|$context.resourcePath|$context.httpMethod|$context.path"
                    + "|$context.protocol|$context.requestId|$context.extendedRequestId"
                    + "|$context.domainName|$context.domainPrefix|$context.deploymentId");

    assertThat(rendered)
        .isEqualTo(
            "111122223333|abcd1234|prod|efg567|/things/{id}|GET|/prod/things/abc|HTTP/1.1"
                + "|abcdefg-000-000-0000-abcdefg|abcdefg-000-000-0000-abcdefg"
                + "|abcd1234.execute-api.localhost|abcd1234|dep123");
  }

  @Test
  void requestTimeIsInCommonLogFormatAndEpochMillis() {
    assertThat(call().render("$context.requestTime|$context.requestTimeEpoch"))
        .isEqualTo("03/Dec/2026:20:15:20 +0000|" + Calls.REQUEST_TIME.toEpochMilli());
  }

  @Test
  void identityCarriesSourceIpUserAgentAndTheAcceptedApiKey() {
    assertThat(
            call()
                .header("User-Agent", "curl/7.84.0")
                .apiKey("MyTestKey", "key123")
                .render(
                    "$context.identity.sourceIp|$context.identity.userAgent"
                        + "|$context.identity.apiKey|$context.identity.apiKeyId"))
        .isEqualTo("192.0.2.1|curl/7.84.0|MyTestKey|key123");
    assertThat(call().render("[$context.identity.apiKey][$context.identity.apiKeyId]"))
        .isEqualTo("[][]");
  }

  @Test
  void authorizerValuesAreStringifiedAndClaimsStayAMap() {
    // The guide: a context of {"key": "value", "numKey": 1, "boolKey": true} reads as "value",
    // "1" and "true".
    String rendered =
        call()
            .authorizer(
                Map.of(
                    "principalId",
                    "user-1",
                    "context",
                    Map.of("key", "value", "numKey", 1, "boolKey", true),
                    "claims",
                    Map.of("sub", "abc-123")))
            .render(
                "$context.authorizer.principalId|$context.authorizer.key"
                    + "|$context.authorizer.numKey|$context.authorizer.boolKey"
                    + "|$context.authorizer.claims.sub|#if($context.authorizer.numKey == \"1\")s#end");

    assertThat(rendered).isEqualTo("user-1|value|1|true|abc-123|s");
  }

  @Test
  void missingVariablesRenderEmpty() {
    assertThat(
            call()
                .render(
                    "[$context.nothing][$context.identity.caller][$nothing][$input.nothing]"
                        + "[$stageVariables.nothing][${nothing}][$!nothing]"))
        .isEqualTo("[][][][][][][]");
  }

  @Test
  void requestOverridesComeBackToTheCaller() {
    Rendered rendered =
        MappingTemplates.render(
            "#set($context.requestOverride.header.oHeader = \"1header\")\n"
                + "#set($context.requestOverride.header.multivalue = [\"1header\", \"2header\"])\n"
                + "#set($context.requestOverride.path.proxy = \"proxy\")\n"
                + "#set($context.requestOverride.querystring.query = \"query\")\n"
                + "{}",
            TemplateInput.forRequest(call().build()));

    assertThat(rendered.body()).isEqualTo("{}");
    assertThat(rendered.overrides().requestHeaders())
        .isEqualTo(
            Map.of("oHeader", List.of("1header"), "multivalue", List.of("1header", "2header")));
    assertThat(rendered.overrides().requestPath()).isEqualTo(Map.of("proxy", "proxy"));
    assertThat(rendered.overrides().requestQuerystring())
        .isEqualTo(Map.of("query", List.of("query")));
    assertThat(rendered.overrides().responseStatus()).isNull();
    assertThat(rendered.overrides().responseHeaders()).isEmpty();
  }

  @Test
  void responseOverridesComeBackToTheCaller() {
    Rendered rendered =
        MappingTemplates.render(
            "#set($context.responseOverride.header.oHeader = \"1header\")\n"
                + "#set($context.responseOverride.status = 400)\n"
                + "$context.responseOverride.status",
            TemplateInput.forResponse(
                call().build(), "{}".getBytes(StandardCharsets.UTF_8), Overrides.NONE));

    assertThat(rendered.body()).isEqualTo("400");
    assertThat(rendered.overrides().responseStatus()).isEqualTo(400);
    assertThat(rendered.overrides().responseHeaders())
        .isEqualTo(Map.of("oHeader", List.of("1header")));
  }

  @Test
  void statusOverrideThatIsNoIntegerFrom100To599IsIgnored() {
    for (String status : new String[] {"\"400\"", "99", "600", "4.5"}) {
      Rendered rendered =
          MappingTemplates.render(
              "#set($context.responseOverride.status = " + status + ")",
              TemplateInput.forRequest(call().build()));

      assertThat(rendered.overrides().responseStatus()).as(status).isNull();
    }
  }

  @Test
  void responseTemplateSeesAndKeepsWhatTheRequestTemplateOverrode() {
    Rendered request =
        MappingTemplates.render(
            "#set($context.requestOverride.header.X-Trace = \"t-1\")",
            TemplateInput.forRequest(call().build()));

    Rendered response =
        MappingTemplates.render(
            "$context.requestOverride.header.get('X-Trace')"
                + "#set($context.responseOverride.header.X-Seen = $context.requestOverride.header.get('X-Trace'))",
            TemplateInput.forResponse(
                call().build(), "{}".getBytes(StandardCharsets.UTF_8), request.overrides()));

    assertThat(response.body()).isEqualTo("t-1");
    assertThat(response.overrides().requestHeaders()).isEqualTo(Map.of("X-Trace", List.of("t-1")));
    assertThat(response.overrides().responseHeaders()).isEqualTo(Map.of("X-Seen", List.of("t-1")));
  }

  @Test
  void overridesOfOneCallNeverReachAnother() {
    String template = "#set($context.responseOverride.status = 201)";
    MappingTemplates.render(template, TemplateInput.forRequest(call().build()));

    Rendered other =
        MappingTemplates.render(
            "[$context.responseOverride.status]", TemplateInput.forRequest(call().build()));

    assertThat(other.body()).isEqualTo("[]");
    assertThat(other.overrides()).isEqualTo(Overrides.NONE);
  }
}
