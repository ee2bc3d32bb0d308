package io.serverlessstack.junit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * What a user of S3 may rely on whichever way the stack runs: the injected {@code S3Client}, built
 * with nothing but the stack's endpoint, reaches buckets in path style (the endpoint is an IP
 * address, never {@code localhost}, which would make the SDK address {@code bucket.localhost}). Run
 * by {@link InJvmS3ContractTest} and {@link ContainerS3ContractTest}.
 */
abstract class S3Contract {

  @Test
  void anInjectedClientWritesAndReadsAnObject(S3Client s3) {
    s3.createBucket(b -> b.bucket("contract-reports"));
    s3.putObject(
        b -> b.bucket("contract-reports").key("2026/12/03/daily.csv").contentType("text/csv"),
        RequestBody.fromString("day,orders\n2026-12-03,42\n"));

    assertThat(
            s3.getObjectAsBytes(b -> b.bucket("contract-reports").key("2026/12/03/daily.csv"))
                .asUtf8String())
        .isEqualTo("day,orders\n2026-12-03,42\n");
    assertThat(s3.listObjectsV2(b -> b.bucket("contract-reports").prefix("2026/")).contents())
        .extracting(o -> o.key())
        .containsExactly("2026/12/03/daily.csv");
  }
}
