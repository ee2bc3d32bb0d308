package com.example.clicks;

import io.serverlessstack.api.ClockMode;
import io.serverlessstack.junit.ServerlessStack;

@ServerlessStack(clock = ClockMode.MANUAL)
class ClicksInJvmTest extends ClicksContract {}
