/** The SQS engine and its operations (JSON and query protocols). Not API. */
package io.serverlessstack.fake.internal.sqs;
