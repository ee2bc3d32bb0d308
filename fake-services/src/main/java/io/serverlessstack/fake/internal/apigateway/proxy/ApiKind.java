package io.serverlessstack.fake.internal.apigateway.proxy;

/** Which kind of API answers: REST APIs and HTTP APIs word their errors differently. */
public enum ApiKind {
  REST_API,
  HTTP_API
}
