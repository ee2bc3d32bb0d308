/** Amazon Data Firehose: delivery streams, buffering, S3 and HTTP endpoint destinations. */
package io.serverlessstack.fake.internal.firehose;
