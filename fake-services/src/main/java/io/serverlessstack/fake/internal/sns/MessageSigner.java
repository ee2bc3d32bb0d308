package io.serverlessstack.fake.internal.sns;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Signs the messages SNS sends to SQS and HTTP subscribers (Notification, SubscriptionConfirmation,
 * UnsubscribeConfirmation) the way Amazon SNS does, with a key of its own whose certificate the
 * stack serves at {@link #certificatePath()}, so that a consumer's real signature check passes.
 *
 * <p>The string to sign is the one AWS documents ("Verifying the signatures of Amazon SNS
 * messages") and its verifiers build: for each field of the type's list, in that order, the field's
 * name, a line feed, its value, a line feed; as UTF-8. A Notification signs Message, MessageId,
 * Subject (only when it has one), Timestamp, TopicArn, Type; the two confirmations sign Message,
 * MessageId, SubscribeURL, Timestamp, Token, TopicArn, Type. SignatureVersion 1 signs it with
 * SHA1withRSA, 2 with SHA256withRSA.
 */
public final class MessageSigner {

  private static final List<String> NOTIFICATION_FIELDS =
      List.of("Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type");
  private static final List<String> CONFIRMATION_FIELDS =
      List.of("Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type");

  // The certificate's subject: verifiers such as the AWS SDK's SnsMessageManager check that its
  // common name is SNS's signing host; the organization says whose it really is.
  private static final String COMMON_NAME = "sns.amazonaws.com";
  private static final String ORGANIZATION = "serverless-stack fake SNS (not Amazon)";
  // Every enveloped message is signed, and an RSA signature costs CPU that grows with the cube of
  // the key's size: 1024 bits sign about five times faster than 2048, which decides how fast a
  // topic fans out. Verifiers check the signature, not the key's size (the JDK, OpenSSL and the
  // AWS SDK's SnsMessageManager all accept 1024-bit RSA), and the key only lives in the test run.
  private static final int KEY_BITS = 1024;
  private static final Duration VALIDITY = Duration.ofDays(3650);

  private static final SecureRandom RANDOM = new SecureRandom();

  private final String certificatePath;
  private final Object keyLock = new Object();
  private volatile Keys keys;

  /**
   * A signer whose RSA key pair and self-signed certificate are created lazily on first use (key
   * generation must not slow the stack's start). Thread-safe.
   */
  public MessageSigner() {
    byte[] id = new byte[16];
    RANDOM.nextBytes(id);
    // AWS's certificate files are named SimpleNotificationService-<32 hex digits>.pem.
    this.certificatePath =
        "/_sns/SimpleNotificationService-" + HexFormat.of().formatHex(id) + ".pem";
  }

  /** The PEM of the certificate ("-----BEGIN CERTIFICATE-----..."). */
  public String certificatePem() {
    return keys().certificatePem();
  }

  /**
   * The path under the stack's base URL where the certificate is served, e.g. {@code
   * /_sns/SimpleNotificationService-<32 hex digits>.pem}. Constant per signer, and known without
   * creating the key.
   */
  public String certificatePath() {
    return certificatePath;
  }

  /**
   * Signs a message.
   *
   * @param fields the message's JSON fields by name (Type, MessageId, Message, Subject if any,
   *     Timestamp, TopicArn, SubscribeURL and Token for confirmations); others are ignored
   * @param signatureVersion "1" (SHA1withRSA) or "2" (SHA256withRSA), as the topic's {@code
   *     SignatureVersion} attribute says
   * @return the base64 of the signature, the message's {@code Signature} field
   * @throws IllegalArgumentException for another signature version, an unknown Type, or a missing
   *     field that the type signs
   */
  public String sign(Map<String, String> fields, String signatureVersion) {
    String algorithm = algorithm(signatureVersion);
    byte[] stringToSign = stringToSign(fields).getBytes(StandardCharsets.UTF_8);
    try {
      Signature signature = Signature.getInstance(algorithm);
      signature.initSign(keys().privateKey());
      signature.update(stringToSign);
      return Base64.getEncoder().encodeToString(signature.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot sign an SNS message with " + algorithm, e);
    }
  }

  private static String algorithm(String signatureVersion) {
    if ("1".equals(signatureVersion)) {
      return "SHA1withRSA";
    }
    if ("2".equals(signatureVersion)) {
      return "SHA256withRSA";
    }
    throw new IllegalArgumentException("Unknown SignatureVersion: " + signatureVersion);
  }

  private static String stringToSign(Map<String, String> fields) {
    String type = fields.get("Type");
    List<String> names;
    if ("Notification".equals(type)) {
      names = NOTIFICATION_FIELDS;
    } else if ("SubscriptionConfirmation".equals(type) || "UnsubscribeConfirmation".equals(type)) {
      names = CONFIRMATION_FIELDS;
    } else {
      throw new IllegalArgumentException("Cannot sign an SNS message of Type " + type);
    }
    StringBuilder text = new StringBuilder();
    for (String name : names) {
      String value = fields.get(name);
      if (value == null) {
        if (name.equals("Subject")) {
          continue; // a Notification signs its Subject only when it has one
        }
        throw new IllegalArgumentException("A " + type + " to sign has no " + name);
      }
      text.append(name).append('\n').append(value).append('\n');
    }
    return text.toString();
  }

  private Keys keys() {
    Keys created = keys;
    if (created == null) {
      synchronized (keyLock) {
        created = keys;
        if (created == null) {
          created = Keys.create();
          keys = created;
        }
      }
    }
    return created;
  }

  /** The key pair's private half and the certificate of its public half. */
  private record Keys(PrivateKey privateKey, String certificatePem) {

    static Keys create() {
      KeyPair pair;
      try {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(KEY_BITS, RANDOM);
        pair = generator.generateKeyPair();
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("Cannot create the SNS signing key", e);
      }
      // Validity on the system clock, not the stack's (which a test may move): consumers check it
      // against their own real time. A day back allows for clocks a little behind this one.
      Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
      BigInteger serial = new BigInteger(64, RANDOM).setBit(63);
      return new Keys(
          pair.getPrivate(),
          SigningCertificate.pem(
              SigningCertificate.selfSigned(
                  pair,
                  COMMON_NAME,
                  ORGANIZATION,
                  serial,
                  now.minus(Duration.ofDays(1)),
                  now.plus(VALIDITY))));
    }
  }
}
