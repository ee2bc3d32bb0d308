package io.serverlessstack.fake.internal.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.serverlessstack.fake.SqsStack;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Real non-Java clients against a running stack: Debian's boto3 and AWS CLI v2 speak SQS's awsQuery
 * protocol. Each test is skipped, not passed, where its client is not installed (a skip proves
 * nothing), and fails instead under {@code CI=true}, where {@code .ci/run} installs both.
 */
class SqsRealClientsTest {

  @RegisterExtension static final SqsStack stack = SqsStack.withSystemClock();

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DEBIAN_PYTHON = "/usr/bin/python3";
  private static final Path DEBIAN_AWS_CLI = Path.of("/usr/bin/aws");
  private static final int NO_BOTO3 = 3;

  @TempDir Path home;

  @Test
  void debianBoto3RoundTrip() throws Exception {
    Result result =
        run(
            List.of(DEBIAN_PYTHON, "-", stack.server().endpoint().toString()),
            resource("boto3_sqs_roundtrip.py"));

    requireClient(result.exitCode() != NO_BOTO3 && result.exitCode() != -1, "Debian's boto3");
    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).startsWith("OK boto3").endsWith("protocol query");
  }

  @Test
  void debianAwsCliSendsAndReceivesMessageAttributes() throws Exception {
    requireClient(Files.isExecutable(DEBIAN_AWS_CLI), "Debian's awscli");
    String url = stack.createQueue("cli-orders");

    JsonNode sent =
        aws(
            "sqs",
            "send-message",
            "--queue-url",
            url,
            "--message-body",
            "hello <cli> & \"friends\"",
            "--message-attributes",
            "{\"kind\":{\"DataType\":\"String\",\"StringValue\":\"order\"},"
                + "\"n\":{\"DataType\":\"Number.int\",\"StringValue\":\"42\"},"
                + "\"b\":{\"DataType\":\"Binary\",\"BinaryValue\":\"AAEC/w==\"}}");
    stack
        .sqs()
        .changeMessageVisibility(
            b -> b.queueUrl(url).receiptHandle(receiptHandle(url)).visibilityTimeout(0));
    JsonNode received =
        aws(
                "sqs",
                "receive-message",
                "--queue-url",
                url,
                "--attribute-names",
                "All",
                "--message-attribute-names",
                "All")
            .get("Messages")
            .get(0);

    assertThat(received.get("MessageId").asText()).isEqualTo(sent.get("MessageId").asText());
    assertThat(received.get("Body").asText()).isEqualTo("hello <cli> & \"friends\"");
    assertThat(received.get("MD5OfMessageAttributes").asText())
        .isEqualTo(sent.get("MD5OfMessageAttributes").asText());
    assertThat(received.at("/MessageAttributes/b/BinaryValue").asText()).isEqualTo("AAEC/w==");
    assertThat(received.at("/MessageAttributes/n/StringValue").asText()).isEqualTo("42");
    assertThat(received.at("/Attributes/ApproximateReceiveCount").asText()).isEqualTo("2");
  }

  private static void requireClient(boolean installed, String client) {
    if (!installed && "true".equals(System.getenv("CI"))) {
      throw new AssertionError(client + " is not installed, and CI=true: .ci/run installs it");
    }
    assumeTrue(installed, client + " is not installed");
  }

  /** Receives the CLI's message with the SDK, which checks its digests, and returns its handle. */
  private static String receiptHandle(String url) {
    Message message = stack.receive(url, 1).get(0);
    assertThat(message.messageAttributes()).containsOnlyKeys("kind", "n", "b");
    return message.receiptHandle();
  }

  private JsonNode aws(String... arguments) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                DEBIAN_AWS_CLI.toString(),
                "--output",
                "json",
                "--endpoint-url",
                stack.server().endpoint().toString()));
    command.addAll(List.of(arguments));
    Result result = run(command, null);
    assertThat(result.exitCode()).as(result.output()).isZero();
    return JSON.readTree(result.output());
  }

  private record Result(int exitCode, String output) {}

  /** Runs a client with test credentials and none of the machine's AWS configuration. */
  private Result run(List<String> command, String stdin) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    Map<String, String> environment = builder.environment();
    environment.keySet().removeIf(name -> name.startsWith("AWS_"));
    environment.putAll(
        Map.of(
            "HOME", home.toString(),
            "AWS_ACCESS_KEY_ID", "test",
            "AWS_SECRET_ACCESS_KEY", "test",
            "AWS_DEFAULT_REGION", "us-east-1",
            "AWS_CONFIG_FILE", "/dev/null",
            "AWS_SHARED_CREDENTIALS_FILE", "/dev/null",
            "AWS_EC2_METADATA_DISABLED", "true",
            "AWS_PAGER", ""));
    Process process;
    try {
      process = builder.start();
    } catch (IOException notInstalled) {
      return new Result(-1, notInstalled.getMessage());
    }
    try (OutputStream in = process.getOutputStream()) {
      if (stdin != null) {
        in.write(stdin.getBytes(StandardCharsets.UTF_8));
      }
    }
    byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(command + " did not finish");
    }
    return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8).trim());
  }

  private static String resource(String name) {
    try (InputStream in = SqsRealClientsTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
