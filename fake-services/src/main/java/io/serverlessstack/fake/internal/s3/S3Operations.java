package io.serverlessstack.fake.internal.s3;

import io.serverlessstack.fake.internal.protocol.AwsErrorException;
import io.serverlessstack.fake.internal.protocol.RestBinding;
import io.serverlessstack.fake.internal.protocol.RestXmlBinding;
import io.serverlessstack.fake.internal.protocol.Streamed;
import io.serverlessstack.fake.internal.server.AwsService;
import io.serverlessstack.fake.internal.server.RequestContext;
import io.serverlessstack.fake.internal.server.Scope;
import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallLocation;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.ChecksumType;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.CopyObjectResult;
import software.amazon.awssdk.services.s3.model.CreateBucketRequest;
import software.amazon.awssdk.services.s3.model.CreateBucketResponse;
import software.amazon.awssdk.services.s3.model.DeleteBucketRequest;
import software.amazon.awssdk.services.s3.model.DeleteBucketResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectsRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.DeletedObject;
import software.amazon.awssdk.services.s3.model.GetBucketLocationRequest;
import software.amazon.awssdk.services.s3.model.GetBucketLocationResponse;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadBucketRequest;
import software.amazon.awssdk.services.s3.model.HeadBucketResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListBucketsRequest;
import software.amazon.awssdk.services.s3.model.ListBucketsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.Owner;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Error;

/**
 * S3's operations over restXml: each decodes an SDK request, calls the {@link S3Engine} and builds
 * the SDK response; the XML is {@link RestXmlBinding}'s, generic over the SDK's model. What is S3's
 * own, and configured on the binding rather than written per operation:
 *
 * <ul>
 *   <li>the bucket: the SDK's URI templates leave it out (its endpoint rules place it in the host
 *       or the path), so the binding takes the {@code Bucket} label from a virtual-hosted host
 *       ({@link S3Addressing}) or the first path segment;
 *   <li>{@code PutObject} and {@code CopyObject} share {@code PUT /{Bucket}/{Key+}}: the {@code
 *       x-amz-copy-source} header tells them apart;
 *   <li>sub-resources ({@code ?acl}, {@code ?tagging}, {@code ?uploadId}, …) this fake does not
 *       serve are answered {@code 501 NotImplemented} rather than taken for the operation of the
 *       same path;
 *   <li>object bodies are streaming members, which the SDK's model classes leave out: {@code
 *       PutObject} gets its body as a {@link Streamed} input and {@code GetObject} answers with a
 *       {@link Streamed} output ({@code 206} for a range);
 *   <li>{@code aws-chunked} bodies, trailing checksums and {@code Content-MD5} are decoded and
 *       checked before the members are read ({@link S3Requests});
 *   <li>the response root elements ({@code ListBucketResult}, …), which the SDK's model does not
 *       keep.
 * </ul>
 */
public final class S3Operations {

  static final String NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/";

  /**
   * Query parameters naming a sub-resource: a request with one reaches only an operation whose
   * template or input names it.
   */
  private static final Set<String> SUBRESOURCES =
      Set.of(
          "accelerate",
          "acl",
          "analytics",
          "attributes",
          "cors",
          "delete",
          "encryption",
          "intelligent-tiering",
          "inventory",
          "legal-hold",
          "lifecycle",
          "location",
          "logging",
          "metadataConfiguration",
          "metadataTable",
          "metrics",
          "notification",
          "object-lock",
          "ownershipControls",
          "partNumber",
          "policy",
          "policyStatus",
          "publicAccessBlock",
          "renameObject",
          "replication",
          "requestPayment",
          "restore",
          "retention",
          "select",
          "session",
          "tagging",
          "torrent",
          "uploadId",
          "uploads",
          "versionId",
          "versioning",
          "versions",
          "website");

  private static final String US_EAST_1 = "us-east-1";
  private static final int MAX_KEYS = 1000;
  private static final int MAX_KEY_BYTES = 1024;
  private static final int MAX_DELETE_OBJECTS = 1000;
  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");
  private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
  private static final Pattern IP_ADDRESS = Pattern.compile("\\d+\\.\\d+\\.\\d+\\.\\d+");
  private static final List<String> RESERVED_PREFIXES = List.of("xn--", "sthree-", "amzn-s3-demo-");
  private static final List<String> RESERVED_SUFFIXES =
      List.of("-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3");

  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
          .withZone(ZoneOffset.UTC);

  private final S3Engine engine;

  private S3Operations(S3Engine engine) {
    this.engine = engine;
  }

  /** S3 as the front door serves it. */
  public static AwsService service(S3Engine engine) {
    S3Operations ops = new S3Operations(engine);
    return AwsService.builder("s3")
        .engine(engine)
        .resets(engine::reset)
        .declares(S3Plugin.BUCKET, engine::declareBucket)
        .speaks(
            RestXmlBinding.restXml(NAMESPACE)
                .withHostLabel(new RestBinding.HostLabel("Bucket", S3Addressing::bucketOfHost))
                .withRouteHeader("CopyObject", "x-amz-copy-source")
                .withSubresources(SUBRESOURCES)
                .withRequestFilter(S3Requests::normalize)
                .withSuccessStatus("DeleteBucket", 204)
                .withSuccessStatus("DeleteObject", 204)
                .withResponseRoot("ListBuckets", "ListAllMyBucketsResult")
                .withResponseRoot("ListObjects", "ListBucketResult")
                .withResponseRoot("ListObjectsV2", "ListBucketResult")
                .withResponseRoot("DeleteObjects", "DeleteResult")
                .withResponseRoot("GetBucketLocation", "LocationConstraint"))
        .withErrors(new S3Errors())
        .operation("CreateBucket", CreateBucketRequest::builder, ops::createBucket)
        .operation("HeadBucket", HeadBucketRequest::builder, ops::headBucket)
        .operation("DeleteBucket", DeleteBucketRequest::builder, ops::deleteBucket)
        .operation("ListBuckets", ListBucketsRequest::builder, ops::listBuckets)
        .operation("GetBucketLocation", GetBucketLocationRequest::builder, ops::getBucketLocation)
        .operation("PutObject", PutObjectRequest::builder, ops::putObject)
        .operation("GetObject", GetObjectRequest::builder, ops::getObject)
        .operation("HeadObject", HeadObjectRequest::builder, ops::headObject)
        .operation("DeleteObject", DeleteObjectRequest::builder, ops::deleteObject)
        .operation("DeleteObjects", DeleteObjectsRequest::builder, ops::deleteObjects)
        .operation("CopyObject", CopyObjectRequest::builder, ops::copyObject)
        .operation("ListObjectsV2", ListObjectsV2Request::builder, ops::listObjectsV2)
        .operation("ListObjects", ListObjectsRequest::builder, ops::listObjects)
        .build();
  }

  // ---- buckets

  /**
   * Whether {@code name} follows the naming rules of general purpose buckets: 3 to 63 lower-case
   * letters, digits, dots and hyphens, a letter or digit first and last, no two dots in a row, not
   * an IP address, none of the reserved prefixes and suffixes.
   */
  static boolean isValidBucketName(String name) {
    if (name == null
        || !BUCKET_NAME.matcher(name).matches()
        || name.contains("..")
        || IP_ADDRESS.matcher(name).matches()) {
      return false;
    }
    for (String prefix : RESERVED_PREFIXES) {
      if (name.startsWith(prefix)) {
        return false;
      }
    }
    for (String suffix : RESERVED_SUFFIXES) {
      if (name.endsWith(suffix)) {
        return false;
      }
    }
    return true;
  }

  private CreateBucketResponse createBucket(CreateBucketRequest request, RequestContext context) {
    String name = request.bucket();
    if (!isValidBucketName(name)) {
      throw S3Errors.invalidBucketName(name);
    }
    String constraint =
        request.createBucketConfiguration() == null
            ? null
            : request.createBucketConfiguration().locationConstraintAsString();
    if (constraint != null && constraint.isEmpty()) {
      constraint = null;
    }
    String region = locationOf(context.region(), constraint);
    engine.createBucket(new Scope(context.accountId(), region), name);
    return CreateBucketResponse.builder().location("/" + name).build();
  }

  /**
   * The region a bucket is created in: its location constraint's, which must be the region the
   * request was sent to, except that us-east-1 takes any (its endpoint is S3's global one) but its
   * own, which it takes only unspecified.
   */
  private static String locationOf(String requestRegion, String constraint) {
    if (constraint == null) {
      if (!requestRegion.equals(US_EAST_1)) {
        throw S3Errors.illegalLocationConstraint(null);
      }
      return US_EAST_1;
    }
    String region = constraint.equals("EU") ? "eu-west-1" : constraint;
    if (region.equals(US_EAST_1) || !REGION.matcher(region).matches()) {
      throw S3Errors.invalidLocationConstraint(constraint);
    }
    if (!requestRegion.equals(US_EAST_1) && !requestRegion.equals(region)) {
      throw S3Errors.illegalLocationConstraint(constraint);
    }
    return region;
  }

  private HeadBucketResponse headBucket(HeadBucketRequest request, RequestContext context) {
    S3Engine.S3Bucket bucket = engine.bucket(context.scope(), request.bucket());
    return HeadBucketResponse.builder()
        .bucketRegion(bucket.scope.region())
        .accessPointAlias(false)
        .build();
  }

  private DeleteBucketResponse deleteBucket(DeleteBucketRequest request, RequestContext context) {
    engine.deleteBucket(context.scope(), request.bucket());
    return DeleteBucketResponse.builder().build();
  }

  private ListBucketsResponse listBuckets(ListBucketsRequest request, RequestContext context) {
    Integer max = request.maxBuckets();
    if (max != null && (max < 1 || max > 10_000)) {
      throw S3Errors.invalidArgument(
          "Argument max-buckets must be an integer between 1 and 10000",
          "max-buckets",
          max.toString());
    }
    String after =
        request.continuationToken() == null
            ? null
            : S3Listing.afterToken(request.continuationToken());
    List<Bucket> listed = new ArrayList<>();
    boolean truncated = false;
    for (S3Engine.S3Bucket bucket : engine.buckets(context.accountId())) {
      if ((request.prefix() != null && !bucket.name.startsWith(request.prefix()))
          || (request.bucketRegion() != null
              && !bucket.scope.region().equals(request.bucketRegion()))
          || (after != null && bucket.name.compareTo(after) <= 0)) {
        continue;
      }
      if (max != null && listed.size() == max) {
        truncated = true;
        break;
      }
      listed.add(
          Bucket.builder()
              .name(bucket.name)
              .creationDate(bucket.created)
              .bucketRegion(bucket.scope.region())
              .build());
    }
    return ListBucketsResponse.builder()
        .buckets(listed)
        .owner(owner(context.accountId()))
        .prefix(request.prefix())
        .continuationToken(truncated ? S3Listing.token(listed.get(listed.size() - 1).name()) : null)
        .build();
  }

  private GetBucketLocationResponse getBucketLocation(
      GetBucketLocationRequest request, RequestContext context) {
    String region = engine.bucketOfAccount(context.accountId(), request.bucket()).scope.region();
    // us-east-1 is the location constraint left out.
    return GetBucketLocationResponse.builder()
        .locationConstraint(region.equals(US_EAST_1) ? null : region)
        .build();
  }

  // ---- objects

  private PutObjectResponse putObject(Streamed<PutObjectRequest> input, RequestContext context) {
    PutObjectRequest request = input.message();
    byte[] content = input.body();
    checkKey(request.key());
    StoredObject.Checksum checksum =
        sentChecksum(
            Map.of(
                "CRC32", nullToEmpty(request.checksumCRC32()),
                "CRC32C", nullToEmpty(request.checksumCRC32C()),
                "CRC64NVME", nullToEmpty(request.checksumCRC64NVME()),
                "SHA1", nullToEmpty(request.checksumSHA1()),
                "SHA256", nullToEmpty(request.checksumSHA256())));
    StoredObject object =
        new StoredObject(
            request.key(),
            content,
            S3Engine.etag(content),
            engine.now(),
            request.contentType() == null
                ? StoredObject.DEFAULT_CONTENT_TYPE
                : request.contentType(),
            emptyToNull(request.contentEncoding()),
            request.cacheControl(),
            request.contentDisposition(),
            request.contentLanguage(),
            request.expires() == null ? null : HTTP_DATE.format(request.expires()),
            request.metadata(),
            checksum);
    engine.put(context.scope(), request.bucket(), object, request.ifMatch(), request.ifNoneMatch());
    PutObjectResponse.Builder response = PutObjectResponse.builder().eTag(object.etag());
    if (checksum != null) {
      setHeaders(
          response,
          Map.of(
              S3Checksums.header(checksum.algorithm()),
              checksum.value(),
              "x-amz-checksum-type",
              ChecksumType.FULL_OBJECT.toString()));
    }
    return response.build();
  }

  private Streamed<GetObjectResponse> getObject(GetObjectRequest request, RequestContext context) {
    GetObjectResponse.Builder response = GetObjectResponse.builder();
    ObjectRead read = read(request, request.bucket(), request.key(), context, response);
    return read.answer(response.build(), read.body());
  }

  private Streamed<HeadObjectResponse> headObject(
      HeadObjectRequest request, RequestContext context) {
    HeadObjectResponse.Builder response = HeadObjectResponse.builder();
    ObjectRead read = read(request, request.bucket(), request.key(), context, response);
    return read.answer(response.build(), new byte[0]);
  }

  /** An object GetObject or HeadObject reads, and the range of it they answer, if any. */
  private record ObjectRead(StoredObject object, S3Conditions.Range range) {

    byte[] body() {
      return range == null
          ? object.content()
          : Arrays.copyOfRange(object.content(), (int) range.first(), (int) range.last() + 1);
    }

    <T extends SdkPojo> Streamed<T> answer(T message, byte[] body) {
      Streamed<T> answer = Streamed.of(message, body);
      return range == null ? answer : answer.withStatus(206);
    }
  }

  /**
   * What GetObject and HeadObject share, which is all but the body: the conditions, the range and
   * the object's headers. Their inputs and outputs are different classes with the same members on
   * the wire, so the members are read and set by their header and query names.
   */
  private ObjectRead read(
      SdkPojo request, String bucket, String key, RequestContext context, SdkPojo response) {
    StoredObject object = engine.get(context.scope(), bucket, key);
    String lastModified = HTTP_DATE.format(object.lastModified());
    S3Conditions.checkRead(
        object,
        (String) member(request, "If-Match"),
        (Instant) member(request, "If-Unmodified-Since"),
        (String) member(request, "If-None-Match"),
        (Instant) member(request, "If-Modified-Since"),
        lastModified);
    checkPartNumber((Integer) member(request, "partNumber"));
    S3Conditions.Range range = S3Conditions.range((String) member(request, "Range"), object.size());
    Instant expiresOverride = (Instant) member(request, "response-expires");
    Map<String, Object> headers = new HashMap<>();
    headers.put("accept-ranges", "bytes");
    headers.put("Last-Modified", object.lastModified());
    headers.put("ETag", object.etag());
    headers.put(
        "Content-Type", override(member(request, "response-content-type"), object.contentType()));
    headers.put(
        "Content-Encoding",
        override(member(request, "response-content-encoding"), object.contentEncoding()));
    headers.put(
        "Cache-Control",
        override(member(request, "response-cache-control"), object.cacheControl()));
    headers.put(
        "Content-Disposition",
        override(member(request, "response-content-disposition"), object.contentDisposition()));
    headers.put(
        "Content-Language",
        override(member(request, "response-content-language"), object.contentLanguage()));
    headers.put(
        "Expires", expiresOverride != null ? HTTP_DATE.format(expiresOverride) : object.expires());
    headers.put("x-amz-meta-", object.metadata());
    if (range == null) {
      headers.put("Content-Length", object.size());
      if (ChecksumMode.ENABLED.toString().equals(member(request, "x-amz-checksum-mode"))
          && object.checksum() != null) {
        headers.put(S3Checksums.header(object.checksum().algorithm()), object.checksum().value());
        headers.put("x-amz-checksum-type", ChecksumType.FULL_OBJECT.toString());
      }
    } else {
      headers.put("Content-Length", range.length());
      headers.put("Content-Range", range.contentRange());
    }
    setHeaders(response, headers);
    return new ObjectRead(object, range);
  }

  /** The value of the member of {@code pojo} at the header or query parameter {@code name}. */
  private static Object member(SdkPojo pojo, String name) {
    for (SdkField<?> field : pojo.sdkFields()) {
      if (field.locationName().equals(name)) {
        return field.getValueOrDefault(pojo);
      }
    }
    return null;
  }

  /**
   * Sets on an output's builder each header member whose header {@code headers} has a value of the
   * member's type (so of GetObject's two {@code Expires} members, the text one takes a text value).
   */
  private static void setHeaders(SdkPojo builder, Map<String, Object> headers) {
    for (SdkField<?> field : builder.sdkFields()) {
      Object value = headers.get(field.locationName());
      if (value != null
          && field.location() == MarshallLocation.HEADER
          && field.marshallingType().getTargetClass().isInstance(value)) {
        field.set(builder, value);
      }
    }
  }

  private DeleteObjectResponse deleteObject(DeleteObjectRequest request, RequestContext context) {
    engine.delete(context.scope(), request.bucket(), request.key());
    return DeleteObjectResponse.builder().build();
  }

  private DeleteObjectsResponse deleteObjects(
      DeleteObjectsRequest request, RequestContext context) {
    if (request.delete() == null
        || !request.delete().hasObjects()
        || request.delete().objects().isEmpty()
        || request.delete().objects().size() > MAX_DELETE_OBJECTS) {
      throw S3Errors.malformedXml();
    }
    engine.bucket(context.scope(), request.bucket()); // NoSuchBucket before anything
    boolean quiet = Boolean.TRUE.equals(request.delete().quiet());
    List<DeletedObject> deleted = new ArrayList<>();
    List<S3Error> errors = new ArrayList<>();
    for (ObjectIdentifier identifier : request.delete().objects()) {
      String key = identifier.key();
      if (key == null || key.isEmpty()) {
        throw S3Errors.malformedXml();
      }
      try {
        engine.delete(context.scope(), request.bucket(), key);
        if (!quiet) {
          deleted.add(DeletedObject.builder().key(key).versionId(identifier.versionId()).build());
        }
      } catch (AwsErrorException failed) {
        errors.add(
            S3Error.builder()
                .key(key)
                .versionId(identifier.versionId())
                .code(failed.code())
                .message(failed.getMessage())
                .build());
      }
    }
    return DeleteObjectsResponse.builder().deleted(deleted).errors(errors).build();
  }

  private CopyObjectResponse copyObject(CopyObjectRequest request, RequestContext context) {
    String[] source = copySource(copySourceHeader(request));
    String sourceBucket = source[0];
    String sourceKey = source[1];
    checkKey(request.destinationKey());
    StoredObject original = engine.get(context.scope(), sourceBucket, sourceKey);
    S3Conditions.checkCopySource(
        original,
        request.copySourceIfMatch(),
        request.copySourceIfUnmodifiedSince(),
        request.copySourceIfNoneMatch(),
        request.copySourceIfModifiedSince());
    String directive =
        request.metadataDirectiveAsString() == null ? "COPY" : request.metadataDirectiveAsString();
    if (!directive.equals("COPY") && !directive.equals("REPLACE")) {
      throw S3Errors.invalidArgument(
          "Unknown metadata directive.", "x-amz-metadata-directive", directive);
    }
    boolean toItself =
        sourceBucket.equals(request.destinationBucket())
            && sourceKey.equals(request.destinationKey());
    if (toItself
        && directive.equals("COPY")
        && request.storageClass() == null
        && request.checksumAlgorithm() == null) {
      throw S3Errors.invalidRequest(
          "This copy request is illegal because it is trying to copy an object to itself without"
              + " changing the object's metadata, storage class, website redirect location or"
              + " encryption attributes.");
    }
    StoredObject.Checksum checksum = original.checksum();
    String algorithm = request.checksumAlgorithmAsString();
    if (algorithm != null) {
      String value = S3Checksums.compute(algorithm, original.content());
      checksum = value == null ? null : new StoredObject.Checksum(algorithm, value);
    }
    Instant now = engine.now();
    StoredObject copy =
        directive.equals("COPY")
            ? original.copiedTo(request.destinationKey(), now).withChecksum(checksum)
            : new StoredObject(
                request.destinationKey(),
                original.content(),
                original.etag(),
                now,
                request.contentType() == null
                    ? StoredObject.DEFAULT_CONTENT_TYPE
                    : request.contentType(),
                emptyToNull(request.contentEncoding()),
                request.cacheControl(),
                request.contentDisposition(),
                request.contentLanguage(),
                request.expires() == null ? null : HTTP_DATE.format(request.expires()),
                request.metadata(),
                checksum);
    engine.put(
        context.scope(),
        request.destinationBucket(),
        copy,
        request.ifMatch(),
        request.ifNoneMatch());
    CopyObjectResult.Builder result =
        CopyObjectResult.builder().eTag(copy.etag()).lastModified(copy.lastModified());
    if (checksum != null) {
      result.checksumType(ChecksumType.FULL_OBJECT);
      switch (checksum.algorithm()) {
        case "CRC32" -> result.checksumCRC32(checksum.value());
        case "CRC32C" -> result.checksumCRC32C(checksum.value());
        case "CRC64NVME" -> result.checksumCRC64NVME(checksum.value());
        case "SHA1" -> result.checksumSHA1(checksum.value());
        default -> result.checksumSHA256(checksum.value());
      }
    }
    return CopyObjectResponse.builder().copyObjectResult(result.build()).build();
  }

  /**
   * The {@code x-amz-copy-source} header as sent. The SDK deprecates the member for its client-side
   * {@code SourceBucket} and {@code SourceKey}, which it turns into this header and never sends; on
   * the wire there is only the header.
   */
  @SuppressWarnings("deprecation")
  private static String copySourceHeader(CopyObjectRequest request) {
    return request.copySource();
  }

  /**
   * The source bucket and key of {@code x-amz-copy-source}: {@code bucket/key}, percent-encoded,
   * perhaps with a leading slash and a {@code ?versionId=}.
   */
  private static String[] copySource(String header) {
    String value = header == null ? "" : header.trim();
    int question = value.indexOf('?');
    if (question >= 0) {
      value = value.substring(0, question);
    }
    if (value.startsWith("/")) {
      value = value.substring(1);
    }
    int slash = value.indexOf('/');
    String bucket = slash <= 0 ? null : percentDecode(value.substring(0, slash));
    String key = slash <= 0 ? null : percentDecode(value.substring(slash + 1));
    if (bucket == null || key == null || key.isEmpty()) {
      throw S3Errors.invalidArgument(
          "Copy Source must mention the source bucket and key: sourcebucket/sourcekey",
          "x-amz-copy-source",
          header);
    }
    return new String[] {bucket, key};
  }

  private static String percentDecode(String text) {
    try {
      // A '+' is a '+' in a path, not a space as in a form.
      return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException malformed) {
      return null;
    }
  }

  // ---- listings

  private ListObjectsV2Response listObjectsV2(
      ListObjectsV2Request request, RequestContext context) {
    S3Engine.S3Bucket bucket = engine.bucket(context.scope(), request.bucket());
    int maxKeys = maxKeys(request.maxKeys());
    boolean url = urlEncoding(request.encodingTypeAsString());
    String after =
        request.continuationToken() != null
            ? S3Listing.afterToken(request.continuationToken())
            : emptyToNull(request.startAfter());
    S3Listing listing =
        S3Listing.of(bucket.objects(), request.prefix(), request.delimiter(), after, maxKeys);
    boolean owners = Boolean.TRUE.equals(request.fetchOwner());
    return ListObjectsV2Response.builder()
        .name(bucket.name)
        .prefix(encode(nullToEmpty(request.prefix()), url))
        .delimiter(encode(emptyToNull(request.delimiter()), url))
        .maxKeys(request.maxKeys() == null ? MAX_KEYS : request.maxKeys())
        .keyCount(listing.contents().size() + listing.commonPrefixes().size())
        .isTruncated(listing.truncated())
        .continuationToken(request.continuationToken())
        .nextContinuationToken(listing.truncated() ? S3Listing.token(listing.last()) : null)
        .startAfter(encode(request.startAfter(), url))
        .encodingType(request.encodingTypeAsString())
        .contents(contents(listing, owners ? context.accountId() : null, url))
        .commonPrefixes(commonPrefixes(listing, url))
        .build();
  }

  private ListObjectsResponse listObjects(ListObjectsRequest request, RequestContext context) {
    S3Engine.S3Bucket bucket = engine.bucket(context.scope(), request.bucket());
    int maxKeys = maxKeys(request.maxKeys());
    boolean url = urlEncoding(request.encodingTypeAsString());
    S3Listing listing =
        S3Listing.of(
            bucket.objects(),
            request.prefix(),
            request.delimiter(),
            emptyToNull(request.marker()),
            maxKeys);
    boolean delimited = request.delimiter() != null && !request.delimiter().isEmpty();
    return ListObjectsResponse.builder()
        .name(bucket.name)
        .prefix(encode(nullToEmpty(request.prefix()), url))
        .marker(encode(nullToEmpty(request.marker()), url))
        .delimiter(encode(emptyToNull(request.delimiter()), url))
        .maxKeys(request.maxKeys() == null ? MAX_KEYS : request.maxKeys())
        .isTruncated(listing.truncated())
        // S3 gives the next marker only to delimited listings; others go on from their last key.
        .nextMarker(listing.truncated() && delimited ? encode(listing.last(), url) : null)
        .encodingType(request.encodingTypeAsString())
        .contents(contents(listing, context.accountId(), url))
        .commonPrefixes(commonPrefixes(listing, url))
        .build();
  }

  private static int maxKeys(Integer requested) {
    if (requested == null) {
      return MAX_KEYS;
    }
    if (requested < 0) {
      throw S3Errors.invalidArgument(
          "Argument maxKeys must be an integer between 0 and 2147483647",
          "maxKeys",
          requested.toString());
    }
    return Math.min(requested, MAX_KEYS);
  }

  private static boolean urlEncoding(String encodingType) {
    if (encodingType == null) {
      return false;
    }
    if (!encodingType.equals("url")) {
      throw S3Errors.invalidArgument(
          "Invalid Encoding Method specified in Request", "encoding-type", encodingType);
    }
    return true;
  }

  /**
   * The listing's objects as the SDK's model has them.
   *
   * @param ownerAccount the account whose owner to name, or {@code null} for none
   */
  private static List<software.amazon.awssdk.services.s3.model.S3Object> contents(
      S3Listing listing, String ownerAccount, boolean url) {
    List<software.amazon.awssdk.services.s3.model.S3Object> contents = new ArrayList<>();
    for (StoredObject object : listing.contents()) {
      software.amazon.awssdk.services.s3.model.S3Object.Builder item =
          software.amazon.awssdk.services.s3.model.S3Object.builder()
              .key(encode(object.key(), url))
              .lastModified(object.lastModified())
              .eTag(object.etag())
              .size(object.size())
              .storageClass("STANDARD");
      if (object.checksum() != null) {
        item.checksumAlgorithm(ChecksumAlgorithm.fromValue(object.checksum().algorithm()))
            .checksumType(ChecksumType.FULL_OBJECT);
      }
      if (ownerAccount != null) {
        item.owner(owner(ownerAccount));
      }
      contents.add(item.build());
    }
    return contents;
  }

  private static List<CommonPrefix> commonPrefixes(S3Listing listing, boolean url) {
    List<CommonPrefix> prefixes = new ArrayList<>();
    for (String prefix : listing.commonPrefixes()) {
      prefixes.add(CommonPrefix.builder().prefix(encode(prefix, url)).build());
    }
    return prefixes;
  }

  /** The owner S3 names for an account: its canonical user id, 64 hex digits. */
  private static Owner owner(String accountId) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(accountId.getBytes(StandardCharsets.UTF_8));
      return Owner.builder().id(HexFormat.of().formatHex(digest)).build();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java platform", e);
    }
  }

  /**
   * {@code text} percent-encoded as S3's {@code encoding-type=url} answers: every UTF-8 byte but
   * unreserved characters and {@code /}; as it is when {@code url} is false or it is {@code null}.
   */
  static String encode(String text, boolean url) {
    if (!url || text == null) {
      return text;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() + 16);
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '_'
          || c == '.'
          || c == '~'
          || c == '/') {
        out.write(c);
      } else {
        byte[] escape = String.format("%%%02X", c).getBytes(StandardCharsets.US_ASCII);
        out.write(escape, 0, escape.length);
      }
    }
    return out.toString(StandardCharsets.US_ASCII);
  }

  // ---- helpers

  private static void checkKey(String key) {
    int bytes = key.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_KEY_BYTES) {
      throw S3Errors.error(400, "KeyTooLongError", "Your key is too long")
          .withDetail("Size", Integer.toString(bytes))
          .withDetail("MaxSizeAllowed", Integer.toString(MAX_KEY_BYTES));
    }
  }

  private static void checkPartNumber(Integer partNumber) {
    if (partNumber != null && partNumber != 1) {
      throw S3Errors.error(416, "InvalidPartNumber", "The requested partnumber is not satisfiable")
          .withDetail("PartNumberRequested", partNumber.toString())
          .withDetail("ActualPartCount", "1");
    }
  }

  /** The first checksum sent, in S3's order of preference; {@code null} if none was. */
  private static StoredObject.Checksum sentChecksum(Map<String, String> sent) {
    for (String algorithm : S3Checksums.ALGORITHMS) {
      String value = sent.get(algorithm);
      if (value != null && !value.isEmpty()) {
        return new StoredObject.Checksum(algorithm, value.trim());
      }
    }
    return null;
  }

  private static String override(Object requested, String stored) {
    return requested != null ? (String) requested : stored;
  }

  private static String nullToEmpty(String text) {
    return text == null ? "" : text;
  }

  private static String emptyToNull(String text) {
    return text == null || text.isEmpty() ? null : text;
  }
}
