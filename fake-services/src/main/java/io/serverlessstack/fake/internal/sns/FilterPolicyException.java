package io.serverlessstack.fake.internal.sns;

/**
 * A filter policy (or its scope) that Amazon SNS would refuse, with SNS's {@code InvalidParameter}
 * message word for word.
 *
 * <p>SNS words the same problem two ways: {@code SetSubscriptionAttributes} answers {@code "Invalid
 * parameter: FilterPolicy: …"} ({@link #getMessage()}), {@code Subscribe} answers {@code "Invalid
 * parameter: Attributes Reason: FilterPolicy: …"} ({@link #subscribeMessage()}).
 */
public final class FilterPolicyException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String reason;

  FilterPolicyException(String reason) {
    super("Invalid parameter: " + reason, null, false, false);
    this.reason = reason;
  }

  /** The part after {@code "Invalid parameter: "}, e.g. {@code "FilterPolicy: …"}. */
  public String reason() {
    return reason;
  }

  /** The message as SNS words it when the policy comes with a {@code Subscribe} call. */
  public String subscribeMessage() {
    return "Invalid parameter: Attributes Reason: " + reason;
  }
}
