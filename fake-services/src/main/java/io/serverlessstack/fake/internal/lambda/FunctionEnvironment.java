package io.serverlessstack.fake.internal.lambda;

import java.lang.reflect.Field;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a function's environment variables visible to its handler through {@link System#getenv}, as
 * they are on Lambda, without changing them for the rest of the JVM: the JDK's environment map is
 * wrapped, once, in a view that lays the variables of the invocation running on the current thread
 * (and threads it starts) over the process's own. Two functions running at once each see their own.
 *
 * <p>Wrapping needs {@code --add-opens java.base/java.lang=ALL-UNNAMED --add-opens
 * java.base/java.util=ALL-UNNAMED}. Without them handlers see only the process's environment, and
 * the first function with variables of its own logs how to turn this on.
 */
final class FunctionEnvironment {

  private static final Logger LOG = LoggerFactory.getLogger(FunctionEnvironment.class);

  private static final InheritableThreadLocal<Map<String, String>> CURRENT =
      new InheritableThreadLocal<>();

  private static final boolean INSTALLED = install();

  private static volatile boolean warned;

  /** The variables Lambda sets itself, which every function has: no reason to warn about them. */
  static final Set<String> LAMBDAS_OWN =
      Set.of(
          "AWS_LAMBDA_FUNCTION_NAME",
          "AWS_LAMBDA_FUNCTION_VERSION",
          "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
          "AWS_LAMBDA_LOG_GROUP_NAME",
          "AWS_REGION",
          "AWS_DEFAULT_REGION",
          "AWS_EXECUTION_ENV",
          "_HANDLER");

  private FunctionEnvironment() {}

  /** Whether {@link System#getenv} shows functions' variables in this JVM. */
  static boolean visible() {
    return INSTALLED;
  }

  /**
   * Runs {@code body} with {@code variables} laid over the process's environment on this thread.
   */
  static <T, E extends Throwable> T with(Map<String, String> variables, Body<T, E> body) throws E {
    if (!INSTALLED && !warned && !LAMBDAS_OWN.containsAll(variables.keySet())) {
      warned = true;
      LOG.warn(
          "Handlers cannot see their functions' environment variables through System.getenv in"
              + " this JVM; run it with --add-opens java.base/java.lang=ALL-UNNAMED --add-opens"
              + " java.base/java.util=ALL-UNNAMED (Surefire: <argLine>) to let them");
    }
    Map<String, String> before = CURRENT.get();
    CURRENT.set(variables);
    try {
      return body.run();
    } finally {
      CURRENT.set(before);
    }
  }

  /** Code run with a function's environment. */
  @FunctionalInterface
  interface Body<T, E extends Throwable> {
    T run() throws E;
  }

  /**
   * Replaces the map behind {@code System.getenv()}'s unmodifiable view by {@link Overlay}; {@code
   * System.getenv(name)} reads the same view on every platform the JDK supports.
   */
  @SuppressWarnings("unchecked")
  private static boolean install() {
    try {
      Class<?> processEnvironment = Class.forName("java.lang.ProcessEnvironment");
      Field view = processEnvironment.getDeclaredField("theUnmodifiableEnvironment");
      view.setAccessible(true);
      Object unmodifiable = view.get(null);
      Field inner = Class.forName("java.util.Collections$UnmodifiableMap").getDeclaredField("m");
      inner.setAccessible(true);
      Map<String, String> process = (Map<String, String>) inner.get(unmodifiable);
      if (!(process instanceof Overlay)) {
        inner.set(unmodifiable, new Overlay(process));
      }
      return true;
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.debug("System.getenv stays the process's own: {}", e.toString());
      return false;
    }
  }

  /** The process's environment with the current invocation's variables over it. */
  private static final class Overlay extends AbstractMap<String, String> {
    private final Map<String, String> process;

    Overlay(Map<String, String> process) {
      this.process = process;
    }

    @Override
    public String get(Object key) {
      Map<String, String> function = CURRENT.get();
      if (function != null && function.containsKey(key)) {
        return function.get(key);
      }
      return process.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
      Map<String, String> function = CURRENT.get();
      return (function != null && function.containsKey(key)) || process.containsKey(key);
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
      Map<String, String> function = CURRENT.get();
      if (function == null || function.isEmpty()) {
        return process.entrySet();
      }
      Map<String, String> merged = new HashMap<>(process);
      merged.putAll(function);
      return Collections.unmodifiableMap(merged).entrySet();
    }
  }
}
