package io.serverlessstack.fake.internal.s3;

import static io.serverlessstack.fake.RealClients.requireClient;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.serverlessstack.fake.RealClients;
import io.serverlessstack.fake.RealClients.Result;
import io.serverlessstack.fake.S3Stack;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * The AWS CLI against a running stack: {@code aws s3api} call by call and {@code aws s3}'s
 * high-level commands, read back with the SDK. Skipped where Debian's CLI is not installed (a skip
 * proves nothing), failed under {@code CI=true}, where {@code .ci/run} installs it.
 */
class S3RealClientsTest {

  @RegisterExtension static final S3Stack stack = new S3Stack();

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path DEBIAN_AWS_CLI = Path.of("/usr/bin/aws");

  @TempDir Path home;

  @BeforeEach
  void requireCli() {
    requireClient(Files.isExecutable(DEBIAN_AWS_CLI), "Debian's awscli");
  }

  @Test
  void s3apiCallsRoundTripWithTheSdk() throws Exception {
    Path body = Files.writeString(home.resolve("body.txt"), "from the CLI");

    aws("s3api", "create-bucket", "--bucket", "cli-bucket");
    JsonNode put =
        aws(
            "s3api",
            "put-object",
            "--bucket",
            "cli-bucket",
            "--key",
            "dir/a file.txt",
            "--body",
            body.toString(),
            "--content-type",
            "text/plain",
            "--metadata",
            "owner=cli");
    JsonNode head =
        aws("s3api", "head-object", "--bucket", "cli-bucket", "--key", "dir/a file.txt");
    Path out = home.resolve("out.txt");
    aws("s3api", "get-object", "--bucket", "cli-bucket", "--key", "dir/a file.txt", out.toString());
    aws(
        "s3api",
        "copy-object",
        "--bucket",
        "cli-bucket",
        "--key",
        "dir/copy.txt",
        "--copy-source",
        "cli-bucket/dir/a file.txt");
    JsonNode listed = aws("s3api", "list-objects-v2", "--bucket", "cli-bucket", "--delimiter", "/");
    JsonNode underDir =
        aws("s3api", "list-objects-v2", "--bucket", "cli-bucket", "--prefix", "dir/");
    JsonNode location = aws("s3api", "get-bucket-location", "--bucket", "cli-bucket");

    String etag = '"' + S3ObjectsTest.md5("from the CLI".getBytes(StandardCharsets.UTF_8)) + '"';
    assertThat(put.get("ETag").asText()).isEqualTo(etag);
    assertThat(head.get("ContentLength").asLong()).isEqualTo(12);
    assertThat(head.get("ContentType").asText()).isEqualTo("text/plain");
    assertThat(head.at("/Metadata/owner").asText()).isEqualTo("cli");
    assertThat(Files.readString(out)).isEqualTo("from the CLI");
    assertThat(listed.at("/CommonPrefixes/0/Prefix").asText()).isEqualTo("dir/");
    assertThat(underDir.get("Contents")).hasSize(2);
    assertThat(underDir.at("/Contents/0/Key").asText()).isEqualTo("dir/a file.txt");
    assertThat(location.get("LocationConstraint").isNull()).isTrue();
    HeadObjectResponse copy =
        stack.s3().headObject(b -> b.bucket("cli-bucket").key("dir/copy.txt"));
    assertThat(copy.metadata()).isEqualTo(Map.of("owner", "cli"));

    JsonNode deleted =
        aws(
            "s3api",
            "delete-objects",
            "--bucket",
            "cli-bucket",
            "--delete",
            "{\"Objects\":[{\"Key\":\"dir/a file.txt\"},{\"Key\":\"dir/copy.txt\"}]}");
    aws("s3api", "delete-bucket", "--bucket", "cli-bucket");

    assertThat(deleted.get("Deleted")).hasSize(2);
    assertThat(stack.s3().listBuckets().buckets()).isEmpty();
  }

  @Test
  void highLevelCommandsCopyListAndRemove() throws Exception {
    stack.s3().createBucket(b -> b.bucket("cli-high"));
    Path file = Files.writeString(home.resolve("report.csv"), "a,b\n1,2\n");

    Result copied = run("s3", "cp", file.toString(), "s3://cli-high/reports/report.csv");
    Result listed = run("s3", "ls", "s3://cli-high/reports/");
    Result read = run("s3", "cp", "s3://cli-high/reports/report.csv", "-");
    Result removed = run("s3", "rm", "s3://cli-high/reports/report.csv");

    assertThat(copied.exitCode()).as(copied.output()).isZero();
    assertThat(listed.exitCode()).as(listed.output()).isZero();
    assertThat(listed.output()).contains("8 report.csv");
    assertThat(read.output()).isEqualTo("a,b\n1,2");
    assertThat(removed.exitCode()).as(removed.output()).isZero();
    assertThat(stack.engine().objects("cli-high")).isEmpty();
  }

  @Test
  void errorsReachTheCliWithS3sCodes() throws Exception {
    stack.s3().createBucket(b -> b.bucket("cli-errors"));

    Result missingKey =
        run(
            "s3api",
            "get-object",
            "--bucket",
            "cli-errors",
            "--key",
            "nope",
            home.resolve("x").toString());
    Result missingBucket = run("s3api", "list-objects-v2", "--bucket", "no-such-cli-bucket");
    Result badName = run("s3api", "create-bucket", "--bucket", "Bad_Name");

    assertThat(missingKey.exitCode()).isNotZero();
    assertThat(missingKey.output())
        .contains("NoSuchKey")
        .contains("The specified key does not exist.");
    assertThat(missingBucket.output())
        .contains("NoSuchBucket")
        .contains("The specified bucket does not exist");
    assertThat(badName.output()).contains("InvalidBucketName");
  }

  private JsonNode aws(String... arguments) throws Exception {
    Result result = run(arguments);
    assertThat(result.exitCode()).as(result.output()).isZero();
    return result.output().isEmpty() ? JSON.createObjectNode() : JSON.readTree(result.output());
  }

  private Result run(String... arguments) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                DEBIAN_AWS_CLI.toString(),
                "--output",
                "json",
                "--endpoint-url",
                stack.server().endpoint().toString()));
    command.addAll(List.of(arguments));
    return RealClients.run(command, null, home);
  }
}
