package io.serverlessstack.fake.internal.firehose;

import io.serverlessstack.fake.internal.kinesis.KinesisEngine;
import io.serverlessstack.fake.internal.lambda.LambdaEngine;
import io.serverlessstack.fake.internal.platform.ServiceContext;
import io.serverlessstack.fake.internal.platform.ServicePlugin;
import io.serverlessstack.fake.internal.s3.S3Engine;
import io.serverlessstack.fake.internal.server.AwsService;
import io.serverlessstack.fake.internal.server.ServiceDescriptor;

/**
 * Amazon Data Firehose on the service platform: described by its target prefix; {@link #create}
 * alone touches the engine, the operations and the SDK's Firehose model. The engines of S3, Lambda
 * and Kinesis are looked up when a delivery first needs them, so a stack runs Firehose without
 * building them until then.
 */
public final class FirehosePlugin implements ServicePlugin {

  static final String TARGET_PREFIX = "Firehose_20150804";

  private static final ServiceDescriptor DESCRIPTOR =
      ServiceDescriptor.builder("firehose").targetPrefix(TARGET_PREFIX).build();

  @Override
  public ServiceDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public AwsService create(ServiceContext context) {
    return FirehoseOperations.service(
        new FirehoseEngine(
            context.clock(),
            context.journal(),
            new FirehoseEngine.Services(
                () -> context.engine("s3", S3Engine.class),
                () -> context.engine("lambda", LambdaEngine.class),
                () -> context.engine("kinesis", KinesisEngine.class)),
            context.bus()));
  }
}
