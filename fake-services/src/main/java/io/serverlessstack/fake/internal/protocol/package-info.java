/** One generic codec per AWS wire protocol, and AWS-shaped errors for each. Not API. */
package io.serverlessstack.fake.internal.protocol;
