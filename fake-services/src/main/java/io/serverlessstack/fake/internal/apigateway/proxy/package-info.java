/**
 * What API Gateway sends to, and reads from, proxy and HTTP integrations: the Lambda proxy events
 * of REST APIs (payload 1.0) and HTTP APIs (payloads 1.0 and 2.0) built from an {@link
 * io.serverlessstack.fake.internal.apigateway.ApiCall}, the functions' answers read as AWS reads
 * them, and calls forwarded to real HTTP backends. Entry points: {@link ProxyEvents}, {@link
 * HttpEvents}, {@link HttpBackends}; every outcome is an {@link IntegrationOutcome}. Not API.
 */
package io.serverlessstack.fake.internal.apigateway.proxy;
