package io.serverlessstack.junit.contract;

import io.serverlessstack.junit.ServerlessStack;

@ServerlessStack(virtualClock = true)
class InJvmSqsContractTest extends SqsContract {}
