package io.serverlessstack.junit.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * System properties set for a while: {@link #close()} puts back what was there before, removing the
 * ones that were not set. Scopes must close in the reverse order they opened. Not API.
 */
public final class SystemPropertiesScope implements AutoCloseable {

  private final Map<String, String> previous;
  private boolean closed;

  private SystemPropertiesScope(Map<String, String> previous) {
    this.previous = previous;
  }

  /** Sets {@code values} and remembers what they replace. */
  public static SystemPropertiesScope set(Map<String, String> values) {
    Map<String, String> previous = new LinkedHashMap<>();
    values.forEach((name, value) -> previous.put(name, System.setProperty(name, value)));
    return new SystemPropertiesScope(previous);
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    previous.forEach(
        (name, value) -> {
          if (value == null) {
            System.clearProperty(name);
          } else {
            System.setProperty(name, value);
          }
        });
  }
}
