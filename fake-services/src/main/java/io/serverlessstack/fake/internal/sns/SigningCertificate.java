package io.serverlessstack.fake.internal.sns;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;

/**
 * A self-signed X.509 certificate for an RSA key pair, as SNS publishes its signing certificate.
 *
 * <p>The JDK can parse certificates but has no public API to build one, and BouncyCastle would add
 * megabytes (and signed provider jars) to the shaded server for this one structure. So the DER is
 * written here: an RFC 5280 version 1 certificate (no extensions, which verifiers do not need)
 * whose public key block is the JDK's own encoding and whose signature is the JDK's SHA256withRSA.
 * The JDK's {@link CertificateFactory} parses the result, so a malformed encoding fails at once
 * rather than at a consumer.
 */
final class SigningCertificate {

  // DER tags (X.690).
  private static final int INTEGER = 0x02;
  private static final int BIT_STRING = 0x03;
  private static final int NULL = 0x05;
  private static final int OBJECT_IDENTIFIER = 0x06;
  private static final int UTF8_STRING = 0x0c;
  private static final int UTC_TIME = 0x17;
  private static final int GENERALIZED_TIME = 0x18;
  private static final int SEQUENCE = 0x30;
  private static final int SET = 0x31;

  // Content octets of the object identifiers used: 1.2.840.113549.1.1.11, 2.5.4.3, 2.5.4.10.
  private static final byte[] SHA256_WITH_RSA = {
    (byte) 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x0b
  };
  private static final byte[] COMMON_NAME = {0x55, 0x04, 0x03};
  private static final byte[] ORGANIZATION = {0x55, 0x04, 0x0a};

  // RFC 5280 4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050 on; both in UTC, to seconds.
  private static final DateTimeFormatter UTC_TIME_FORMAT =
      DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter GENERALIZED_TIME_FORMAT =
      DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final Instant FIRST_GENERALIZED_TIME = Instant.parse("2050-01-01T00:00:00Z");

  private SigningCertificate() {}

  /**
   * Issues a certificate for {@code keys} signed by their own private key, with subject and issuer
   * {@code CN=commonName, O=organization}.
   *
   * @param serial a positive serial number
   */
  static X509Certificate selfSigned(
      KeyPair keys,
      String commonName,
      String organization,
      BigInteger serial,
      Instant notBefore,
      Instant notAfter) {
    if (serial.signum() <= 0) {
      throw new IllegalArgumentException("serial must be positive: " + serial);
    }
    byte[] algorithm = der(SEQUENCE, der(OBJECT_IDENTIFIER, SHA256_WITH_RSA), der(NULL));
    byte[] name =
        der(
            SEQUENCE,
            der(SET, der(SEQUENCE, der(OBJECT_IDENTIFIER, COMMON_NAME), utf8(commonName))),
            der(SET, der(SEQUENCE, der(OBJECT_IDENTIFIER, ORGANIZATION), utf8(organization))));
    // Version 1 is the default and so left out (RFC 5280 4.1.2.1); the public key's getEncoded()
    // is already a DER SubjectPublicKeyInfo.
    byte[] toBeSigned =
        der(
            SEQUENCE,
            der(INTEGER, serial.toByteArray()),
            algorithm,
            name,
            der(SEQUENCE, time(notBefore), time(notAfter)),
            name,
            keys.getPublic().getEncoded());
    try {
      Signature signer = Signature.getInstance("SHA256withRSA");
      signer.initSign(keys.getPrivate());
      signer.update(toBeSigned);
      byte[] signature = signer.sign();
      byte[] bits = new byte[signature.length + 1]; // leading 0: no unused bits in the last octet
      System.arraycopy(signature, 0, bits, 1, signature.length);
      byte[] certificate = der(SEQUENCE, toBeSigned, algorithm, der(BIT_STRING, bits));
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(new ByteArrayInputStream(certificate));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot create the SNS signing certificate", e);
    }
  }

  /** The certificate as PEM: base64 in 64-character lines, each ended by a line feed. */
  static String pem(X509Certificate certificate) {
    try {
      // A line feed, not the MIME default CRLF: the AWS SDK's SnsMessageManager rejects CRLF.
      String body =
          Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(certificate.getEncoded());
      return "-----BEGIN CERTIFICATE-----\n" + body + "\n-----END CERTIFICATE-----\n";
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot encode the SNS signing certificate", e);
    }
  }

  private static byte[] time(Instant instant) {
    return instant.isBefore(FIRST_GENERALIZED_TIME)
        ? der(UTC_TIME, ascii(UTC_TIME_FORMAT.format(instant)))
        : der(GENERALIZED_TIME, ascii(GENERALIZED_TIME_FORMAT.format(instant)));
  }

  private static byte[] utf8(String text) {
    return der(UTF8_STRING, text.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  /** One DER element: tag, definite length, then the concatenated contents. */
  private static byte[] der(int tag, byte[]... contents) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (byte[] content : contents) {
      body.writeBytes(content);
    }
    ByteArrayOutputStream element = new ByteArrayOutputStream();
    element.write(tag);
    int length = body.size();
    if (length < 0x80) {
      element.write(length);
    } else {
      // Long form: 0x80 | number of length octets, then the length big-endian, minimal.
      int octets = (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
      element.write(0x80 | octets);
      for (int shift = (octets - 1) * 8; shift >= 0; shift -= 8) {
        element.write(length >>> shift);
      }
    }
    element.writeBytes(body.toByteArray());
    return element.toByteArray();
  }
}
