/**
 * API Gateway's mapping templates for REST API integrations: the Velocity Template Language with
 * AWS's objects ({@code $input}, {@code $util}, {@code $context}, {@code $stageVariables}),
 * rendered by Apache Velocity, and the choice of a template by content type. The invocation code
 * calls {@link io.serverlessstack.fake.internal.apigateway.vtl.MappingTemplates} and {@link
 * io.serverlessstack.fake.internal.apigateway.vtl.TemplateSelection}; nothing here knows of routes,
 * integrations or the wire.
 */
package io.serverlessstack.fake.internal.apigateway.vtl;
