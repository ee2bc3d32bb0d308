package io.serverlessstack.junit.contract;

import io.serverlessstack.api.ClockMode;
import io.serverlessstack.junit.ServerlessStack;

@ServerlessStack(clock = ClockMode.SKIP_IDLE)
class InJvmStepFunctionsMocksContractTest extends StepFunctionsMocksContract {}
