package io.serverlessstack.fake.internal.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns a handler into {@link HandlerCode} by the Lambda Java runtime's rules: a {@code Handler}
 * string ({@code com.example.Handler} for a class implementing {@link RequestHandler} or {@link
 * RequestStreamHandler}, {@code com.example.Handler::method} for any public method taking up to an
 * input, a {@link Context}, or streams), or a handler object the test built. The input type comes
 * from the handler's type parameters or the method's signature, and inputs and outputs go through
 * the runtime's own serializers ({@link HandlerSerializers}). Loading fails as the runtime's does,
 * with the messages and error types callers see on AWS.
 */
final class HandlerLoader {

  private static final byte[] JSON_NULL = "null".getBytes(StandardCharsets.US_ASCII);

  private HandlerLoader() {}

  /** Whether {@code handler} has the form of a handler string at all. */
  static boolean isValidHandlerString(String handler) {
    int colons = handler.lastIndexOf("::");
    String className = colons < 0 ? handler : handler.substring(0, colons);
    return !className.isEmpty() && (colons < 0 || colons + 2 < handler.length());
  }

  /** Loads the class a handler string names from {@code loader}, and its handler. */
  static HandlerCode load(String handler, ClassLoader loader) throws HandlerLoadException {
    if (!isValidHandlerString(handler)) {
      throw new HandlerLoadException("Invalid handler: `" + handler + "'", null, null);
    }
    int colons = handler.lastIndexOf("::");
    String className = colons < 0 ? handler : handler.substring(0, colons);
    String methodName = colons < 0 ? null : handler.substring(colons + 2);
    Class<?> clazz;
    try {
      clazz = Class.forName(className, true, loader);
    } catch (ClassNotFoundException e) {
      throw new HandlerLoadException("Class not found: " + className, e.getClass().getName(), e);
    } catch (LinkageError | RuntimeException e) {
      // The runtime reports the error itself, not its cause: a static initializer that throws is
      // an ExceptionInInitializerError, whose own message is empty.
      throw new HandlerLoadException(
          "Error loading class "
              + className
              + (e.getMessage() == null ? "" : ": " + e.getMessage()),
          e.getClass().getName(),
          e);
    }
    return methodName == null ? ofClass(clazz) : ofMethod(clazz, methodName);
  }

  /**
   * A handler object: a {@link RequestStreamHandler}, or a {@link RequestHandler} whose class names
   * its input and output types (a lambda expression does not: use {@link #of(RequestHandler,
   * Type)}).
   */
  static HandlerCode ofInstance(Object handler) throws HandlerLoadException {
    if (handler instanceof RequestStreamHandler stream) {
      return ofStreamHandler(stream);
    }
    if (handler instanceof RequestHandler<?, ?> request) {
      Type[] types = requestHandlerTypes(handler.getClass());
      return of(request, types[0], types[1], handler.getClass().getClassLoader());
    }
    throw new HandlerLoadException(
        "Class does not implement an appropriate handler interface: "
            + handler.getClass().getName(),
        null,
        null);
  }

  /** A request handler whose input type is given, e.g. a lambda expression. */
  @SuppressWarnings({"rawtypes", "unchecked"})
  static HandlerCode of(RequestHandler handler, Type inputType) {
    return of(handler, inputType, Object.class, loaderOf(handler));
  }

  /** A plain Java function from its input type to any output. */
  @SuppressWarnings({"rawtypes", "unchecked"})
  static HandlerCode ofFunction(Function function, Type inputType) {
    return of(
        (input, context) -> function.apply(input), inputType, Object.class, loaderOf(function));
  }

  private static ClassLoader loaderOf(Object handler) {
    ClassLoader loader = handler.getClass().getClassLoader();
    return loader != null ? loader : Thread.currentThread().getContextClassLoader();
  }

  private static HandlerCode ofClass(Class<?> clazz) throws HandlerLoadException {
    if (!RequestStreamHandler.class.isAssignableFrom(clazz)
        && !RequestHandler.class.isAssignableFrom(clazz)) {
      throw new HandlerLoadException(
          "Class does not implement an appropriate handler interface: " + clazz.getName(),
          null,
          null);
    }
    if (RequestHandler.class.isAssignableFrom(clazz)) {
      // Checked before the instance is built, as the runtime does.
      requestHandlerTypes(clazz);
    }
    return ofInstance(newInstance(clazz));
  }

  private static Object newInstance(Class<?> clazz) throws HandlerLoadException {
    Constructor<?> constructor;
    try {
      constructor = clazz.getConstructor();
    } catch (NoSuchMethodException e) {
      String why =
          clazz.getEnclosingClass() != null && !Modifier.isStatic(clazz.getModifiers())
              ? " cannot be instantiated because it is a non-static inner class"
              : " has no public zero-argument constructor";
      // The runtime throws these as plain Exceptions, and reports that as their type.
      throw new HandlerLoadException(
          "Class " + clazz.getName() + why, Exception.class.getName(), e);
    }
    try {
      return constructor.newInstance();
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new HandlerLoadException(messageOf(cause), cause.getClass().getName(), cause);
    } catch (ReflectiveOperationException e) {
      throw new HandlerLoadException(messageOf(e), e.getClass().getName(), e);
    }
  }

  /** The input and output types a class gives {@link RequestHandler}, searched breadth-first. */
  private static Type[] requestHandlerTypes(Class<?> clazz) throws HandlerLoadException {
    Type[] found = findTypeArguments(clazz);
    if (found == null) {
      throw new HandlerLoadException(
          "Class "
              + clazz.getName()
              + " does not implement RequestHandler with concrete type parameters",
          null,
          null);
    }
    for (Type type : found) {
      if (type instanceof TypeVariable<?> variable && unbounded(variable)) {
        throw new HandlerLoadException(
            "Class "
                + clazz.getName()
                + " does not implement RequestHandler with concrete type parameters: parameter "
                + variable
                + " has no upper bound.",
            null,
            null);
      }
    }
    return found;
  }

  private static boolean unbounded(TypeVariable<?> variable) {
    for (Type bound : variable.getBounds()) {
      if (!Object.class.equals(bound)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The actual type arguments of {@link RequestHandler} as {@code clazz} fixes them, following type
   * variables through generic superclasses and interfaces; {@code null} if it does not implement it
   * with type arguments.
   */
  private static Type[] findTypeArguments(Class<?> clazz) {
    record Step(Type type, Map<TypeVariable<?>, Type> bindings) {}
    Deque<Step> queue = new ArrayDeque<>();
    queue.add(new Step(clazz, Map.of()));
    while (!queue.isEmpty()) {
      Step step = queue.removeFirst();
      Class<?> raw;
      Map<TypeVariable<?>, Type> bindings = step.bindings();
      if (step.type() instanceof ParameterizedType parameterized) {
        raw = (Class<?>) parameterized.getRawType();
        Map<TypeVariable<?>, Type> next = new HashMap<>();
        TypeVariable<?>[] variables = raw.getTypeParameters();
        Type[] arguments = parameterized.getActualTypeArguments();
        for (int i = 0; i < variables.length; i++) {
          next.put(variables[i], resolve(arguments[i], bindings));
        }
        if (raw == RequestHandler.class) {
          Type[] resolved = new Type[arguments.length];
          for (int i = 0; i < arguments.length; i++) {
            resolved[i] = next.get(variables[i]);
          }
          return resolved;
        }
        bindings = next;
      } else if (step.type() instanceof Class<?> plain) {
        raw = plain;
        if (raw == RequestHandler.class) {
          return null; // the raw type: no type arguments
        }
      } else {
        continue;
      }
      for (Type parent : raw.getGenericInterfaces()) {
        queue.add(new Step(parent, bindings));
      }
      if (raw.getGenericSuperclass() != null) {
        queue.add(new Step(raw.getGenericSuperclass(), bindings));
      }
    }
    return null;
  }

  private static Type resolve(Type type, Map<TypeVariable<?>, Type> bindings) {
    return type instanceof TypeVariable<?> variable && bindings.containsKey(variable)
        ? bindings.get(variable)
        : type;
  }

  // ---- Handler::method

  /**
   * The method {@code name} of {@code clazz} the runtime would call: of the public methods of that
   * name, non-bridge before bridge, then the longest signature, a trailing {@link Context} counting
   * one more; the first whose signature the runtime supports.
   */
  private static HandlerCode ofMethod(Class<?> clazz, String name) throws HandlerLoadException {
    List<Method> candidates = new ArrayList<>();
    try {
      for (Method method : clazz.getMethods()) {
        if (method.getName().equals(name)) {
          candidates.add(method);
        }
      }
    } catch (NoClassDefFoundError e) {
      throw new HandlerLoadException(
          "Error loading method " + name + " on class " + clazz.getName(),
          e.getClass().getName(),
          e);
    }
    candidates.sort(
        Comparator.comparing(Method::isBridge)
            .thenComparing(HandlerLoader::weight, Comparator.reverseOrder()));
    for (Method method : candidates) {
      MethodShape shape = MethodShape.of(method);
      if (shape != null) {
        Object instance = Modifier.isStatic(method.getModifiers()) ? null : newInstance(clazz);
        return ofMethod(instance, method, shape, loaderOf(clazz));
      }
    }
    throw new HandlerLoadException(
        "No public method named "
            + name
            + " with appropriate method signature found on class "
            + clazz.getName(),
        null,
        null);
  }

  private static ClassLoader loaderOf(Class<?> clazz) {
    return clazz.getClassLoader() != null
        ? clazz.getClassLoader()
        : Thread.currentThread().getContextClassLoader();
  }

  private static int weight(Method method) {
    Class<?>[] parameters = method.getParameterTypes();
    int length = parameters.length;
    return length > 0 && parameters[length - 1] == Context.class ? length + 1 : length;
  }

  /** Which of the runtime's supported signatures a method has. */
  private enum MethodShape {
    NONE, // ()
    POJO, // (Input)
    CONTEXT, // (Context)
    POJO_CONTEXT, // (Input, Context)
    IN, // (InputStream)
    OUT, // (OutputStream)
    IN_OUT, // (InputStream, OutputStream)
    IN_CONTEXT, // (InputStream, Context)
    OUT_CONTEXT, // (OutputStream, Context)
    IN_OUT_CONTEXT; // (InputStream, OutputStream, Context)

    static MethodShape of(Method method) {
      Class<?>[] p = method.getParameterTypes();
      switch (p.length) {
        case 0:
          return NONE;
        case 1:
          return p[0] == InputStream.class
              ? IN
              : p[0] == OutputStream.class ? OUT : p[0] == Context.class ? CONTEXT : POJO;
        case 2:
          if (p[0] == OutputStream.class) {
            return p[1] == Context.class ? OUT_CONTEXT : null;
          }
          if (p[0] == Context.class) {
            return null;
          }
          if (p[0] == InputStream.class) {
            return p[1] == OutputStream.class ? IN_OUT : p[1] == Context.class ? IN_CONTEXT : null;
          }
          return p[1] == Context.class ? POJO_CONTEXT : null;
        case 3:
          return p[0] == InputStream.class && p[1] == OutputStream.class && p[2] == Context.class
              ? IN_OUT_CONTEXT
              : null;
        default:
          return null;
      }
    }

    boolean streams() {
      return this == IN
          || this == OUT
          || this == IN_OUT
          || this == IN_CONTEXT
          || this == OUT_CONTEXT
          || this == IN_OUT_CONTEXT;
    }
  }

  private static HandlerCode ofMethod(
      Object instance, Method method, MethodShape shape, ClassLoader loader) {
    if (shape.streams()) {
      return (event, context) -> {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Object[] args = new Object[method.getParameterCount()];
        int i = 0;
        if (shape == MethodShape.IN
            || shape == MethodShape.IN_OUT
            || shape == MethodShape.IN_CONTEXT
            || shape == MethodShape.IN_OUT_CONTEXT) {
          args[i++] = new ByteArrayInputStream(event);
        }
        if (shape == MethodShape.OUT
            || shape == MethodShape.IN_OUT
            || shape == MethodShape.OUT_CONTEXT
            || shape == MethodShape.IN_OUT_CONTEXT) {
          args[i++] = output;
        }
        if (i < args.length) {
          args[i] = context;
        }
        call(method, instance, args);
        return output.toByteArray();
      };
    }
    Type input =
        shape == MethodShape.POJO || shape == MethodShape.POJO_CONTEXT
            ? method.getGenericParameterTypes()[0]
            : null;
    boolean withContext = shape == MethodShape.CONTEXT || shape == MethodShape.POJO_CONTEXT;
    RequestHandler<Object, Object> adapter =
        (value, context) -> {
          Object[] args = new Object[method.getParameterCount()];
          int i = 0;
          if (input != null) {
            args[i++] = value;
          }
          if (withContext) {
            args[i] = context;
          }
          try {
            return call(method, instance, args);
          } catch (RuntimeException | Error e) {
            throw e;
          } catch (Throwable e) {
            throw new CheckedFromHandler(e);
          }
        };
    return of(adapter, input, method.getGenericReturnType(), loader);
  }

  private static Object call(Method method, Object instance, Object[] args) throws Throwable {
    try {
      return method.invoke(instance, args);
    } catch (InvocationTargetException e) {
      throw e.getCause() == null ? e : e.getCause();
    }
  }

  /** A checked exception a handler method threw, carried through {@link RequestHandler}. */
  private static final class CheckedFromHandler extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CheckedFromHandler(Throwable cause) {
      super(cause);
    }
  }

  private static HandlerCode ofStreamHandler(RequestStreamHandler handler) {
    return (event, context) -> {
      ByteArrayOutputStream output = new ByteArrayOutputStream();
      handler.handleRequest(new ByteArrayInputStream(event), output, context);
      return output.toByteArray();
    };
  }

  /**
   * A request handler with its input type ({@code null} for none) and output type, as the runtime
   * wraps one: JSON parsed into the input (failing as "An error occurred during JSON parsing"), the
   * handler called, the output written as JSON ({@code null} for {@code void}).
   */
  @SuppressWarnings({"rawtypes", "unchecked"})
  private static HandlerCode of(
      RequestHandler handler, Type inputType, Type outputType, ClassLoader loader) {
    HandlerSerializers serializers = new HandlerSerializers(loader);
    boolean noOutput = outputType == void.class || outputType == Void.class;
    return (event, context) -> {
      Object input = null;
      if (inputType != null) {
        try {
          PojoSerializer<Object> serializer = serializers.forType(inputType);
          input = serializer.fromJson(new ByteArrayInputStream(event));
        } catch (Throwable t) {
          throw new RuntimeException("An error occurred during JSON parsing", t);
        }
      }
      Object output;
      try {
        output = handler.handleRequest(input, context);
      } catch (CheckedFromHandler checked) {
        throw checked.getCause();
      }
      if (noOutput) {
        return JSON_NULL;
      }
      try {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Type type =
            outputType instanceof TypeVariable<?> || outputType == Object.class
                ? (output == null ? Object.class : output.getClass())
                : outputType;
        serializers.forType(type).toJson(output, bytes);
        return bytes.toByteArray();
      } catch (Throwable t) {
        throw new RuntimeException("An error occurred during JSON serialization of response", t);
      }
    };
  }

  private static String messageOf(Throwable t) {
    return t.getLocalizedMessage() == null ? t.getClass().getName() : t.getLocalizedMessage();
  }
}
