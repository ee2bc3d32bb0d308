package io.serverlessstack.fake.internal.server;

import java.util.Objects;
import java.util.Optional;

/**
 * An ARN, {@code arn:partition:service:region:account:resource}, as every service of the stack
 * builds and reads them. The resource part keeps whatever separators the service uses ({@code
 * orders}, {@code stream/orders}, {@code stateMachine:orders}).
 */
public record Arn(
    String partition, String service, String region, String accountId, String resource) {

  /** The partition the stack's ARNs are in. */
  public static final String PARTITION = "aws";

  public Arn {
    Objects.requireNonNull(partition, "partition");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(resource, "resource");
  }

  /**
   * The ARN of {@code resource} of {@code service} in {@code scope}, in the {@code aws} partition.
   */
  public static Arn of(String service, Scope scope, String resource) {
    return new Arn(PARTITION, service, scope.region(), scope.accountId(), resource);
  }

  /**
   * The ARN {@code text} spells, or empty if it is not one: six colon-separated parts starting with
   * {@code arn}, a non-empty partition, service and resource (region and account may be empty, as
   * in IAM and S3 ARNs).
   */
  public static Optional<Arn> parse(String text) {
    if (text == null || !text.startsWith("arn:")) {
      return Optional.empty();
    }
    String[] parts = text.split(":", 6);
    if (parts.length != 6 || parts[1].isEmpty() || parts[2].isEmpty() || parts[5].isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Arn(parts[1], parts[2], parts[3], parts[4], parts[5]));
  }

  /** The account and region the resource lives in. */
  public Scope scope() {
    return new Scope(accountId, region);
  }

  @Override
  public String toString() {
    return "arn:" + partition + ":" + service + ":" + region + ":" + accountId + ":" + resource;
  }
}
