/** The SNS engine and its operations. Not API. */
package io.serverlessstack.fake.internal.sns;
