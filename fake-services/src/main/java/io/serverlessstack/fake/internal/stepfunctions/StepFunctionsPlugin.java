package io.serverlessstack.fake.internal.stepfunctions;

import io.serverlessstack.fake.internal.platform.ServiceContext;
import io.serverlessstack.fake.internal.platform.ServicePlugin;
import io.serverlessstack.fake.internal.server.AwsService;
import io.serverlessstack.fake.internal.server.ServiceDescriptor;

/**
 * AWS Step Functions on the service platform: described by its target prefix and signing name;
 * {@link #create} alone touches the engine, the interpreter and the SDK's model. StartSyncExecution
 * arrives on the same port: the router goes by {@code X-Amz-Target}, whatever host the client
 * addressed.
 */
public final class StepFunctionsPlugin implements ServicePlugin {

  public static final String ID = "stepfunctions";
  static final String TARGET_PREFIX = "AWSStepFunctions";

  private static final ServiceDescriptor DESCRIPTOR =
      ServiceDescriptor.builder(ID).signingName("states").targetPrefix(TARGET_PREFIX).build();

  @Override
  public ServiceDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public AwsService create(ServiceContext context) {
    return StepFunctionsOperations.service(new StepFunctionsEngine(context));
  }
}
