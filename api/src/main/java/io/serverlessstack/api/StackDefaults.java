package io.serverlessstack.api;

/**
 * What a stack assumes when a client says nothing else, the same for a stack in this JVM, the
 * standalone server and a container.
 *
 * <p>The stack verifies no signatures: any access key and secret key work, and a client may sign
 * for any region (resources of different regions are kept apart). These are the values the JUnit
 * extension and the container hand to clients.
 */
public final class StackDefaults {

  /** The region clients are configured with, and the one the stack assumes for unsigned calls. */
  public static final String REGION = "us-east-1";

  /**
   * The account a request acts for unless its access key is a 12-digit account id; the account in
   * queue URLs and ARNs, e.g. {@code arn:aws:sqs:us-east-1:000000000000:orders}.
   */
  public static final String ACCOUNT_ID = "000000000000";

  /** The access key id clients are configured with. */
  public static final String ACCESS_KEY_ID = "test";

  /** The secret access key clients are configured with; signatures are not verified. */
  public static final String SECRET_ACCESS_KEY = "test";

  private StackDefaults() {}
}
