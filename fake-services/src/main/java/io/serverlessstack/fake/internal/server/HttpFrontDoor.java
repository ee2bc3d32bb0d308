package io.serverlessstack.fake.internal.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerUpgradeHandler;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http2.CleartextHttp2ServerUpgradeHandler;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2ServerUpgradeCodec;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.util.AsciiString;
import io.netty.util.AttributeKey;
import io.serverlessstack.fake.internal.clock.StackClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stack's one port: HTTP/1.1 with keep-alive, and HTTP/2 over cleartext both with prior
 * knowledge (what {@code KinesisAsyncClient} speaks) and by upgrade. Every request is aggregated up
 * to a body limit and handed to the {@link Router}; larger bodies get a 413.
 *
 * <p>For a clock that {@linkplain StackClock#tracksRequests() follows requests}, each request is in
 * flight from its first line to its written response: {@link StackClock#requestStarted()} when its
 * head arrives, {@link StackClock.InFlight#finish()} once its answer is written or its connection
 * is gone. A request waiting behind an earlier one on its connection is parked.
 *
 * <p>A {@linkplain StackResponse#streamed() streamed} answer (an event stream) is written part by
 * part as its publisher produces them: chunked over HTTP/1.1, DATA frames over HTTP/2. Its
 * publisher is asked for more only while the channel is writable, that is while the client keeps
 * reading, and is cancelled when the client goes away. While it waits for its next part the request
 * is parked, so that a stream open for minutes does not hold the idle-skipping clock still; it
 * finishes when the stream ends.
 */
public final class HttpFrontDoor implements AutoCloseable {

  /** Response headers are the stack's own, always valid: checking each one cost measurable time. */
  private static final DefaultHttpHeadersFactory UNVALIDATED_HEADERS =
      DefaultHttpHeadersFactory.headersFactory().withValidation(false);

  private static final DefaultHttpHeadersFactory UNVALIDATED_TRAILERS =
      DefaultHttpHeadersFactory.trailersFactory().withValidation(false);

  private static final Logger LOG = LoggerFactory.getLogger(HttpFrontDoor.class);

  /** The requests of a connection (or HTTP/2 stream) whose heads came but that are not served. */
  private static final AttributeKey<ArrayDeque<StackClock.InFlight>> ARRIVING =
      AttributeKey.valueOf("serverless-stack.arriving");

  private final EventLoopGroup group;
  private final Channel serverChannel;

  private HttpFrontDoor(EventLoopGroup group, Channel serverChannel) {
    this.group = group;
    this.serverChannel = serverChannel;
  }

  /**
   * Binds {@code host:port} (port 0 picks a free one) and starts serving, telling {@code clock}
   * about the requests if it follows them.
   *
   * @throws UncheckedIOException if it cannot listen there, e.g. because the port is in use
   */
  public static HttpFrontDoor start(
      String host, int port, int maxBodyBytes, int ioThreads, Router router, StackClock clock) {
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(ioThreads, NioIoHandler.newFactory());
    Arrivals arrivals = clock.tracksRequests() ? new Arrivals(clock) : null;
    RequestHandler handler = new RequestHandler(router);
    ChannelFuture bound =
        new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .option(ChannelOption.SO_BACKLOG, 1024)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(new ConnectionInitializer(maxBodyBytes, handler, arrivals))
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
    private final Arrivals arrivals; // null when the clock does not follow requests

    ConnectionInitializer(int maxBodyBytes, RequestHandler handler, Arrivals arrivals) {
      this.maxBodyBytes = maxBodyBytes;
      this.handler = handler;
      this.arrivals = arrivals;
    }

    /** Decoded HTTP objects to aggregated requests to the handler, noting arrivals on the way. */
    private void addRequestHandling(ChannelPipeline pipeline) {
      if (arrivals == null) {
        pipeline.addLast(new HttpObjectAggregator(maxBodyBytes)).addLast(handler);
      } else {
        pipeline.addLast(arrivals).addLast(new TrackingAggregator(maxBodyBytes)).addLast(handler);
      }
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
          .addLast(new CleartextHttp2ServerUpgradeHandler(http1, upgrade, http2Handler()));
      addRequestHandling(channel.pipeline());
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
              stream.pipeline().addLast(new Http2StreamFrameToHttpObjectCodec(true));
              addRequestHandling(stream.pipeline());
            }
          });
    }
  }

  /**
   * Tells the clock that a request started as soon as its head arrives, before its body does; the
   * handler claims it once the request is whole. Event loop only.
   */
  @ChannelHandler.Sharable
  private static final class Arrivals extends ChannelInboundHandlerAdapter {
    private final StackClock clock;

    Arrivals(StackClock clock) {
      this.clock = clock;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
      if (message instanceof HttpRequest) {
        ArrayDeque<StackClock.InFlight> arriving = ctx.channel().attr(ARRIVING).get();
        if (arriving == null) {
          arriving = new ArrayDeque<>();
          ctx.channel().attr(ARRIVING).set(arriving);
        }
        arriving.addLast(clock.requestStarted());
      }
      ctx.fireChannelRead(message);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      // Requests cut off half-way will never be served.
      ArrayDeque<StackClock.InFlight> arriving = ctx.channel().attr(ARRIVING).getAndSet(null);
      if (arriving != null) {
        arriving.forEach(StackClock.InFlight::finish);
      }
      ctx.fireChannelInactive();
    }

    /** The request whose head came first and that is not claimed yet, if any. */
    static StackClock.InFlight claim(ChannelHandlerContext ctx) {
      ArrayDeque<StackClock.InFlight> arriving = ctx.channel().attr(ARRIVING).get();
      StackClock.InFlight first = arriving == null ? null : arriving.pollFirst();
      return first == null ? StackClock.InFlight.UNTRACKED : first;
    }
  }

  /**
   * An aggregator that also ends the requests it refuses itself, with a 413 on their head (also
   * instead of a {@code 100 Continue}) or once their body grows too large: they never reach the
   * handler. Such a request is always the newest of its connection, whose next request's head comes
   * only after this one's body.
   */
  private static final class TrackingAggregator extends HttpObjectAggregator {
    TrackingAggregator(int maxContentLength) {
      super(maxContentLength);
    }

    @Override
    protected boolean ignoreContentAfterContinueResponse(Object response) {
      boolean refused = super.ignoreContentAfterContinueResponse(response);
      if (refused) {
        dropNewest(ctx());
      }
      return refused;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized)
        throws Exception {
      dropNewest(ctx);
      super.handleOversizedMessage(ctx, oversized);
    }

    private static void dropNewest(ChannelHandlerContext ctx) {
      ArrayDeque<StackClock.InFlight> arriving = ctx.channel().attr(ARRIVING).get();
      StackClock.InFlight dropped = arriving == null ? null : arriving.pollLast();
      if (dropped != null) {
        dropped.finish();
      }
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
      final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
      boolean serving;
    }

    /** A request that came while an earlier one on its connection was being served. */
    private record Waiting(FullHttpRequest request, StackClock.InFlight inFlight) {}

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
      StackClock.InFlight inFlight = Arrivals.claim(ctx);
      Pipeline pipeline = ctx.channel().attr(PIPELINE).get();
      if (pipeline == null) {
        pipeline = new Pipeline();
        ctx.channel().attr(PIPELINE).set(pipeline);
      }
      if (pipeline.serving) {
        inFlight.park(null); // it waits for the one before, which may wait on the clock
        pipeline.waiting.add(new Waiting(request.retain(), inFlight));
        ctx.channel().config().setAutoRead(false); // no more until the queue drains
        return;
      }
      serve(ctx, request, pipeline, inFlight);
    }

    private void serve(
        ChannelHandlerContext ctx,
        FullHttpRequest request,
        Pipeline pipeline,
        StackClock.InFlight inFlight) {
      if (request.decoderResult().isFailure()) {
        // Netty hands on what it could not parse as a placeholder request; the stream is lost.
        LOG.debug("Malformed HTTP request, closing", request.decoderResult().cause());
        write(ctx, StackResponse.of(400, "text/plain", "Malformed HTTP request"), false);
        inFlight.finish();
        return;
      }
      pipeline.serving = true;
      boolean keepAlive = HttpUtil.isKeepAlive(request);
      StackRequest stackRequest = toStackRequest(request);
      CompletionStage<StackResponse> routed;
      try {
        routed = router.route(stackRequest, inFlight);
      } catch (RuntimeException | LinkageError e) {
        // A class a service needs and cannot load is answered, and logged, like any failure,
        // rather than dropping the connection with nothing said.
        routed = CompletableFuture.failedFuture(e);
      }
      routed.whenComplete(
          (response, failure) -> {
            inFlight.resume(); // if it waited, the wait is over: it is being answered
            StackResponse answer = response;
            if (failure != null) {
              LOG.error("Unhandled failure serving {}", stackRequest.path(), failure);
              answer = StackResponse.of(500, "text/plain", "Internal error of serverless-stack");
            }
            StackResponse written = answer;
            ctx.executor().execute(() -> answered(ctx, pipeline, written, keepAlive, inFlight));
          });
    }

    private void answered(
        ChannelHandlerContext ctx,
        Pipeline pipeline,
        StackResponse response,
        boolean keepAlive,
        StackClock.InFlight inFlight) {
      if (response.streamed()) {
        // The connection's next request waits until the stream ends.
        new StreamWriter(ctx, keepAlive, inFlight, () -> servedNext(ctx, pipeline, keepAlive))
            .start(response);
        return;
      }
      try {
        write(ctx, response, keepAlive);
      } finally {
        inFlight.finish();
      }
      servedNext(ctx, pipeline, keepAlive);
    }

    /** The connection's answer is written: on to the request that waits behind it, if any. */
    private void servedNext(ChannelHandlerContext ctx, Pipeline pipeline, boolean keepAlive) {
      pipeline.serving = false;
      if (!keepAlive) {
        return; // the connection closes; channelInactive releases what still waits
      }
      Waiting next = pipeline.waiting.poll();
      if (next == null) {
        ctx.channel().config().setAutoRead(true);
        return;
      }
      next.inFlight().resume();
      try {
        serve(ctx, next.request(), pipeline, next.inFlight());
      } finally {
        next.request().release();
      }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
      StreamWriter stream = ctx.channel().attr(StreamWriter.STREAM).get();
      if (stream != null) {
        stream.askForMore();
      }
      super.channelWritabilityChanged(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
      StreamWriter stream = ctx.channel().attr(StreamWriter.STREAM).get();
      if (stream != null) {
        stream.abort(); // the client went away (connection closed, or HTTP/2 stream reset)
      }
      Pipeline pipeline = ctx.channel().attr(PIPELINE).getAndSet(null);
      if (pipeline != null) {
        pipeline.waiting.forEach(
            waiting -> {
              waiting.request().release();
              waiting.inFlight().finish();
            });
        pipeline.waiting.clear();
      }
      super.channelInactive(ctx);
    }

    /**
     * The prefix of the headers Netty adds to requests of HTTP/2 streams ({@code
     * x-http2-stream-id}).
     */
    private static final String HTTP2_EXTENSION_HEADER = "x-http2-";

    private static StackRequest toStackRequest(FullHttpRequest request) {
      Map<String, String> headers = new HashMap<>();
      List<Map.Entry<String, String>> lines = new ArrayList<>(request.headers().size());
      String protocol = StackRequest.HTTP_1_1;
      for (Map.Entry<String, String> header : request.headers()) {
        if (header.getKey().startsWith(HTTP2_EXTENSION_HEADER)) {
          // What Netty adds to a request that came on an HTTP/2 stream; the client sent none.
          protocol = StackRequest.HTTP_2;
          continue;
        }
        lines.add(header);
        headers.merge(
            header.getKey().toLowerCase(java.util.Locale.ROOT),
            header.getValue(),
            (a, b) -> a + "," + b);
      }
      String uri = request.uri();
      int question = uri.indexOf('?');
      String path = question < 0 ? uri : uri.substring(0, question);
      String query = question < 0 ? "" : uri.substring(question + 1);
      return new StackRequest(
          request.method().name(),
          path,
          query,
          headers,
          ByteBufUtil.getBytes(request.content()),
          lines,
          protocol);
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
      copyHeaders(response, http.headers());
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

  /**
   * Writes one streamed answer: its head, then each part as its publisher hands it over, then the
   * end. Its state belongs to the channel's event loop; the publisher may signal from any thread,
   * and each signal is carried over to the event loop, which never waits for it. The publisher is
   * asked for at most {@link #PREFETCH} parts beyond those written, and only while the channel is
   * writable: a client that stops reading stops the publisher once Netty's buffer (or the HTTP/2
   * stream's flow-control window) is full.
   */
  private static final class StreamWriter implements Flow.Subscriber<byte[]> {
    static final AttributeKey<StreamWriter> STREAM =
        AttributeKey.valueOf("serverless-stack.stream");

    /** Parts asked for ahead of those written, so the next is on its way while one is written. */
    private static final int PREFETCH = 4;

    private final ChannelHandlerContext ctx;
    private final boolean keepAlive;
    private final StackClock.InFlight inFlight;
    private final Runnable whenEnded;
    private final AtomicInteger handedOver = new AtomicInteger(); // parts not yet written
    private Flow.Subscription subscription; // event loop only, as the rest below
    private int asked; // parts asked for and not yet come
    private boolean ended;

    StreamWriter(
        ChannelHandlerContext ctx,
        boolean keepAlive,
        StackClock.InFlight inFlight,
        Runnable whenEnded) {
      this.ctx = ctx;
      this.keepAlive = keepAlive;
      this.inFlight = inFlight;
      this.whenEnded = whenEnded;
    }

    /** Writes the head and subscribes to the parts. */
    void start(StackResponse response) {
      HttpResponse head =
          new DefaultHttpResponse(
              HttpVersion.HTTP_1_1,
              HttpResponseStatus.valueOf(response.status()),
              UNVALIDATED_HEADERS);
      head.headers().set(HttpHeaderNames.CONTENT_TYPE, response.contentType());
      copyHeaders(response, head.headers());
      if (!(ctx.channel() instanceof Http2StreamChannel)) {
        HttpUtil.setTransferEncodingChunked(head, true); // HTTP/2 frames the body itself
        HttpUtil.setKeepAlive(head, keepAlive);
      }
      ctx.channel().attr(STREAM).set(this);
      ctx.writeAndFlush(head).addListener(this::afterWrite);
      inFlight.park(null); // it waits for its first event
      try {
        response.stream().subscribe(this);
      } catch (RuntimeException e) {
        LOG.error("An event stream could not start", e);
        abort();
      }
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      ctx.executor()
          .execute(
              () -> {
                if (ended || this.subscription != null) {
                  subscription.cancel();
                  return;
                }
                this.subscription = subscription;
                if (!ctx.channel().isActive()) {
                  abort();
                  return;
                }
                askForMore();
              });
    }

    /** Asks for parts up to the prefetch, if the client keeps up. Event loop. */
    void askForMore() {
      if (ended || subscription == null || !ctx.channel().isWritable()) {
        return;
      }
      int more = PREFETCH - asked;
      if (more > 0) {
        asked += more;
        subscription.request(more);
      }
    }

    @Override
    public void onNext(byte[] part) {
      handedOver.incrementAndGet();
      inFlight.resume(); // the stack has work again
      ctx.executor().execute(() -> write(part));
    }

    private void write(byte[] part) {
      asked--;
      if (ended) {
        handedOver.decrementAndGet();
        return;
      }
      inFlight.resume();
      ctx.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(part)))
          .addListener(this::afterWrite);
      if (handedOver.decrementAndGet() == 0) {
        inFlight.park(null); // written to Netty: it waits for the next event, or for the client
      }
      askForMore();
    }

    private void afterWrite(io.netty.util.concurrent.Future<? super Void> written) {
      if (!written.isSuccess()) {
        LOG.debug("Writing an event stream failed, ending it", written.cause());
        abort();
      }
    }

    @Override
    public void onError(Throwable failure) {
      ctx.executor()
          .execute(
              () -> {
                LOG.error("An event stream failed; its response is cut off", failure);
                abort();
              });
    }

    @Override
    public void onComplete() {
      ctx.executor().execute(this::complete);
    }

    private void complete() {
      if (ended) {
        return;
      }
      ended = true;
      ctx.channel().attr(STREAM).set(null);
      ChannelFuture last = ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
      if (!keepAlive && !(ctx.channel() instanceof Http2StreamChannel)) {
        last.addListener(ChannelFutureListener.CLOSE);
      }
      inFlight.finish();
      whenEnded.run();
    }

    /**
     * Ends the stream without its end: the client went away or writing failed. Cancels the
     * publisher and closes the channel, which resets an HTTP/2 stream and closes an HTTP/1.1
     * connection, whose response can no longer end well. Event loop.
     */
    void abort() {
      if (ended) {
        return;
      }
      ended = true;
      ctx.channel().attr(STREAM).set(null);
      if (subscription != null) {
        subscription.cancel();
      }
      inFlight.finish();
      if (ctx.channel().isActive()) {
        ctx.channel().close();
      }
    }
  }

  /**
   * The response's headers, a header of several values ({@link StackResponse#withHeaderValues})
   * once per value.
   */
  private static void copyHeaders(StackResponse response, HttpHeaders to) {
    response
        .headers()
        .forEach(
            (name, value) -> {
              if (value.indexOf(StackResponse.VALUE_SEPARATOR) < 0) {
                to.set(name, value);
              } else {
                to.set(name, List.of(value.split(StackResponse.VALUE_SEPARATOR)));
              }
            });
  }
}
