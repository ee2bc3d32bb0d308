package io.serverlessstack.fake.internal.s3;

import static io.serverlessstack.fake.AwsErrors.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;

import io.serverlessstack.fake.S3Stack;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Requests no SDK sends, and what S3 answers them: never a 500, never a hang, always S3's error
 * XML, and the server keeps serving.
 */
class S3BadInputTest {

  @RegisterExtension static final S3Stack stack = new S3Stack();

  private static final String BUCKET = "bad-input";

  @BeforeEach
  void createBucket() {
    stack.s3().createBucket(b -> b.bucket(BUCKET));
  }

  @AfterEach
  void theServerStillServes() {
    stack.s3().putObject(b -> b.bucket(BUCKET).key("after"), RequestBody.fromString("fine"));
    assertThat(stack.s3().getObjectAsBytes(b -> b.bucket(BUCKET).key("after")).asUtf8String())
        .isEqualTo("fine");
  }

  @Test
  void bodiesThatAreNotTheXmlAskedForAreMalformedXml() {
    S3Stack.Answer notXml = stack.send("PUT", "/not-xml-bucket", bytes("{\"json\": true}"));
    S3Stack.Answer unclosed =
        stack.send(
            "PUT",
            "/unclosed-bucket",
            bytes("<CreateBucketConfiguration><LocationConstraint>eu-west-1"));
    S3Stack.Answer deleteGarbage = stack.send("POST", "/" + BUCKET + "?delete", bytes("<Delete>"));
    S3Stack.Answer deleteNothing =
        stack.send("POST", "/" + BUCKET + "?delete", bytes("<Delete><Quiet>true</Quiet></Delete>"));
    S3Stack.Answer deleteNoBody = stack.send("POST", "/" + BUCKET + "?delete", new byte[0]);
    S3Stack.Answer wrongType =
        stack.send(
            "POST",
            "/" + BUCKET + "?delete",
            bytes("<Delete><Object><Key>a</Key></Object><Quiet>perhaps</Quiet></Delete>"));

    for (S3Stack.Answer answer :
        new S3Stack.Answer[] {
          notXml, unclosed, deleteGarbage, deleteNothing, deleteNoBody, wrongType
        }) {
      assertThat(answer.status()).isEqualTo(400);
      assertThat(answer.text())
          .contains(
              "<Code>MalformedXML</Code><Message>The XML you provided was not well-formed or did"
                  + " not validate against our published schema</Message>");
    }
    assertThat(stack.s3().listBuckets().buckets()).hasSize(1);
  }

  @Test
  void aDeleteOfMoreThanAThousandKeysIsMalformedXml() {
    StringBuilder xml = new StringBuilder("<Delete>");
    for (int i = 0; i <= 1000; i++) {
      xml.append("<Object><Key>k").append(i).append("</Key></Object>");
    }
    S3Stack.Answer answer = stack.send("POST", "/" + BUCKET + "?delete", bytes(xml + "</Delete>"));

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.text()).contains("<Code>MalformedXML</Code>");
  }

  @Test
  void xmlWithADocumentTypeIsRefusedAndReadsNoFile(@TempDir Path directory) throws Exception {
    Path secret = Files.writeString(directory.resolve("secret.txt"), "eu-west-1");
    String xml =
        "<?xml version=\"1.0\"?><!DOCTYPE c [<!ENTITY xxe SYSTEM \""
            + secret.toUri()
            + "\">]><CreateBucketConfiguration><LocationConstraint>&xxe;</LocationConstraint>"
            + "</CreateBucketConfiguration>";

    S3Stack.Answer answer = stack.send("PUT", "/entity-bucket", bytes(xml));

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.text()).contains("<Code>MalformedXML</Code>").doesNotContain("eu-west-1");
    assertThat(stack.s3().listBuckets().buckets()).hasSize(1);
  }

  @Test
  void subresourcesThisFakeDoesNotServeAreNotImplemented() {
    String[][] requests = {
      {"PUT", "/" + BUCKET + "?tagging"},
      {"PUT", "/" + BUCKET + "?versioning"},
      {"GET", "/" + BUCKET + "?policy"},
      {"GET", "/" + BUCKET + "/key?acl"},
      {"PUT", "/" + BUCKET + "/key?partNumber=1&uploadId=abc"},
      {"POST", "/" + BUCKET + "/key?uploads"},
      {"PATCH", "/" + BUCKET + "/key"},
    };

    for (String[] request : requests) {
      S3Stack.Answer answer = stack.send(request[0], request[1], bytes("<Tagging/>"));
      assertThat(answer.status()).as(request[0] + " " + request[1]).isEqualTo(501);
      assertThat(answer.text())
          .as(request[0] + " " + request[1])
          .contains(
              "<Code>NotImplemented</Code><Message>A header you provided implies functionality"
                  + " that is not implemented</Message>");
    }
    // None of them was taken for PutObject or CreateBucket.
    assertThat(stack.engine().objects(BUCKET)).isEmpty();
  }

  @Test
  void aPathOrQueryThatCannotBeDecodedIsInvalidUri() {
    S3Stack.Answer path = stack.send("GET", "/" + BUCKET + "/bad%zzkey");
    S3Stack.Answer query = stack.send("GET", "/" + BUCKET + "?list-type=2&prefix=%zz");

    assertThat(path.status()).isEqualTo(400);
    assertThat(path.text()).contains("<Code>InvalidURI</Code>");
    assertThat(query.status()).isEqualTo(400);
    assertThat(query.text()).contains("<Code>InvalidURI</Code>");
  }

  @Test
  void valuesOfTheWrongTypeAreInvalidArgument() {
    S3Stack.Answer maxKeys = stack.send("GET", "/" + BUCKET + "?list-type=2&max-keys=99999999999");
    S3Stack.Answer lock =
        stack.send(
            "PUT",
            "/locked-bucket",
            null,
            Map.of("Authorization", S3Stack.signed(), "x-amz-bucket-object-lock-enabled", "maybe"),
            new byte[0]);

    assertThat(maxKeys.status()).isEqualTo(400);
    assertThat(maxKeys.text())
        .contains(
            "<Code>InvalidArgument</Code><Message>Provided max-keys not an integer or within"
                + " integer range</Message>");
    assertThat(lock.status()).isEqualTo(400);
    assertThat(lock.text()).contains("<Code>InvalidArgument</Code>");
  }

  @Test
  void aKeyLongerThan1024BytesIsRefused() {
    String key = "k".repeat(1025);

    S3Exception error =
        assertAwsError(
            () -> stack.s3().putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromString("x")),
            S3Exception.class,
            "KeyTooLongError",
            400);

    assertThat(error.awsErrorDetails().errorMessage()).isEqualTo("Your key is too long");
  }

  @Test
  void writingIntoAMissingBucketIsNoSuchBucket() {
    assertAwsError(
        () ->
            stack
                .s3()
                .putObject(b -> b.bucket("nowhere-bucket").key("k"), RequestBody.fromString("x")),
        NoSuchBucketException.class,
        "NoSuchBucket",
        404);
    assertAwsError(
        () -> stack.s3().deleteObject(b -> b.bucket("nowhere-bucket").key("k")),
        NoSuchBucketException.class,
        "NoSuchBucket",
        404);
  }

  @Test
  void malformedConditionalDatesAreIgnoredAsS3IgnoresThem() {
    stack.s3().putObject(b -> b.bucket(BUCKET).key("dated"), RequestBody.fromString("x"));

    S3Stack.Answer answer =
        stack.send(
            "GET",
            "/" + BUCKET + "/dated",
            null,
            Map.of("Authorization", S3Stack.signed(), "If-Modified-Since", "yesterday-ish"),
            new byte[0]);

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.text()).isEqualTo("x");
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
