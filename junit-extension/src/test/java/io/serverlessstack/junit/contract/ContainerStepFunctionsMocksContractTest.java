package io.serverlessstack.junit.contract;

import io.serverlessstack.api.ClockMode;
import io.serverlessstack.junit.ServerlessStack;

/** The same against the server image: the mock file reaches it through the admin API. */
@ServerlessStack(mode = ServerlessStack.Mode.CONTAINER, clock = ClockMode.SKIP_IDLE)
class ContainerStepFunctionsMocksContractTest extends StepFunctionsMocksContract {}
