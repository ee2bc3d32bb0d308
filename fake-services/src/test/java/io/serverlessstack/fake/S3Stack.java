package io.serverlessstack.fake;

import io.serverlessstack.fake.internal.s3.S3Engine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A stack for one S3 test class, with real SDK clients and hand-made HTTP requests. Register it
 * with {@code @RegisterExtension static final S3Stack stack = new S3Stack();}: it starts before the
 * class on a virtual clock, resets every bucket before each test and stops after the class.
 */
public final class S3Stack implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

  /** Where the virtual clock starts. */
  public static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

  private final List<AutoCloseable> closeables = new ArrayList<>();
  private ServerlessStackServer server;
  private S3Client sync;
  private S3Client urlConnection;
  private S3Client virtualHosted;
  private S3AsyncClient async;

  @Override
  public void beforeAll(ExtensionContext context) {
    server = ServerlessStackServer.builder().withVirtualClock(START).start();
    closeables.add(server);
    sync = track(S3Clients.sync(server));
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    server.reset();
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    for (int i = closeables.size() - 1; i >= 0; i--) {
      closeables.get(i).close();
    }
    closeables.clear();
    urlConnection = null;
    virtualHosted = null;
    async = null;
  }

  public ServerlessStackServer server() {
    return server;
  }

  /** The engine other services write through. */
  public S3Engine engine() {
    return server.s3Engine();
  }

  /** Apache, path style, default account, us-east-1. */
  public S3Client s3() {
    return sync;
  }

  /** The JDK's URL connection, path style. */
  public synchronized S3Client urlConnection() {
    if (urlConnection == null) {
      urlConnection = track(S3Clients.urlConnection(server));
    }
    return urlConnection;
  }

  /** Apache, virtual-hosted style at {@code bucket.localhost:port}. */
  public synchronized S3Client virtualHosted() {
    if (virtualHosted == null) {
      virtualHosted = track(S3Clients.virtualHosted(server));
    }
    return virtualHosted;
  }

  /** Netty, path style. */
  public synchronized S3AsyncClient async() {
    if (async == null) {
      async = track(S3Clients.async(server));
    }
    return async;
  }

  /** Another Apache client, closed with the stack. */
  public S3Client client(String accessKey, Region region) {
    return track(S3Clients.sync(server, accessKey, region));
  }

  public <T extends AutoCloseable> T track(T closeable) {
    synchronized (closeables) {
      closeables.add(closeable);
    }
    return closeable;
  }

  /** The stack clock's time. */
  public Instant now() {
    return server.clock().now();
  }

  public void advance(Duration duration) {
    server.virtualClock().orElseThrow().advance(duration);
  }

  // ---- hand-made requests

  /** An answer to a hand-made request. */
  public record Answer(int status, Map<String, String> headers, byte[] body) {
    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    /** A header by its name in lower case. */
    public String header(String name) {
      return headers.get(name);
    }
  }

  /** A SigV4 header of the default account for S3 in us-east-1; only its scope matters. */
  public static String signed() {
    return RawHttp.authorization("test", "us-east-1", "s3");
  }

  /**
   * Sends one HTTP/1.1 request on a new connection, with {@code Host: host} (the stack's own {@code
   * 127.0.0.1:port} when {@code null}), and reads the whole answer.
   */
  public Answer send(
      String method, String target, String host, Map<String, String> headers, byte[] body) {
    StringBuilder head = new StringBuilder();
    head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
    head.append("Host: ").append(host == null ? "127.0.0.1:" + server.port() : host).append("\r\n");
    headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
    if (body.length > 0 || method.equals("PUT") || method.equals("POST")) {
      head.append("Content-Length: ").append(body.length).append("\r\n");
    }
    head.append("Connection: close\r\n\r\n");
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(head.toString().getBytes(StandardCharsets.UTF_8));
      out.write(body);
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream received = new ByteArrayOutputStream();
      in.transferTo(received);
      return parse(received.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A signed request of the default account, with the stack's own host. */
  public Answer send(String method, String target, byte[] body) {
    return send(method, target, null, Map.of("Authorization", signed()), body);
  }

  public Answer send(String method, String target) {
    return send(method, target, new byte[0]);
  }

  private static Answer parse(byte[] response) {
    int end = indexOf(response, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    if (end < 0) {
      throw new AssertionError("No HTTP answer: " + new String(response, StandardCharsets.UTF_8));
    }
    String[] lines = new String(response, 0, end, StandardCharsets.UTF_8).split("\r\n");
    int status = Integer.parseInt(lines[0].substring(9, 12));
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.put(
          lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
          lines[i].substring(colon + 1).trim());
    }
    byte[] body = new byte[response.length - end - 4];
    System.arraycopy(response, end + 4, body, 0, body.length);
    return new Answer(status, headers, body);
  }

  private static int indexOf(byte[] bytes, byte[] part) {
    outer:
    for (int i = 0; i + part.length <= bytes.length; i++) {
      for (int j = 0; j < part.length; j++) {
        if (bytes[i + j] != part[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
