package io.serverlessstack.fake.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerUpgradeHandler;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http2.CleartextHttp2ServerUpgradeHandler;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2ServerUpgradeCodec;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.util.AsciiString;
import io.netty.util.AttributeKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stack's one port: HTTP/1.1 with keep-alive, and HTTP/2 over cleartext both with prior
 * knowledge (what {@code KinesisAsyncClient} speaks) and by upgrade. Every request is aggregated up
 * to a body limit and handed to the {@link Router}; larger bodies get a 413.
 */
public final class HttpFrontDoor implements AutoCloseable {

  /** Response headers are the stack's own, always valid: checking each one cost measurable time. */
  private static final DefaultHttpHeadersFactory UNVALIDATED_HEADERS =
      DefaultHttpHeadersFactory.headersFactory().withValidation(false);

  private static final DefaultHttpHeadersFactory UNVALIDATED_TRAILERS =
      DefaultHttpHeadersFactory.trailersFactory().withValidation(false);

  private static final Logger LOG = LoggerFactory.getLogger(HttpFrontDoor.class);

  private final EventLoopGroup group;
  private final Channel serverChannel;

  private HttpFrontDoor(EventLoopGroup group, Channel serverChannel) {
    this.group = group;
    this.serverChannel = serverChannel;
  }

  /**
   * Binds {@code host:port} (port 0 picks a free one) and starts serving.
   *
   * @throws UncheckedIOException if it cannot listen there, e.g. because the port is in use
   */
  public static HttpFrontDoor start(
      String host, int port, int maxBodyBytes, int ioThreads, Router router) {
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(ioThreads, NioIoHandler.newFactory());
    RequestHandler handler = new RequestHandler(router);
    ChannelFuture bound =
        new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .option(ChannelOption.SO_BACKLOG, 1024)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(new ConnectionInitializer(maxBodyBytes, handler))
            .bind(host, port)
            .awaitUninterruptibly();
    if (bound.isSuccess()) {
      return new HttpFrontDoor(group, bound.channel());
    }
    // Event-loop threads are no daemons: left running, they would keep the JVM from exiting.
    group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).syncUninterruptibly();
    throw cannotListen(host, port, bound.cause());
  }

  private static RuntimeException cannotListen(String host, int port, Throwable cause) {
    if (cause instanceof BindException inUse
        && String.valueOf(inUse.getMessage()).contains("in use")) {
      return new UncheckedIOException(
          "Port " + port + " on " + host + " is in use; choose another, or 0 for a free one",
          inUse);
    }
    String reason = "Cannot listen on " + host + ":" + port + ": " + cause.getMessage();
    return cause instanceof IOException io
        ? new UncheckedIOException(reason, io)
        : new IllegalStateException(reason, cause);
  }

  public InetSocketAddress address() {
    return (InetSocketAddress) serverChannel.localAddress();
  }

  @Override
  public void close() {
    serverChannel.close().syncUninterruptibly();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  /** Chooses HTTP/1.1 or HTTP/2 for each new connection. */
  private static final class ConnectionInitializer extends ChannelInitializer<SocketChannel> {
    private final int maxBodyBytes;
    private final RequestHandler handler;

    ConnectionInitializer(int maxBodyBytes, RequestHandler handler) {
      this.maxBodyBytes = maxBodyBytes;
      this.handler = handler;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
      HttpServerCodec http1 = new HttpServerCodec();
      HttpServerUpgradeHandler upgrade =
          new HttpServerUpgradeHandler(
              http1,
              protocol ->
                  AsciiString.contentEquals(Http2CodecUtil.HTTP_UPGRADE_PROTOCOL_NAME, protocol)
                      ? new Http2ServerUpgradeCodec(
                          Http2FrameCodecBuilder.forServer().build(), http2Multiplexer())
                      : null,
              maxBodyBytes);
      channel
          .pipeline()
          .addLast(new CleartextHttp2ServerUpgradeHandler(http1, upgrade, http2Handler()))
          .addLast(new HttpObjectAggregator(maxBodyBytes))
          .addLast(handler);
    }

    private ChannelHandler http2Handler() {
      return new ChannelInitializer<Channel>() {
        @Override
        protected void initChannel(Channel channel) {
          channel
              .pipeline()
              .addLast(Http2FrameCodecBuilder.forServer().build())
              .addLast(http2Multiplexer());
        }
      };
    }

    private Http2MultiplexHandler http2Multiplexer() {
      return new Http2MultiplexHandler(
          new ChannelInitializer<Http2StreamChannel>() {
            @Override
            protected void initChannel(Http2StreamChannel stream) {
              stream
                  .pipeline()
                  .addLast(new Http2StreamFrameToHttpObjectCodec(true))
                  .addLast(new HttpObjectAggregator(maxBodyBytes))
                  .addLast(handler);
            }
          });
    }
  }

  /**
   * Turns an aggregated request into a {@link StackRequest} and writes the router's answer. A
   * connection's requests are served one at a time, so that the answers to pipelined HTTP/1.1
   * requests go out in the order the requests came, even when an earlier one is a long poll.
   */
  @ChannelHandler.Sharable
  private static final class RequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final AttributeKey<Pipeline> PIPELINE =
        AttributeKey.valueOf("serverless-stack.pipeline");

    private final Router router;

    RequestHandler(Router router) {
      this.router = router;
    }

    /** A connection's request being served and those that came after it; event loop only. */
    private static final class Pipeline {
      final ArrayDeque<FullHttpRequest> waiting = new ArrayDeque<>();
      boolean serving;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
      Pipeline pipeline = ctx.channel().attr(PIPELINE).get();
      if (pipeline == null) {
        pipeline = new Pipeline();
        ctx.channel().attr(PIPELINE).set(pipeline);
      }
      if (pipeline.serving) {
        pipeline.waiting.add(request.retain());
        ctx.channel().config().setAutoRead(false); // no more until the queue drains
        return;
      }
      serve(ctx, request, pipeline);
    }

    private void serve(ChannelHandlerContext ctx, FullHttpRequest request, Pipeline pipeline) {
      if (request.decoderResult().isFailure()) {
        // Netty hands on what it could not parse as a placeholder request; the stream is lost.
        LOG.debug("Malformed HTTP request, closing", request.decoderResult().cause());
        write(ctx, StackResponse.of(400, "text/plain", "Malformed HTTP request"), false);
        return;
      }
      pipeline.serving = true;
      boolean keepAlive = HttpUtil.isKeepAlive(request);
      StackRequest stackRequest = toStackRequest(request);
      router
          .route(stackRequest)
          .whenComplete(
              (response, failure) -> {
                StackResponse answer = response;
                if (failure != null) {
                  LOG.error("Unhandled failure serving {}", stackRequest.path(), failure);
                  answer =
                      StackResponse.of(500, "text/plain", "Internal error of serverless-stack");
                }
                StackResponse written = answer;
                ctx.executor().execute(() -> answered(ctx, pipeline, written, keepAlive));
              });
    }

    private void answered(
        ChannelHandlerContext ctx, Pipeline pipeline, StackResponse response, boolean keepAlive) {
      write(ctx, response, keepAlive);
      pipeline.serving = false;
      if (!keepAlive) {
        return; // the connection closes; channelInactive releases what still waits
      }
      FullHttpRequest next = pipeline.waiting.poll();
      if (next == null) {
        ctx.channel().config().setAutoRead(true);
        return;
      }
      try {
        serve(ctx, next, pipeline);
      } finally {
        next.release();
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
      Pipeline pipeline = ctx.channel().attr(PIPELINE).getAndSet(null);
      if (pipeline != null) {
        pipeline.waiting.forEach(FullHttpRequest::release);
        pipeline.waiting.clear();
      }
      super.channelInactive(ctx);
    }

    private static StackRequest toStackRequest(FullHttpRequest request) {
      Map<String, String> headers = new HashMap<>();
      request
          .headers()
          .forEach(
              header ->
                  headers.merge(
                      header.getKey().toLowerCase(java.util.Locale.ROOT),
                      header.getValue(),
                      (a, b) -> a + "," + b));
      String uri = request.uri();
      int question = uri.indexOf('?');
      String path = question < 0 ? uri : uri.substring(0, question);
      String query = question < 0 ? "" : uri.substring(question + 1);
      return new StackRequest(
          request.method().name(), path, query, headers, ByteBufUtil.getBytes(request.content()));
    }

    private static void write(
        ChannelHandlerContext ctx, StackResponse response, boolean keepAlive) {
      FullHttpResponse http =
          new DefaultFullHttpResponse(
              HttpVersion.HTTP_1_1,
              HttpResponseStatus.valueOf(response.status()),
              Unpooled.wrappedBuffer(response.body()),
              UNVALIDATED_HEADERS,
              UNVALIDATED_TRAILERS);
      http.headers().set(HttpHeaderNames.CONTENT_TYPE, response.contentType());
      http.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, response.body().length);
      response.headers().forEach(http.headers()::set);
      HttpUtil.setKeepAlive(http, keepAlive);
      if (keepAlive) {
        ctx.writeAndFlush(http);
      } else {
        ctx.writeAndFlush(http).addListener(ChannelFutureListener.CLOSE);
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      LOG.debug("Connection error, closing it", cause);
      ctx.close();
    }
  }
}
