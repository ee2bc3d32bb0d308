package io.serverlessstack.fake.handlers;

/** A class that implements no handler interface. */
public class NotAHandler {}
