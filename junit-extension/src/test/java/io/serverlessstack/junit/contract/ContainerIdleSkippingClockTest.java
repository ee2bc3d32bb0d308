package io.serverlessstack.junit.contract;

import io.serverlessstack.api.ClockMode;
import io.serverlessstack.junit.ServerlessStack;

/** The same against the server image: the clock is chosen through SERVERLESS_STACK_CLOCK. */
@ServerlessStack(mode = ServerlessStack.Mode.CONTAINER, clock = ClockMode.SKIP_IDLE)
class ContainerIdleSkippingClockTest extends IdleSkippingClockContract {}
