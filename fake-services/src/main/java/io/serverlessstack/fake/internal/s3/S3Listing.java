package io.serverlessstack.fake.internal.s3;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

/**
 * One page of a bucket's keys as ListObjects and ListObjectsV2 list them: keys in UTF-8 binary
 * order, those under {@code prefix}; with a delimiter, the keys that contain it after the prefix
 * rolled up into one common prefix each (up to and including the delimiter); keys and common
 * prefixes together count towards {@code maxKeys}.
 *
 * @param contents the objects listed
 * @param commonPrefixes the common prefixes listed
 * @param truncated whether more keys or common prefixes follow
 * @param last the last key or common prefix listed, where the next page starts after
 */
record S3Listing(
    List<StoredObject> contents, List<String> commonPrefixes, boolean truncated, String last) {

  /**
   * @param after list only what comes after this key or common prefix ({@code null}: from the
   *     start)
   */
  static S3Listing of(
      NavigableMap<String, StoredObject> objects,
      String prefix,
      String delimiter,
      String after,
      int maxKeys) {
    String under = prefix == null ? "" : prefix;
    String rollUp = delimiter == null || delimiter.isEmpty() ? null : delimiter;
    NavigableMap<String, StoredObject> from =
        after != null && S3Engine.KEY_ORDER.compare(after, under) >= 0
            ? objects.tailMap(after, false)
            : objects.tailMap(under, true);
    List<StoredObject> contents = new ArrayList<>();
    List<String> prefixes = new ArrayList<>();
    String last = null;
    String lastPrefix = null;
    boolean truncated = false;
    for (Map.Entry<String, StoredObject> entry : from.entrySet()) {
      String key = entry.getKey();
      if (!key.startsWith(under)) {
        break; // the keys under a prefix are contiguous in this order
      }
      String common = null;
      if (rollUp != null) {
        int at = key.indexOf(rollUp, under.length());
        if (at >= 0) {
          common = key.substring(0, at + rollUp.length());
          if (common.equals(lastPrefix) || (after != null && after.startsWith(common))) {
            continue; // listed already, on this page or an earlier one
          }
        }
      }
      if (contents.size() + prefixes.size() >= maxKeys) {
        truncated = maxKeys > 0;
        break;
      }
      if (common != null) {
        prefixes.add(common);
        lastPrefix = common;
        last = common;
      } else {
        contents.add(entry.getValue());
        last = key;
      }
    }
    return new S3Listing(List.copyOf(contents), List.copyOf(prefixes), truncated, last);
  }

  /** ListObjectsV2's opaque continuation token for the page after {@code last}. */
  static String token(String last) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(("after:" + last).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Where a continuation token says to go on from.
   *
   * @throws io.serverlessstack.fake.internal.protocol.AwsErrorException {@code InvalidArgument} if
   *     it is not one of this service's tokens
   */
  static String afterToken(String token) {
    try {
      String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      if (text.startsWith("after:")) {
        return text.substring("after:".length());
      }
    } catch (IllegalArgumentException notBase64) {
      // answered below
    }
    throw S3Errors.invalidArgument(
        "The continuation token provided is incorrect", "continuation-token", token);
  }
}
