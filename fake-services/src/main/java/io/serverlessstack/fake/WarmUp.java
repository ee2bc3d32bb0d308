package io.serverlessstack.fake;

import io.serverlessstack.api.StackDefaults;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Sends a stack one request of each protocol of each service it runs, and a health check, so their
 * classes get loaded. Only {@code --warm-up} uses it, when the container image is built: the
 * archive it records then holds every service's classes, and a container that runs fewer services
 * still loads only those it is asked for, from the archive.
 */
final class WarmUp {

  private WarmUp() {}

  static void exercise(URI endpoint, List<String> services) {
    if (services.contains("sqs")) {
      sqs(endpoint);
    }
    // Not the inspection endpoints: their JSON mapper would double the archive, and the image
    // must stay small; they load on first use.
    get(endpoint.resolve("/_stack/health"));
  }

  private static void sqs(URI endpoint) {
    String json = "application/x-amz-json-1.0";
    String queueUrl = endpoint + "/" + StackDefaults.ACCOUNT_ID + "/warm-up";
    post(endpoint, "AmazonSQS.CreateQueue", json, "{\"QueueName\":\"warm-up\"}");
    post(
        endpoint,
        "AmazonSQS.SendMessage",
        json,
        "{\"QueueUrl\":\"" + queueUrl + "\",\"MessageBody\":\"hello\"}");
    post(
        endpoint,
        "AmazonSQS.ReceiveMessage",
        json,
        "{\"QueueUrl\":\"" + queueUrl + "\",\"MessageSystemAttributeNames\":[\"All\"]}");
    post(endpoint, "AmazonSQS.GetQueueUrl", json, "{\"QueueName\":\"missing\"}");
    post(
        endpoint,
        null,
        "application/x-www-form-urlencoded",
        "Action=GetQueueAttributes&QueueUrl=" + queueUrl + "&AttributeName.1=All");
  }

  private static void post(URI endpoint, String target, String contentType, String body) {
    try {
      HttpURLConnection connection = (HttpURLConnection) endpoint.toURL().openConnection();
      connection.setRequestMethod("POST");
      connection.setDoOutput(true);
      connection.setRequestProperty("Content-Type", contentType);
      if (target != null) {
        connection.setRequestProperty("X-Amz-Target", target);
      }
      try (OutputStream out = connection.getOutputStream()) {
        out.write(body.getBytes(StandardCharsets.UTF_8));
      }
      drain(connection);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void get(URI uri) {
    try {
      drain((HttpURLConnection) uri.toURL().openConnection());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void drain(HttpURLConnection connection) throws IOException {
    InputStream in =
        connection.getResponseCode() < 400
            ? connection.getInputStream()
            : connection.getErrorStream();
    if (in != null) {
      try (in) {
        in.readAllBytes();
      }
    }
    connection.disconnect();
  }
}
