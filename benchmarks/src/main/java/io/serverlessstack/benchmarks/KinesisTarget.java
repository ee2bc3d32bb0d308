package io.serverlessstack.benchmarks;

import io.serverlessstack.fake.ServerlessStackServer;
import java.net.URI;

/** A running Kinesis-speaking server: in this JVM, or for kinesalite a child process. */
interface KinesisTarget extends AutoCloseable {

  TargetKind kind();

  URI endpoint();

  /** Whether the benchmark's client speaks CBOR to it (the SDK's default) rather than JSON 1.1. */
  default boolean cbor() {
    return kind() == TargetKind.STACK || kind() == TargetKind.CEILING;
  }

  /** Whether it stores what is put, so that reading it back checks it. */
  default boolean stateful() {
    return kind() != TargetKind.CEILING && kind() != TargetKind.CEILING_JSON;
  }

  @Override
  void close();

  /**
   * Starts a server of {@code kind}; a canned server answers PutRecords for {@code batch} records
   * and GetRecords with {@code readLimit} records of {@code recordBytes} bytes each.
   */
  static KinesisTarget start(TargetKind kind, int batch, int readLimit, int recordBytes) {
    return switch (kind) {
      case STACK, STACK_JSON -> stack(kind);
      case KINESALITE -> KinesaliteServer.start();
      case CEILING, CEILING_JSON -> CannedKinesisServer.start(kind, batch, readLimit, recordBytes);
      case ELASTICMQ, MOTO -> throw new IllegalArgumentException(kind.label + " serves no Kinesis");
    };
  }

  private static KinesisTarget stack(TargetKind kind) {
    ServerlessStackServer stack = ServerlessStackServer.builder().withPort(0).start();
    return new KinesisTarget() {
      @Override
      public TargetKind kind() {
        return kind;
      }

      @Override
      public URI endpoint() {
        return stack.endpoint();
      }

      @Override
      public void close() {
        stack.close();
      }
    };
  }
}
