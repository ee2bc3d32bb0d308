package io.serverlessstack.fake.internal.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import io.serverlessstack.fake.internal.sns.FilterPolicy;
import io.serverlessstack.fake.internal.sns.FilterPolicyException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.lambda.model.Filter;
import software.amazon.awssdk.services.lambda.model.FilterCriteria;

/**
 * An event source mapping's {@code FilterCriteria}: Lambda event filtering, which reads each
 * pattern as an event pattern over one record as JSON and passes the record when any pattern
 * matches it (no patterns pass every record).
 *
 * <p>The patterns are matched by the SNS filter-policy matcher with its body scope: it has the
 * event-pattern rules Lambda documents (exact values, {@code prefix}, {@code suffix}, {@code
 * equals-ignore-case}, {@code anything-but}, {@code numeric}, {@code exists}, {@code $or}), nested
 * objects and arrays; SNS's limits (five keys per pattern) come with it.
 *
 * <p>Immutable and thread-safe.
 */
final class EventFilter {

  static final EventFilter NONE = new EventFilter(List.of());

  private final List<FilterPolicy> patterns;

  private EventFilter(List<FilterPolicy> patterns) {
    this.patterns = patterns;
  }

  /**
   * The filter {@code criteria} describe; {@link #NONE} for none or an empty list.
   *
   * @throws io.serverlessstack.fake.internal.protocol.AwsErrorException Lambda's {@code
   *     InvalidParameterValueException} for a pattern that is missing or not an event pattern
   */
  static EventFilter of(FilterCriteria criteria) {
    if (criteria == null || !criteria.hasFilters() || criteria.filters().isEmpty()) {
      return NONE;
    }
    List<FilterPolicy> patterns = new ArrayList<>();
    for (Filter filter : criteria.filters()) {
      patterns.add(parse(filter.pattern()));
    }
    return new EventFilter(List.copyOf(patterns));
  }

  private static FilterPolicy parse(String pattern) {
    try {
      // An event pattern is a JSON object: Lambda refuses a bare string or value.
      JsonNode root = pattern == null ? null : LambdaEngine.JSON.readTree(pattern);
      if (root != null && root.isObject()) {
        return FilterPolicy.parse(pattern, FilterPolicy.Scope.MESSAGE_BODY);
      }
    } catch (IOException | FilterPolicyException invalid) {
      // answered below, in Lambda's words, which name no reason
    }
    throw LambdaErrors.invalidParameter("Invalid filter pattern definition.");
  }

  boolean passesEverything() {
    return patterns.isEmpty();
  }

  /** Whether {@code record}, as JSON, passes. */
  boolean passes(JsonNode record) {
    if (patterns.isEmpty()) {
      return true;
    }
    String json = record.toString();
    return patterns.stream().anyMatch(pattern -> pattern.matchBody(json).matched());
  }
}
