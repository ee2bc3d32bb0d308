package io.serverlessstack.fake.internal.kinesis;

import java.time.Instant;

/**
 * One record as a shard keeps it.
 *
 * @param counter its place in the stream, the last digits of its sequence number
 * @param data its bytes; never changed once stored
 */
record StoredRecord(
    long counter, String sequenceNumber, String partitionKey, byte[] data, Instant arrival) {}
