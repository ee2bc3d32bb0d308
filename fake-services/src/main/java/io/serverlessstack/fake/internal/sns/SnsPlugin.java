package io.serverlessstack.fake.internal.sns;

import io.serverlessstack.fake.internal.platform.ServiceContext;
import io.serverlessstack.fake.internal.platform.ServicePlugin;
import io.serverlessstack.fake.internal.server.AwsService;
import io.serverlessstack.fake.internal.server.ServiceDescriptor;
import io.serverlessstack.fake.internal.server.StackRequest;

/**
 * SNS on the service platform: described by its query version; {@link #create} alone touches the
 * engine, the operations and the SDK's SNS model.
 */
public final class SnsPlugin implements ServicePlugin {

  /** The type of resource {@code withTopic(...)} declares. */
  public static final String TOPIC = "topic";

  private static final ServiceDescriptor DESCRIPTOR =
      ServiceDescriptor.builder("sns")
          .queryVersion(SnsOperations.QUERY_VERSION)
          .rawRoute(SnsPlugin::isCertificateRequest)
          .build();

  /** The signing certificate SNS's messages name in {@code SigningCertURL}. */
  static boolean isCertificateRequest(StackRequest request) {
    String path = request.path();
    return path.endsWith(".pem") && path.contains("/SimpleNotificationService-");
  }

  @Override
  public ServiceDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public AwsService create(ServiceContext context) {
    return SnsOperations.service(new SnsEngine(context.clock(), context.journal(), context.bus()));
  }
}
