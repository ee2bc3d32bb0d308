package com.example.clicks;

import io.serverlessstack.api.ClockMode;
import io.serverlessstack.junit.ServerlessStack;

@ServerlessStack(mode = ServerlessStack.Mode.CONTAINER, clock = ClockMode.MANUAL)
class ClicksContainerTest extends ClicksContract {}
