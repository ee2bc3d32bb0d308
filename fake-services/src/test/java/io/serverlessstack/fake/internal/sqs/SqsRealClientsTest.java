package io.serverlessstack.fake.internal.sqs;

import static io.serverlessstack.fake.RealClients.DEBIAN_PYTHON;
import static io.serverlessstack.fake.RealClients.requireClient;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.serverlessstack.fake.RealClients;
import io.serverlessstack.fake.RealClients.Result;
import io.serverlessstack.fake.SqsStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
  private static final Path DEBIAN_AWS_CLI = Path.of("/usr/bin/aws");

  @TempDir Path home;

  @Test
  void debianBoto3RoundTrip() throws Exception {
    Result result =
        run(
            List.of(DEBIAN_PYTHON, "-", stack.server().endpoint().toString()),
            resource("boto3_sqs_roundtrip.py"));

    requireClient(result.clientInstalled(), "Debian's boto3");
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

  private Result run(List<String> command, String stdin) throws Exception {
    return RealClients.run(command, stdin, home);
  }

  private static String resource(String name) {
    return RealClients.resource(SqsRealClientsTest.class, name);
  }
}
