package io.serverlessstack.fake.internal.lambda;

import io.serverlessstack.fake.internal.kinesis.KinesisEngine;
import io.serverlessstack.fake.internal.platform.ServiceContext;
import io.serverlessstack.fake.internal.platform.ServicePlugin;
import io.serverlessstack.fake.internal.server.AwsService;
import io.serverlessstack.fake.internal.server.ServiceDescriptor;
import io.serverlessstack.fake.internal.server.StackRequest;
import io.serverlessstack.fake.internal.sns.SnsEngine;
import io.serverlessstack.fake.internal.sqs.SqsEngine;
import java.util.List;

/**
 * Lambda on the service platform: described by its restJson1 path prefixes; {@link #create} alone
 * touches the engine, the operations, the SDK's Lambda model and the Lambda runtime libraries.
 */
public final class LambdaPlugin implements ServicePlugin {

  /** The path prefixes of the operations served: functions, mappings, tags, settings. */
  private static final List<String> PATH_PREFIXES =
      List.of(
          "/2015-03-31/functions",
          "/2015-03-31/event-source-mappings",
          "/2017-03-31/tags",
          "/2017-10-31/functions",
          "/2019-09-25/functions",
          "/2019-09-30/functions");

  private static final ServiceDescriptor DESCRIPTOR = describe();

  private static ServiceDescriptor describe() {
    ServiceDescriptor.Builder builder = ServiceDescriptor.builder("lambda");
    for (String prefix : PATH_PREFIXES) {
      builder.restPathPrefix(prefix);
    }
    return builder.rawRoute(LambdaPlugin::isTestJvmRegistration).build();
  }

  /** A test JVM registering a function it hosts (see {@code TestJvmFunctions}). */
  static boolean isTestJvmRegistration(StackRequest request) {
    return request.path().equals(TestJvmFunctions.REGISTRATION_PATH);
  }

  @Override
  public ServiceDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public AwsService create(ServiceContext context) {
    return LambdaOperations.service(
        new LambdaEngine(
            context.clock(),
            context.journal(),
            context.bus(),
            () -> context.engine("sqs", SqsEngine.class),
            () -> context.engine("kinesis", KinesisEngine.class),
            () -> context.engine("sns", SnsEngine.class)));
  }
}
