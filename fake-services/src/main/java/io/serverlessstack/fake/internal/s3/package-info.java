/** The S3 engine and its operations (restXml, path-style and virtual-hosted). Not API. */
package io.serverlessstack.fake.internal.s3;
