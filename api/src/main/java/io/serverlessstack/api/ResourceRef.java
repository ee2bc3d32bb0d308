package io.serverlessstack.api;

import java.util.Objects;

/**
 * Names one resource of a stack the same way for every service, e.g. {@code sqs queue orders
 * arn:aws:sqs:us-east-1:000000000000:orders}.
 *
 * @param service the service that holds it ({@code sqs}, {@code sns}, …)
 * @param type what kind of resource it is within the service ({@code queue}, {@code topic}, …)
 * @param name its name within its account and region
 * @param arn its ARN
 */
public record ResourceRef(String service, String type, String name, String arn) {

  public ResourceRef {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(arn, "arn");
  }

  /** The service an ARN belongs to ({@code arn:aws:sqs:…} → {@code sqs}), or {@code null}. */
  public static String serviceOf(String arn) {
    String[] parts = arn == null ? new String[0] : arn.split(":", 4);
    return parts.length == 4 && parts[0].equals("arn") && !parts[2].isEmpty() ? parts[2] : null;
  }

  @Override
  public String toString() {
    return service + " " + type + " " + name + " " + arn;
  }
}
