package io.serverlessstack.fake.internal.protocol;

import java.util.ArrayList;
import java.util.List;

/**
 * The members of a request that failed their modelled constraints, reported together as AWS's
 * request validation does for the JSON services (Lambda, Kinesis, Firehose): a {@code
 * ValidationException} saying {@code N validation error(s) detected: Value … at '…' failed to
 * satisfy constraint: …; …}.
 */
public final class ModelViolations {
  private final List<String> found = new ArrayList<>();

  public ModelViolations add(String member, Object value, String constraint) {
    found.add(
        "Value "
            + (value == null ? "null" : "'" + value + "'")
            + " at '"
            + member
            + "' failed to satisfy constraint: "
            + constraint);
    return this;
  }

  /** Adds a violation when {@code value} is set and outside {@code min} to {@code max}. */
  public ModelViolations range(String member, Integer value, int min, int max) {
    if (value == null) {
      return this;
    }
    if (value < min) {
      add(member, value, "Member must have value greater than or equal to " + min);
    } else if (value > max) {
      add(member, value, "Member must have value less than or equal to " + max);
    }
    return this;
  }

  /** Adds a violation when {@code value} is missing. */
  public ModelViolations required(String member, Object value) {
    return value == null ? add(member, null, "Member must not be null") : this;
  }

  /**
   * Adds a violation when {@code value} is set and its length is outside {@code min} to {@code
   * max}.
   */
  public ModelViolations length(String member, String value, int min, int max) {
    if (value == null) {
      return this;
    }
    if (value.length() < min) {
      add(member, value, "Member must have length greater than or equal to " + min);
    } else if (value.length() > max) {
      add(member, value, "Member must have length less than or equal to " + max);
    }
    return this;
  }

  /** Adds a violation when {@code value} is set and does not match {@code regex}. */
  public ModelViolations pattern(String member, String value, String regex) {
    if (value != null && !value.matches(regex)) {
      add(member, value, "Member must satisfy regular expression pattern: " + regex);
    }
    return this;
  }

  public boolean isEmpty() {
    return found.isEmpty();
  }

  public String message() {
    return found.size()
        + (found.size() == 1 ? " validation error detected: " : " validation errors detected: ")
        + String.join("; ", found);
  }

  public AwsErrorException toException() {
    return new AwsErrorException("ValidationException", "ValidationException", 400, message());
  }

  /** Throws the violations found, if any. */
  public void throwIfAny() {
    if (!found.isEmpty()) {
      throw toException();
    }
  }
}
