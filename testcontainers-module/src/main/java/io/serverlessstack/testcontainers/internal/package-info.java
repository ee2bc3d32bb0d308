/**
 * The container image: built on first use from the server jar this artifact carries, on a jlink
 * runtime or a chosen base image; and (under {@code shaded}) the relocated Jackson. Not API.
 */
package io.serverlessstack.testcontainers.internal;
