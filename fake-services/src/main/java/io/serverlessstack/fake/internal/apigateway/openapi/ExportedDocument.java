package io.serverlessstack.fake.internal.apigateway.openapi;

/**
 * GetExport's answer: the document and the headers AWS sends with it.
 *
 * @param body the document, JSON or YAML
 * @param contentType the answer's {@code Content-Type}
 * @param contentDisposition the answer's {@code Content-Disposition}
 */
public record ExportedDocument(byte[] body, String contentType, String contentDisposition) {}
