package io.serverlessstack.fake.internal.sqs;

import io.serverlessstack.fake.internal.platform.ServiceContext;
import io.serverlessstack.fake.internal.platform.ServicePlugin;
import io.serverlessstack.fake.internal.server.AwsService;
import io.serverlessstack.fake.internal.server.ServiceDescriptor;

/**
 * SQS on the service platform: described by its JSON target prefix and query version; {@link
 * #create} alone touches the engine, the operations and the SDK's SQS model.
 */
public final class SqsPlugin implements ServicePlugin {

  /** The type of resource {@code withQueue(...)} declares. */
  public static final String QUEUE = "queue";

  private static final ServiceDescriptor DESCRIPTOR =
      ServiceDescriptor.builder("sqs")
          .targetPrefix(SqsOperations.TARGET_PREFIX)
          .queryVersion(SqsOperations.QUERY_VERSION)
          .build();

  @Override
  public ServiceDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public AwsService create(ServiceContext context) {
    return SqsOperations.service(new SqsEngine(context.clock(), context.journal(), context.bus()));
  }
}
