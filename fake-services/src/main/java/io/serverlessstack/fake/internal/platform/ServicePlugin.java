package io.serverlessstack.fake.internal.platform;

import io.serverlessstack.fake.internal.server.AwsService;
import io.serverlessstack.fake.internal.server.ServiceDescriptor;
import java.util.Objects;
import java.util.function.Function;

/**
 * One service a stack can run: a cheap {@link ServiceDescriptor} the router routes by, and a
 * factory that builds the service (engine, operations, inspection, reset, declared resources) when
 * it is first needed. An implementation must keep its engine, operations and SDK model classes out
 * of everything but {@link #create}'s body, so that a stack that never needs the service never
 * loads them.
 */
public interface ServicePlugin {

  ServiceDescriptor descriptor();

  /** Builds the service; called at most once per stack. */
  AwsService create(ServiceContext context);

  /** A plug-in from its descriptor and a factory. */
  static ServicePlugin of(
      ServiceDescriptor descriptor, Function<ServiceContext, AwsService> factory) {
    Objects.requireNonNull(descriptor, "descriptor");
    Objects.requireNonNull(factory, "factory");
    return new ServicePlugin() {
      @Override
      public ServiceDescriptor descriptor() {
        return descriptor;
      }

      @Override
      public AwsService create(ServiceContext context) {
        return factory.apply(context);
      }

      @Override
      public String toString() {
        return "ServicePlugin[" + descriptor.id() + "]";
      }
    };
  }
}
