package io.serverlessstack.fake.internal.s3;

import io.serverlessstack.fake.internal.platform.ServiceContext;
import io.serverlessstack.fake.internal.platform.ServicePlugin;
import io.serverlessstack.fake.internal.server.AwsService;
import io.serverlessstack.fake.internal.server.ServiceDescriptor;

/**
 * S3 on the service platform: restXml, signed as {@code s3}, and unsigned requests whose host names
 * a bucket (virtual-hosted style); {@link #create} alone touches the engine, the operations and the
 * SDK's S3 model.
 */
public final class S3Plugin implements ServicePlugin {

  /** The type of resource {@code withBucket(...)} declares. */
  public static final String BUCKET = "bucket";

  private static final ServiceDescriptor DESCRIPTOR =
      ServiceDescriptor.builder("s3").restXml().restClaim(S3Addressing::claims).build();

  @Override
  public ServiceDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public AwsService create(ServiceContext context) {
    return S3Operations.service(new S3Engine(context.clock(), context.journal()));
  }
}
