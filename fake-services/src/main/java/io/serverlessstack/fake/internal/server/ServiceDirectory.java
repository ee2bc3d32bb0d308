package io.serverlessstack.fake.internal.server;

import java.util.ArrayList;
import java.util.List;

/**
 * The services a router serves: every one described up front, each built when first needed. The
 * router asks it to build the services a request may be for before routing the request.
 */
public interface ServiceDirectory {

  /** Every service the stack runs, built or not, in registration order. */
  List<ServiceDescriptor> descriptors();

  /** Whether the service {@code id} is built. */
  boolean isLoaded(String id);

  /** Whether every service is built: routing then needs no descriptor. */
  boolean allLoaded();

  /**
   * The service {@code id}, built now if it was not: once, however many threads ask at a time.
   *
   * @throws IllegalArgumentException if the stack runs no service {@code id}
   */
  AwsService load(String id);

  /** The services built so far, in registration order. */
  List<AwsService> loaded();

  /** Services built already, e.g. by a test; each one's id is its signing name. */
  static ServiceDirectory of(List<AwsService> services) {
    List<AwsService> all = List.copyOf(services);
    List<ServiceDescriptor> descriptors = new ArrayList<>();
    for (AwsService service : all) {
      descriptors.add(ServiceDescriptor.of(service));
    }
    List<ServiceDescriptor> described = List.copyOf(descriptors);
    return new ServiceDirectory() {
      @Override
      public List<ServiceDescriptor> descriptors() {
        return described;
      }

      @Override
      public boolean isLoaded(String id) {
        return true;
      }

      @Override
      public boolean allLoaded() {
        return true;
      }

      @Override
      public AwsService load(String id) {
        for (AwsService service : all) {
          if (service.signingName().equals(id)) {
            return service;
          }
        }
        throw new IllegalArgumentException("No service " + id);
      }

      @Override
      public List<AwsService> loaded() {
        return all;
      }
    };
  }
}
