package io.serverlessstack.fake.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.serverlessstack.api.ResourceRef;
import io.serverlessstack.api.ResourceView;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * JSON for the server, on the Jackson relocated into this artifact: the admin API writes its
 * answers with it. The container module reads them with a Jackson of its own configured the same
 * way (ISO-8601 times, unknown properties ignored); the contract tests run one suite against both.
 * Not API.
 */
public final class Json {

  /** Built on first use: a mapper costs more to create than the whole stack's start. */
  private static final class Mapper {
    static final ObjectMapper INSTANCE =
        new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .addMixIn(ResourceView.class, ResourceViewJson.class);
  }

  /**
   * Every resource view's JSON carries its {@code ref} (service, type, name, ARN), so a client that
   * has no typed view for a resource still knows what it is.
   */
  private interface ResourceViewJson {
    @JsonProperty("ref")
    ResourceRef ref();
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
