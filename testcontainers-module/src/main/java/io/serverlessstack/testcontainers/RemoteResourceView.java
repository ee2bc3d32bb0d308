package io.serverlessstack.testcontainers;

import io.serverlessstack.api.ResourceRef;
import io.serverlessstack.api.ResourceView;
import java.util.Map;
import java.util.Objects;

/**
 * A resource of a remote stack for which this client has no typed view (a service newer than the
 * client, say): what it is, and every property the stack's admin API reported, as JSON values
 * (strings, numbers, booleans, lists and maps).
 *
 * @param properties the view's JSON properties, {@code ref} included
 */
public record RemoteResourceView(ResourceRef ref, Map<String, Object> properties)
    implements ResourceView {

  public RemoteResourceView {
    Objects.requireNonNull(ref, "ref");
    properties = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(properties));
  }
}
