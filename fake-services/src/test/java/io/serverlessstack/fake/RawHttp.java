package io.serverlessstack.fake;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Hand-made HTTP requests to a stack, for what SDK v2 never sends: the awsQuery protocol of older
 * SDKs and CLIs, malformed bodies, and raw bytes on a socket.
 */
public final class RawHttp {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final URI endpoint;
  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();

  public RawHttp(URI endpoint) {
    this.endpoint = endpoint;
  }

  /** A SigV4 header as clients send it; only its credential scope matters to the stack. */
  public static String authorization(String accessKey, String region, String service) {
    return "AWS4-HMAC-SHA256 Credential="
        + accessKey
        + "/20300101/"
        + region
        + "/"
        + service
        + "/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature="
        + "0".repeat(64);
  }

  /** An awsJson 1.0 call to SQS, as SDK v2 makes it. */
  public HttpResponse<String> json(String target, String body) {
    return post(
        "/",
        Map.of(
            "Content-Type",
            "application/x-amz-json-1.0",
            "X-Amz-Target",
            target,
            "x-amzn-query-mode",
            "true",
            "Authorization",
            authorization("test", "us-east-1", "sqs")),
        body.getBytes(StandardCharsets.UTF_8));
  }

  /** An awsQuery call to SQS: {@code parameters} form-encoded in order, as older clients send. */
  public HttpResponse<String> query(String path, Map<String, String> parameters) {
    return post(
        path,
        Map.of(
            "Content-Type",
            "application/x-www-form-urlencoded; charset=utf-8",
            "Authorization",
            authorization("test", "us-east-1", "sqs")),
        form(parameters).getBytes(StandardCharsets.UTF_8));
  }

  public HttpResponse<String> query(Map<String, String> parameters) {
    return query("/", parameters);
  }

  public HttpResponse<String> get(String pathAndQuery) {
    return send(HttpRequest.newBuilder(endpoint.resolve(pathAndQuery)).GET());
  }

  public HttpResponse<String> post(String path, Map<String, String> headers, byte[] body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(endpoint.resolve(path))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(request::header);
    return send(request);
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return client.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Ordered parameters, e.g. {@code params("Action", "ListQueues", "Version", "2012-11-05")}. */
  /**
   * The raw bytes of one HTTP/1.1 SQS JSON request, for tests that write requests to a socket
   * themselves (pipelining, slow senders).
   */
  public String sqsJsonRequest(String operation, String body, String extraHeaders) {
    return "POST / HTTP/1.1\r\nHost: "
        + endpoint.getAuthority()
        + "\r\nContent-Type: application/x-amz-json-1.0\r\nX-Amz-Target: AmazonSQS."
        + operation
        + "\r\n"
        + extraHeaders
        + "Content-Length: "
        + body.getBytes(StandardCharsets.UTF_8).length
        + "\r\n\r\n"
        + body;
  }

  public static Map<String, String> params(String... namesAndValues) {
    Map<String, String> parameters = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      parameters.put(namesAndValues[i], namesAndValues[i + 1]);
    }
    return parameters;
  }

  public static String form(Map<String, String> parameters) {
    return parameters.entrySet().stream()
        .map(p -> encode(p.getKey()) + "=" + encode(p.getValue()))
        .collect(Collectors.joining("&"));
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  /**
   * Writes {@code bytes} on a new connection and reads until the server closes it or {@code
   * timeout} passes.
   *
   * @return what the server sent, and whether it closed the connection
   */
  public Exchange exchange(byte[] bytes, Duration timeout) {
    return exchange(bytes, timeout, () -> {});
  }

  /** {@link #exchange(byte[], Duration)} that runs {@code afterWriting} before it reads. */
  public Exchange exchange(byte[] bytes, Duration timeout, Runnable afterWriting) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()), 5_000);
      socket.setSoTimeout((int) timeout.toMillis());
      OutputStream out = socket.getOutputStream();
      out.write(bytes);
      out.flush();
      afterWriting.run();
      ByteArrayOutputStream received = new ByteArrayOutputStream();
      InputStream in = socket.getInputStream();
      byte[] buffer = new byte[8192];
      try {
        for (int read; (read = in.read(buffer)) >= 0; ) {
          received.write(buffer, 0, read);
        }
      } catch (SocketTimeoutException stillOpen) {
        return new Exchange(received.toString(StandardCharsets.UTF_8), false);
      }
      return new Exchange(received.toString(StandardCharsets.UTF_8), true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What came back on a raw connection. */
  public record Exchange(String response, boolean closedByServer) {
    public int status() {
      if (!response.startsWith("HTTP/1.")) {
        return -1;
      }
      return Integer.parseInt(response.substring(9, 12));
    }
  }
}
