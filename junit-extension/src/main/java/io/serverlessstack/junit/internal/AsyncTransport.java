package io.serverlessstack.junit.internal;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.SdkEventLoopGroup;

/**
 * The event loop behind injected async clients. The SDK shuts a loop it owns down with a two second
 * quiet period, which every test class would wait out; this one stops at once, as nothing is in
 * flight by the time a stack closes. Not API.
 */
public final class AsyncTransport implements AutoCloseable {

  private final EventLoopGroup eventLoop;

  private AsyncTransport(EventLoopGroup eventLoop) {
    this.eventLoop = eventLoop;
  }

  // The SDK recognises only the classic group types; Netty 4.2 deprecates them in favour of
  // MultiThreadIoEventLoopGroup, which the SDK rejects.
  @SuppressWarnings("deprecation")
  public static AsyncTransport start() {
    return new AsyncTransport(new NioEventLoopGroup(2));
  }

  /** An HTTP client builder on this loop; clients built from it leave the loop running. */
  public NettyNioAsyncHttpClient.Builder httpClient() {
    return NettyNioAsyncHttpClient.builder()
        .eventLoopGroup(SdkEventLoopGroup.create(eventLoop, NioSocketChannel::new));
  }

  @Override
  public void close() {
    eventLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(2, TimeUnit.SECONDS);
  }
}
