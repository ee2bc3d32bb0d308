package io.serverlessstack.junit.contract;

import io.serverlessstack.api.ClockMode;
import io.serverlessstack.junit.ServerlessStack;

/** The same settings contract against the server image in a container. */
@ServerlessStack(
    mode = ServerlessStack.Mode.CONTAINER,
    clock = ClockMode.MANUAL,
    settings = "kinesis.throughputLimits=true")
class ContainerKinesisLimitsContractTest extends KinesisLimitsContract {}
