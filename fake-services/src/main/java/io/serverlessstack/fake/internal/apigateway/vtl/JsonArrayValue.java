package io.serverlessstack.fake.internal.apigateway.vtl;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.serverlessstack.fake.internal.stepfunctions.asl.JsonPaths;
import java.util.ArrayList;
import java.util.Collection;

/**
 * A JSON array as a template sees it: a list whose text is its compact JSON, as AWS renders arrays
 * that {@code $input.path} or {@code $util.parseJson} returned (objects, by contrast, render as
 * Java maps: {@code {a=1, b=[2]}}; AWS's recorded answers show both). Public only because Velocity
 * calls methods of public classes alone.
 */
public final class JsonArrayValue extends ArrayList<Object> {

  private static final long serialVersionUID = 1L;

  JsonArrayValue(int capacity) {
    super(capacity);
  }

  JsonArrayValue(Collection<?> elements) {
    super(elements);
  }

  /**
   * The number of elements; AWS's reference shows {@code $input.path('$.pets').count()} beside
   * {@code size()}.
   */
  public int count() {
    return size();
  }

  @Override
  public String toString() {
    try {
      return JsonPaths.MAPPER.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("An array of JSON values is always writable", e);
    }
  }
}
