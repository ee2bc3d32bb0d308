package io.serverlessstack.junit;

import io.serverlessstack.api.InspectableApi;
import io.serverlessstack.api.StackInspector;
import java.net.URI;
import java.util.Objects;

/**
 * A REST API deployed on the test's stack: its name, id and stage, the URL that calls it, and the
 * stack's inspector, so {@code StackAssertions.assertThat(handle)} can check its calls. Inject one
 * with {@link RestApiName}.
 *
 * <p>The URL is the stack's path form, {@code {endpoint}/restapis/{id}/{stage}/_user_request_},
 * which any HTTP client reaches without DNS; the stack also answers on hosts {@code
 * {id}.execute-api.<anything>} with the stage as the path's first segment.
 */
public final class RestApiHandle implements InspectableApi {

  private final String name;
  private final String id;
  private final String stage;
  private final URI endpoint;
  private final StackInspector inspector;

  RestApiHandle(String name, String id, String stage, URI endpoint, StackInspector inspector) {
    this.name = Objects.requireNonNull(name, "name");
    this.id = Objects.requireNonNull(id, "id");
    this.stage = Objects.requireNonNull(stage, "stage");
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.inspector = Objects.requireNonNull(inspector, "inspector");
  }

  /** The API's name. */
  public String name() {
    return name;
  }

  /** The API's id, for the SDK's calls. */
  public String id() {
    return id;
  }

  /** The stage it is deployed to. */
  public String stage() {
    return stage;
  }

  /** The stage's invoke URL, without a trailing slash. */
  public URI uri() {
    String base = endpoint.toString().replaceFirst("/+$", "");
    return URI.create(base + "/restapis/" + id + "/" + stage + "/_user_request_");
  }

  /** The URL of {@code path} under the stage, e.g. {@code uri("/orders?status=open")}. */
  public URI uri(String path) {
    return URI.create(uri() + (path.startsWith("/") ? path : "/" + path));
  }

  @Override
  public String idOrName() {
    return id;
  }

  @Override
  public StackInspector inspector() {
    return inspector;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof RestApiHandle handle
        && handle.id.equals(id)
        && handle.stage.equals(stage);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, stage);
  }

  @Override
  public String toString() {
    return "RestApiHandle[" + name + " " + uri() + "]";
  }
}
