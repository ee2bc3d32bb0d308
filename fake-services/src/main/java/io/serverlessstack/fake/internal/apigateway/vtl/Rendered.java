package io.serverlessstack.fake.internal.apigateway.vtl;

/**
 * A template's result.
 *
 * @param body the rendered text: the integration request's body, or the method response's
 * @param overrides the overrides after the template ran (those it was given, plus what it set)
 */
public record Rendered(String body, Overrides overrides) {}
