package io.serverlessstack.fake.internal.s3;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One stored object: its bytes and what S3 keeps beside them. Immutable: its content is never
 * written after the object is made, and is handed out as it is, so readers must not write it
 * either.
 *
 * @param etag the quoted lowercase hex MD5 of the content, as S3 answers it
 * @param lastModified when it was written, to the second, as S3 keeps it
 * @param contentType as given, or {@code binary/octet-stream}
 * @param contentEncoding as given, without {@code aws-chunked}; {@code null} if none
 * @param cacheControl as given, or {@code null}
 * @param contentDisposition as given, or {@code null}
 * @param contentLanguage as given, or {@code null}
 * @param expires the {@code Expires} header as given, or {@code null}
 * @param metadata the user metadata, {@code x-amz-meta-*} without the prefix, names in lower case
 * @param checksum the checksum the writer sent, or {@code null}
 */
public record StoredObject(
    String key,
    byte[] content,
    String etag,
    Instant lastModified,
    String contentType,
    String contentEncoding,
    String cacheControl,
    String contentDisposition,
    String contentLanguage,
    String expires,
    Map<String, String> metadata,
    Checksum checksum) {

  /** The content type S3 gives objects written without one. */
  public static final String DEFAULT_CONTENT_TYPE = "binary/octet-stream";

  /**
   * A checksum of the whole object, as its writer sent it.
   *
   * @param algorithm {@code CRC32}, {@code CRC32C}, {@code CRC64NVME}, {@code SHA1} or {@code
   *     SHA256}
   * @param value the checksum in base64, as in {@code x-amz-checksum-crc32}
   */
  public record Checksum(String algorithm, String value) {
    public Checksum {
      Objects.requireNonNull(algorithm, "algorithm");
      Objects.requireNonNull(value, "value");
    }
  }

  public StoredObject {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(etag, "etag");
    Objects.requireNonNull(lastModified, "lastModified");
    Objects.requireNonNull(contentType, "contentType");
    metadata = Map.copyOf(metadata);
  }

  public long size() {
    return content.length;
  }

  /** The same object under another key, written at {@code when}. */
  StoredObject copiedTo(String newKey, Instant when) {
    return new StoredObject(
        newKey,
        content,
        etag,
        when,
        contentType,
        contentEncoding,
        cacheControl,
        contentDisposition,
        contentLanguage,
        expires,
        metadata,
        checksum);
  }

  /** The same object with another checksum ({@code null} for none). */
  StoredObject withChecksum(Checksum other) {
    return new StoredObject(
        key,
        content,
        etag,
        lastModified,
        contentType,
        contentEncoding,
        cacheControl,
        contentDisposition,
        contentLanguage,
        expires,
        metadata,
        other);
  }

  @Override
  public String toString() {
    return "StoredObject[" + key + ", " + content.length + " bytes, " + contentType + "]";
  }
}
