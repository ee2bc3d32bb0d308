package io.serverlessstack.fake.internal.sns;

import java.util.Map;

/** What a topic's tags must be. */
final class SnsTagRules {

  private SnsTagRules() {}

  static final int MAX_TAGS = 50;

  static void validate(Map<String, String> tags) {
    for (Map.Entry<String, String> tag : tags.entrySet()) {
      String key = tag.getKey();
      if (key == null || key.isEmpty() || key.length() > 128) {
        throw SnsErrors.invalidParameter("Invalid parameter: Tags Reason: Invalid tag key");
      }
      String value = tag.getValue();
      if (value == null || value.length() > 256) {
        throw SnsErrors.invalidParameter("Invalid parameter: Tags Reason: Invalid tag value");
      }
    }
    if (tags.size() > MAX_TAGS) {
      throw SnsErrors.tagLimitExceeded();
    }
  }
}
