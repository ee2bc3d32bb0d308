package io.serverlessstack.testcontainers.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * JSON for this module, on the Jackson relocated into its artifact: the remote inspector reads the
 * admin API's answers with it and the image build writes the image config. Configured as the
 * server's own, which writes those answers (ISO-8601 times, unknown properties ignored, so a newer
 * server's additions do not break an older client). Not API.
 */
public final class Json {

  /** Built on first use: a mapper is costly to create, and most runs never inspect remotely. */
  private static final class Mapper {
    static final ObjectMapper INSTANCE =
        new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  }

  private Json() {}

  /** The JSON of plain values: records, maps, lists, strings, numbers, times. */
  public static byte[] write(Object value) {
    try {
      return Mapper.INSTANCE.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Not serialisable as JSON: " + value.getClass(), e);
    }
  }

  /** JSON read as one value of the given type. */
  public static <T> T read(byte[] json, Class<T> type) {
    try {
      return Mapper.INSTANCE.readValue(json, type);
    } catch (IOException e) {
      throw new UncheckedIOException("Unreadable JSON", e);
    }
  }

  /** An already-read value (a map from {@link #readList}, say) as the given type. */
  public static <T> T convert(Object value, Class<T> type) {
    try {
      return Mapper.INSTANCE.convertValue(value, type);
    } catch (IllegalArgumentException e) {
      throw new UncheckedIOException(
          "Unreadable JSON as " + type.getSimpleName(), new IOException(e));
    }
  }

  /** JSON read as a list of values of the given type. */
  public static <T> List<T> readList(byte[] json, Class<T> element) {
    try {
      return Mapper.INSTANCE.readValue(
          json, Mapper.INSTANCE.getTypeFactory().constructCollectionType(List.class, element));
    } catch (IOException e) {
      throw new UncheckedIOException("Unreadable JSON", e);
    }
  }
}
