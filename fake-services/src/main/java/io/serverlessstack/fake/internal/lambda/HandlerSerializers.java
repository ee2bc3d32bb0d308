package io.serverlessstack.fake.internal.lambda;

import com.amazonaws.services.lambda.runtime.CustomPojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Type;
import java.util.Iterator;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How the Lambda Java runtime turns JSON into a handler's input and its output into JSON, with the
 * runtime's own library ({@code aws-lambda-java-serialization}) and in the runtime's order: a
 * {@link CustomPojoSerializer} the handler's class path provides, else the event serializers (with
 * their mix-ins: {@code Records}, {@code eventSourceARN}, …) for the classes of {@code
 * aws-lambda-java-events}, else plain Jackson for POJOs, strings, numbers and collections.
 */
final class HandlerSerializers {

  private final ClassLoader loader;
  private final CustomPojoSerializer custom;
  private final Map<Type, PojoSerializer<Object>> byType = new ConcurrentHashMap<>();

  HandlerSerializers(ClassLoader loader) {
    this.loader = loader;
    Iterator<CustomPojoSerializer> found =
        ServiceLoader.load(CustomPojoSerializer.class, loader).iterator();
    this.custom = found.hasNext() ? found.next() : null;
  }

  PojoSerializer<Object> forType(Type type) {
    return byType.computeIfAbsent(type, this::create);
  }

  @SuppressWarnings("unchecked")
  private PojoSerializer<Object> create(Type type) {
    if (custom != null) {
      return new CustomSerializer(custom, type);
    }
    if (type instanceof Class<?> clazz
        && LambdaEventSerializers.isLambdaSupportedEvent(clazz.getName())) {
      return LambdaEventSerializers.serializerFor((Class<Object>) clazz, loader);
    }
    return JacksonFactory.getInstance().getSerializer(type);
  }

  /** A user's own serializer, for one type. */
  private record CustomSerializer(CustomPojoSerializer serializer, Type type)
      implements PojoSerializer<Object> {

    @Override
    public Object fromJson(InputStream input) {
      return serializer.fromJson(input, type);
    }

    @Override
    public Object fromJson(String input) {
      return serializer.fromJson(input, type);
    }

    @Override
    public void toJson(Object value, OutputStream output) {
      serializer.toJson(value, output, type);
    }
  }
}
