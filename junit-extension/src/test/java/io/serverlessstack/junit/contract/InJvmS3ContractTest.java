package io.serverlessstack.junit.contract;

import io.serverlessstack.junit.ServerlessStack;

@ServerlessStack
class InJvmS3ContractTest extends S3Contract {}
