package io.serverlessstack.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.serverlessstack.api.JournalEvent;
import io.serverlessstack.api.S3Events;
import io.serverlessstack.fake.internal.protocol.AwsErrorException;
import io.serverlessstack.fake.internal.s3.S3Engine;
import io.serverlessstack.fake.internal.s3.StoredObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

/**
 * The S3 engine's Java API, as other services of the stack call it (Firehose writes objects) and
 * tests read it, beside what users read back with their own {@code S3Client}; the journal, resets
 * and declared buckets.
 */
class S3EngineApiTest {

  @RegisterExtension static final S3Stack stack = new S3Stack();

  @Test
  void anObjectWrittenThroughTheEngineIsReadBackWithTheSdk() {
    stack.s3().createBucket(b -> b.bucket("delivery"));
    byte[] records = "{\"id\":1}\n{\"id\":2}\n".getBytes(StandardCharsets.UTF_8);

    StoredObject stored =
        stack
            .engine()
            .putObject(
                "000000000000",
                "us-east-1",
                "delivery",
                "2030/01/01/00/stream-1",
                records,
                "application/json",
                "gzip");
    ResponseBytes<GetObjectResponse> read =
        stack.s3().getObjectAsBytes(b -> b.bucket("delivery").key("2030/01/01/00/stream-1"));

    assertThat(read.asByteArray()).isEqualTo(records);
    assertThat(read.response().contentType()).isEqualTo("application/json");
    assertThat(read.response().contentEncoding()).isEqualTo("gzip");
    assertThat(read.response().eTag()).isEqualTo(stored.etag());
    assertThat(stored.lastModified()).isEqualTo(stack.now());
    assertThat(stored.size()).isEqualTo(records.length);
  }

  @Test
  void theEngineWritesOnlyIntoABucketOfThatAccountAndRegion() {
    stack.s3().createBucket(b -> b.bucket("scoped"));
    S3Engine engine = stack.engine();
    byte[] bytes = {1, 2, 3};

    assertThatThrownBy(
            () -> engine.putObject("000000000000", "us-east-1", "absent", "k", bytes, null, null))
        .isInstanceOfSatisfying(
            AwsErrorException.class, error -> assertThat(error.code()).isEqualTo("NoSuchBucket"));
    assertThatThrownBy(
            () -> engine.putObject("111122223333", "us-east-1", "scoped", "k", bytes, null, null))
        .isInstanceOfSatisfying(
            AwsErrorException.class, error -> assertThat(error.code()).isEqualTo("NoSuchBucket"));
    assertThatThrownBy(
            () -> engine.putObject("000000000000", "eu-west-1", "scoped", "k", bytes, null, null))
        .isInstanceOfSatisfying(
            AwsErrorException.class,
            error -> assertThat(error.code()).isEqualTo("PermanentRedirect"));
    StoredObject untyped =
        engine.putObject("000000000000", "us-east-1", "scoped", "k", bytes, null, null);
    assertThat(untyped.contentType()).isEqualTo("binary/octet-stream");
    bytes[0] = 9; // the engine keeps its own copy
    assertThat(engine.objects("scoped").get(0).content()).containsExactly(1, 2, 3);
  }

  @Test
  void objectsListsABucketsKeysSizesAndContentInKeyOrder() {
    stack.s3().createBucket(b -> b.bucket("inspected"));
    stack.s3().putObject(b -> b.bucket("inspected").key("b"), RequestBody.fromString("bb"));
    stack.s3().putObject(b -> b.bucket("inspected").key("a"), RequestBody.fromString("a"));

    List<StoredObject> objects = stack.engine().objects("inspected");

    assertThat(objects).extracting(StoredObject::key).containsExactly("a", "b");
    assertThat(objects).extracting(StoredObject::size).containsExactly(1L, 2L);
    assertThat(new String(objects.get(1).content(), StandardCharsets.UTF_8)).isEqualTo("bb");
    assertThat(stack.engine().bucketNames("000000000000")).containsExactly("inspected");
    assertThatThrownBy(() -> stack.engine().objects("never-made"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("never-made");
  }

  @Test
  void bucketsAndObjectsWrittenAndDeletedAreJournaled() {
    stack.s3().createBucket(b -> b.bucket("journaled"));
    stack
        .s3()
        .putObject(
            b -> b.bucket("journaled").key("k").contentType("text/plain"),
            RequestBody.fromString("four"));
    stack.s3().deleteObject(b -> b.bucket("journaled").key("k"));
    stack.s3().deleteObject(b -> b.bucket("journaled").key("k")); // nothing to delete: no event
    stack.s3().deleteBucket(b -> b.bucket("journaled"));

    List<JournalEvent> events =
        stack.server().inspector().journal().stream()
            .filter(event -> event.service().equals(S3Events.SERVICE))
            .toList();

    assertThat(events)
        .extracting(JournalEvent::type)
        .containsExactly(
            S3Events.BUCKET_CREATED,
            S3Events.OBJECT_PUT,
            S3Events.OBJECT_DELETED,
            S3Events.BUCKET_DELETED);
    assertThat(events).allSatisfy(event -> assertThat(event.resource()).isEqualTo("journaled"));
    assertThat(events.get(0).resourceArn()).isEqualTo("arn:aws:s3:::journaled");
    assertThat(events.get(0).detail(S3Events.Details.REGION)).isEqualTo("us-east-1");
    JournalEvent put = events.get(1);
    assertThat(put.detail(S3Events.Details.KEY)).isEqualTo("k");
    assertThat(put.detail(S3Events.Details.SIZE)).isEqualTo("4");
    assertThat(put.detail(S3Events.Details.CONTENT_TYPE)).isEqualTo("text/plain");
    assertThat(put.detail(S3Events.Details.ETAG)).startsWith("\"").endsWith("\"");
    assertThat(events.get(2).detail(S3Events.Details.KEY)).isEqualTo("k");
  }

  @Test
  void resetEmptiesEverything() {
    stack.s3().createBucket(b -> b.bucket("to-reset"));
    stack.s3().putObject(b -> b.bucket("to-reset").key("k"), RequestBody.fromString("x"));

    stack.server().reset();

    assertThat(stack.s3().listBuckets().buckets()).isEmpty();
    assertThat(stack.engine().bucketNames("000000000000")).isEmpty();
    stack.s3().createBucket(b -> b.bucket("to-reset"));
    assertThat(stack.s3().listObjectsV2(b -> b.bucket("to-reset")).keyCount()).isZero();
  }

  @Test
  void aDeclaredBucketExistsFromTheStartAndComesBackEmptyAfterAReset() {
    try (ServerlessStackServer declared =
            ServerlessStackServer.builder().withServices("s3").withBucket("landing").start();
        var s3 = S3Clients.sync(declared)) {
      s3.putObject(b -> b.bucket("landing").key("k"), RequestBody.fromString("x"));

      declared.reset();

      assertThat(s3.listBuckets().buckets())
          .singleElement()
          .satisfies(bucket -> assertThat(bucket.name()).isEqualTo("landing"));
      assertThat(s3.listObjectsV2(b -> b.bucket("landing")).keyCount()).isZero();
      assertThat(declared.s3Engine().objects("landing")).isEmpty();
    }
    assertThatThrownBy(() -> ServerlessStackServer.builder().withBucket("Not_Valid").start())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Not_Valid");
  }

  @Test
  void concurrentWritersAllLandAndABucketIsDeletedOnlyEmpty() throws Exception {
    stack.s3().createBucket(b -> b.bucket("busy"));
    S3Engine engine = stack.engine();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> writes = new ArrayList<>();
      for (int writer = 0; writer < 8; writer++) {
        int w = writer;
        writes.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 200; i++) {
                    engine.putObject(
                        "000000000000",
                        "us-east-1",
                        "busy",
                        w + "/" + i,
                        new byte[] {1},
                        null,
                        null);
                  }
                }));
      }
      for (Future<?> write : writes) {
        write.get();
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(engine.objects("busy")).hasSize(1600);
    assertThat(stack.s3().listObjectsV2Paginator(b -> b.bucket("busy")).contents()).hasSize(1600);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> stack.s3().deleteBucket(b -> b.bucket("busy")))
        .isInstanceOf(software.amazon.awssdk.services.s3.model.S3Exception.class);
    assertThatThrownBy(() -> stack.s3().headBucket(b -> b.bucket("gone")))
        .isInstanceOf(NoSuchBucketException.class);
  }
}
