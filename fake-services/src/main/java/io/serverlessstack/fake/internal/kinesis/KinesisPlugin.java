package io.serverlessstack.fake.internal.kinesis;

import io.serverlessstack.fake.internal.platform.ServiceContext;
import io.serverlessstack.fake.internal.platform.ServicePlugin;
import io.serverlessstack.fake.internal.server.AwsService;
import io.serverlessstack.fake.internal.server.ServiceDescriptor;

/**
 * Kinesis Data Streams on the service platform: described by its target prefix; {@link #create}
 * alone touches the engine, the operations and the SDK's Kinesis model.
 */
public final class KinesisPlugin implements ServicePlugin {

  /** The type of resource {@code withStream(...)} declares. */
  public static final String STREAM = "stream";

  static final String TARGET_PREFIX = "Kinesis_20131202";

  private static final ServiceDescriptor DESCRIPTOR =
      ServiceDescriptor.builder("kinesis").targetPrefix(TARGET_PREFIX).build();

  @Override
  public ServiceDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public AwsService create(ServiceContext context) {
    return KinesisOperations.service(
        new KinesisEngine(context.clock(), context.journal(), KinesisSettings.DEFAULT));
  }
}
