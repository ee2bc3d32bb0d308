package io.serverlessstack.fake.internal.apigateway.proxy;

import java.util.Collection;
import java.util.Locale;

/**
 * Whether a media type is one of a REST API's {@code binaryMediaTypes}, as API Gateway decides it:
 * only the first type of an {@code Accept} list counts, parameters are ignored, {@code type/*}
 * covers a type's subtypes and {@code *}{@code /*} covers everything; any other wildcard on the
 * left ({@code *}{@code /png}) covers nothing (AWS-validated in LocalStack's {@code
 * test_aws_proxy_binary_response}).
 */
public final class BinaryMediaTypes {

  private BinaryMediaTypes() {}

  /**
   * @param mediaType a {@code Content-Type} or {@code Accept} value, or {@code null}
   * @param binaryMediaTypes the API's binary media types
   */
  public static boolean matches(String mediaType, Collection<String> binaryMediaTypes) {
    if (mediaType == null || binaryMediaTypes == null || binaryMediaTypes.isEmpty()) {
      return false;
    }
    String[] wanted = typeAndSubtype(mediaType.split(",", -1)[0]);
    if (wanted == null) {
      return false;
    }
    for (String configured : binaryMediaTypes) {
      String[] binary = typeAndSubtype(configured);
      if (binary == null) {
        continue;
      }
      if (binary[0].equals("*")) {
        if (binary[1].equals("*")) {
          return true;
        }
        continue;
      }
      if (binary[0].equals(wanted[0]) && (binary[1].equals("*") || binary[1].equals(wanted[1]))) {
        return true;
      }
    }
    return false;
  }

  private static String[] typeAndSubtype(String mediaType) {
    String bare = mediaType.split(";", -1)[0].trim().toLowerCase(Locale.ROOT);
    int slash = bare.indexOf('/');
    if (slash <= 0 || slash == bare.length() - 1 || bare.indexOf('/', slash + 1) >= 0) {
      return null;
    }
    return new String[] {bare.substring(0, slash).trim(), bare.substring(slash + 1).trim()};
  }
}
