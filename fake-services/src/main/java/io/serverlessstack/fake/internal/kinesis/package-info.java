/** Kinesis Data Streams on the service platform. */
package io.serverlessstack.fake.internal.kinesis;
