package io.serverlessstack.junit.contract;

import io.serverlessstack.api.ClockMode;
import io.serverlessstack.junit.ServerlessStack;

/** The same Step Functions contract against the server image in a container. */
@ServerlessStack(mode = ServerlessStack.Mode.CONTAINER, clock = ClockMode.SKIP_IDLE, shared = true)
class ContainerStepFunctionsContractTest extends StepFunctionsContract {}
