package io.serverlessstack.fake.internal.apigateway.proxy;

/**
 * What an integration gave the gateway: a response to pass on (or, for non-proxy HTTP integrations,
 * to map through integration responses), or a failure the gateway answers itself.
 */
public sealed interface IntegrationOutcome permits IntegrationResponse, IntegrationFailure {}
