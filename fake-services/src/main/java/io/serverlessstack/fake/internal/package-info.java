/** Helpers of the server, and (under {@code shaded}) its relocated libraries. Not API. */
package io.serverlessstack.fake.internal;
