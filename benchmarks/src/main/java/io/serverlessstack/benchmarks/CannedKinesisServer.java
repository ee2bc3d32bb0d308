package io.serverlessstack.benchmarks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
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
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Kinesis server that does no work: every operation the benchmark uses gets a canned, valid
 * answer, prepared up front in CBOR and in JSON 1.1, and sent in the encoding the request came in.
 * PutRecords is answered as if every one of {@code batch} records went to one of two shards in
 * turn; GetRecords with {@code readLimit} numbered records of {@code recordBytes} bytes each and a
 * next iterator, so the SDK client does all of its work (parsing, byte strings, timestamps) on a
 * full answer. Built on Netty like the stack, with as many event loops, so the gap between the two
 * is the stack's own work.
 */
final class CannedKinesisServer implements KinesisTarget {

  static final String CBOR = "application/x-amz-cbor-1.1";
  static final String JSON = "application/x-amz-json-1.1";
  static final String STREAM = "bench";
  static final int SHARDS = 2;

  /** Kinesis's 5 MiB PutRecords limit, in base64 JSON, with room to spare. */
  private static final int MAX_REQUEST_BYTES = 16 << 20;

  private static final long ARRIVAL_MILLIS = 1_767_225_600_123L; // 2026-01-01T00:00:00.123Z

  private final TargetKind kind;
  private final EventLoopGroup group;
  private final Channel channel;
  private final URI endpoint;

  private CannedKinesisServer(TargetKind kind, EventLoopGroup group, Channel channel) {
    this.kind = kind;
    this.group = group;
    this.channel = channel;
    this.endpoint =
        URI.create("http://127.0.0.1:" + ((InetSocketAddress) channel.localAddress()).getPort());
  }

  /**
   * Binds a free loopback port. {@code kind} says only which encoding the benchmark's client will
   * speak to it; the server answers both.
   */
  static CannedKinesisServer start(TargetKind kind, int batch, int readLimit, int recordBytes) {
    // The same event-loop count the stack picks by default.
    int ioThreads = Math.min(4, Runtime.getRuntime().availableProcessors());
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(ioThreads, NioIoHandler.newFactory());
    Responder responder = new Responder(batch, readLimit, recordBytes);
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
                          .addLast(new HttpObjectAggregator(MAX_REQUEST_BYTES))
                          .addLast(responder);
                    }
                  })
              .bind("127.0.0.1", 0)
              .sync()
              .channel();
      return new CannedKinesisServer(kind, group, channel);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
      throw new IllegalStateException("Interrupted while binding", e);
    }
  }

  @Override
  public TargetKind kind() {
    return kind;
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

  static String shardId(int index) {
    return String.format("shardId-%012d", index);
  }

  /** A 56-digit sequence number, as Kinesis's look. */
  static String sequenceNumber(long counter) {
    return String.format("4959%052d", counter);
  }

  /** Writes one answer's body with a generator of either encoding. */
  @FunctionalInterface
  private interface Body {
    void write(Encoder out) throws IOException;
  }

  /** A generator, and the one thing JSON and CBOR write differently here: timestamps. */
  private record Encoder(JsonGenerator generator) {
    void timestamp(String field, long epochMillis) throws IOException {
      generator.writeFieldName(field);
      if (generator instanceof CBORGenerator cbor) {
        // Tag 1 (epoch time) on integer milliseconds, as Kinesis's CBOR carries them.
        cbor.writeTag(1);
        cbor.writeNumber(epochMillis);
      } else {
        generator.writeNumber(BigDecimal.valueOf(epochMillis, 3));
      }
    }
  }

  /** Answers by the operation in {@code X-Amz-Target} with bytes prepared up front. */
  @ChannelHandler.Sharable
  private static final class Responder extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final JsonFactory JSON_FACTORY = new JsonFactory();
    private static final CBORFactory CBOR_FACTORY = new CBORFactory();

    private final Map<String, byte[]> cbor = new HashMap<>();
    private final Map<String, byte[]> json = new HashMap<>();

    Responder(int batch, int readLimit, int recordBytes) {
      String arn =
          "arn:aws:kinesis:"
              + StackDefaults.REGION
              + ":"
              + StackDefaults.ACCOUNT_ID
              + ":stream/"
              + STREAM;
      put("CreateStream", out -> empty(out));
      put("DeleteStream", out -> empty(out));
      put(
          "DescribeStreamSummary",
          out -> {
            JsonGenerator g = out.generator();
            g.writeStartObject();
            g.writeObjectFieldStart("StreamDescriptionSummary");
            g.writeStringField("StreamName", STREAM);
            g.writeStringField("StreamARN", arn);
            g.writeStringField("StreamStatus", "ACTIVE");
            g.writeObjectFieldStart("StreamModeDetails");
            g.writeStringField("StreamMode", "PROVISIONED");
            g.writeEndObject();
            g.writeNumberField("RetentionPeriodHours", 24);
            out.timestamp("StreamCreationTimestamp", ARRIVAL_MILLIS);
            g.writeArrayFieldStart("EnhancedMonitoring");
            g.writeStartObject();
            g.writeArrayFieldStart("ShardLevelMetrics");
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndArray();
            g.writeStringField("EncryptionType", "NONE");
            g.writeNumberField("OpenShardCount", SHARDS);
            g.writeNumberField("ConsumerCount", 0);
            g.writeEndObject();
            g.writeEndObject();
          });
      put(
          "ListShards",
          out -> {
            JsonGenerator g = out.generator();
            g.writeStartObject();
            g.writeArrayFieldStart("Shards");
            for (int shard = 0; shard < SHARDS; shard++) {
              g.writeStartObject();
              g.writeStringField("ShardId", shardId(shard));
              g.writeObjectFieldStart("HashKeyRange");
              g.writeStringField(
                  "StartingHashKey", shard == 0 ? "0" : "170141183460469231731687303715884105728");
              g.writeStringField(
                  "EndingHashKey",
                  shard == 0
                      ? "170141183460469231731687303715884105727"
                      : "340282366920938463463374607431768211455");
              g.writeEndObject();
              g.writeObjectFieldStart("SequenceNumberRange");
              g.writeStringField("StartingSequenceNumber", sequenceNumber(0));
              g.writeEndObject();
              g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
          });
      String iterator = "AAAAAAAAAAH" + "x".repeat(200);
      put(
          "GetShardIterator",
          out -> {
            JsonGenerator g = out.generator();
            g.writeStartObject();
            g.writeStringField("ShardIterator", iterator);
            g.writeEndObject();
          });
      put(
          "PutRecords",
          out -> {
            JsonGenerator g = out.generator();
            g.writeStartObject();
            g.writeNumberField("FailedRecordCount", 0);
            g.writeArrayFieldStart("Records");
            for (int i = 0; i < batch; i++) {
              g.writeStartObject();
              g.writeStringField("SequenceNumber", sequenceNumber(i));
              g.writeStringField("ShardId", shardId(i % SHARDS));
              g.writeEndObject();
            }
            g.writeEndArray();
            g.writeStringField("EncryptionType", "NONE");
            g.writeEndObject();
          });
      byte[] filler = Bodies.text(recordBytes).getBytes(StandardCharsets.US_ASCII);
      put(
          "GetRecords",
          out -> {
            JsonGenerator g = out.generator();
            g.writeStartObject();
            g.writeArrayFieldStart("Records");
            for (int i = 0; i < readLimit; i++) {
              g.writeStartObject();
              g.writeStringField("SequenceNumber", sequenceNumber(i));
              out.timestamp("ApproximateArrivalTimestamp", ARRIVAL_MILLIS);
              g.writeFieldName("Data");
              g.writeBinary(Bodies.numbered(i, filler));
              g.writeStringField("PartitionKey", Integer.toString(i));
              g.writeEndObject();
            }
            g.writeEndArray();
            g.writeStringField("NextShardIterator", iterator);
            g.writeNumberField("MillisBehindLatest", 0);
            g.writeEndObject();
          });
    }

    private static void empty(Encoder out) throws IOException {
      out.generator().writeStartObject();
      out.generator().writeEndObject();
    }

    private void put(String operation, Body body) {
      cbor.put(operation, encode(CBOR_FACTORY, body));
      json.put(operation, encode(JSON_FACTORY, body));
    }

    private static byte[] encode(JsonFactory factory, Body body) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (JsonGenerator generator = factory.createGenerator(bytes)) {
        body.write(new Encoder(generator));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return bytes.toByteArray();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
      String target = request.headers().get("X-Amz-Target", "");
      String contentType = request.headers().get(HttpHeaderNames.CONTENT_TYPE, JSON);
      boolean isCbor = contentType.startsWith(CBOR);
      byte[] answer = (isCbor ? cbor : json).get(target.substring(target.lastIndexOf('.') + 1));
      FullHttpResponse response =
          answer != null
              ? response(HttpResponseStatus.OK, isCbor ? CBOR : JSON, answer)
              : response(
                  HttpResponseStatus.BAD_REQUEST,
                  JSON,
                  ("{\"__type\":\"UnknownOperationException\",\"message\":\"Not canned: "
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

    private static FullHttpResponse response(
        HttpResponseStatus status, String contentType, byte[] body) {
      FullHttpResponse response =
          new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
      response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
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
