package io.serverlessstack.fake.internal.server;

import io.serverlessstack.api.StackDefaults;
import java.util.Objects;

/**
 * Where a resource lives and whom a request acts for: an account and a region. Resources of
 * different scopes are isolated; a request's scope comes from its SigV4 credential scope ({@link
 * RequestContext#scope()}).
 */
public record Scope(String accountId, String region) {

  /** The scope of unsigned requests and of the resources a stack is built with. */
  public static final Scope DEFAULT = new Scope(StackDefaults.ACCOUNT_ID, StackDefaults.REGION);

  public Scope {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(region, "region");
  }

  @Override
  public String toString() {
    return accountId + "/" + region;
  }
}
