package io.serverlessstack.fake.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** restJson1 URI templates as the SDK models write them, matched against request paths. */
class UriTemplateTest {

  @Test
  void labelsAreWholeSegmentsAndComeBackStillEncoded() {
    UriTemplate template = UriTemplate.parse("/2015-03-31/functions/{FunctionName}/invocations");

    assertThat(match(template, "/2015-03-31/functions/arn%3Aaws%3Alambda%3Af/invocations", ""))
        .containsExactly(Map.entry("FunctionName", "arn%3Aaws%3Alambda%3Af"));
    assertThat(match(template, "/2015-03-31/functions//invocations", "")).isNull();
    assertThat(match(template, "/2015-03-31/functions/f/invocations/more", "")).isNull();
    assertThat(match(template, "/2015-03-31/layers/f/invocations", "")).isNull();
  }

  @Test
  void trailingSlashesDoNotCount() {
    UriTemplate list = UriTemplate.parse("/2015-03-31/functions/");

    assertThat(match(list, "/2015-03-31/functions", "")).isEmpty();
    assertThat(match(list, "/2015-03-31/functions/", "")).isEmpty();
    assertThat(match(UriTemplate.parse("/"), "/", "")).isEmpty();
  }

  @Test
  void aGreedyLabelTakesTheRestOfThePath() {
    UriTemplate template = UriTemplate.parse("/buckets/{Bucket}/{Key+}");

    assertThat(match(template, "/buckets/b/a/b%2Fc/d.txt", ""))
        .containsEntry("Bucket", "b")
        .containsEntry("Key", "a/b%2Fc/d.txt");
    assertThat(match(template, "/buckets/b", "")).isNull();
    assertThatThrownBy(() -> UriTemplate.parse("/{Key+}/tail"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void s3sExactSegmentsKeepAKeysEmptySegmentsAndTrailingSlash() {
    UriTemplate object = UriTemplate.parse("/{Bucket}/{Key+}");
    UriTemplate bucket = UriTemplate.parse("/{Bucket}");

    assertThat(object.match(UriTemplate.exactSegments("/b/dir/"), "")).containsEntry("Key", "dir/");
    assertThat(object.match(UriTemplate.exactSegments("/b//leading//double"), ""))
        .containsEntry("Key", "/leading//double");
    assertThat(object.match(UriTemplate.exactSegments("/b/"), "")).isNull();
    assertThat(bucket.match(UriTemplate.exactSegments("/b/"), "")).containsEntry("Bucket", "b");
    assertThat(UriTemplate.parse("/").match(UriTemplate.exactSegments("/"), "")).isEmpty();
  }

  @Test
  void aQueryRoutingCannotDecodeIsLeftToTheOperationToRefuse() {
    UriTemplate template = UriTemplate.parse("/{Bucket}?list-type=2");

    assertThat(match(template, "/b", "list-type=2&prefix=%zz")).containsEntry("Bucket", "b");
  }

  @Test
  void literalQueryParametersMustBePresent() {
    UriTemplate template = UriTemplate.parse("/things/{Id}?versions&x-id=Get");

    assertThat(match(template, "/things/1", "versions&x-id=Get&other=1")).containsEntry("Id", "1");
    assertThat(match(template, "/things/1", "versions")).isNull();
    assertThat(match(template, "/things/1", "x-id=Put&versions")).isNull();
  }

  @Test
  void moreLiteralSegmentsAreMoreSpecific() {
    assertThat(UriTemplate.parse("/functions/{Name}/policy").specificity())
        .isGreaterThan(UriTemplate.parse("/functions/{Name}/{Other}").specificity());
    assertThat(UriTemplate.parse("/functions/{Name}").specificity())
        .isGreaterThan(UriTemplate.parse("/functions/{Name+}").specificity());
    assertThatThrownBy(() -> UriTemplate.parse("/files/{Name}.json"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void percentDecodingKeepsPlusSignsAndReadsUtf8() {
    assertThat(UriTemplate.percentDecode("a+b%20c%C3%A9")).isEqualTo("a+b cé");
    assertThatThrownBy(() -> UriTemplate.percentDecode("bad%2")).isInstanceOf(BadInput.class);
  }

  private static Map<String, String> match(UriTemplate template, String path, String query) {
    return template.match(UriTemplate.segments(path), query);
  }
}
