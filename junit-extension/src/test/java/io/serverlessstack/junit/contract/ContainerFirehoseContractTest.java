package io.serverlessstack.junit.contract;

import io.serverlessstack.api.ClockMode;
import io.serverlessstack.junit.ServerlessStack;

/**
 * The same Firehose contract against the server image in a container, shared by the run's classes.
 */
@ServerlessStack(mode = ServerlessStack.Mode.CONTAINER, clock = ClockMode.MANUAL, shared = true)
class ContainerFirehoseContractTest extends FirehoseContract {}
