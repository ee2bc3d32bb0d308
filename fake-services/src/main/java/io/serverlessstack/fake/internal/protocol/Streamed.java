package io.serverlessstack.fake.internal.protocol;

import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;

/**
 * A REST operation's input or output together with its streaming payload, which the SDK's model
 * class leaves out (the SDK hands it over as a {@code RequestBody} or a {@code
 * ResponseTransformer}): S3's {@code PutObject} body in, its {@code GetObject} body out. A {@link
 * RestBinding} hands an operation whose input streams a {@code Streamed} input, and writes a {@code
 * Streamed} output's body as the whole HTTP body, with its status when it has one (a {@code 206}
 * for part of an object).
 *
 * <p>It is an {@link SdkPojo} only so that it travels where operations' inputs and outputs travel;
 * its fields are its message's.
 *
 * @param <T> the model class of the message
 */
public final class Streamed<T extends SdkPojo> implements SdkPojo {

  private final T message;
  private final byte[] body;
  private final int status;

  private Streamed(T message, byte[] body, int status) {
    this.message = Objects.requireNonNull(message, "message");
    this.body = Objects.requireNonNull(body, "body");
    this.status = status;
  }

  /** {@code message} with {@code body}, answered with the operation's success status. */
  public static <T extends SdkPojo> Streamed<T> of(T message, byte[] body) {
    return new Streamed<>(message, body, 0);
  }

  /** The same message and body, answered with {@code status} (a 2xx). */
  public Streamed<T> withStatus(int status) {
    if (status < 200 || status > 299) {
      throw new IllegalArgumentException("Not a success status: " + status);
    }
    return new Streamed<>(message, body, status);
  }

  public T message() {
    return message;
  }

  /** The payload, not copied: whoever made it hands it over. */
  public byte[] body() {
    return body;
  }

  /** The status to answer with, or {@code 0} for the operation's success status. */
  public int status() {
    return status;
  }

  @Override
  public List<SdkField<?>> sdkFields() {
    return message.sdkFields();
  }

  @Override
  public String toString() {
    return "Streamed[" + message + ", " + body.length + " bytes]";
  }
}
