package io.serverlessstack.fake.internal.apigateway.vtl;

import static io.serverlessstack.fake.internal.apigateway.vtl.Calls.call;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.serverlessstack.fake.internal.stepfunctions.asl.JsonPaths;
import org.junit.jupiter.api.Test;

/**
 * The mapping templates of AWS's API Gateway developer guide, rendered and compared with the
 * outputs the guide documents (as JSON where the guide shows JSON, since it reflows whitespace).
 */
class AwsDocumentedTemplatesTest {

  /** "Example data transformation" of the photo album example: input data. */
  private static final String PHOTOS =
      "{\n"
          + "  \"photos\": {\n"
          + "    \"page\": 1,\n"
          + "    \"pages\": \"1234\",\n"
          + "    \"perpage\": 100,\n"
          + "    \"total\": \"123398\",\n"
          + "    \"photo\": [\n"
          + "      {\n"
          + "        \"id\": \"12345678901\",\n"
          + "        \"owner\": \"23456789@A12\",\n"
          + "        \"photographer_first_name\" : \"Saanvi\",\n"
          + "        \"photographer_last_name\" : \"Sarkar\",\n"
          + "        \"secret\": \"abc123d456\",\n"
          + "        \"server\": \"1234\",\n"
          + "        \"farm\": 1,\n"
          + "        \"title\": \"Sample photo 1\",\n"
          + "        \"ispublic\": true,\n"
          + "        \"isfriend\": false,\n"
          + "        \"isfamily\": false\n"
          + "      },\n"
          + "      {\n"
          + "        \"id\": \"23456789012\",\n"
          + "        \"owner\": \"34567890@B23\",\n"
          + "        \"photographer_first_name\" : \"Richard\",\n"
          + "        \"photographer_last_name\" : \"Roe\",\n"
          + "        \"secret\": \"bcd234e567\",\n"
          + "        \"server\": \"2345\",\n"
          + "        \"farm\": 2,\n"
          + "        \"title\": \"Sample photo 2\",\n"
          + "        \"ispublic\": true,\n"
          + "        \"isfriend\": false,\n"
          + "        \"isfamily\": false\n"
          + "      }\n"
          + "    ]\n"
          + "  }\n"
          + "}";

  /** Its mapping template. */
  private static final String PHOTOS_TEMPLATE =
      "#set($inputRoot = $input.path('$'))\n"
          + "{\n"
          + "  \"photos\": [\n"
          + "#foreach($elem in $inputRoot.photos.photo)\n"
          + "    {\n"
          + "      \"id\": \"$elem.id\",\n"
          + "      \"photographedBy\": \"$elem.photographer_first_name $elem.photographer_last_name\",\n"
          + "      \"title\": \"$elem.title\",\n"
          + "      \"ispublic\": $elem.ispublic,\n"
          + "      \"isfriend\": $elem.isfriend,\n"
          + "      \"isfamily\": $elem.isfamily\n"
          + "    }#if($foreach.hasNext),#end\n"
          + "\t\t\n"
          + "#end\n"
          + "  ]\n"
          + "}";

  /** Its documented output. */
  private static final String PHOTOS_OUTPUT =
      "{\n"
          + "  \"photos\": [\n"
          + "    {\n"
          + "      \"id\": \"12345678901\",\n"
          + "      \"photographedBy\": \"Saanvi Sarkar\",\n"
          + "      \"title\": \"Sample photo 1\",\n"
          + "      \"ispublic\": true,\n"
          + "      \"isfriend\": false,\n"
          + "      \"isfamily\": false\n"
          + "    },\n"
          + "    {\n"
          + "      \"id\": \"23456789012\",\n"
          + "      \"photographedBy\": \"Richard Roe\",\n"
          + "      \"title\": \"Sample photo 2\",\n"
          + "      \"ispublic\": true,\n"
          + "      \"isfriend\": false,\n"
          + "      \"isfamily\": false\n"
          + "    }\n"
          + "  ]\n"
          + "}";

  @Test
  void photoAlbumRequestTemplateGivesTheDocumentedOutput() throws Exception {
    String rendered = call().body(PHOTOS).render(PHOTOS_TEMPLATE);

    assertThat(json(rendered)).isEqualTo(json(PHOTOS_OUTPUT));
  }

  @Test
  void photoAlbumTemplateServesAsResponseTemplateOfAnIntegrationResponse() throws Exception {
    Rendered rendered =
        MappingTemplates.render(
            PHOTOS_TEMPLATE,
            TemplateInput.forResponse(
                call().body("{}").build(),
                PHOTOS.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                Overrides.NONE));

    assertThat(json(rendered.body())).isEqualTo(json(PHOTOS_OUTPUT));
    assertThat(rendered.overrides()).isEqualTo(Overrides.NONE);
  }

  @Test
  void inputExampleOfTheReferenceGivesIdCountAndTheEscapedThings() {
    // "Example request and response using $input": POST /things/abc on /things/{id}.
    String template =
        "{\n"
            + "    \"id\" : \"$input.params('id')\",\n"
            + "    \"count\" : \"$input.path('$.things').size()\",\n"
            + "    \"things\" : $util.escapeJavaScript($input.json('$.things'))\n"
            + "}";
    String body =
        "{\n"
            + "    \"things\" : {\n"
            + "        \"1\" : {},\n"
            + "        \"2\" : {},\n"
            + "        \"3\" : {}\n"
            + "    }\n"
            + "}";

    String rendered = call().pathParameter("id", "abc").body(body).render(template);

    // The guide shows "things" unescaped, which escapeJavaScript cannot give: its quotes are
    // escaped, as the function's own documentation says.
    assertThat(rendered)
        .isEqualTo(
            "{\n"
                + "    \"id\" : \"abc\",\n"
                + "    \"count\" : \"3\",\n"
                + "    \"things\" : {\\\"1\\\":{},\\\"2\\\":{},\\\"3\\\":{}}\n"
                + "}");
  }

  @Test
  void inputExampleWithoutEscapingGivesTheDocumentedResponse() throws Exception {
    String template =
        "{\n"
            + "    \"id\" : \"$input.params('id')\",\n"
            + "    \"count\" : \"$input.path('$.things').size()\",\n"
            + "    \"things\" : $input.json('$.things')\n"
            + "}";

    String rendered =
        call()
            .pathParameter("id", "abc")
            .body("{\"things\" : {\"1\" : {}, \"2\" : {}, \"3\" : {}}}")
            .render(template);

    assertThat(json(rendered))
        .isEqualTo(
            json(
                "{\n"
                    + "  \"id\": \"abc\",\n"
                    + "  \"count\": \"3\",\n"
                    + "  \"things\": {\n"
                    + "    \"1\": {},\n"
                    + "    \"2\": {},\n"
                    + "    \"3\": {}\n"
                    + "  }\n"
                    + "}"));
  }

  @Test
  void jsonMappingTemplateReadsNameFromQueryAndWholeBody() throws Exception {
    String template =
        "{\n    \"name\" : \"$input.params('name')\",\n    \"body\" : $input.json('$') \n}";

    String rendered =
        call().query("name=Sarkar").body("{\"mykey\": {\"a\": [1, 2]}}").render(template);

    assertThat(json(rendered))
        .isEqualTo(json("{\"name\": \"Sarkar\", \"body\": {\"mykey\": {\"a\": [1, 2]}}}"));
  }

  @Test
  void jsonMappingTemplateReadsAPropertyOfTheBody() throws Exception {
    String template =
        "{\n    \"name\" : \"$input.params('name')\",\n    \"body\" : $input.json('$.mykey')  \n}";

    String rendered =
        call().query("name=Sarkar").body("{\"mykey\": {\"a\": [1, 2]}}").render(template);

    assertThat(json(rendered)).isEqualTo(json("{\"name\": \"Sarkar\", \"body\": {\"a\": [1, 2]}}"));
  }

  @Test
  void parameterMappingExamplePassesEveryParameterAsJson() throws Exception {
    String template =
        "#set($allParams = $input.params())\n"
            + "{\n"
            + "  \"params\" : {\n"
            + "    #foreach($type in $allParams.keySet())\n"
            + "    #set($params = $allParams.get($type))\n"
            + "    \"$type\" : {\n"
            + "      #foreach($paramName in $params.keySet())\n"
            + "      \"$paramName\" : \"$util.escapeJavaScript($params.get($paramName))\"\n"
            + "      #if($foreach.hasNext),#end\n"
            + "      #end\n"
            + "    }\n"
            + "    #if($foreach.hasNext),#end\n"
            + "    #end\n"
            + "  }\n"
            + "}";

    String rendered =
        call()
            .pathParameter("id", "abc")
            .query("sort=desc&page=2")
            .header("Accept", "application/json")
            .header("X-Quote", "say \"hi\"")
            .render(template);

    assertThat(json(rendered))
        .isEqualTo(
            json(
                "{\"params\": {"
                    + "\"path\": {\"id\": \"abc\"},"
                    + "\"querystring\": {\"sort\": \"desc\", \"page\": \"2\"},"
                    + "\"header\": {\"Accept\": \"application/json\","
                    + " \"X-Quote\": \"say \\\"hi\\\"\"}}}"));
  }

  @Test
  void contextVariableExampleGivesTheCallsValues() throws Exception {
    // Example 1 of "Examples using variables for mapping template transformations", with the
    // values the guide shows; caller, user and user_arn belong to IAM callers and stay empty.
    String template =
        "{\n"
            + "    \"stage\" : \"$context.stage\",\n"
            + "    \"request_id\" : \"$context.requestId\",\n"
            + "    \"api_id\" : \"$context.apiId\",\n"
            + "    \"resource_path\" : \"$context.resourcePath\",\n"
            + "    \"resource_id\" : \"$context.resourceId\",\n"
            + "    \"http_method\" : \"$context.httpMethod\",\n"
            + "    \"source_ip\" : \"$context.identity.sourceIp\",\n"
            + "    \"user-agent\" : \"$context.identity.userAgent\",\n"
            + "    \"account_id\" : \"$context.identity.accountId\",\n"
            + "    \"api_key\" : \"$context.identity.apiKey\",\n"
            + "    \"caller\" : \"$context.identity.caller\",\n"
            + "    \"user\" : \"$context.identity.user\",\n"
            + "    \"user_arn\" : \"$context.identity.userArn\"\n"
            + "}";

    String rendered =
        call()
            .method("GET")
            .path("/", "/")
            .header("User-Agent", "curl/7.84.0")
            .apiKey("MyTestKey", "key123")
            .render(template);

    assertThat(json(rendered))
        .isEqualTo(
            json(
                "{\"stage\": \"prod\", \"request_id\": \"abcdefg-000-000-0000-abcdefg\","
                    + " \"api_id\": \"abcd1234\", \"resource_path\": \"/\","
                    + " \"resource_id\": \"efg567\", \"http_method\": \"GET\","
                    + " \"source_ip\": \"192.0.2.1\", \"user-agent\": \"curl/7.84.0\","
                    + " \"account_id\": \"\", \"api_key\": \"MyTestKey\", \"caller\": \"\","
                    + " \"user\": \"\", \"user_arn\": \"\"}"));
  }

  @Test
  void parseJsonExampleReadsIntoTheStringifiedJson() throws Exception {
    String template =
        "#set ($errorMessageObj = $util.parseJson($input.path('$.errorMessage')))\n"
            + "{\n"
            + "   \"errorMessageObjKey2ArrVal\" : $errorMessageObj.key2.arr[0]\n"
            + "}\n";

    String rendered =
        call()
            .body(
                "{\"errorMessage\":\"{\\\"key1\\\":\\\"var1\\\",\\\"key2\\\":{\\\"arr\\\":[1,2,3]}}\"}")
            .render(template);

    assertThat(rendered).isEqualTo("{\n   \"errorMessageObjKey2ArrVal\" : 1\n}\n");
  }

  @Test
  void escapedSingleQuotesTurnBackAsTheGuideShows() {
    String rendered =
        call()
            .body("{\"data\": \"it's\"}")
            .render("$util.escapeJavaScript($input.path('$.data')).replaceAll(\"\\\\'\",\"'\")");

    assertThat(rendered).isEqualTo("it's");
  }

  @Test
  void stageVariablesReadInEveryDocumentedSyntax() {
    String rendered =
        call()
            .stageVariable("function", "HelloWorld")
            .render(
                "$stageVariables.function|$stageVariables['function']|${stageVariables['function']}");

    assertThat(rendered).isEqualTo("HelloWorld|HelloWorld|HelloWorld");
  }

  private static JsonNode json(String text) throws Exception {
    return JsonPaths.MAPPER.readTree(text);
  }
}
