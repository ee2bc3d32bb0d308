package io.serverlessstack.fake.internal.s3;

import java.util.Base64;
import java.util.List;
import java.util.Locale;
import software.amazon.awssdk.checksums.DefaultChecksumAlgorithm;
import software.amazon.awssdk.checksums.SdkChecksum;
import software.amazon.awssdk.checksums.spi.ChecksumAlgorithm;

/**
 * S3's flexible checksums ({@code x-amz-checksum-crc32} and its kin), computed with the SDK's own
 * implementations. CRC64NVME needs the AWS CRT, which the stack does not bring: such checksums are
 * kept and returned as sent, unverified.
 */
final class S3Checksums {

  /** The algorithms, as S3 names them, in the order S3 prefers them. */
  static final List<String> ALGORITHMS = List.of("CRC64NVME", "CRC32C", "CRC32", "SHA1", "SHA256");

  private static final String HEADER_PREFIX = "x-amz-checksum-";

  private S3Checksums() {}

  /** The header that carries {@code algorithm}'s checksum, e.g. {@code x-amz-checksum-crc32}. */
  static String header(String algorithm) {
    return HEADER_PREFIX + algorithm.toLowerCase(Locale.ROOT);
  }

  /**
   * {@code algorithm}'s checksum of {@code content} in base64, or {@code null} when the stack
   * cannot compute it (CRC64NVME without the AWS CRT).
   */
  static String compute(String algorithm, byte[] content) {
    ChecksumAlgorithm known = DefaultChecksumAlgorithm.fromValue(algorithm);
    SdkChecksum checksum;
    try {
      checksum = SdkChecksum.forAlgorithm(known);
    } catch (RuntimeException unavailable) {
      return null;
    }
    checksum.update(content, 0, content.length);
    return Base64.getEncoder().encodeToString(checksum.getChecksumBytes());
  }

  /** The number of bytes of {@code algorithm}'s checksums. */
  static int length(String algorithm) {
    return switch (algorithm) {
      case "CRC32", "CRC32C" -> 4;
      case "CRC64NVME" -> 8;
      case "SHA1" -> 20;
      default -> 32;
    };
  }

  /** Whether {@code value} is a base64 checksum of {@code algorithm}'s length. */
  static boolean wellFormed(String algorithm, String value) {
    try {
      return Base64.getDecoder().decode(value.trim()).length == length(algorithm);
    } catch (IllegalArgumentException notBase64) {
      return false;
    }
  }
}
