package io.serverlessstack.fake.internal.server;

import io.serverlessstack.api.ResourceView;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * One kind of resource a service lets inspection see, e.g. SQS's {@code queues} of type {@code
 * queue}: the admin API serves it at {@code /_stack/{service}/{collection}[/{name}]} and the in-JVM
 * inspector answers {@code resources(service, type)} and {@code resource(arn)} from it.
 *
 * @param name the collection's name in admin URLs ({@code queues})
 * @param type the type of its resources ({@code queue}), as {@link
 *     io.serverlessstack.api.ResourceRef#type()} names it
 * @param list every resource, given the stack's base URL
 * @param find one resource by name, URL or ARN, given the stack's base URL, without building the
 *     others' views
 */
public record ResourceCollection(
    String name,
    String type,
    Function<String, List<? extends ResourceView>> list,
    BiFunction<String, String, Optional<? extends ResourceView>> find) {

  public ResourceCollection {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(list, "list");
    Objects.requireNonNull(find, "find");
  }
}
