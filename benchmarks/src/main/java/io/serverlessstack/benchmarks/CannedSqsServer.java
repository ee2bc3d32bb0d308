package io.serverlessstack.benchmarks;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
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
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.serverlessstack.api.StackDefaults;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * An SQS JSON 1.0 server that does no work: every operation the benchmarks use gets a canned, valid
 * answer (MD5s included, or the SDK would reject it). Built on Netty like the stack, with as many
 * event loops, so the gap between the two is the stack's own work.
 */
final class CannedSqsServer implements SqsTarget {

  static final String QUEUE_PATH = "/" + StackDefaults.ACCOUNT_ID + "/bench";
  private static final String CONTENT_TYPE = "application/x-amz-json-1.0";

  private final EventLoopGroup group;
  private final Channel channel;
  private final URI endpoint;

  private CannedSqsServer(EventLoopGroup group, Channel channel) {
    this.group = group;
    this.channel = channel;
    this.endpoint =
        URI.create("http://127.0.0.1:" + ((InetSocketAddress) channel.localAddress()).getPort());
  }

  /** Binds a free loopback port; received messages and sends carry {@code body}'s MD5. */
  static CannedSqsServer start(String body) {
    // The same event-loop count the stack picks by default.
    int ioThreads = Math.min(4, Runtime.getRuntime().availableProcessors());
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(ioThreads, NioIoHandler.newFactory());
    Responder responder = new Responder(body);
    try {
      Channel channel =
          new ServerBootstrap()
              .group(group)
              .channel(NioServerSocketChannel.class)
              .childOption(ChannelOption.TCP_NODELAY, true)
              .childHandler(
                  new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                      channel
                          .pipeline()
                          .addLast(new HttpServerCodec())
                          .addLast(new HttpObjectAggregator(1 << 20))
                          .addLast(responder);
                    }
                  })
              .bind("127.0.0.1", 0)
              .sync()
              .channel();
      CannedSqsServer server = new CannedSqsServer(group, channel);
      responder.queueUrl(server.endpoint + QUEUE_PATH);
      return server;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
      throw new IllegalStateException("Interrupted while binding", e);
    }
  }

  @Override
  public TargetKind kind() {
    return TargetKind.CEILING;
  }

  @Override
  public URI endpoint() {
    return endpoint;
  }

  @Override
  public void close() {
    channel.close().syncUninterruptibly();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  static String md5Hex(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JVM has MD5", e);
    }
  }

  /** Answers by the operation in {@code X-Amz-Target} with bytes prepared up front. */
  @ChannelHandler.Sharable
  private static final class Responder extends SimpleChannelInboundHandler<FullHttpRequest> {
    private final Map<String, byte[]> answers = new ConcurrentHashMap<>();

    Responder(String body) {
      if (!body.matches("[A-Za-z0-9 ]*")) {
        throw new IllegalArgumentException("The canned body must need no JSON escaping");
      }
      String md5 = md5Hex(body);
      put("SendMessage", "{\"MD5OfMessageBody\":\"" + md5 + "\",\"MessageId\":\"" + id(0) + "\"}");
      StringJoiner messages = new StringJoiner(",", "{\"Messages\":[", "]}");
      StringJoiner deleted = new StringJoiner(",", "{\"Successful\":[", "],\"Failed\":[]}");
      for (int i = 0; i < 10; i++) {
        messages.add(
            "{\"MessageId\":\""
                + id(i)
                + "\",\"ReceiptHandle\":\"handle-"
                + i
                + "\",\"MD5OfBody\":\""
                + md5
                + "\",\"Body\":\""
                + body
                + "\"}");
        deleted.add("{\"Id\":\"" + i + "\"}");
      }
      put("ReceiveMessage", messages.toString());
      put("DeleteMessageBatch", deleted.toString());
      put("DeleteQueue", "{}");
      put("GetQueueAttributes", "{\"Attributes\":{\"ApproximateNumberOfMessages\":\"0\"}}");
    }

    /** Known once the port is bound. */
    void queueUrl(String url) {
      put("CreateQueue", "{\"QueueUrl\":\"" + url + "\"}");
      put("GetQueueUrl", "{\"QueueUrl\":\"" + url + "\"}");
    }

    private void put(String operation, String json) {
      answers.put(operation, json.getBytes(StandardCharsets.UTF_8));
    }

    private static String id(int i) {
      return String.format("00000000-0000-4000-8000-%012d", i);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
      String target = request.headers().get("X-Amz-Target", "");
      byte[] answer = answers.get(target.substring(target.lastIndexOf('.') + 1));
      FullHttpResponse response =
          answer != null
              ? response(HttpResponseStatus.OK, answer)
              : response(
                  HttpResponseStatus.BAD_REQUEST,
                  ("{\"__type\":\"com.amazon.coral.service#UnknownOperationException\","
                          + "\"message\":\"Not canned: "
                          + target
                          + "\"}")
                      .getBytes(StandardCharsets.UTF_8));
      boolean keepAlive = HttpUtil.isKeepAlive(request);
      HttpUtil.setKeepAlive(response, keepAlive);
      if (keepAlive) {
        ctx.writeAndFlush(response);
      } else {
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
      }
    }

    private static FullHttpResponse response(HttpResponseStatus status, byte[] body) {
      FullHttpResponse response =
          new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
      response.headers().set(HttpHeaderNames.CONTENT_TYPE, CONTENT_TYPE);
      response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
      response.headers().set("x-amzn-RequestId", "00000000-0000-4000-8000-000000000000");
      return response;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }
}
