package io.serverlessstack.fake.internal.apigateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** AWS's matching of binary media types (AWS-validated in LocalStack's binary response test). */
class BinaryMediaTypesTest {

  @Test
  void exactTypeMatchesRegardlessOfParametersAndCase() {
    assertThat(BinaryMediaTypes.matches("image/png", List.of("image/png"))).isTrue();
    assertThat(BinaryMediaTypes.matches("Image/PNG; q=0.9", List.of("image/png"))).isTrue();
    assertThat(BinaryMediaTypes.matches("image/jpg", List.of("image/png"))).isFalse();
  }

  @Test
  void rightWildcardCoversTheTypesSubtypes() {
    List<String> types = List.of("application/*", "image/jpg");
    assertThat(BinaryMediaTypes.matches("application/whatever", types)).isTrue();
    assertThat(BinaryMediaTypes.matches("application/*", types)).isTrue();
    assertThat(BinaryMediaTypes.matches("image/png", types)).isFalse();
  }

  @Test
  void leftWildcardCoversNothingButStarSlashStarCoversEverything() {
    assertThat(BinaryMediaTypes.matches("random/test", List.of("*/test"))).isFalse();
    assertThat(BinaryMediaTypes.matches("*/test", List.of("*/test"))).isFalse();
    assertThat(BinaryMediaTypes.matches("random/test", List.of("*/*"))).isTrue();
  }

  @Test
  void onlyTheFirstAcceptedTypeCounts() {
    List<String> types = List.of("image/png");
    assertThat(BinaryMediaTypes.matches("image/webp,image/png,*/*;q=0.8", types)).isFalse();
    assertThat(BinaryMediaTypes.matches("image/png,image/*,*/*;q=0.8", types)).isTrue();
  }

  @Test
  void noTypeOrNoBinaryTypesMatchNothing() {
    assertThat(BinaryMediaTypes.matches(null, List.of("*/*"))).isFalse();
    assertThat(BinaryMediaTypes.matches("image/png", List.of())).isFalse();
    assertThat(BinaryMediaTypes.matches("*/*", List.of("image/png"))).isFalse();
  }
}
