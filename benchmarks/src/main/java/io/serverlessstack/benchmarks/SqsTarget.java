package io.serverlessstack.benchmarks;

import io.serverlessstack.fake.ServerlessStackServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

/** A running SQS-speaking server: in this JVM, or for Moto a child process. */
interface SqsTarget extends AutoCloseable {

  TargetKind kind();

  URI endpoint();

  @Override
  void close();

  /** Starts a server of {@code kind}; canned responses carry {@code body}'s MD5. */
  static SqsTarget start(TargetKind kind, String body) {
    return switch (kind) {
      case STACK -> stack();
      case ELASTICMQ -> elasticMq();
      case CEILING -> CannedSqsServer.start(body);
      case MOTO -> MotoServer.start();
      case STACK_JSON, KINESALITE, CEILING_JSON ->
          throw new IllegalArgumentException(kind.label + " serves no SQS");
    };
  }

  static SqsTarget stack() {
    ServerlessStackServer stack = ServerlessStackServer.builder().withPort(0).start();
    return new SqsTarget() {
      @Override
      public TargetKind kind() {
        return TargetKind.STACK;
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

  static SqsTarget elasticMq() {
    int port = freePort();
    SQSRestServer server = SQSRestServerBuilder.withPort(port).withInterface("127.0.0.1").start();
    server.waitUntilStarted();
    URI endpoint = URI.create("http://127.0.0.1:" + port);
    return new SqsTarget() {
      @Override
      public TargetKind kind() {
        return TargetKind.ELASTICMQ;
      }

      @Override
      public URI endpoint() {
        return endpoint;
      }

      @Override
      public void close() {
        server.stopAndWait();
      }
    };
  }

  /** A port that was free a moment ago, for servers that want one up front. */
  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
