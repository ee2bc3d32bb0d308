package io.serverlessstack.fake.internal.s3;

import static io.serverlessstack.fake.AwsErrors.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;

import io.serverlessstack.fake.S3Stack;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.EncodingType;
import software.amazon.awssdk.services.s3.model.ListObjectsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/** ListObjectsV2 and ListObjects as the SDK pages through them. */
class S3ListingTest {

  @RegisterExtension static final S3Stack stack = new S3Stack();

  private static final String BUCKET = "listing";

  private static final List<String> TREE =
      List.of(
          "photos/2006/jan/1.jpg",
          "photos/2006/feb/2.jpg",
          "photos/2007/x.jpg",
          "photos/readme.txt",
          "root.txt",
          "videos/a.mp4");

  private final S3Client s3 = stack.s3();

  @BeforeEach
  void createBucket() {
    s3.createBucket(b -> b.bucket(BUCKET));
  }

  private void put(List<String> keys) {
    for (String key : keys) {
      s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromString(key));
    }
  }

  @Test
  void keysAreListedInUtf8BinaryOrder() {
    // UTF-16 order would put the emoji (a surrogate pair) before the full-width letter.
    put(List.of("\uFF21", "😀", "é", "B", "a", "a/", "a0"));

    List<String> keys = keys(s3.listObjectsV2(b -> b.bucket(BUCKET)));

    assertThat(keys).containsExactly("B", "a", "a/", "a0", "é", "\uFF21", "😀");
  }

  @Test
  void aDelimiterRollsKeysUpIntoCommonPrefixes() {
    put(TREE);

    ListObjectsV2Response root = s3.listObjectsV2(b -> b.bucket(BUCKET).delimiter("/"));
    ListObjectsV2Response photos =
        s3.listObjectsV2(b -> b.bucket(BUCKET).prefix("photos/").delimiter("/"));

    assertThat(keys(root)).containsExactly("root.txt");
    assertThat(prefixes(root.commonPrefixes())).containsExactly("photos/", "videos/");
    assertThat(root.keyCount()).isEqualTo(3);
    assertThat(root.isTruncated()).isFalse();
    assertThat(root.delimiter()).isEqualTo("/");
    assertThat(root.name()).isEqualTo(BUCKET);
    assertThat(root.maxKeys()).isEqualTo(1000);
    assertThat(keys(photos)).containsExactly("photos/readme.txt");
    assertThat(prefixes(photos.commonPrefixes())).containsExactly("photos/2006/", "photos/2007/");
    assertThat(photos.prefix()).isEqualTo("photos/");
  }

  @Test
  void pagesOfMaxKeysCountKeysAndCommonPrefixesAndFollowTheirTokens() {
    put(TREE);

    List<ListObjectsV2Response> pages = new ArrayList<>();
    s3.listObjectsV2Paginator(b -> b.bucket(BUCKET).delimiter("/").maxKeys(1)).forEach(pages::add);
    List<ListObjectsV2Response> underPhotos = new ArrayList<>();
    s3.listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix("photos/").delimiter("/").maxKeys(2))
        .forEach(underPhotos::add);

    assertThat(pages).hasSize(3);
    assertThat(pages).allSatisfy(page -> assertThat(page.keyCount()).isEqualTo(1));
    assertThat(pages.get(0).isTruncated()).isTrue();
    assertThat(pages.get(1).continuationToken()).isEqualTo(pages.get(0).nextContinuationToken());
    assertThat(pages.get(2).isTruncated()).isFalse();
    assertThat(pages.get(2).nextContinuationToken()).isNull();
    assertThat(
            pages.stream()
                .flatMap(page -> page.commonPrefixes().stream())
                .map(CommonPrefix::prefix))
        .containsExactly("photos/", "videos/");
    assertThat(pages.stream().flatMap(page -> page.contents().stream()).map(S3Object::key))
        .containsExactly("root.txt");
    assertThat(underPhotos).hasSize(2);
    assertThat(prefixes(underPhotos.get(0).commonPrefixes()))
        .containsExactly("photos/2006/", "photos/2007/");
    assertThat(keys(underPhotos.get(1))).containsExactly("photos/readme.txt");
  }

  @Test
  void aThousandKeysAPageByDefault() {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 1_500; i++) {
      keys.add(String.format("many/%04d", i));
    }
    put(keys);

    ListObjectsV2Response first = s3.listObjectsV2(b -> b.bucket(BUCKET));
    List<String> all = new ArrayList<>();
    s3.listObjectsV2Paginator(b -> b.bucket(BUCKET)).contents().forEach(o -> all.add(o.key()));

    assertThat(first.keyCount()).isEqualTo(1000);
    assertThat(first.isTruncated()).isTrue();
    assertThat(all).isEqualTo(keys);
    assertThat(s3.listObjectsV2(b -> b.bucket(BUCKET).maxKeys(5000)).keyCount()).isEqualTo(1000);
  }

  @Test
  void startAfterAndMaxKeysZero() {
    put(TREE);

    ListObjectsV2Response after =
        s3.listObjectsV2(b -> b.bucket(BUCKET).startAfter("photos/2007/x.jpg"));
    ListObjectsV2Response none = s3.listObjectsV2(b -> b.bucket(BUCKET).maxKeys(0));

    assertThat(keys(after)).containsExactly("photos/readme.txt", "root.txt", "videos/a.mp4");
    assertThat(after.startAfter()).isEqualTo("photos/2007/x.jpg");
    assertThat(none.keyCount()).isZero();
    assertThat(none.contents()).isEmpty();
    assertThat(none.isTruncated()).isFalse();
  }

  @Test
  void objectsListedCarryTheirSizeETagAndTime() {
    s3.putObject(b -> b.bucket(BUCKET).key("sized"), RequestBody.fromString("12345"));

    S3Object listed = s3.listObjectsV2(b -> b.bucket(BUCKET).fetchOwner(true)).contents().get(0);

    assertThat(listed.size()).isEqualTo(5);
    assertThat(listed.eTag()).isEqualTo('"' + S3ObjectsTest.md5("12345".getBytes()) + '"');
    assertThat(listed.lastModified()).isEqualTo(stack.now());
    assertThat(listed.storageClassAsString()).isEqualTo("STANDARD");
    assertThat(listed.owner().id()).hasSize(64);
    assertThat(listed.checksumAlgorithmAsStrings()).containsExactly("CRC32");
    assertThat(s3.listObjectsV2(b -> b.bucket(BUCKET)).contents().get(0).owner()).isNull();
  }

  @Test
  void theXmlIsS3s() {
    put(List.of("a/1", "b & c"));

    S3Stack.Answer raw = stack.send("GET", "/" + BUCKET + "?list-type=2&delimiter=%2F");

    assertThat(raw.header("content-type")).isEqualTo("application/xml");
    assertThat(raw.text())
        .startsWith(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ListBucketResult"
                + " xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><IsTruncated>false</IsTruncated>"
                + "<Contents><Key>b &amp; c</Key><LastModified>2030-01-01T")
        .contains("<ETag>&quot;")
        .contains("<Size>5</Size><StorageClass>STANDARD</StorageClass></Contents>")
        .contains(
            "<Name>listing</Name><Prefix></Prefix><Delimiter>/</Delimiter><MaxKeys>1000</MaxKeys>")
        .contains("<CommonPrefixes><Prefix>a/</Prefix></CommonPrefixes>")
        .contains("<KeyCount>2</KeyCount>")
        .endsWith("</ListBucketResult>");
  }

  @Test
  void urlEncodedListingsAreDecodedByTheSdk() {
    put(List.of("with space/and+plus", "ü/x"));

    ListObjectsV2Response decoded =
        s3.listObjectsV2(b -> b.bucket(BUCKET).encodingType(EncodingType.URL).delimiter("/"));
    S3Stack.Answer raw =
        stack.send("GET", "/" + BUCKET + "?list-type=2&encoding-type=url&prefix=with%20space%2F");

    assertThat(prefixes(decoded.commonPrefixes())).containsExactly("with space/", "ü/");
    assertThat(raw.text())
        .contains("<Key>with%20space/and%2Bplus</Key>")
        .contains("<Prefix>with%20space/</Prefix>")
        .contains("<EncodingType>url</EncodingType>");
  }

  @Test
  void listObjectsVersionOnePagesWithMarkers() {
    put(TREE);

    ListObjectsResponse first = s3.listObjects(b -> b.bucket(BUCKET).delimiter("/").maxKeys(2));
    ListObjectsResponse second =
        s3.listObjects(b -> b.bucket(BUCKET).delimiter("/").marker(first.nextMarker()));
    ListObjectsResponse plain = s3.listObjects(b -> b.bucket(BUCKET).maxKeys(2));
    List<String> all = new ArrayList<>();
    s3.listObjects(b -> b.bucket(BUCKET)).contents().forEach(o -> all.add(o.key()));

    assertThat(prefixes(first.commonPrefixes())).containsExactly("photos/");
    assertThat(first.contents()).extracting(S3Object::key).containsExactly("root.txt");
    assertThat(first.isTruncated()).isTrue();
    assertThat(first.nextMarker()).isEqualTo("root.txt");
    assertThat(prefixes(second.commonPrefixes())).containsExactly("videos/");
    assertThat(second.isTruncated()).isFalse();
    assertThat(plain.isTruncated()).isTrue();
    assertThat(plain.nextMarker()).isNull(); // only delimited listings name the next marker
    assertThat(plain.contents().get(0).owner().id()).hasSize(64);
    assertThat(all).isEqualTo(TREE.stream().sorted().toList());
  }

  @Test
  void badListingArgumentsAreInvalidArgument() {
    S3Exception token =
        assertAwsError(
            () -> s3.listObjectsV2(b -> b.bucket(BUCKET).continuationToken("not-a-token")),
            S3Exception.class,
            "InvalidArgument",
            400);
    S3Exception negative =
        assertAwsError(
            () -> s3.listObjectsV2(b -> b.bucket(BUCKET).maxKeys(-1)),
            S3Exception.class,
            "InvalidArgument",
            400);
    S3Stack.Answer notANumber = stack.send("GET", "/" + BUCKET + "?list-type=2&max-keys=many");
    S3Stack.Answer encoding = stack.send("GET", "/" + BUCKET + "?list-type=2&encoding-type=base64");

    assertThat(token.awsErrorDetails().errorMessage())
        .isEqualTo("The continuation token provided is incorrect");
    assertThat(negative.awsErrorDetails().errorMessage())
        .isEqualTo("Argument maxKeys must be an integer between 0 and 2147483647");
    assertThat(notANumber.status()).isEqualTo(400);
    assertThat(notANumber.text())
        .contains("<Code>InvalidArgument</Code>")
        .contains("<ArgumentName>max-keys</ArgumentName><ArgumentValue>many</ArgumentValue>");
    assertThat(encoding.text())
        .contains("<Message>Invalid Encoding Method specified in Request</Message>");
  }

  private static List<String> keys(ListObjectsV2Response response) {
    return response.contents().stream().map(S3Object::key).toList();
  }

  private static List<String> prefixes(List<CommonPrefix> prefixes) {
    return prefixes.stream().map(CommonPrefix::prefix).toList();
  }
}
